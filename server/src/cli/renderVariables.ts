// `o11y render --var name=value`: the values of the dashboard's template variables for the snapshot, as a user
// would pick them in Grafana. `name=a,b` picks several values of a multi-value variable, `name=$__all` its "All";
// the flag may repeat (values of one name add up). A textbox takes the text as written, commas included.
import { ALL } from '../core/dashboardPreview/variables';
import { str, type Json } from '../core/dashboardPreview/source';
import type { VariableView } from '../core/dashboardPreview/types';
import { UsageError } from './args';

const FORM = 'write --var name=value (name=a,b for several values, name=$__all for All)';

/** The selections the flags ask for, by variable name; a name the dashboard does not define is a usage error. */
export function variableSelections(specs: string[], variables: Json[]): Record<string, string[]> {
  const types = new Map(variables.map((v) => [str(v.name), str(v.type) ?? 'query']));
  const out: Record<string, string[]> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = eq > 0 ? spec.slice(0, eq).trim().replace(/^\$/, '') : '';
    if (!name) {
      throw new UsageError(`--var "${spec}": ${FORM}`);
    }
    if (!types.has(name)) {
      const known = [...types.keys()].filter((n): n is string => n !== undefined);
      throw new UsageError(`--var ${name}: the dashboard has no variable "${name}"${known.length ? ` (it has ${known.join(', ')})` : ''}`);
    }
    const value = spec.slice(eq + 1);
    const values = types.get(name) === 'textbox' ? [value] : value.split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (!values.length) {
      throw new UsageError(`--var ${name}: give a value; ${FORM}`);
    }
    out[name] = [...(out[name] ?? []), ...values];
  }
  return out;
}

/** Why the render could not use a selection (not an option, one value only, no All); empty when all were used. */
export function unmetSelections(wanted: Record<string, string[]>, views: VariableView[]): string[] {
  const problems: string[] = [];
  for (const [name, values] of Object.entries(wanted)) {
    const view = views.find((v) => v.name === name);
    if (!view) {
      continue;
    }
    const shown = view.current.map((c) => (c === ALL ? 'All' : c)).join(', ') || 'nothing';
    const valueOf = (s: string) => view.options.find((o) => o.text === s)?.value ?? s;
    if (values.length > 1 && !view.multi) {
      problems.push(`--var ${name}: "${name}" takes one value, not ${values.length}; the page shows ${shown}.`);
    } else if (values.includes(ALL) && !view.includeAll) {
      problems.push(`--var ${name}: "${name}" has no All option; the page shows ${shown}.`);
    } else {
      const missing = values.filter((v) => !view.current.includes(valueOf(v)));
      if (missing.length) {
        const options = view.options.slice(0, 10).map((o) => o.text);
        const list = options.length ? ` (${options.join(', ')}${view.options.length > 10 ? ', …' : ''})` : '';
        problems.push(`--var ${name}: ${missing.map((m) => `"${m}"`).join(', ')} is not a value of "${name}"${list}; the page shows ${shown}.`);
      }
    }
  }
  return problems;
}
