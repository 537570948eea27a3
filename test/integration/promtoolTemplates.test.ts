// Differential test: our template evaluator against the real `promtool test rules` (Debian's promtool 2.42).
//
// Alerting rules with label and annotation templates (humanize*, printf with many verbs, range over labels,
// if/else, with, break/continue, define/template, title/toUpper, reReplaceAll, query helpers, $value of many
// floats including huge, tiny, ±Inf and NaN, and templates that fail) are written to a rules file. The unit
// test file's exp_labels and exp_annotations are what OUR evaluator expands. promtool then evaluates the same
// rules with Go's text/template: the test passes only if every expansion is byte for byte the same.
//
// Run: node --import tsx --test test/integration/promtoolTemplates.test.ts (needs promtool on PATH or $PROMTOOL).
// Nothing is skipped: a missing promtool makes the test fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandAlertTemplate, type QuerySample } from '../../server/src/core/templates/index';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const EVAL_TIME_MS = 60_000;
const EXTERNAL_LABELS = { cluster: 'prod-eu', replica: 'a' };
const EXTERNAL_URL = 'https://prom.example.com/prometheus';

/** Input series: selector → constant value (promtool notation `VxN` keeps it for the whole test). */
const SERIES: Record<string, { labels: Record<string, string>; value: string }> = {
  node_load1: { labels: { instance: 'host-1.example.com:9100', job: 'node', env: 'prod' }, value: '0.75' },
  disk_free_bytes: { labels: { instance: '10.0.0.7:9100', job: 'node', mountpoint: '/var/lib/data', device: 'sda1' }, value: '1073741824' },
  http_errors_ratio: { labels: { service: 'checkout-api', namespace: 'shop', pod: 'checkout-api-7d9f8-abcde' }, value: '0.0123' },
  cert_expiry_seconds: { labels: { host: 'www.example.org', issuer: "Let's Encrypt <R3>" }, value: '1234567' },
  up: { labels: { instance: '[::1]:9090', job: 'prometheus' }, value: '0' },
  temperature: { labels: { sensor: 'cpu-package', unit: 'celsius' }, value: '-12.5' },
};

interface Rule {
  alert: string;
  /** A metric of SERIES, or a number for `vector(number)`. */
  source: string;
  labels?: Record<string, string>;
  annotations: Record<string, string>;
}

const VALUES = [
  '0', '1', '-1', '0.1', '0.3', '1e6', '1e21', '1e-7', '123456789', '1.5e-7', '+Inf', '-Inf', 'NaN', '1234.5678', '0.000123', '-0.5',
  '3.141592653589793', '1e100', '5e-324', '1.7976931348623157e308', '100000', '999999.5', '12345', '1048576', '86400', '90061.5', '0.25',
  '1.6e9', '42', '-1e-300', '2.5', '0.5', '1e-5', '6.02214076e23', '-123.456', '1e-310', '9007199254740993',
];

const VALUE_RULES: Rule[] = VALUES.map((v, i) => ({
  alert: `ValueFormat${i}`,
  source: v,
  labels: { severity: '{{ if gt $value 100.0 }}high{{ else }}low{{ end }}' },
  annotations: {
    value: '{{ $value }} {{ .Value }}',
    human: '{{ humanize $value }} | {{ humanize1024 $value }} | {{ humanizePercentage $value }}',
    duration: '{{ humanizeDuration $value }}',
    printf: '{{ printf "%.2f|%g|%e|%v|%5.1f|%08.3f|%+.1e|%.4g|%x|%G" $value $value $value $value $value $value $value $value $value $value }}',
    timestamp: '{{ humanizeTimestamp $value }}',
  },
}));

