import * as nodePath from 'node:path';
import type { Location } from 'vscode-languageserver-types';
import type { FileSystem } from '../environment';
import type { FileKind } from '../fileKind';
import { getValue, items, type AstNode, type ParsedDocument } from '../syntax/ast';
import type { LineIndex } from '../text';

/** What one rule-test file tells about coverage: the `rule_files` it loads and its alert cases by alertname. */
export interface RuleTestFacts {
  uri: string;
  /** The test file's folder: `rule_files` patterns are relative to it. */
  dir: string;
  patterns: string[];
  /** Where each `alert_rule_test` case writes its alertname, by that name. */
  cases: Map<string, Location[]>;
}

/** The coverage facts of a rule-test file; undefined for other files and for test files without alert cases. */
export function ruleTestFacts(path: string, uri: string, kind: FileKind, docs: ParsedDocument[], lines: LineIndex): RuleTestFacts | undefined {
  if (kind !== 'ruleTests') {
    return undefined;
  }
  const root = docs[0]?.root;
  const cases = new Map<string, Location[]>();
  for (const test of items(getValue(root, 'tests')).flatMap((t) => items(getValue(t, 'alert_rule_test')))) {
    const node = getValue(test, 'alertname');
    const name = scalar(node);
    if (node && name) {
      const at = { uri, range: lines.range(node.offset, node.length) };
      cases.set(name, [...(cases.get(name) ?? []), at]);
    }
  }
  if (!cases.size) {
    return undefined;
  }
  const patterns = items(getValue(root, 'rule_files')).map(scalar).filter((p): p is string => !!p);
  return { uri, dir: nodePath.dirname(path), patterns, cases };
}

function scalar(node: AstNode | undefined): string | undefined {
  return node && (node.type === 'string' || node.type === 'number') ? String(node.value) : undefined;
}

/**
 * Which unit-test cases of the workspace name each alert, kept per rule-test file so that a change re-reads only
 * that file. A case covers an alerting rule when it names the alert and its file's `rule_files` load the rule's
 * file; the patterns are expanded when asked (not when indexed), so rule files created since still count.
 */
export class RuleTestIndex {
  private readonly files = new Map<string, RuleTestFacts>();
  /** Alertname → keys of the test files with a case naming it. */
  private readonly byAlert = new Map<string, Set<string>>();

  set(key: string, facts: RuleTestFacts | undefined): void {
    this.delete(key);
    if (!facts) {
      return;
    }
    this.files.set(key, facts);
    for (const name of facts.cases.keys()) {
      let keys = this.byAlert.get(name);
      if (!keys) {
        this.byAlert.set(name, (keys = new Set()));
      }
      keys.add(key);
    }
  }

  delete(key: string): void {
    const old = this.files.get(key);
    if (!old) {
      return;
    }
    this.files.delete(key);
    for (const name of old.cases.keys()) {
      const keys = this.byAlert.get(name);
      keys?.delete(key);
      if (keys && !keys.size) {
        this.byAlert.delete(name);
      }
    }
  }

  /**
   * A lookup of the cases testing the alerts of one rule file. With a file system, only test files whose
   * `rule_files` match `rulePath` count (each test file's patterns are expanded once per lookup); without one, or
   * for a document that is not a file, every case naming the alert does.
   */
  casesFor(rulePath: string | undefined, fs: FileSystem | undefined): (alertname: string) => Location[] {
    const loads = new Map<string, boolean>();
    const target = rulePath && nodePath.resolve(rulePath);
    const includes = (facts: RuleTestFacts): boolean => {
      if (!fs || !target) {
        return true;
      }
      return facts.patterns.some((p) => fs.glob(p, facts.dir).some((match) => nodePath.resolve(match) === target));
    };
    return (alertname) => {
      const out: Location[] = [];
      for (const key of this.byAlert.get(alertname) ?? []) {
        const facts = this.files.get(key)!;
        let hit = loads.get(key);
        if (hit === undefined) {
          loads.set(key, (hit = includes(facts)));
        }
        if (hit) {
          out.push(...facts.cases.get(alertname)!);
        }
      }
      return out;
    };
  }
}
