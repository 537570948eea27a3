import * as path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { generateTestActions, type GenerateRuleTestArgs } from '../core/kinds/rules/generateTestLens';
import type { LanguageService } from '../core/languageService';
import { generateRuleTest } from '../core/ruletest/generateTest';
import { withOpenDocuments } from '../core/ruletest/openDocuments';
import { resolveRuleFiles } from '../core/ruletest/ruleFiles';
import { loadTestFile } from '../core/ruletest/testFile';
import { LineIndex } from '../core/text';
import { pathToUri, uriToPath } from '../core/uri';
import { nodeFileSystem } from '../node/nodeFs';
import { nodeRuleTestHost } from '../node/ruleTestHost';
import { collectFiles } from '../node/walk';
import { runSafe } from './runSafe';

/** The lens's or code action's arguments, or (from a command palette) the rule file and a position in a rule. */
export interface GenerateRuleTestParams {
  uri: string;
  alertname?: string;
  position?: Position;
}

export interface GenerateRuleTestResult {
  /** The test file written to; absent with `error`. */
  uri?: string;
  /** The edit to apply (creating the file when it is new) and where the new group is after it. */
  edit?: WorkspaceEdit;
  range?: Range;
  created?: boolean;
  /** Whether the alert fires with the generated input. */
  fires?: boolean;
  error?: string;
}

const YAML = /\.ya?ml$/i;
const MAX_FILES = 5000;

/**
 * `o11y/generateRuleTest`: a starter test for an alerting rule, added to the first rule-test file of the workspace
 * that loads the rule's file (one named after it preferred), else to a new `tests/<rule file>-test.yml` — beside
 * a `rules/` folder when the rule file is in one, else in the rule file's folder.
 */
export function registerGenerateRuleTest(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, root: string | undefined): void {
  const textOf = (file: string): string | undefined => documents.get(pathToUri(file))?.getText() ?? nodeFileSystem.readFile(file);
  const host = (): ReturnType<typeof nodeRuleTestHost> =>
    withOpenDocuments(
      nodeRuleTestHost(),
      new Map(
        documents
          .all()
          .map((d): [string | undefined, string] => [uriToPath(d.uri), d.getText()])
          .filter((e): e is [string, string] => e[0] !== undefined),
      ),
    );

  const testFileFor = (ruleFile: string): string => {
    const base = path.basename(ruleFile).replace(YAML, '');
    const version = service.currentSettings.versions.prometheus;
    const found: string[] = [];
    for (const file of root ? collectFiles([root]).files.filter((f) => YAML.test(f)).slice(0, MAX_FILES) : []) {
      const text = textOf(file);
      if (!text?.includes('rule_files') || !text.includes('tests')) {
        continue;
      }
      const loaded = loadTestFile(text, version);
      if (loaded.error === undefined && resolveRuleFiles(loaded.file.ruleFiles.map((r) => r.pattern), file, host()).files.some((f) => path.resolve(f) === ruleFile)) {
        found.push(file);
      }
    }
    const named = found.find((f) => path.basename(f).startsWith(base));
    const dir = path.dirname(ruleFile);
    return named ?? found[0] ?? path.join(path.basename(dir) === 'rules' ? path.dirname(dir) : dir, 'tests', `${base}-test.yml`);
  };

  /** The alertname given, or that of the alerting rule at `position` of the open rule file. */
  const alertnameOf = (args: GenerateRuleTestParams): string | undefined => {
    const doc = documents.get(args.uri);
    if (args.alertname || !args.position || !doc) {
      return args.alertname;
    }
    const action = generateTestActions(service.context(doc), doc.offsetAt(args.position))[0];
    return (action?.command?.arguments?.[0] as GenerateRuleTestArgs | undefined)?.alertname;
  };

  const generate = (args: GenerateRuleTestParams): GenerateRuleTestResult => {
    const alertname = alertnameOf(args);
    if (!alertname) {
      return { error: 'put the cursor on an alerting rule of a rule file to generate a test for it' };
    }
    const ruleFile = uriToPath(args.uri);
    if (!ruleFile) {
      return { error: 'only rule files saved on disk can be tested: rule_files name them by path' };
    }
    const testFile = testFileFor(path.resolve(ruleFile));
    const testText = nodeFileSystem.exists(testFile) ? textOf(testFile) : undefined;
    const version = service.currentSettings.versions.prometheus;
    const generated = generateRuleTest({ ruleFile: path.resolve(ruleFile), alertname, testFile, testText, host: host(), version });
    if ('error' in generated) {
      return { error: generated.error };
    }
    const uri = pathToUri(testFile);
    const before = new LineIndex(testText ?? '');
    const range = before.range(generated.edit.offset, generated.edit.length);
    const after = new LineIndex((testText ?? '').slice(0, generated.edit.offset) + generated.edit.text);
    const lead = generated.edit.text.length - generated.edit.text.replace(/^\n+/, '').length;
    const start = after.positionAt(generated.edit.offset + lead);
    const end = after.positionAt(generated.edit.offset + generated.edit.text.length);
    const textEdit = { range, newText: generated.edit.text };
    const edit: WorkspaceEdit = generated.created
      ? { documentChanges: [{ kind: 'create', uri, options: { ignoreIfExists: true } }, { textDocument: { uri, version: null }, edits: [textEdit] }] }
      : { changes: { [uri]: [textEdit] } };
    return { uri, edit, range: { start, end }, created: generated.created, fires: generated.fires };
  };

  connection.onRequest('o11y/generateRuleTest', (args: GenerateRuleTestParams, token) =>
    runSafe(connection, () => generate(args), { error: 'the test could not be generated; see the server log' }, 'generateRuleTest', token),
  );
}