const TEXT_RULES: Rule[] = [
  {
    alert: 'NodeLoad',
    source: 'node_load1',
    labels: { team: '{{ $labels.job | toUpper }}', env_title: '{{ title $labels.env }}', optional: '{{ $labels.missing }}' },
    annotations: {
      summary: 'Load on {{ $labels.instance }} is {{ printf "%.2f" $value }}',
      all: '{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}',
      host: '{{ $labels.instance | stripPort }} / {{ stripDomain $labels.instance }}',
      map: '{{ $labels }} {{ .ExternalLabels }}',
    },
  },
  {
    alert: 'DiskFree',
    source: 'disk_free_bytes',
    annotations: {
      summary: '{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ humanize1024 $value }}B free ({{ humanize $value }})',
      device: '{{ reReplaceAll "^sd([a-z])([0-9]+)$" "disk $1, partition $2" $labels.device }}',
      ip: '{{ if match "^[0-9.]+:[0-9]+$" $labels.instance }}ip{{ else }}name{{ end }} {{ stripDomain $labels.instance }}',
      printf: '{{ printf "%d|%s|%q|%x|%v|%5s|%-6s|" 42 $labels.device $labels.mountpoint 255 $labels.job "ab" "cd" }}',
      badverb: '{{ printf "%d %s" $value 3 }} {{ printf "%[2]s-%[1]s" $labels.job $labels.instance }} {{ printf "%s %s" "a" }}',
    },
  },
  {
    alert: 'ErrorRatio',
    source: 'http_errors_ratio',
    labels: { severity: '{{ if ge $value 0.01 }}page{{ else }}ticket{{ end }}' },
    annotations: {
      summary: '{{ humanizePercentage $value }} of requests to {{ $labels.service }} fail',
      pod: '{{ reReplaceAll "-[a-z0-9]+-[a-z0-9]+$" "" $labels.pod }} {{ reReplaceAll "(?P<app>[a-z]+)-(?P<kind>[a-z]+)" "${kind}:${app}" $labels.service }}',
      ns: '{{ index $labels "namespace" | printf "%q" }} {{ index .Labels "absent" | printf "%q" }}',
    },
  },
  {
    alert: 'CertExpiry',
    source: 'cert_expiry_seconds',
    annotations: {
      summary: 'expires in {{ $value | humanizeDuration }}',
      issuer: '{{ .Labels.issuer | toLower }} {{ len $labels.issuer }} {{ slice $labels.issuer 0 3 }}',
      escaped: '{{ js $labels.issuer }} | {{ html $labels.issuer }} | {{ urlquery $labels.issuer }}',
      cases: '{{ toUpper "straße" }} {{ toLower "ÀÉÎ" }} {{ title "o\'neil hello-world 2nd" }}',
    },
  },
  {
    alert: 'TargetDown',
    source: 'up',
    annotations: {
      summary: '{{ with $labels.instance }}{{ . }} is down{{ else }}unknown{{ end }} ({{ $value }})',
      port: '{{ stripPort $labels.instance }} {{ stripDomain $labels.instance }}',
      external: '{{ $externalLabels.cluster }} {{ $externalURL }} {{ .ExternalURL }}',
      misc: '{{ parseDuration "1h30m" }} {{ parseDuration "2d" }} {{ graphLink "rate(x[5m]) > 0" }} {{ tableLink "up" }}',
      args: '{{ (args 1 "a").arg1 }} {{ args 2 }} {{ (args 1).arg9 }}',
    },
  },
  {
    alert: 'Temperature',
    source: 'temperature',
    annotations: {
      summary: '{{ $value }}°{{ if eq $labels.unit "celsius" }}C{{ else }}F{{ end }} {{ printf "%+.1f" $value }}',
      sensor: '{{ $labels.sensor | title }}{{ $labels.missing }}|{{ not $labels.missing }}|{{ and $labels.unit 0 }}|{{ or "" $labels.unit }}',
      literals: "{{ 1.5 }} {{ 1e6 }} {{ 0x1F }} {{ -7 }} {{ 'a' }} {{ 1_000 }} {{ true }} {{ print 1 2 \"a\" 3 }}",
      times: '{{ humanizeTimestamp "1700000000" }} {{ "1.5e9" | toTime }} {{ humanizeDuration "3661" }} {{ humanize "1234567" }}',
    },
  },
  {
    alert: 'TemplateErrors',
    source: 'temperature',
    annotations: {
      notanumber: '{{ humanize $labels.sensor }}',
      wrongtype: '{{ $value | toUpper }}',
      comparison: '{{ if gt $value 1 }}x{{ end }}',
      field: '{{ .Foo }}',
      index: '{{ index $labels 1 }}',
      empty: '{{ first (query "absent_metric") }}',
      arity: '{{ humanize 1 2 }}',
      regexp: '{{ reReplaceAll "(" "" "x" }}',
    },
  },
  {
    alert: 'QueryHelpers',
    source: 'node_load1',
    annotations: {
      first: '{{ with query "node_load1" }}{{ . | first | value | humanize }} {{ . | first | label "job" }}{{ end }}',
      count: '{{ query "disk_free_bytes" | len }} {{ query "vector(42)" | first | value }} {{ range query "up" }}{{ .Labels.job }}={{ .Value }}{{ end }}',
      sorted: '{{ range sortByLabel "job" (query "node_load1") }}{{ .Labels.instance }}{{ end }}',
    },
  },
  {
    alert: 'ControlFlow',
    source: 'node_load1',
    annotations: {
      vars: '{{ $x := 1 }}{{ if $value }}{{ $x = 2 }}{{ end }}{{ $x }} {{ $y := $labels.job }}{{ $y }}',
      cont: '{{ range $labels }}{{ if eq . "node" }}{{ continue }}{{ end }}{{ . }};{{ end }}',
      brk: '{{ range $k, $v := $labels }}{{ if ge $k "instance" }}{{ break }}{{ end }}{{ $k }} {{ end }}',
      define: '{{ define "row" }}[{{ . }}]{{ end }}{{ template "row" $labels.job }}{{ template "row" "x" }}{{ block "b" $value }}<{{ . }}>{{ end }}',
      trim: '{{- /* a comment */ -}}  {{ $labels.job -}}  ,  {{- $labels.env }} !',
      elseif: '{{ if eq $labels.env "dev" }}dev{{ else if eq $labels.env "prod" }}production{{ else }}other{{ end }}',
    },
  },
];

