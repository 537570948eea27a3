import { alertLabels, expressionLabels, type AlertLabels, type LabelContext } from '../alertmanager/alertLabels';
import { matcherMode, parseMatchers, type Matcher } from '../alertmanager/matchers';
import { buildRouteTree, type Route } from '../alertmanager/route';
import type { FileKind } from '../fileKind';
import { getValue, items, properties, propertyKey, propertyValue, type AstNode, type ParsedDocument } from '../syntax/ast';
import { parseYaml } from '../syntax/parseYaml';
import type { LineIndex } from '../text';
import type { WorkspaceMetrics } from './index';
import type { IndexedFile, IndexedRule, RulesIndex } from './rules';

/** What the routing features keep of an Alertmanager configuration. */
export interface AlertmanagerFacts {
  key: string;
  uri: string;
  relPath: string;
  /** The text the facts were read from, and its offsets ↔ positions. */
  text: string;
  lines: LineIndex;
  /** Whether the file has a `route` mapping. */
  hasRoute: boolean;
  /** The routing tree, built when first asked for; unset when the file has no `route` mapping. */
  readonly tree?: Route;
  inhibit: InhibitFacts[];
}

export interface InhibitFacts {
  source: Matcher[];
  target: Matcher[];
  /** The `equal` items. */
  equal: { name: string; node: AstNode }[];
}

/** What a Prometheus configuration adds to the labels of its alerts and series. */
export interface PrometheusLabelFacts {
  relPath: string;
  external: Record<string, string>;
  /** Labels its scrape configurations attach to targets and series. */
  targetLabels: string[];
}

export interface RoutingFacts {
  alertmanager?: AlertmanagerFacts;
  prometheus?: PrometheusLabelFacts;
}

/** An alerting rule of the workspace with the labels its alerts carry, as far as the workspace tells. */
export interface WorkspaceAlert {
  rule: IndexedRule;
  labels: AlertLabels;
}

/** The facts of one parsed file: an Alertmanager configuration's routing, or a Prometheus configuration's labels. */
export function routingFacts(
  src: { key: string; uri: string; relPath: string; kind: FileKind; text: string; lines: LineIndex; docs: ParsedDocument[] },
  alertmanagerVersion: string,
): RoutingFacts | undefined {
  const root = src.docs[0]?.root;
  if (src.kind === 'alertmanagerConfig') {
    const route = getValue(root, 'route');
    const mode = matcherMode(alertmanagerVersion);
    const inhibit = items(getValue(root, 'inhibit_rules')).map((r) => ({
      source: ruleMatchers(r, 'source_', src.text, mode),
      target: ruleMatchers(r, 'target_', src.text, mode),
      equal: items(getValue(r, 'equal')).flatMap((node) => (node.type === 'string' && node.value ? [{ name: String(node.value), node }] : [])),
    }));
    // Built when first needed: an edit of a big configuration re-validates it without asking for its tree.
    let tree: Route | undefined | null = null;
    const hasRoute = route?.type === 'object';
    const alertmanager: AlertmanagerFacts = {
      key: src.key,
      uri: src.uri,
      relPath: src.relPath,
      text: src.text,
      lines: src.lines,
      hasRoute,
      get tree() {
        if (tree === null) {
          tree = hasRoute ? buildRouteTree(route!, src.text, alertmanagerVersion) : undefined;
        }
        return tree;
      },
      inhibit,
    };
    return { alertmanager };
  }
  if (src.kind === 'prometheusConfig') {
    return { prometheus: lazyLabelFacts(src.relPath, src.text) };
  }
  return undefined;
}

/**
 * A Prometheus configuration's label facts, read from its text when first asked: only routing checks ask, and
 * only once the workspace has an Alertmanager configuration (a 2,000-job file need not be walked for nothing).
 */
function lazyLabelFacts(relPath: string, text: string): PrometheusLabelFacts {
  let read: Pick<PrometheusLabelFacts, 'external' | 'targetLabels'> | undefined;
  const facts = (): NonNullable<typeof read> => (read ??= labelFacts(parseYaml(text)[0]?.root));
  return {
    relPath,
    get external() {
      return facts().external;
    },
    get targetLabels() {
      return facts().targetLabels;
    },
  };
}

function labelFacts(root: AstNode | undefined): Pick<PrometheusLabelFacts, 'external' | 'targetLabels'> {
  const external: Record<string, string> = {};
  for (const prop of properties(getValue(getValue(root, 'global'), 'external_labels'))) {
    const v = propertyValue(prop);
    external[propertyKey(prop)] = v && v.type !== 'null' ? String(v.value ?? '') : '';
  }
  const targetLabels = new Set<string>();
  for (const job of items(getValue(root, 'scrape_configs'))) {
    for (const sc of items(getValue(job, 'static_configs'))) {
      properties(getValue(sc, 'labels')).forEach((p) => targetLabels.add(propertyKey(p)));
    }
    for (const relabel of [...items(getValue(job, 'relabel_configs')), ...items(getValue(job, 'metric_relabel_configs'))]) {
      const t = getValue(relabel, 'target_label');
      if (t?.type === 'string' && t.value && !String(t.value).startsWith('__')) {
        targetLabels.add(String(t.value));
      }
    }
  }
  return { external, targetLabels: [...targetLabels] };
}

