import * as nodePath from 'node:path';
import { memoByText } from '../../memo';
import { getValue, items, properties, propertyKey, propertyValue, type AstNode } from '../../syntax/ast';
import { parseYaml } from '../../syntax/parseYaml';
import { LineIndex } from '../../text';
import type { DocumentContext } from '../context';
import { ruleGroups } from '../rules/validate';
import { scalarText } from './positions';

/** An alerting rule of a rule file under test, as hover and completion show it. */
export interface AlertingRule {
  name: string;
  group: string;
  expr: string;
  for?: string;
  keepFiringFor?: string;
  labels: [string, string][];
  /** Path of the rule file, relative to the test file's folder. */
  file: string;
  /** 1-based line of the `alert` key. */
  line: number;
}

/** One `rule_files` entry and what it resolved to. */
export interface RuleFileEntry {
  node: AstNode;
  pattern: string;
  /** Absolute paths of the files it matched. */
  paths: string[];
  /** A file it matched that is not valid YAML, with the reason. */
  unreadable?: string;
}

export interface RuleFileSet {
  entries: RuleFileEntry[];
  alerts: AlertingRule[];
  groups: Set<string>;
  /** Every entry matched files and every file was read: only then can a name be said to be missing. */
  complete: boolean;
}

interface FileFacts {
  error?: string;
  alerts: Omit<AlertingRule, 'file'>[];
  groups: string[];
}

/** Larger rule files, and files beyond this many, are not read for the editor's checks. */
const MAX_RULE_FILE = 5_000_000;
const MAX_RULE_FILES = 500;

/** The files `rule_files` names, read from disk relative to the test file; undefined without a file system. */
export function ruleFileSet(root: AstNode | undefined, ctx: DocumentContext): RuleFileSet | undefined {
  const fs = ctx.env.fs;
  if (!fs || !ctx.path) {
    return undefined;
  }
  const dir = nodePath.dirname(ctx.path);
  const set: RuleFileSet = { entries: [], alerts: [], groups: new Set(), complete: true };
  const read = new Set<string>();
  for (const node of items(getValue(root, 'rule_files'))) {
    const pattern = scalarText(node);
    if (!pattern) {
      set.complete = false;
      continue;
    }
    const entry: RuleFileEntry = { node, pattern, paths: safeGlob(() => fs.glob(pattern, dir)) };
    set.entries.push(entry);
    set.complete &&= entry.paths.length > 0;
    for (const path of entry.paths.filter((p) => !read.has(p))) {
      read.add(path);
      const text = read.size > MAX_RULE_FILES ? undefined : fs.readFile(path);
      if (text === undefined || text.length > MAX_RULE_FILE) {
        // A folder matched by a glob, a file that went away, or too much to read on every keystroke.
        set.complete = false;
        continue;
      }
      const file = nodePath.relative(dir, path).replace(/\\/g, '/');
      const facts = readFacts(text);
      if (facts.error) {
        entry.unreadable ??= `${file} ${facts.error}`;
        set.complete = false;
        continue;
      }
      facts.alerts.forEach((a) => set.alerts.push({ ...a, file }));
      facts.groups.forEach((g) => set.groups.add(g));
    }
  }
  return set;
}

function safeGlob(run: () => string[]): string[] {
  try {
    return run();
  } catch {
    return [];
  }
}

const readFacts = memoByText((text: string): FileFacts => {
  const docs = parseYaml(text);
  const first = docs.flatMap((d) => d.errors)[0];
  const lines = new LineIndex(text);
  if (first) {
    return { error: `is not valid YAML: ${first.message} (line ${lines.positionAt(first.offset).line + 1})`, alerts: [], groups: [] };
  }
  const facts: FileFacts = { alerts: [], groups: [] };
  for (const group of docs.flatMap((d) => ruleGroups(d.root))) {
    const groupName = scalarText(getValue(group, 'name')) ?? '';
    facts.groups.push(groupName);
    for (const rule of items(getValue(group, 'rules'))) {
      const alert = getValue(rule, 'alert');
      const name = scalarText(alert);
      if (!alert || !name) {
        continue;
      }
      facts.alerts.push({
        name,
        group: groupName,
        expr: scalarText(getValue(rule, 'expr')) ?? '',
        for: scalarText(getValue(rule, 'for')),
        keepFiringFor: scalarText(getValue(rule, 'keep_firing_for')),
        labels: properties(getValue(rule, 'labels')).map((p) => [propertyKey(p), scalarText(propertyValue(p)) ?? '']),
        line: lines.positionAt(alert.offset).line + 1,
      });
    }
  }
  return facts;
}, 200);