const RULES = [...VALUE_RULES, ...TEXT_RULES];

function parseNumber(v: string): number {
  return v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : v === 'NaN' ? NaN : Number(v);
}

/** What the test's data answers: a metric's series, or `vector(n)`. */
function query(q: string): QuerySample[] {
  const s = SERIES[q];
  if (s) {
    return [{ labels: { __name__: q, ...s.labels }, value: parseNumber(s.value) }];
  }
  const m = /^vector\((.*)\)$/.exec(q);
  return m ? [{ labels: {}, value: parseNumber(m[1]) }] : [];
}

/** The alert our evaluator predicts: labels (series labels, then rule labels, empty ones removed) and annotations. */
function expected(rule: Rule) {
  const sample = SERIES[rule.source] ? query(rule.source)[0] : { labels: {}, value: parseNumber(rule.source) };
  const expand = (text: string) =>
    expandAlertTemplate(
      text,
      { labels: sample.labels, externalLabels: EXTERNAL_LABELS, externalURL: EXTERNAL_URL, value: sample.value },
      { alertName: rule.alert, timeMs: EVAL_TIME_MS, query },
    ).output;
  const labels: Record<string, string> = { ...sample.labels };
  delete labels.__name__;
  for (const [name, text] of Object.entries(rule.labels ?? {})) {
    const v = expand(text);
    if (v === '') {
      delete labels[name];
    } else {
      labels[name] = v;
    }
  }
  labels.alertname = rule.alert;
  const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([k, text]) => [k, expand(text)]));
  return { exp_labels: labels, exp_annotations: annotations };
}

function selector(name: string): string {
  const labels = Object.entries(SERIES[name].labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${name}{${labels.join(',')}}`;
}

/** JSON is YAML: both files are written with JSON.stringify, so no quoting can go wrong. */
function writeFiles(dir: string): void {
  const rules = {
    groups: [
      {
        name: 'templates',
        rules: RULES.map((r) => ({ alert: r.alert, expr: SERIES[r.source] ? r.source : `vector(${r.source})`, labels: r.labels, annotations: r.annotations })),
      },
    ],
  };
  const tests = {
    rule_files: ['rules.yml'],
    evaluation_interval: '1m',
    tests: [
      {
        interval: '1m',
        external_labels: EXTERNAL_LABELS,
        external_url: EXTERNAL_URL,
        input_series: Object.keys(SERIES).map((name) => ({ series: selector(name), values: `${SERIES[name].value}x5` })),
        alert_rule_test: RULES.map((r) => ({ eval_time: '1m', alertname: r.alert, exp_alerts: [expected(r)] })),
      },
    ],
  };
  writeFileSync(join(dir, 'rules.yml'), JSON.stringify(rules, null, 1));
  writeFileSync(join(dir, 'tests.yml'), JSON.stringify(tests, null, 1));
}

/** `{a="x", b="y"}` as promtool prints label sets (Go-quoted values) → entries. */
function labelSet(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    out.set(m[1], m[2]);
  }
  return out;
}

/** One line per label or annotation that differs, from promtool's exp (ours) / got (Go's) report. */
function describeDifferences(output: string): string[] {
  const lines: string[] = [];
  for (const block of output.split(/\n\s+alertname: /).slice(1)) {
    const alert = block.slice(0, block.indexOf(','));
    const [exp, got] = block.split(/got:\[/);
    for (const part of ['Labels', 'Annotations']) {
      const re = new RegExp(`${part}:\\{(.*)\\}`);
      const ours = labelSet(re.exec(exp)?.[1] ?? '');
      const theirs = labelSet(re.exec(got ?? '')?.[1] ?? '');
      for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
        if (ours.get(key) !== theirs.get(key)) {
          lines.push(`${alert} ${part.toLowerCase()}.${key}:\n    ours:     ${ours.get(key) ?? '(absent)'}\n    promtool: ${theirs.get(key) ?? '(absent)'}`);
        }
      }
    }
  }
  return lines;
}

test('promtool expands every alert template exactly as our evaluator does', () => {
  const templates = RULES.reduce((n, r) => n + Object.keys(r.annotations).length + Object.keys(r.labels ?? {}).length, 0);
  assert.ok(RULES.length >= 40 && templates >= 200, `${RULES.length} alerts, ${templates} templates`);
  const dir = mkdtempSync(join(tmpdir(), 'o11y-promtool-templates-'));
  try {
    writeFiles(dir);
    const r = spawnSync(PROMTOOL, ['test', 'rules', 'tests.yml'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.ifError(r.error);
    const output = `${r.stdout}\n${r.stderr}`;
    if (r.status !== 0) {
      // promtool prints exp (ours) and got (Go's) for every alert that differs; show what differs.
      const diff = describeDifferences(output);
      console.log(`promtool disagrees:\n${diff.length ? diff.join('\n') : output}`);
    }
    assert.equal(r.status, 0, 'promtool test rules failed: see the exp/got above');
    assert.match(output, /SUCCESS/);
    console.log(`promtool agrees on ${RULES.length} alerts, ${templates} label and annotation templates`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
