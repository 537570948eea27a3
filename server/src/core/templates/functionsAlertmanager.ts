/**
 * The functions Alertmanager adds to notification templates: template/template.go `DefaultFuncs`.
 * `since` is the first Alertmanager release that has the function (checked against the repository history);
 * 0.25 had only toUpper, toLower, title, join, match, safeHtml, reReplaceAll and stringSlice.
 */
import type { FunctionInfo, FunctionParam } from './functions';

const ANY = (name: string): FunctionParam => ({ name, type: 'any' });
const STR = (name: string): FunctionParam => ({ name, type: 'string' });
const TIME = (name: string): FunctionParam => ({ name, type: 'time.Time' });

export const ALERTMANAGER_FUNCTIONS: readonly FunctionInfo[] = [
  { name: 'toUpper', params: [STR('text')], result: 'string', doc: 'The text in upper case.' },
  { name: 'toLower', params: [STR('text')], result: 'string', doc: 'The text in lower case.' },
  {
    name: 'title',
    params: [STR('text')],
    result: 'string',
    doc: 'Title case: the first letter of each word upper case, the other letters lower case (`hELLO wORLD` gives `Hello World`).',
  },
  { name: 'trimSpace', params: [STR('text')], result: 'string', doc: 'The text without leading and trailing white space.', since: '0.26' },
  {
    name: 'join',
    params: [STR('separator'), { name: 'list', type: '[]string' }],
    result: 'string',
    doc: 'Joins a list of strings with a separator; the separator comes first so lists can be piped in: `{{ .GroupLabels.Values | join ", " }}`.',
  },
  { name: 'match', params: [STR('pattern'), STR('text')], result: 'bool', canFail: true, doc: 'True when the regular expression (RE2, unanchored) matches somewhere in the text.' },
  { name: 'safeHtml', params: [STR('text')], result: 'template.HTML', doc: 'Marks text as safe HTML so the HTML (email) templates do not escape it.' },
  { name: 'safeUrl', params: [STR('text')], result: 'template.URL', doc: 'Marks text as a safe URL so HTML templates keep it in links.', since: '0.30' },
  { name: 'urlUnescape', params: [STR('text')], result: 'string', canFail: true, doc: 'Decodes a URL query escape (`a+b%26c` gives `a b&c`).', since: '0.30' },
  {
    name: 'reReplaceAll',
    params: [STR('pattern'), STR('replacement'), STR('text')],
    result: 'string',
    doc: 'Replaces every match of a regular expression (RE2, unanchored) in the text; `$1` or `${name}` in the replacement are capture groups.',
  },
  { name: 'stringSlice', params: [], variadic: STR('strings'), result: '[]string', doc: 'Makes a list of strings from its arguments.' },
  {
    name: 'routeLabels',
    params: [STR('name')],
    result: 'string',
    canFail: true,
    doc: 'The value of a label set on the route that sent the notification (rendered as a template itself).',
    since: '0.34',
  },
  {
    name: 'date',
    params: [STR('layout'), TIME('time')],
    result: 'string',
    doc: "Formats a time with a Go layout, written as the reference time Mon Jan 2 15:04:05 MST 2006: `{{ .StartsAt | date \"2006-01-02 15:04\" }}`.",
    since: '0.28',
  },
  { name: 'tz', params: [STR('zone'), TIME('time')], result: 'time.Time', canFail: true, doc: 'The time in an IANA time zone: `{{ .StartsAt | tz "Europe/Paris" }}`.', since: '0.28' },
  { name: 'now', params: [], result: 'time.Time', doc: 'The current time (when the notification is rendered).', since: '0.33' },
  { name: 'since', params: [TIME('time')], result: 'time.Duration', doc: 'The time passed since a time, as a duration (`{{ .StartsAt | since }}`).', since: '0.28' },
  {
    name: 'humanizeDuration',
    params: [ANY('seconds')],
    result: 'string',
    canFail: true,
    doc: 'Formats a number of seconds (a number, a numeric string or a duration) as a duration: 90061 gives `1d 1h 1m 1s`.',
    since: '0.28',
  },
  { name: 'toDate', params: [STR('layout'), STR('text')], result: 'time.Time', doc: 'Parses a time in UTC with a Go layout; gives the zero time when it does not parse.', since: '0.34' },
  { name: 'mustToDate', params: [STR('layout'), STR('text')], result: 'time.Time', canFail: true, doc: 'Parses a time in UTC with a Go layout; fails when it does not parse.', since: '0.34' },
  { name: 'toJson', params: [ANY('value')], result: 'string', canFail: true, doc: 'The value encoded as JSON.', since: '0.30' },
  { name: 'base64encode', params: [STR('text')], result: 'string', doc: 'Base64 (URL-safe alphabet) encoding of the text.', since: '0.34' },
  { name: 'base64decode', params: [STR('text')], result: 'string', canFail: true, doc: 'Decodes URL-safe Base64.', since: '0.34' },
  { name: 'list', params: [], variadic: ANY('items'), result: '[]interface {}', canFail: true, doc: 'Makes a list of its arguments.', since: '0.32' },
  {
    name: 'append',
    params: [{ name: 'list', type: '[]interface {}' }],
    variadic: ANY('items'),
    result: '[]interface {}',
    doc: 'A list with the items added at the end.',
    since: '0.32',
  },
  {
    name: 'dict',
    params: [],
    variadic: ANY('keysAndValues'),
    result: 'map[string]interface {}',
    canFail: true,
    doc: 'Makes a map from alternating string keys and values: `dict "name" .Labels.alertname "count" 3`.',
    since: '0.32',
  },
];
