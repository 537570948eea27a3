import { getValue, items, type AstNode, type ParsedDocument } from '../syntax/ast';
import { parsePromQL } from '../promql/parse';
import type { MetricInfo } from '../promql/types';
import type { FileKind } from '../fileKind';
import { durationMs } from '../schema/formats';

/** The metrics one file tells us about, and the labels (with values) they carry. */
export interface FileMetrics {
  metrics: MetricInfo[];
  labels: Record<string, Record<string, string[]>>;
  /** A Prometheus configuration's global scrape interval, in seconds. */
  scrapeInterval?: number;
  /** A Prometheus configuration's global rule evaluation interval, in seconds. */
  evaluationInterval?: number;
}

const EMPTY: FileMetrics = { metrics: [], labels: {} };

/**
 * What a workspace file says about metrics without a live Prometheus: the outputs of recording rules (with their
 * static labels), and the series of rule-test inputs (`input_series[].series`, with their label values).
 */
export function fileMetrics(kind: FileKind, docs: ParsedDocument[], relPath: string): FileMetrics {
  if (kind === 'rules') {
    return fromRules(docs, relPath);
  }
  if (kind === 'ruleTests') {
    return fromTests(docs, relPath);
  }
  if (kind === 'prometheusConfig') {
    const global = getValue(docs[0]?.root, 'global');
    return { metrics: [], labels: {}, scrapeInterval: seconds(global, 'scrape_interval'), evaluationInterval: seconds(global, 'evaluation_interval') };
  }
  return EMPTY;
}

/** A global interval in seconds; Prometheus's default (1m) when unset, undefined when not a duration. */
function seconds(global: AstNode | undefined, key: string): number | undefined {
  const ms = durationMs(str(getValue(global, key)) ?? '1m');
  return ms === undefined ? undefined : ms / 1000;
}

function str(n: AstNode | undefined): string | undefined {
  return n && (n.type === 'string' || n.type === 'number' || n.type === 'boolean') ? String(n.value) : undefined;
}

function add(out: FileMetrics, metric: string, labels: [string, string][]): void {
  const byLabel = (out.labels[metric] ??= {});
  for (const [name, value] of labels) {
    const values = (byLabel[name] ??= []);
    if (!values.includes(value)) {
      values.push(value);
    }
  }
}

function fromRules(docs: ParsedDocument[], relPath: string): FileMetrics {
  const out: FileMetrics = { metrics: [], labels: {} };
  for (const d of docs) {
    const groups = [...items(getValue(d.root, 'groups')), ...items(getValue(getValue(d.root, 'spec'), 'groups'))];
    for (const rule of groups.flatMap((g) => items(getValue(g, 'rules')))) {
      const record = str(getValue(rule, 'record'));
      if (!record) {
        continue;
      }
      out.metrics.push({ name: record, source: `recording rule in ${relPath}` });
      const labels = (getValue(rule, 'labels')?.children ?? []).map((p): [string, string] => [String(p.children![0].value), str(p.children![1]) ?? '']);
      add(out, record, labels);
    }
  }
  return out;
}

function fromTests(docs: ParsedDocument[], relPath: string): FileMetrics {
  const out: FileMetrics = { metrics: [], labels: {} };
  for (const d of docs) {
    for (const series of items(getValue(d.root, 'tests')).flatMap((t) => items(getValue(t, 'input_series')))) {
      const text = str(getValue(series, 'series'));
      const expr = text ? parsePromQL(text).expr : undefined;
      if (expr?.kind !== 'vectorSelector') {
        continue;
      }
      const name = expr.name ?? expr.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
      if (!name) {
        continue;
      }
      out.metrics.push({ name, source: `rule-test series in ${relPath}` });
      add(out, name, expr.matchers.filter((m) => m.op === '=' && m.name !== '__name__').map((m): [string, string] => [m.name, m.value]));
    }
  }
  return out;
}
