/**
 * The functions Prometheus adds to alert (and console) templates: template/template.go NewTemplateExpander.
 * `since` is the first Prometheus release that has the function (checked against the repository history).
 */
import type { FunctionInfo, FunctionParam } from './functions';

const ANY = (name: string): FunctionParam => ({ name, type: 'any' });
const STR = (name: string): FunctionParam => ({ name, type: 'string' });

const HUMANIZE_INPUT =
  'Takes a number, or a string holding one (such as a label value)';

export const PROMETHEUS_FUNCTIONS: readonly FunctionInfo[] = [
  {
    name: 'query',
    params: [STR('query')],
    result: 'template.queryResult',
    canFail: true,
    doc: 'Runs a PromQL instant query at the evaluation time and returns its samples (each with `.Labels` and `.Value`), for `range`, `first`, `label`, `value` or `sortByLabel`.',
  },
  {
    name: 'first',
    params: [{ name: 'result', type: 'template.queryResult' }],
    result: '*template.sample',
    canFail: true,
    doc: 'The first sample of a query result; fails when the result is empty: `{{ with query "up" }}{{ . | first | value }}{{ end }}`.',
  },
  { name: 'label', params: [STR('name'), { name: 'sample', type: '*template.sample' }], result: 'string', doc: 'The value of one label of a sample: `query "up" | first | label "job"`.' },
  {
    name: 'value',
    params: [{ name: 'sample', type: '*template.sample' }],
    result: 'float64',
    doc: 'The value of a sample (a float; a native histogram since 2.50).',
  },
  { name: 'strvalue', params: [{ name: 'sample', type: '*template.sample' }], result: 'string', doc: 'The `__value__` label of a sample: the value of a string query result.' },
  {
    name: 'args',
    params: [],
    variadic: ANY('args'),
    result: 'map[string]interface {}',
    doc: 'Packs its arguments into a map with keys `arg0`, `arg1` …, to pass several values to a `{{template}}`.',
  },
  {
    name: 'reReplaceAll',
    params: [STR('pattern'), STR('replacement'), STR('text')],
    result: 'string',
    doc: 'Replaces every match of a regular expression (RE2 syntax, unanchored) in the text; `$1` or `${name}` in the replacement are capture groups. An invalid pattern stops the template.',
  },
  { name: 'safeHtml', params: [STR('text')], result: 'template.HTML', doc: 'Marks text as safe HTML so HTML (console) templates do not escape it. In text templates it changes nothing.' },
  { name: 'match', params: [STR('pattern'), STR('text')], result: 'bool', canFail: true, doc: 'True when the regular expression (RE2, unanchored) matches somewhere in the text.' },
  {
    name: 'title',
    params: [STR('text')],
    result: 'string',
    doc: 'Capitalises the first letter of each word (other letters stay as they are).',
    changed: '3.2',
  },
  { name: 'toUpper', params: [STR('text')], result: 'string', doc: 'The text in upper case.' },
  { name: 'toLower', params: [STR('text')], result: 'string', doc: 'The text in lower case.' },
  { name: 'graphLink', params: [STR('expr')], result: 'string', doc: 'A relative link to the expression browser graph tab: `/graph?g0.expr=…&g0.tab=0`.' },
  { name: 'tableLink', params: [STR('expr')], result: 'string', doc: 'A relative link to the expression browser table tab: `/graph?g0.expr=…&g0.tab=1`.' },
  {
    name: 'sortByLabel',
    params: [STR('label'), { name: 'result', type: 'template.queryResult' }],
    result: 'template.queryResult',
    doc: 'Sorts query result samples by the value of a label (stable).',
  },
  {
    name: 'stripPort',
    params: [STR('hostPort')],
    result: 'string',
    doc: 'The host part of `host:port` (`[::1]:9100` gives `::1`); text without a port is returned unchanged.',
    since: '2.33',
  },
  {
    name: 'stripDomain',
    params: [STR('hostPort')],
    result: 'string',
    doc: 'Removes the domain of a host name, keeping any port: `node-1.example.com:9100` gives `node-1:9100`. IP addresses are kept whole.',
    since: '2.36',
  },
  {
    name: 'humanize',
    params: [ANY('value')],
    result: 'string',
    canFail: true,
    doc: `${HUMANIZE_INPUT}; formats it with 4 significant digits and an SI prefix: 1234567 gives \`1.235M\`, 0.0012 gives \`1.2m\`.`,
  },
  {
    name: 'humanize1024',
    params: [ANY('value')],
    result: 'string',
    canFail: true,
    doc: `${HUMANIZE_INPUT}; formats it with 4 significant digits and a binary prefix: 1048576 gives \`1Mi\`. For bytes.`,
  },
  {
    name: 'humanizeDuration',
    params: [ANY('seconds')],
    result: 'string',
    canFail: true,
    doc: `${HUMANIZE_INPUT} of seconds; formats it as a duration: 90061 gives \`1d 1h 1m 1s\`, 0.25 gives \`250ms\`.`,
  },
  {
    name: 'humanizePercentage',
    params: [ANY('ratio')],
    result: 'string',
    canFail: true,
    doc: `${HUMANIZE_INPUT}; formats a ratio as a percentage with 4 significant digits: 0.1234 gives \`12.34%\`.`,
    since: '2.11',
  },
  {
    name: 'humanizeTimestamp',
    params: [ANY('timestamp')],
    result: 'string',
    canFail: true,
    doc: `${HUMANIZE_INPUT} of Unix seconds; formats it as a UTC date and time: \`2021-03-04 05:06:07 +0000 UTC\`.`,
  },
  {
    name: 'toTime',
    params: [ANY('timestamp')],
    result: '*time.Time',
    canFail: true,
    doc: `${HUMANIZE_INPUT} of Unix seconds; converts it to a time (UTC), which has methods such as \`.Format\`.`,
    since: '2.38',
  },
  {
    name: 'toDuration',
    params: [ANY('seconds')],
    result: '*time.Duration',
    canFail: true,
    doc: `${HUMANIZE_INPUT} of seconds; converts it to a duration, printed like \`1h30m0s\`.`,
    since: '3.6',
  },
  { name: 'now', params: [], result: 'float64', doc: 'The evaluation time in Unix seconds.', since: '3.6' },
  { name: 'pathPrefix', params: [], result: 'string', doc: 'The path of the external URL Prometheus is served under (`--web.external-url`).' },
  { name: 'externalURL', params: [], result: 'string', doc: 'The external URL of Prometheus (`--web.external-url`).' },
  {
    name: 'parseDuration',
    params: [STR('duration')],
    result: 'float64',
    canFail: true,
    doc: 'Parses a Prometheus duration such as `1h30m` into seconds. Negative durations are accepted since 3.6.',
    since: '2.32',
  },
  { name: 'urlQueryEscape', params: [STR('text')], result: 'string', doc: 'Escapes text for a URL query parameter.', since: '3.8' },
];
