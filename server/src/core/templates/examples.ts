/**
 * One short example per template function, for hover and completion docs. Where `output` is given, the example
 * expands to it (with `labels` and `value` as the alert's data): test/core/templateEditing.test.ts runs each one
 * through the evaluator, so the docs cannot drift from what Prometheus prints.
 */
export interface FunctionExample {
  template: string;
  labels?: Record<string, string>;
  value?: number;
  output?: string;
}

const ex = (template: string, output?: string, data: { labels?: Record<string, string>; value?: number } = {}): FunctionExample => ({
  template,
  output,
  ...data,
});

export const FUNCTION_EXAMPLES: Readonly<Record<string, FunctionExample>> = {
  // Go's builtins
  and: ex('{{ if and $labels.team $labels.env }}{{ $labels.team }}/{{ $labels.env }}{{ end }}', 'db/prod', { labels: { team: 'db', env: 'prod' } }),
  or: ex('{{ or $labels.team "unowned" }}', 'unowned'),
  not: ex('{{ if not $labels.team }}no team label{{ end }}', 'no team label'),
  len: ex('{{ len $labels }} labels', '2 labels', { labels: { job: 'api', instance: 'a:80' } }),
  index: ex('{{ index $labels "job" }}', 'api', { labels: { job: 'api' } }),
  slice: ex('{{ slice $labels.instance 0 6 }}', 'node-1', { labels: { instance: 'node-1:9100' } }),
  print: ex('{{ print "value " $value }}', 'value 3', { value: 3 }),
  printf: ex('{{ printf "%.2f" $value }}', '0.96', { value: 0.9567 }),
  println: ex('{{ println $labels.job }}', 'api\n', { labels: { job: 'api' } }),
  html: ex('{{ html "<b>" }}', '&lt;b&gt;'),
  js: ex('{{ js "it\'s" }}', "it\\'s"),
  urlquery: ex('{{ urlquery "a b&c" }}', 'a+b%26c'),
  eq: ex('{{ if eq $labels.severity "critical" }}page{{ end }}', 'page', { labels: { severity: 'critical' } }),
  ne: ex('{{ if ne $labels.env "prod" }}test system{{ end }}', 'test system', { labels: { env: 'dev' } }),
  lt: ex('{{ if lt $value 0.5 }}low{{ end }}', 'low', { value: 0.2 }),
  le: ex('{{ if le $value 0.5 }}low{{ end }}', 'low', { value: 0.5 }),
  gt: ex('{{ if gt $value 0.9 }}high{{ end }}', 'high', { value: 0.95 }),
  ge: ex('{{ if ge $value 0.9 }}high{{ end }}', 'high', { value: 0.9 }),
  call: ex('{{ call .SomeFunc 1 }}'),
  // Prometheus's functions
  query: ex('{{ with query "sum(up == 0)" }}{{ . | first | value }} targets down{{ end }}'),
  first: ex('{{ query "up" | first | value }}'),
  label: ex('{{ query "up" | first | label "instance" }}'),
  value: ex('{{ query "count(up)" | first | value }}'),
  strvalue: ex('{{ query "some_expr" | first | strvalue }}'),
  args: ex('{{ define "pair" }}{{ .arg0 }}={{ .arg1 }}{{ end }}{{ template "pair" args "job" $labels.job }}', 'job=api', { labels: { job: 'api' } }),
  reReplaceAll: ex('{{ reReplaceAll "(.+):[0-9]+" "$1" $labels.instance }}', 'node-1', { labels: { instance: 'node-1:9100' } }),
  safeHtml: ex('{{ "<b>down</b>" | safeHtml }}', '<b>down</b>'),
  match: ex('{{ if match "^prod-" $labels.cluster }}production{{ end }}', 'production', { labels: { cluster: 'prod-eu' } }),
  title: ex('{{ "disk almost full" | title }}', 'Disk Almost Full'),
  toUpper: ex('{{ $labels.env | toUpper }}', 'PROD', { labels: { env: 'prod' } }),
  toLower: ex('{{ "API" | toLower }}', 'api'),
  graphLink: ex('{{ graphLink "up" }}', '/graph?g0.expr=up&g0.tab=0'),
  tableLink: ex('{{ tableLink "up" }}', '/graph?g0.expr=up&g0.tab=1'),
  sortByLabel: ex('{{ range query "up == 0" | sortByLabel "instance" }}{{ .Labels.instance }} {{ end }}'),
  stripPort: ex('{{ $labels.instance | stripPort }}', 'node-1', { labels: { instance: 'node-1:9100' } }),
  stripDomain: ex('{{ $labels.instance | stripDomain }}', 'node-1:9100', { labels: { instance: 'node-1.example.com:9100' } }),
  humanize: ex('{{ $value | humanize }}', '1.235M', { value: 1234567 }),
  humanize1024: ex('{{ $value | humanize1024 }}B', '1MiB', { value: 1048576 }),
  humanizeDuration: ex('{{ $value | humanizeDuration }}', '1m 30s', { value: 90 }),
  humanizePercentage: ex('{{ $value | humanizePercentage }}', '12.34%', { value: 0.1234 }),
  humanizeTimestamp: ex('{{ $value | humanizeTimestamp }}', '2021-03-04 05:06:07 +0000 UTC', { value: 1614834367 }),
  toTime: ex('{{ (toTime $value).Format "2006-01-02" }}', '2021-03-04', { value: 1614834367 }),
  toDuration: ex('{{ toDuration $value }}', '1h30m0s', { value: 5400 }),
  now: ex('{{ now | humanizeTimestamp }}'),
  pathPrefix: ex('{{ pathPrefix }}/alerts'),
  externalURL: ex('{{ externalURL }}/alerts'),
  parseDuration: ex('{{ parseDuration "1h30m" }}', '5400'),
  urlQueryEscape: ex('{{ $labels.job | urlQueryEscape }}', 'api+v2', { labels: { job: 'api v2' } }),
};
