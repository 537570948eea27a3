/** A rule file of its own: one recording rule that LARGE_RULE_FILE repeats (a cross-file duplicate). */
export const ELSEWHERE = 'groups:\n  - name: elsewhere\n    rules:\n      - record: job:errors:rate5m\n        expr: sum by (job) (rate(http_errors_total[5m]))\n';

/** Rule groups of about 170 bytes each: one alert per group, none of them wrong. */
export function alertGroups(groups: number): string {
  return Array.from(
    { length: groups },
    (_, i) => `  - name: g${i}\n    rules:\n      - alert: TargetDown${i}\n        expr: up{job="j${i}"} == 0\n        for: 5m\n        labels: { severity: critical }\n        annotations: { summary: "{{ $labels.instance }} is down", description: "Job j${i} has a target down." }\n`,
  ).join('');
}

/**
 * A rule file over the size whose first check comes before indexing (~255 KB), with mistakes of its own (a bad
 * `for` duration, an alert without severity or annotations) and a copy of ELSEWHERE's rule written differently.
 */
export const LARGE_RULE_FILE = `groups:\n${alertGroups(1500)}  - name: last\n    rules:\n      - record: job:errors:rate5m\n        expr: sum(rate(http_errors_total[300s])) by (job)\n      - alert: Slow\n        expr: up == 0\n        for: 5x\n`;

/** The codes of the large file's own problems. */
export const LARGE_RULE_FILE_OWN_CODES = ['rules/missing-description', 'rules/missing-severity', 'rules/missing-summary', 'schema/invalid-duration'];
