import * as path from 'node:path';
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFileKind } from '../core/fileKind';
import type { LanguageService } from '../core/languageService';
import { debugReport } from '../core/ruletest/debugReport';
import { runReport, type RuleTestRunResult } from '../core/ruletest/runReport';
import { listRuleTests, type RuleTestFileItem, type TestSelection } from '../core/ruletest/testTree';
import { parseYaml } from '../core/syntax/parseYaml';
import { pathToUri, uriToPath } from '../core/uri';
import { nodeFileSystem } from '../node/nodeFs';
import { RuleTestWorkerClient, type RuleTestOutcome } from '../node/ruleTestWorkerClient';
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
 * texts, and answers a cancellation at once; its failures become diagnostics of the test file. `o11y/debugRuleTest`
 * runs the same selection and answers with what the engine saw at each case's eval_time (debugReport.ts).
 */
export function registerRuleTests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  root: string | undefined,
  failuresChanged: (uri: string) => void,
): void {
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

  /** Runs the selection in the worker with the editor's texts; `observe` keeps what each case saw. */
  const execute = async (params: RunRuleTestsParams, token: CancellationToken, observe: boolean): Promise<{ text: string; outcome: RuleTestOutcome } | { error: string }> => {
    const file = uriToPath(params.uri);
    if (!file) {
      return { error: 'only rule-test files saved on disk can be run: their rule_files are relative to the file' };
    }
    const text = documents.get(params.uri)?.getText() ?? nodeFileSystem.readFile(file);
    if (text === undefined) {
      return { error: `cannot read ${file}` };
    }
    const open = documents
      .all()
      .map((d): [string | undefined, string] => [uriToPath(d.uri), d.getText()])
      .filter((e): e is [string, string] => e[0] !== undefined);
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      const selection: TestSelection = { groups: params.groups, case: params.case };
      return { text, outcome: await workers.run({ file, open: [...open, [file, text]], version: version(), selection, observe }, abort.signal) };
    } finally {
      subscription.dispose();
    }
  };

  const run = async (params: RunRuleTestsParams, token: CancellationToken): Promise<RuleTestRunResult> => {
    const done = await execute(params, token, false);
    if ('error' in done) {
      return failed(params.uri, done.error);
    }
    const { text, outcome } = done;
    if (outcome.kind === 'done') {
      // Failures become diagnostics of the test file, replacing those of what ran.
      if (service.ruleTestFailures.record(params.uri, text, outcome.result)) {
        failuresChanged(params.uri);
      }
      return runReport(params.uri, text, outcome.result, version());
    }
    return failed(params.uri, outcome.kind === 'error' ? outcome.message : 'cancelled');
  };

  /** `o11y/debugRuleTest`: the selection run again, answered with what the engine saw as text. */
  const debug = async (params: RunRuleTestsParams, token: CancellationToken): Promise<{ text: string }> => {
    const done = await execute(params, token, true);
    const file = uriToPath(params.uri);
    const relPath = file ? (root ? path.relative(root, file) : path.basename(file)).replace(/\\/g, '/') : params.uri;
    if ('error' in done) {
      return { text: `# Debug output of ${relPath}\n\n${done.error}\n` };
    }
    if (done.outcome.kind !== 'done') {
      return { text: `# Debug output of ${relPath}\n\n${done.outcome.kind === 'error' ? done.outcome.message : 'cancelled'}\n` };
    }
    return { text: debugReport(done.outcome.result, done.text, relPath, version()) };
  };

  connection.onRequest('o11y/ruleTests', (params: RuleTestsParams, token) => runSafe(connection, () => list(params ?? {}, token), { files: [] }, 'ruleTests', token));
  connection.onRequest('o11y/debugRuleTest', (params: RunRuleTestsParams, token) =>
    runSafe(connection, () => debug(params, token), { text: 'The rule tests could not be run; see the server log.\n' }, 'debugRuleTest', token),
  );
  connection.onRequest('o11y/runRuleTests', (params: RunRuleTestsParams, token) =>
    runSafe(connection, () => run(params, token), failed(params?.uri ?? '', 'the rule tests could not be run; see the server log'), 'runRuleTests', token),
  );
}

function failed(uri: string, message: string): RuleTestRunResult {
  return { uri, status: 'error', durationMs: 0, errors: [{ message }], warnings: [], groups: [] };
}
