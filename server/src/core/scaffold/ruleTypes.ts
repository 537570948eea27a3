/** The rule catalogue's shape: each alert carries the unit test that proves it fires. */

export interface RecordSpec {
  record: string;
  expr: string;
}

/** One promtool unit test of an alert: input series (1-minute samples) and the alert expected at `evalTime`. */
export interface AlertTest {
  /** Series notation → promtool values, e.g. `'up{job="api", instance="api:8000"}': '0x15'`. */
  series: Record<string, string>;
  evalTime: string;
  /** The alert's labels besides `alertname` (the expression's labels plus `severity`). */
  labels: Record<string, string>;
  /** The annotations as rendered for these series. */
  summary: string;
  description: string;
}

export interface AlertSpec {
  alert: string;
  expr: string;
  for: string;
  severity: 'warning' | 'critical';
  /** Go templates of the annotations. */
  summary: string;
  description: string;
  /** What the alert means and what to do first, for the stack README. */
  meaning: string;
  test: AlertTest;
}

/** One rule file `prometheus/rules/<name>.yml` with its test `prometheus/tests/<name>-test.yml`. */
export interface RuleFileSpec {
  name: string;
  /** Header comment of the rule file. */
  title: string;
  recordings: RecordSpec[];
  alerts: AlertSpec[];
}
