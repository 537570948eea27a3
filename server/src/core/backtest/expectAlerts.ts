// The alerts a generated test should expect, from the rule-test engine itself: the rule file's groups evaluated
// over the generated input series exactly as a promtool test group runs them (ruletest/groupRunner.ts: every group
// at every evaluation_interval from time 0, alerts compared at the last evaluation at or before eval_time).
import { GroupRun } from '../ruletest/groupEval';
import type { Label, Labels } from '../ruletest/labels';
import type { LoadedGroup } from '../ruletest/ruleFiles';
import type { SeriesValue } from '../ruletest/seriesNotation';
import { TestStorage } from '../ruletest/testStorage';
import { DEFAULT_PROMETHEUS_VERSION } from '../templates/evaluate';

export interface ExpectedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface AlertCheck {
  evalTimeMs: number;
  alerts: ExpectedAlert[];
}

const record = (labels: Labels): Record<string, string> => Object.fromEntries(labels.map((l: Label) => [l.name, l.value]));

/** The firing alerts named `alertname` at each of `evalTimesMs` (ascending); `{ error }` when a rule fails to evaluate. */
export function expectAlerts(
  groups: LoadedGroup[],
  input: { labels: Labels; values: SeriesValue[] }[],
  intervalMs: number,
  alertname: string,
  evalTimesMs: number[],
): AlertCheck[] | { error: string } {
  const storage = new TestStorage();
  for (const s of input) {
    const refused = storage.queue(s.labels, s.values, intervalMs, 0);
    if (refused) {
      return { error: refused };
    }
  }
  const env = { storage, subqueryStepMs: intervalMs, externalLabels: {}, externalURL: '', version: DEFAULT_PROMETHEUS_VERSION };
  const runs = groups.map((g) => new GroupRun(g, env));
  const checks: AlertCheck[] = [];
  const last = Math.max(0, ...evalTimesMs);
  let next = 0;
  for (let ts = 0; ts <= last; ts += intervalMs) {
    storage.loadTill(ts);
    for (const run of runs) {
      run.eval(ts);
      const failed = run.rules.find((r) => r.lastError !== undefined);
      if (failed) {
        return { error: `rule ${failed.rule.name} fails to evaluate at ${ts / 1000}s of the test: ${failed.lastError}` };
      }
    }
    for (; next < evalTimesMs.length && evalTimesMs[next] < ts + intervalMs; next++) {
      const alerts = runs
        .flatMap((run) => run.rules)
        .filter((r) => r.alerting && r.rule.name === alertname)
        .flatMap((r) => r.alerting!.activeAlerts().filter((a) => a.state === 'firing'))
        .map((a) => ({ labels: record(a.labels), annotations: record(a.annotations) }));
      checks.push({ evalTimeMs: evalTimesMs[next], alerts });
    }
  }
  return checks;
}
