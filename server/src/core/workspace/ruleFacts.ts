import type { FileKind } from '../fileKind';
import { ruleGroups } from '../kinds/rules/validate';
import { getValue, items, type AstNode, type ParsedDocument } from '../syntax/ast';
import type { LineIndex } from '../text';
import type { ExprUse } from './exprFacts';
import { column, contentSpan, ExprReader, jsonExprs } from './exprReader';
import type { CachedRule, IndexedFile, IndexedRule, MetricUse, ReadCache } from './rules';

/** A file as the index reads it: open documents bring their parse, files on disk a fresh one. */
export interface FileSource {
  key: string;
  uri: string;
  relPath: string;
  kind: FileKind;
  text: string;
  lines: LineIndex;
  docs: ParsedDocument[];
}

/**
 * The rules and metric uses of one file: rules of rule files (plain and PrometheusRule, every document of a
 * stream), `expr` of rule tests, and `"expr"` strings of JSON files (Grafana dashboards). Undefined when the file
 * holds none. Rule items and expressions already read in `previous` (same source text) are not read again.
 */
export function readRuleFile(src: FileSource, previous?: IndexedFile): IndexedFile | undefined {
  const cache: ReadCache = { exprs: new Map(), rules: [] };
  const file: IndexedFile = { key: src.key, uri: src.uri, relPath: src.relPath, lines: src.lines, rules: [], uses: [], cache };
  const reader = new ExprReader(src.text, previous?.cache.exprs, cache.exprs);
  const exprUses = (node: AstNode, use: ExprUse): void => {
    for (const u of reader.read(node, use)?.uses ?? []) {
      file.uses.push({ file, metric: u.metric, from: node.offset + u.from, to: node.offset + u.to });
    }
  };
  if (src.kind === 'rules') {
    const rules = new RuleReader(file, reader, previous?.cache);
    src.docs.forEach((d) => rules.read(d.root));
  } else if (src.kind === 'ruleTests') {
    testExprs(src.docs).forEach((node) => exprUses(node, 'test'));
  } else if (/\.json$/i.test(src.relPath)) {
    jsonExprs(src.text).forEach((node) => exprUses(node, 'dashboard'));
  }
  return file.rules.length || file.uses.length ? file : undefined;
}

/** Reads the rules of rule groups into a file, each rule item from the cache when its text is unchanged. */
class RuleReader {
  /** Where the next item is expected in the previous read's list. */
  private at = 0;

  constructor(
    private readonly file: IndexedFile,
    private readonly exprs: ExprReader,
    private readonly previous: ReadCache | undefined,
  ) {}

  read(root: AstNode | undefined): void {
    for (const group of ruleGroups(root)) {
      const groupName = scalar(getValue(group, 'name')) ?? '';
      const groupLabels = labelsOf(getValue(group, 'labels'));
      const plain = Object.keys(groupLabels).length === 0;
      for (const node of items(getValue(group, 'rules'))) {
        const item = this.item(node);
        const c = item.rule;
        const rule: IndexedRule | undefined = c && {
          file: this.file,
          kind: c.kind,
          name: c.name,
          nameFrom: node.offset + c.nameFrom,
          nameTo: node.offset + c.nameTo,
          group: groupName,
          expr: c.expr,
          labels: plain ? c.labels : { ...groupLabels, ...c.labels },
          uses: [],
          sameKey: plain || c.canonical === undefined ? c.sameKey : sameKey(c.kind, c.canonical, { ...groupLabels, ...c.labels }),
        };
        for (const u of item.uses) {
          const use: MetricUse = { file: this.file, metric: u.metric, from: node.offset + u.from, to: node.offset + u.to, rule };
          rule?.uses.push(use);
          this.file.uses.push(use);
        }
        if (rule) {
          this.file.rules.push(rule);
        }
      }
    }
  }

  private item(node: AstNode): CachedRule {
    const text = this.exprs.text;
    const raw = text.slice(node.offset, node.offset + node.length);
    const col = column(text, node.offset);
    const hit = this.find(raw);
    const item = hit?.column === col ? hit : readItem(node, this.exprs, col);
    // Through a YAML alias a rule reads text outside its item, which may change alone: such items are not kept.
    const local = !node.children?.some((p) => p.merged || !inside(p.children?.[1], node));
    this.file.cache.rules.push({ raw, item: local ? item : undefined });
    return item;
  }

  /**
   * The previous read of an item with this source, looked for where it was: at the expected position, or one
   * off (an item removed or inserted just before). An edited item is missed and read again (its expression
   * usually still comes from the expression cache).
   */
  private find(raw: string): CachedRule | undefined {
    const list = this.previous?.rules ?? [];
    for (const k of [this.at, this.at + 1, this.at - 1]) {
      if (list[k]?.raw === raw) {
        this.at = k + 1;
        return list[k].item;
      }
    }
    this.at++;
    return undefined;
  }
}

function inside(n: AstNode | undefined, outer: AstNode): boolean {
  return !n || (n.offset >= outer.offset && n.offset + n.length <= outer.offset + outer.length);
}

function readItem(node: AstNode, exprs: ExprReader, col: number): CachedRule {
  const record = getValue(node, 'record');
  const nameNode = record ?? getValue(node, 'alert');
  const name = scalar(nameNode);
  const exprNode = getValue(node, 'expr');
  const facts = exprNode && exprs.read(exprNode, 'rule');
  const uses = (facts?.uses ?? []).map((u) => ({ metric: u.metric, from: exprNode!.offset - node.offset + u.from, to: exprNode!.offset - node.offset + u.to }));
  const span = name ? contentSpan(nameNode!, exprs.text) : undefined;
  if (!span) {
    return { column: col, uses };
  }
  const kind = record ? 'record' : 'alert';
  const labels = labelsOf(getValue(node, 'labels'));
  const canonical = facts?.canonical;
  return {
    column: col,
    uses,
    rule: {
      kind,
      name: name!,
      nameFrom: span.from - node.offset,
      nameTo: span.to - node.offset,
      expr: facts?.text ?? '',
      labels,
      canonical,
      sameKey: canonical === undefined ? undefined : sameKey(kind, canonical, labels),
    },
  };
}

/** Rules computing the same series: same kind, same expression as Prometheus prints it, same labels. */
function sameKey(kind: string, canonical: string, labels: Record<string, string>): string {
  const sorted = Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${kind}\0${canonical}\0${sorted.join(',')}`;
}

function scalar(node: AstNode | undefined): string | undefined {
  return node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean') && node.value !== '' ? String(node.value) : undefined;
}

function labelsOf(node: AstNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const prop of node?.type === 'object' ? node.children! : []) {
    out[String(prop.children![0].value)] = scalar(prop.children![1]) ?? '';
  }
  return out;
}

function testExprs(docs: ParsedDocument[]): AstNode[] {
  return docs.flatMap((d) =>
    items(getValue(d.root, 'tests'))
      .flatMap((t) => items(getValue(t, 'promql_expr_test')))
      .map((c) => getValue(c, 'expr'))
      .filter((n): n is AstNode => !!n),
  );
}