/** `<prefix>match`, `<prefix>match_re` and `<prefix>matchers` of an inhibit rule (unparsable entries left out). */
function ruleMatchers(rule: AstNode, prefix: string, text: string, mode: 'classic' | 'fallback'): Matcher[] {
  const out: Matcher[] = [];
  for (const [key, op] of [['match', '='], ['match_re', '=~']] as const) {
    for (const prop of properties(getValue(rule, prefix + key))) {
      const v = propertyValue(prop);
      const value = v?.type === 'string' ? String(v.value) : v?.type === 'number' || v?.type === 'boolean' ? text.slice(v.offset, v.offset + v.length) : '';
      out.push({ name: propertyKey(prop), op, value });
    }
  }
  for (const entry of items(getValue(rule, prefix + 'matchers'))) {
    if (entry.type === 'string') {
      out.push(...parseMatchers(String(entry.value), mode).matchers);
    }
  }
  return out;
}

/**
 * The workspace's Alertmanager configurations and the label facts of its Prometheus configurations, kept per file,
 * together with the rules index: what routing checks, lenses and the routing commands work from. Listeners hear of
 * changes that can change another file's routing results: an Alertmanager or Prometheus configuration that changed,
 * or the alerting rules of a file, when an Alertmanager configuration is there to route them.
 */
export class RoutingIndex {
  private readonly alertmanagerFiles = new Map<string, AlertmanagerFacts>();
  private readonly prometheusFiles = new Map<string, { facts: PrometheusLabelFacts; signature?: string }>();
  /** Per rule file: its alerting rules' names, labels and expressions, to tell edits that matter to routing. */
  private readonly ruleSignatures = new Map<string, string>();
  private readonly listeners: ((key: string) => void)[] = [];

  constructor(
    private readonly rules: RulesIndex,
    private readonly metrics?: WorkspaceMetrics,
  ) {}

  onDidChange(listener: (key: string) => void): void {
    this.listeners.push(listener);
  }

  set(key: string, facts: RoutingFacts | undefined): void {
    const am = facts?.alertmanager;
    const before = this.alertmanagerFiles.get(key);
    if (am) {
      this.alertmanagerFiles.set(key, am);
    } else {
      this.alertmanagerFiles.delete(key);
    }
    let changed = (before?.text ?? null) !== (am?.text ?? null);
    const prom = facts?.prometheus;
    // Labels matter to routing checks only: without an Alertmanager configuration they are not read (nor compared).
    const signature = prom && this.alertmanagerFiles.size > 0 ? JSON.stringify([prom.external, prom.targetLabels]) : undefined;
    if (this.prometheusFiles.get(key)?.signature !== signature && (signature !== undefined || !prom)) {
      changed = true;
    }
    if (prom) {
      this.prometheusFiles.set(key, { facts: prom, signature });
    } else {
      this.prometheusFiles.delete(key);
    }
    if (changed) {
      this.emit(key);
    }
  }

  /** Called after the rules index read a file: tells listeners when its alerting rules changed. */
  noteRules(key: string, file: IndexedFile | undefined): void {
    if (this.alertmanagerFiles.size === 0) {
      this.ruleSignatures.delete(key);
      return;
    }
    const alerts = file?.rules.filter((r) => r.kind === 'alert') ?? [];
    const signature = alerts.length ? JSON.stringify(alerts.map((r) => [r.name, r.labels, r.expr])) : undefined;
    if (this.ruleSignatures.get(key) !== signature) {
      if (signature === undefined) {
        this.ruleSignatures.delete(key);
      } else {
        this.ruleSignatures.set(key, signature);
      }
      this.emit(key);
    }
  }

  delete(key: string): void {
    const had = this.alertmanagerFiles.delete(key) || this.prometheusFiles.delete(key);
    if (had) {
      this.emit(key);
    }
  }

  alertmanager(key: string): AlertmanagerFacts | undefined {
    return this.alertmanagerFiles.get(key);
  }

  /** The workspace's Alertmanager configurations with a routing tree, by path. */
  alertmanagers(): AlertmanagerFacts[] {
    return [...this.alertmanagerFiles.values()].filter((f) => f.hasRoute).sort((a, b) => a.relPath.localeCompare(b.relPath));
  }

  /** Whether every workspace file has been read (only then can a label be said to be set by no rule). */
  get complete(): boolean {
    return this.rules.complete;
  }

  /** The facts alerts draw labels from beyond their rule, as the workspace has them now. */
  labelContext(): LabelContext {
    const external = new Map<string, string | undefined>();
    const targetLabels = new Set<string>();
    for (const { facts } of this.prometheusFiles.values()) {
      for (const [k, v] of Object.entries(facts.external)) {
        external.set(k, external.has(k) && external.get(k) !== v ? undefined : v);
      }
      facts.targetLabels.forEach((l) => targetLabels.add(l));
    }
    const source = this.metrics?.source();
    const base: LabelContext = { external, targetLabels, seriesLabels: (metric) => known(source?.labelNames(metric)) };
    const cache = new Map<string, Set<string>>();
    return {
      external,
      targetLabels,
      seriesLabels: (metric) => {
        let out = cache.get(metric);
        if (!out) {
          out = new Set(base.seriesLabels(metric));
          for (const r of this.rules.recorders(metric)) {
            Object.keys(r.labels).forEach((l) => out!.add(l));
            expressionLabels(r.expr, base).forEach((l) => out!.add(l));
          }
          cache.set(metric, out);
        }
        return out;
      },
    };
  }

  /** Every alerting rule of the workspace with the labels of its alerts. */
  alerts(lc: LabelContext = this.labelContext()): WorkspaceAlert[] {
    return this.rules
      .allRules()
      .filter((r) => r.kind === 'alert')
      .map((rule) => ({ rule, labels: alertLabels(rule, lc) }));
  }

  private emit(key: string): void {
    for (const listener of this.listeners) {
      listener(key);
    }
  }
}

/** Label names a metric source knows synchronously (a live source answering later is not waited for). */
function known(names: string[] | Promise<string[]> | undefined): string[] {
  return Array.isArray(names) ? names : [];
}
