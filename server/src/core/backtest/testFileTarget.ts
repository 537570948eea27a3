// Where a generated test case goes: appended to the rule file's test file (`foo_test.yml` next to `foo.yml`)
// when that file tests the rule file at the same evaluation interval and ends with its `tests:` list, else into
// a new file next to the rule file.
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver-types';
import { parseModelDuration } from '../ruletest/durations';
import { getValue, items, properties, propertyKey, propertyValue, toValue } from '../syntax/ast';
import { parseYaml } from '../syntax/parseYaml';
import { LineIndex } from '../text';

export interface TestFilePlace {
  file: string;
  create: boolean;
  /** Appending: the column of the `tests:` items' dashes, as spaces. */
  indent: string;
  /** Appending: a line break when the file does not end with one. */
  separator: string;
  insertAt?: Position;
}

/** Where to append a case to `text`, or undefined when it cannot take one as is. */
function appendPlace(text: string, ruleFile: string, stepMs: number): Omit<TestFilePlace, 'file' | 'create'> | undefined {
  const docs = parseYaml(text);
  const root = docs[0]?.root;
  if (docs.length !== 1 || docs[0].errors.length || root?.type !== 'object') {
    return undefined;
  }
  const props = properties(root);
  const last = props.at(-1);
  const tests = last && propertyKey(last) === 'tests' ? propertyValue(last) : undefined;
  const first = items(tests)[0];
  const lines = new LineIndex(text);
  if (!tests || tests.type !== 'array' || !first) {
    return undefined;
  }
  const dash = text.lastIndexOf('-', first.offset);
  if (dash < 0 || lines.positionAt(dash).line !== lines.positionAt(first.offset).line) {
    return undefined;
  }
  const ruleFiles = toValue(getValue(root, 'rule_files'));
  const names = Array.isArray(ruleFiles) ? ruleFiles.map(String) : [];
  if (!names.some((n) => path.normalize(n) === path.basename(ruleFile))) {
    return undefined;
  }
  const interval = toValue(getValue(root, 'evaluation_interval'));
  const parsed = parseModelDuration(typeof interval === 'string' ? interval : '1m');
  if (!('ms' in parsed) || parsed.ms !== stepMs) {
    return undefined;
  }
  const at = lines.positionAt(text.length);
  return { indent: ' '.repeat(lines.positionAt(dash).character), separator: text.endsWith('\n') || text === '' ? '' : '\n', insertAt: at };
}

export function testFileTarget(ruleFile: string, stepMs: number, readFile: (file: string) => string | undefined): TestFilePlace {
  const dir = path.dirname(ruleFile);
  const stem = path.basename(ruleFile).replace(/\.ya?ml$/i, '');
  const candidates = [`${stem}_test.yml`, `${stem}_test.yaml`, `${stem}_backtest_test.yml`, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${stem}_backtest_${n}_test.yml`)].map((n) => path.join(dir, n));
  const found = candidates.map((file) => ({ file, text: readFile(file) }));
  for (const { file, text } of found) {
    const place = text === undefined ? undefined : appendPlace(text, ruleFile, stepMs);
    if (place) {
      return { file, create: false, ...place };
    }
  }
  // `_test.yaml` is used when it exists; the name to create is `_test.yml`.
  const free = found.find(({ file, text }) => text === undefined && !file.endsWith('_test.yaml'));
  if (free) {
    return { file: free.file, create: true, indent: '  ', separator: '' };
  }
  return { file: path.join(dir, `${stem}_backtest_${Date.now()}_test.yml`), create: true, indent: '  ', separator: '' };
}
