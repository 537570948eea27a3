/**
 * "Debug output" of rule-test cases: what the engine saw at each case's eval_time, as text for an editor's
 * document. For an alert case, every active alert of the alertname — pending ones too, which promtool never
 * shows — with labels, annotations, value and since when it is active or firing, then the firing ones written as
 * `exp_alerts`; for an expression case, the whole result, then written as `exp_samples`. A failed case ends
 * with the comparison's diff.
 */
import { goQuote } from '../goStrconv';
import { formatFloat } from '../templates/goFloat';
import { formatDiff } from './diff';
import { modelDurationString } from './durations';
import { groupYaml, yamlString } from './generatedYaml';
import { labelsString, type Labels } from './labels';
import type { CaseObservation, ObservedAlert } from './observe';
import type { CaseResult, FileResult, GroupResult } from './results';
import { dedent } from './runReport';
import { loadTestFile } from './testFile';

const value = (v: number): string => formatFloat(v, 'g', -1);

/** `up{job="api"}`: how exp_samples' labels write a series. */
function seriesText(labels: Labels): string {
  const name = labels.find((l) => l.name === '__name__')?.value ?? '';
  const rest = labels.filter((l) => l.name !== '__name__');
  return rest.length || !name ? `${name}${labelsString(rest)}` : name;
}

/** A float as yaml.v2 reads it back into a float64. */
function yamlFloat(v: number): string {
  if (Number.isNaN(v)) {
    return '.nan';
  }
  return v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : String(v);
}

function alertLines(a: ObservedAlert, at: (ms: number) => string): string[] {
  const times = [`active since ${at(a.activeAtMs)}`, ...(a.firedAtMs !== undefined ? [`firing since ${at(a.firedAtMs)}`] : []), ...(a.keepFiringSinceMs !== undefined ? [`kept firing since ${at(a.keepFiringSinceMs)}`] : [])];
  return [
    `  ${a.state.padEnd(8)} ${labelsString(a.labels)}`,
    `           value ${value(a.value)}, ${times.join(', ')}`,
    ...(a.annotations.length ? [`           annotations ${labelsString(a.annotations)}`] : []),
  ];
}

function expAlertsYaml(firing: ObservedAlert[]): string[] {
  const body = groupYaml({
    name: '',
    intervalMs: 0,
    inputSeries: [],
    alertTests: [{ evalTimeMs: 0, alertname: '', expAlerts: firing.map((a) => ({ labels: a.labels.filter((l) => l.name !== 'alertname'), annotations: a.annotations })) }],
  });
  // Only the exp_alerts part of the generated group, at column 0.
  const lines = body.split('\n');
  const from = lines.findIndex((l) => l.trim().startsWith('exp_alerts'));
  const indent = lines[from].indexOf('exp_alerts');
  return lines.slice(from).filter(Boolean).map((l) => l.slice(indent));
}

function observationLines(o: CaseObservation, c: CaseResult, alertname: string, at: (ms: number) => string): string[] {
  if (o.kind === 'error') {
    return [`The expression cannot be evaluated: ${o.message}`];
  }
  if (o.kind === 'expr') {
    const samples = [...o.samples].sort((a, b) => (labelsString(a.labels) < labelsString(b.labels) ? -1 : 1));
    const width = Math.max(0, ...samples.map((s) => labelsString(s.labels).length));
    const result =
      o.valueType === 'scalar'
        ? [`Result: the scalar ${value(samples[0].value)}`]
        : [`Result: a vector of ${samples.length} sample${samples.length === 1 ? '' : 's'}`, ...samples.map((s) => `  ${labelsString(s.labels).padEnd(width)}  ${value(s.value)}`)];
    const yaml = samples.length ? ['exp_samples:', ...samples.flatMap((s) => [`  - labels: ${yamlString(seriesText(s.labels))}`, `    value: ${yamlFloat(s.value)}`])] : ['exp_samples: []'];
    return [...result, '', 'As exp_samples:', ...yaml];
  }
  const firing = o.alerts.filter((a) => a.state === 'firing').sort((a, b) => (labelsString(a.labels) < labelsString(b.labels) ? -1 : 1));
  const pending = o.alerts.filter((a) => a.state === 'pending').sort((a, b) => (labelsString(a.labels) < labelsString(b.labels) ? -1 : 1));
  const rules = o.rules === 0 ? `no alerting rule is named ${alertname}` : `${o.rules} alerting rule${o.rules === 1 ? '' : 's'} named ${alertname}`;
  const evaluated = `Rule evaluation at ${at(o.evaluatedAtMs)} (the last at or before eval_time ${modelDurationString(c.evalTimeMs)}): ${rules}, ${firing.length} firing and ${pending.length} pending alert${pending.length === 1 ? '' : 's'}.`;
  return [evaluated, ...[...firing, ...pending].flatMap((a) => alertLines(a, at)), '', 'The firing alerts (what promtool compares) as exp_alerts:', ...expAlertsYaml(firing)];
}

function caseTitle(g: GroupResult, c: CaseResult): string {
  const list = c.kind === 'alert' ? 'alert_rule_test' : 'promql_expr_test';
  return `Test group ${goQuote(g.name)}, ${list}[${c.index}] (${c.title}): ${c.status === 'notRun' ? 'not run' : c.status}`;
}

/** The debug output of a run made with `observe`, of the test file `text` at `relPath`. */
export function debugReport(result: FileResult, text: string, relPath: string, version: string): string {
  const loaded = loadTestFile(text, version);
  const out: string[] = [`# Debug output of ${relPath}`, ''];
  for (const f of result.failures) {
    out.push(`The file cannot be run: ${dedent(f.message)}`, '');
  }
  for (const g of result.groups) {
    const startMs = loaded.error === undefined ? (loaded.file.tests[g.index]?.startMs ?? 0) : 0;
    const at = (ms: number): string => modelDurationString(ms - startMs);
    const ofCases = new Set(g.cases.map((c) => c.failure));
    for (const f of g.failures.filter((x) => !ofCases.has(x))) {
      out.push(`Test group ${goQuote(g.name)} failed: ${dedent(f.message)}`, '');
    }
    for (const c of g.cases) {
      const alertname = loaded.error === undefined ? (loaded.file.tests[g.index]?.alertTests.find((t) => t.index === c.index)?.alertname ?? '') : '';
      out.push(`## ${caseTitle(g, c)}`, '');
      // An expression that cannot be evaluated is told once, by the failure.
      if (c.observed && !(c.observed.kind === 'error' && c.failure)) {
        out.push(...observationLines(c.observed, c, alertname, at), '');
      }
      if (c.failure?.diff?.length) {
        out.push('Expected vs got:', formatDiff(c.failure.diff, '  '), '');
      } else if (c.failure) {
        out.push(dedent(c.failure.message), '');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
