import type { Hover, Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { describe, where } from '../kinds/rules/crossFile';
import type { IndexedFile, IndexedRule, MetricUse, RulesIndex } from './rules';

/** A metric name under the cursor: in an expression, or the `record:` value of a recording rule. */
export interface MetricTarget {
  metric: string;
  from: number;
  to: number;
  /** Set when the cursor is on a recording rule's name. */
  record?: IndexedRule;
}

export type RenameCheck = { range: Range; placeholder: string } | { error: string };

/** Classic metric names: the only ones an expression can spell without quotes. */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const MAX_HOVER_USES = 20;

export function metricAt(index: RulesIndex, key: string, offset: number): MetricTarget | undefined {
  const file = index.file(key);
  const record = file?.rules.find((r) => r.kind === 'record' && r.nameFrom <= offset && offset <= r.nameTo);
  if (record) {
    return { metric: record.name, from: record.nameFrom, to: record.nameTo, record };
  }
  const use = file?.uses.find((u) => u.from <= offset && offset <= u.to);
  return use && { metric: use.metric, from: use.from, to: use.to };
}

/** The recording rules that produce the metric under the cursor, workspace-wide. */
export function definition(index: RulesIndex, key: string, offset: number): Location[] {
  const target = metricAt(index, key, offset);
  return target ? index.recorders(target.metric).map(ruleLocation) : [];
}

/** Every expression reading the metric under the cursor, and (with `withDefinitions`) the rules recording it. */
export function references(index: RulesIndex, key: string, offset: number, withDefinitions: boolean): Location[] {
  const target = metricAt(index, key, offset);
  if (!target) {
    return [];
  }
  const defs = withDefinitions ? index.recorders(target.metric).map(ruleLocation) : [];
  return [...defs, ...sortUses(index.users(target.metric)).map(useLocation)];
}

export function prepareRename(index: RulesIndex, key: string, offset: number): RenameCheck {
  const target = metricAt(index, key, offset);
  if (!target) {
    return { error: "Rename works on metric names in expressions and on recording rules' names." };
  }
  if (!index.recorders(target.metric).length) {
    return { error: `"${target.metric}" is not recorded by any rule in the workspace: only a recording rule's metric can be renamed.` };
  }
  const file = index.file(key)!;
  return { range: span(file, target.from, target.to), placeholder: target.metric };
}

/** The edits renaming a recorded metric: every `record:` producing it and every use in an expression. */
export function rename(index: RulesIndex, key: string, offset: number, newName: string): WorkspaceEdit | { error: string } {
  const check = prepareRename(index, key, offset);
  if ('error' in check) {
    return check;
  }
  if (!METRIC_NAME.test(newName)) {
    return { error: `"${newName}" is not a valid metric name: use letters, digits, "_" and ":", not starting with a digit.` };
  }
  const metric = check.placeholder;
  const taken = newName === metric ? undefined : index.recorders(newName)[0];
  if (taken) {
    return { error: `"${newName}" is already recorded by ${describe(taken)} at ${where(taken)}.` };
  }
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  const edit = (file: IndexedFile, from: number, to: number): void => {
    // An expression shared through a YAML alias is one text in the file, however many rules read it.
    if (!seen.has(`${file.uri}\0${from}`)) {
      seen.add(`${file.uri}\0${from}`);
      (changes[file.uri] ??= []).push({ range: span(file, from, to), newText: newName });
    }
  };
  index.recorders(metric).forEach((r) => edit(r.file, r.nameFrom, r.nameTo));
  index.users(metric).forEach((u) => edit(u.file, u.from, u.to));
  return { changes };
}

/** The files a rename at this position would edit (so the caller can refresh those not open from disk). */
export function renameFiles(index: RulesIndex, key: string, offset: number): string[] {
  const target = metricAt(index, key, offset);
  if (!target) {
    return [];
  }
  const keys = [...index.recorders(target.metric).map((r) => r.file.key), ...index.users(target.metric).map((u) => u.file.key)];
  return [...new Set(keys)];
}

/** Hover on a recording rule's name: the expressions that read its metric, so removing it is not a surprise. */
export function recordHover(index: RulesIndex, key: string, offset: number): Hover | undefined {
  const target = metricAt(index, key, offset);
  if (!target?.record) {
    return undefined;
  }
  const rule = target.record;
  const uses = sortUses(index.users(rule.name).filter((u) => u.rule !== rule));
  const lines = [`**${rule.name}**, recorded in group "${rule.group}"`, ''];
  if (!uses.length) {
    lines.push(index.complete ? 'Nothing in the workspace reads it.' : 'Nothing read so far reads it (the workspace is still being indexed).');
  } else {
    lines.push(`Read by ${uses.length} expression${uses.length === 1 ? '' : 's'} (removing or renaming it breaks them):`, '');
    for (const u of uses.slice(0, MAX_HOVER_USES)) {
      lines.push(`- \`${u.file.relPath}:${u.file.lines.positionAt(u.from).line + 1}\` ${useLabel(u)}`);
    }
    if (uses.length > MAX_HOVER_USES) {
      lines.push(`- … and ${uses.length - MAX_HOVER_USES} more`);
    }
  }
  const others = index.recorders(rule.name).filter((r) => r !== rule);
  if (others.length) {
    lines.push('', `Also recorded by ${others.map((r) => `\`${where(r)}\``).join(', ')}.`);
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: span(rule.file, rule.nameFrom, rule.nameTo) };
}

function useLabel(u: MetricUse): string {
  if (u.rule) {
    return `${u.rule.kind === 'alert' ? 'alert' : 'recording rule'} \`${u.rule.name}\``;
  }
  return /\.json$/i.test(u.file.relPath) ? 'dashboard query' : u.file.rules.length ? 'unnamed rule' : 'rule test';
}

function sortUses(uses: MetricUse[]): MetricUse[] {
  return uses.sort((a, b) => a.file.relPath.localeCompare(b.file.relPath) || a.from - b.from);
}

function span(file: IndexedFile, from: number, to: number): Range {
  return file.lines.range(from, to - from);
}

function ruleLocation(r: IndexedRule): Location {
  return { uri: r.file.uri, range: span(r.file, r.nameFrom, r.nameTo) };
}

function useLocation(u: MetricUse): Location {
  return { uri: u.file.uri, range: span(u.file, u.from, u.to) };
}
