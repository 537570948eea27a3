// Lints that need a live Prometheus, computed from what LiveMetrics has cached (never waiting on the network):
// - `promql/unknown-metric`: a selector names a metric the server has no series of (as pint's promql/series
//   check does), unless a recording rule of the workspace produces it;
// - `promql/rate-on-gauge`: rate/irate/increase/resets over a metric whose metadata TYPE is gauge;
// - `promql/unknown-label-value`: an equality matcher `label="value"` on a metric whose series carry that label,
//   but never with that value (pint's promql/series reports the same).
// Until the cache is filled they say nothing; LiveMetrics' onChange then asks for the diagnostics again.
import { embeddedText, docSpan } from '../promql/embed';
import { queryNodes } from '../embedded/queries';
import { kindService } from '../kinds/index';
import type { DocumentContext } from '../kinds/context';
import { memoByText } from '../memo';
import { walk, type Expr } from '../promql/ast';
import { substituteVariables } from '../promql/grafanaVariables';
import { metricName, rangeSelector } from '../promql/lintContext';
import { parsePromQL } from '../promql/parse';
import type { Span } from '../promql/types';
import type { Problem } from '../problem';
import type { RulesIndex } from '../workspace/rules';
import type { LiveMetrics } from './liveMetrics';

/** Kinds whose queries run against the server; rule tests read their own input series instead. */
const LIVE_KINDS = new Set(['rules', 'grafanaDashboard']);
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);
const GAUGE_EQUIVALENT: Record<string, string> = { rate: 'deriv', increase: 'delta' };
/** Series Prometheus writes itself for alerting rules; they exist only once an alert has been pending or firing. */
const SYNTHETIC = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

interface Facts {
  /** Metric names read by selectors, with the span of the name. */
  metrics: { name: string; span: Span }[];
  /** Counter functions over one selector's metric. */
  counterCalls: { fn: string; metric: string; span: Span; fnSpan: Span }[];
  /** `label="value"` matchers of selectors that name their metric, with the span of the quoted value. */
  equalities: { metric: string; label: string; value: string; span: Span }[];
}

/** The problems of a document with the live lints added; a static rate-on-non-counter guess the TYPE settles is replaced. */
export function withLiveProblems(ctx: DocumentContext, found: Problem[], live: LiveMetrics, rules: RulesIndex): Problem[] {
  const spec = LIVE_KINDS.has(ctx.kind) ? kindService(ctx.kind)?.promql : undefined;
  if (!spec) {
    return found;
  }
  void live.warm();
  const added: Problem[] = [];
  for (const node of queryNodes(ctx.docs, spec.paths)) {
    const facts = (spec.grafanaVariables ? dashboardFacts : ruleFacts)(String(node.value));
    const problems = [...unknownMetrics(facts, live, rules), ...ratesOnGauges(facts, live), ...unknownLabelValues(facts, live, rules)];
    const embedded = problems.length ? embeddedText(node, ctx.text) : undefined;
    for (const p of embedded ? problems : []) {
      const at = docSpan(embedded!, p.span);
      const fix = p.fix && { ...p.fix, ...docSpan(embedded!, p.fix) };
      added.push({
        offset: at.from,
        length: at.to - at.from,
        severity: 'warning',
        code: p.code,
        message: p.message,
        fix: fix && { title: fix.title, replacement: fix.replacement, offset: fix.from, length: fix.to - fix.from },
      });
    }
  }
  const settled = new Set(added.filter((p) => p.code === 'promql/rate-on-gauge').map((p) => `${p.offset}:${p.length}`));
  const kept = found.filter((p) => p.code !== 'promql/rate-on-non-counter' || !settled.has(`${p.offset}:${p.length}`));
  return [...kept, ...added];
}

interface LiveProblem {
  span: Span;
  code: string;
  message: string;
  fix?: Span & { title: string; replacement: string };
}

function unknownMetrics(facts: Facts, live: LiveMetrics, rules: RulesIndex): LiveProblem[] {
  const out: LiveProblem[] = [];
  for (const m of facts.metrics) {
    if (live.has(m.name) === false && !SYNTHETIC.has(m.name) && rules.recorders(m.name).length === 0) {
      const message = `metric "${m.name}" not found on ${live.name}: the server has no series of that name (a typo, or a target that is not scraped there)`;
      out.push({ span: m.span, code: 'promql/unknown-metric', message });
    }
  }
  return out;
}

