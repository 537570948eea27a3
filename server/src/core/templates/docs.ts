/**
 * Markdown for template completion and hover: functions (from the function tables, with an example), the
 * action keywords, and the alert template variables. Our own words, from Go's text/template documentation and
 * Prometheus's template reference.
 */
import { FUNCTION_EXAMPLES } from './examples';
import { arityText, signature, type Dialect, type FunctionInfo } from './functions';

export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  if: '`{{ if pipeline }} … {{ else if … }} … {{ else }} … {{ end }}`: writes the first part when the pipeline\'s value is not empty (false, 0, nil and empty strings, maps and lists are empty).',
  else: '`{{ else }}` starts the part of an `if`, `range` or `with` that runs when its value is empty; `{{ else if … }}` chains another condition.',
  end: '`{{ end }}` closes the innermost `if`, `range`, `with`, `define` or `block`.',
  range: '`{{ range pipeline }} … {{ end }}`: runs its body once per element of a list or map (sorted keys), with dot set to the element. `{{ range $k, $v := $labels }}` names the key and value; `{{ else }}` runs when there are no elements.',
  with: '`{{ with pipeline }} … {{ end }}`: runs its body with dot set to the value, when the value is not empty: `{{ with $labels.team }}team {{ . }}{{ end }}`.',
  define: '`{{ define "name" }} … {{ end }}`: a named template, written with `{{ template "name" value }}`. Inside it, dot is the value passed and `$labels` or `$value` are not in scope.',
  template: '`{{ template "name" pipeline }}`: writes the named template, with dot set to the pipeline\'s value.',
  block: '`{{ block "name" pipeline }} default {{ end }}`: defines the named template and writes it at once; shorthand for `define` plus `template`.',
  break: '`{{ break }}` ends the innermost `range` loop.',
  continue: '`{{ continue }}` skips to the next element of the innermost `range` loop.',
};

export interface VariableDoc {
  name: string;
  type: string;
  doc: string;
}

/** What alert templates have in scope: Prometheus declares these before the label or annotation text. */
export const ALERT_VARIABLE_DOCS: readonly VariableDoc[] = [
  {
    name: '$labels',
    type: 'map[string]string',
    doc: 'The labels of the alert\'s series, as the rule\'s expression returned them (the rule\'s own `labels:` are not in it). `{{ $labels.instance }}` is one label; a label the expression drops expands to nothing.',
  },
  { name: '$value', type: 'float64', doc: 'The value of the alert\'s sample: what the expression returned for this series (`{{ $value | humanize }}`).' },
  { name: '$externalLabels', type: 'map[string]string', doc: 'The external labels of the Prometheus server (`global.external_labels`).' },
  { name: '$externalURL', type: 'string', doc: 'The external URL of the Prometheus server (`--web.external-url`).' },
  { name: '$', type: 'struct', doc: 'The data the template started with: `.Labels`, `.Value`, `.ExternalLabels` and `.ExternalURL`; still reachable inside `range` and `with`.' },
];

export function functionMarkdown(f: FunctionInfo, dialect: Dialect): string {
  const parts = ['```go\n' + signature(f) + '\n```', f.doc];
  const args = [...f.params, ...(f.variadic ? [{ ...f.variadic, name: `${f.variadic.name}...` }] : [])];
  parts.push(args.length ? `**Arguments** (${arityText(f)}): ${args.map((p) => `\`${p.name}\` ${p.type}`).join(', ')}` : '**Arguments**: none');
  parts.push(`**Result**: ${f.result}${f.canFail ? ', or an error that stops the template' : ''}`);
  const example = dialect === 'prometheusAlert' ? FUNCTION_EXAMPLES[f.name] : undefined;
  if (example) {
    const given = describeData(example);
    const out = example.output !== undefined ? ` gives \`${example.output.replace(/\n/g, '\\n')}\`` : '';
    parts.push(`**Example**: \`${example.template}\`${out}${given}`);
  }
  if (f.since) {
    parts.push(`Since ${dialect === 'prometheusAlert' ? 'Prometheus' : 'Alertmanager'} ${f.since}.`);
  }
  return parts.join('\n\n');
}

function describeData(e: { labels?: Record<string, string>; value?: number; output?: string }): string {
  if (e.output === undefined) {
    return '';
  }
  const given = [
    ...Object.entries(e.labels ?? {}).map(([k, v]) => `\`${k}\` is \`${v}\``),
    ...(e.value !== undefined ? [`\`$value\` is ${e.value}`] : []),
  ];
  return given.length ? ` when ${given.join(' and ')}` : '';
}
