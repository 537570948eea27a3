import * as path from 'node:path';
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFileKind } from '../core/fileKind';
import type { LanguageService } from '../core/languageService';
import { runReport, type RuleTestRunResult } from '../core/ruletest/runReport';
import { listRuleTests, type RuleTestFileItem, type TestSelection } from '../core/ruletest/testTree';
import { parseYaml } from '../core/syntax/parseYaml';
import { pathToUri, uriToPath } from '../core/uri';
import { nodeFileSystem } from '../node/nodeFs';
import { RuleTestWorkerClient } from '../node/ruleTestWorkerClient';
import { collectFiles } from '../node/walk';
import { runSafe } from './runSafe';

export interface RuleTestsParams {
  /** One document; the whole workspace when absent. */
  uri?: string;
}

export interface RunRuleTestsParams extends TestSelection {
  uri: string;
}

const MAX_FILES = 5000;
const BATCH = 50;
const YAML = /\.ya?ml$/i;

/**
 * `o11y/ruleTests` lists the rule-test files of the workspace (or one document) with their test groups and cases;
 * `o11y/runRuleTests` runs a file, or some of its groups or one case, in a worker thread with the editor's unsaved
 * texts, and answers a cancellation at once.
 */
export function registerRuleTests(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, root: string | undefined): void {
  // The worker is its own bundle beside the server's (scripts/build.mjs).
  const workers = new RuleTestWorkerClient(path.join(__dirname, 'ruleTestWorker.js'));
  const version = (): string => service.currentSettings.versions.prometheus;

  /** The text of a file (the editor's when open) and whether it is a rule-test file. */
  const testFile = (file: string): { uri: string; text: string } | undefined => {
    const uri = pathToUri(file);
    const doc = documents.get(uri);
    if (doc) {
      return service.fileKind(doc) === 'ruleTests' ? { uri, text: doc.getText() } : undefined;
    }
    const text = nodeFileSystem.readFile(file);
    if (text === undefined || !text.includes('tests') || !text.includes('rule_files')) {
      return undefined;
    }
    const relPath = (root ? path.relative(root, file) : path.basename(file)).replace(/\\/g, '/');
    return detectFileKind(relPath, parseYaml(text), service.currentSettings.fileAssociations) === 'ruleTests' ? { uri, text } : undefined;
  };

  const list = async (params: RuleTestsParams, token: CancellationToken): Promise<{ files: RuleTestFileItem[] }> => {
    const one = params.uri !== undefined ? uriToPath(params.uri) : undefined;
    const files = params.uri !== undefined ? (one ? [one] : []) : root ? collectFiles([root]).files.filter((f) => YAML.test(f)).slice(0, MAX_FILES) : [];
    const out: RuleTestFileItem[] = [];
    for (let i = 0; i < files.length && !token.isCancellationRequested; i += BATCH) {
      for (const file of files.slice(i, i + BATCH)) {
        const found = testFile(file);
        if (found) {
          out.push(listRuleTests(found.uri, found.text, version()));
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { files: out };
  };

  const run = async (params: RunRuleTestsParams, token: CancellationToken): Promise<RuleTestRunResult> => {
    const file = uriToPath(params.uri);
    if (!file) {
      return failed(params.uri, 'only rule-test files saved on disk can be run: their rule_files are relative to the file');
    }
    const text = documents.get(params.uri)?.getText() ?? nodeFileSystem.readFile(file);
    if (text === undefined) {
      return failed(params.uri, `cannot read ${file}`);
    }
    const open = documents
      .all()
      .map((d): [string | undefined, string] => [uriToPath(d.uri), d.getText()])
      .filter((e): e is [string, string] => e[0] !== undefined);
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      const selection: TestSelection = { groups: params.groups, case: params.case };
      const outcome = await workers.run({ file, open: [...open, [file, text]], version: version(), selection }, abort.signal);
      if (outcome.kind === 'done') {
        return runReport(params.uri, text, outcome.result, version());
      }
      return failed(params.uri, outcome.kind === 'error' ? outcome.message : 'cancelled');
    } finally {
      subscription.dispose();
    }
  };

  connection.onRequest('o11y/ruleTests', (params: RuleTestsParams, token) => runSafe(connection, () => list(params ?? {}, token), { files: [] }, 'ruleTests', token));
  connection.onRequest('o11y/runRuleTests', (params: RunRuleTestsParams, token) =>
    runSafe(connection, () => run(params, token), failed(params?.uri ?? '', 'the rule tests could not be run; see the server log'), 'runRuleTests', token),
  );
}

function failed(uri: string, message: string): RuleTestRunResult {
  return { uri, status: 'error', durationMs: 0, errors: [{ message }], warnings: [], groups: [] };
}