function ratesOnGauges(facts: Facts, live: LiveMetrics): LiveProblem[] {
  const out: LiveProblem[] = [];
  for (const c of facts.counterCalls) {
    if (live.typeOf(c.metric) !== 'gauge') {
      continue;
    }
    const gauge = GAUGE_EQUIVALENT[c.fn];
    const instead = gauge ? `; for a gauge use ${gauge}()` : '';
    const message = `${c.fn}() is for counters, but "${c.metric}" is a gauge on ${live.name} (its TYPE in the metadata)${instead}`;
    out.push({ span: c.span, code: 'promql/rate-on-gauge', message, fix: gauge ? { ...c.fnSpan, title: `Use ${gauge}()`, replacement: gauge } : undefined });
  }
  return out;
}

/**
 * Says nothing for a metric the server lacks (unknown-metric covers it), one the workspace records (its rule may
 * be new or changed), a label the metric's series never carry (the values are empty), or while the lookup is
 * pending or has failed.
 */
function unknownLabelValues(facts: Facts, live: LiveMetrics, rules: RulesIndex): LiveProblem[] {
  const out: LiveProblem[] = [];
  for (const e of facts.equalities) {
    if (live.has(e.metric) !== true || SYNTHETIC.has(e.metric) || rules.recorders(e.metric).length > 0) {
      continue;
    }
    const values = live.labelValuesOf(e.label, e.metric);
    if (!values || values.size === 0 || values.has(e.value)) {
      continue;
    }
    const seen = [...values].sort().slice(0, 5).map((v) => JSON.stringify(v));
    const more = values.size > seen.length ? `, … ${values.size - seen.length} more` : '';
    const message = `label "${e.label}" of "${e.metric}" never has value ${JSON.stringify(e.value)} on ${live.name} (its values there: ${seen.join(', ')}${more})`;
    out.push({ span: e.span, code: 'promql/unknown-label-value', message });
  }
  return out;
}

const ruleFacts = memoByText((text) => factsOf(text, (s) => s));

const dashboardFacts = memoByText((text) => {
  const sub = substituteVariables(text);
  const variables = sub.variables.map((v) => ({ from: v.outFrom, to: v.outTo }));
  // A name made of a variable (`${metric}_total`) is not a name the server can be asked about.
  const facts = factsOf(sub.text, (s) => sub.map.toOriginalSpan(s));
  const written = (s: Span) => !variables.some((v) => s.from < v.to && v.from < s.to);
  return {
    metrics: facts.metrics.filter((m) => written(m.outSpan)),
    counterCalls: facts.counterCalls.filter((c) => written(c.outSpan)),
    equalities: facts.equalities.filter((e) => written(e.outSpan) && written(e.nameOutSpan)),
  };
});

type Mapped<T> = T & { outSpan: Span };
type MappedFacts = {
  metrics: Mapped<Facts['metrics'][0]>[];
  counterCalls: Mapped<Facts['counterCalls'][0]>[];
  equalities: (Mapped<Facts['equalities'][0]> & { nameOutSpan: Span })[];
};

/** Selector names, counter calls and equality matchers of an expression that parses; spans mapped back through `back`. */
function factsOf(text: string, back: (s: Span) => Span): MappedFacts {
  const parsed = parsePromQL(text);
  const facts: MappedFacts = { metrics: [], counterCalls: [], equalities: [] };
  const { metrics, counterCalls, equalities } = facts;
  if (!parsed.expr || parsed.problems.some((p) => p.severity === 'error')) {
    return facts;
  }
  walk(parsed.expr, (node) => {
    if (node.kind === 'vectorSelector') {
      const m = metricName(node);
      if (m) {
        metrics.push({ name: m.name, span: back(m.span), outSpan: m.span });
      }
      // `label=""` selects series without the label: nothing to look up.
      for (const x of m ? node.matchers : []) {
        if (x.op === '=' && x.name !== '__name__' && x.value !== '') {
          equalities.push({ metric: m!.name, label: x.name, value: x.value, span: back(x.valueSpan), outSpan: x.valueSpan, nameOutSpan: m!.span });
        }
      }
    } else if (node.kind === 'call' && COUNTER_FUNCTIONS.has(node.name)) {
      const sel = rangeSelector(node.args[0] as Expr | undefined);
      const m = sel && metricName(sel);
      if (m) {
        counterCalls.push({ fn: node.name, metric: m.name, span: back(m.span), fnSpan: back(node.nameSpan), outSpan: m.span });
      }
    }
  });
  return facts;
}
