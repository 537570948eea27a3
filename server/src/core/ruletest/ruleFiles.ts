/**
 * Loading the rule files a test file names, as promtool's rules.Manager.LoadGroups does: globs relative to the test
 * file (filepath.Glob; a pattern matching nothing is only a warning), each file's groups with their rules, rule
 * labels and annotations as sorted label sets (empty values kept, as labels.FromMap does). A file that does not
 * load fails every test group with `FILE: message` errors. Checked here: YAML syntax, `alert`/`record`, and the
 * expressions (parse and type errors); promtool's further rule-file checks (unknown keys, label names, templates)
 * are not repeated, so such files load here.
 */
import * as path from 'node:path';
import type { Expr } from '../promql/ast';
import { checkPromQL } from '../promql/check';
import { getValue, items, properties, propertyKey, propertyValue, type AstNode } from '../syntax/ast';
import { parseYaml } from '../syntax/parseYaml';
import { LineIndex } from '../text';
import { ruleGroups } from '../kinds/rules/validate';
import { parseModelDuration } from './durations';
import { compareStrings, type Label, type Labels } from './labels';
import { promqlErrorText } from './promqlErrors';

export interface LoadedRule {
  kind: 'alert' | 'record';
  name: string;
  expr: Expr;
  forMs: number;
  keepFiringForMs: number;
  /** Sorted by name; empty values kept (an alert label that expands to "" is then dropped). */
  labels: Labels;
  annotations: Labels;
}

export interface LoadedGroup {
  file: string;
  name: string;
  intervalMs: number;
  limit: number;
  rules: LoadedRule[];
}

/** What the runner needs from outside: reading files and expanding globs. */
export interface RuleTestHost {
  /** The file's text; throw (with a message) when it cannot be read. */
  readFile(file: string): string;
  /** Files matching an absolute glob pattern, as Go's filepath.Glob (sorted, no `**`). */
  glob(pattern: string): string[];
}

export interface RuleFilesResult {
  groups: LoadedGroup[];
  errors: string[];
}

/** resolveAndGlobFilepaths: patterns relative to the test file's folder, expanded in order. */
export function resolveRuleFiles(patterns: string[], testFile: string, host: RuleTestHost): { files: string[]; warnings: string[] } {
  const files: string[] = [];
  const warnings: string[] = [];
  for (const pattern of patterns) {
    const full = pattern !== '' && !path.isAbsolute(pattern) ? path.join(path.dirname(testFile), pattern) : pattern;
    const matches = full === '' ? [] : host.glob(full);
    if (!matches.length) {
      warnings.push(`no file match pattern ${full}`);
    }
    files.push(...matches);
  }
  return { files, warnings };
}

export function loadRuleFiles(files: string[], host: RuleTestHost, version: string): RuleFilesResult {
  const groups: LoadedGroup[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = host.readFile(file);
    } catch (e) {
      return { groups: [], errors: [`${file}: ${(e as Error).message}`] };
    }
    const loaded = loadRuleFile(file, text, version);
    if (loaded.errors.length) {
      return { groups: [], errors: loaded.errors.map((e) => `${file}: ${e}`) };
    }
    groups.push(...loaded.groups);
  }
  return { groups, errors: [] };
}

/** A scalar as yaml.v2 puts it in a string field: quoted text as written, plain scalars as their source. */
function scalarText(text: string): (node: AstNode | undefined) => string {
  return (node) => {
    if (!node || node.type === 'object' || node.type === 'array' || node.type === 'null') {
      return '';
    }
    return node.type === 'string' ? String(node.value) : text.slice(node.offset, node.offset + node.length);
  };
}

/** One rule file: its groups, or the errors that make promtool refuse it (syntax, expressions, rule kinds). */
function loadRuleFile(file: string, text: string, version: string): { groups: LoadedGroup[]; errors: string[] } {
  const docs = parseYaml(text);
  const lines = new LineIndex(text);
  const scalar = scalarText(text);
  const labelSet = (node: AstNode | undefined): Labels => {
    const out: Label[] = properties(node).map((p) => ({ name: propertyKey(p), value: scalar(propertyValue(p)) }));
    return Object.freeze(out.sort((a, b) => compareStrings(a.name, b.name)));
  };
  const durationOf = (node: AstNode | undefined): number => {
    const parsed = parseModelDuration(scalar(node) || '0');
    return 'ms' in parsed ? parsed.ms : 0;
  };
  const at = (node: AstNode): string => {
    const p = lines.positionAt(node.offset);
    return `${p.line + 1}:${p.character + 1}`;
  };
  const syntax = docs[0]?.errors[0];
  if (syntax) {
    return { groups: [], errors: [`yaml: line ${lines.positionAt(syntax.offset).line + 1}: ${syntax.message}`] };
  }
  const groups: LoadedGroup[] = [];
  const errors: string[] = [];
  for (const groupNode of ruleGroups(docs[0]?.root)) {
    const group: LoadedGroup = {
      file,
      name: scalar(getValue(groupNode, 'name')),
      intervalMs: durationOf(getValue(groupNode, 'interval')),
      limit: Number(scalar(getValue(groupNode, 'limit')) || 0),
      rules: [],
    };
    items(getValue(groupNode, 'rules')).forEach((ruleNode, i) => {
      const alert = scalar(getValue(ruleNode, 'alert'));
      const record = scalar(getValue(ruleNode, 'record'));
      const exprNode = getValue(ruleNode, 'expr');
      const where = `group ${JSON.stringify(group.name)}, rule ${i + 1}, ${JSON.stringify(alert || record)}`;
      if (!alert === !record) {
        errors.push(`${at(ruleNode)}: ${where}: ${alert ? "only one of 'record' and 'alert' must be set" : "one of 'record' or 'alert' must be set"}`);
        return;
      }
      const exprText = scalar(exprNode);
      const checked = checkPromQL(exprText, { prometheusVersion: version });
      const problem = checked.problems.find((p) => p.severity === 'error') ?? (checked.expr ? undefined : checked.problems[0]);
      if (!exprText.trim() || !checked.expr || problem) {
        const why = exprText.trim() && problem ? `could not parse expression: ${promqlErrorText(exprText, problem)}` : "field 'expr' must be set in rule";
        errors.push(`${at(exprNode ?? ruleNode)}: ${where}: ${why}`);
        return;
      }
      group.rules.push({
        kind: alert ? 'alert' : 'record',
        name: alert || record,
        expr: checked.expr,
        forMs: durationOf(getValue(ruleNode, 'for')),
        keepFiringForMs: durationOf(getValue(ruleNode, 'keep_firing_for')),
        labels: labelSet(getValue(ruleNode, 'labels')),
        annotations: labelSet(getValue(ruleNode, 'annotations')),
      });
    });
    groups.push(group);
  }
  return { groups, errors };
}
