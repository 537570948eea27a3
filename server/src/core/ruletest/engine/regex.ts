/**
 * Go regular expressions (RE2 syntax) as PromQL uses them: label matchers and label_replace() anchor the pattern
 * at both ends (`^(?:…)$`, labels.NewFastRegexMatcher and funcLabelReplace in Prometheus 2.x), and label_replace()
 * expands `$1`, `${1}`, `$name`, `${name}` and `$$` in its replacement the way Go's Regexp.ExpandString does.
 */
import { re2Error } from '../../re2';

const compiled = new Map<string, RegExp | string>();

/** The anchored JavaScript equivalent of a Go regular expression, or the reason it is invalid. */
export function compileAnchored(source: string): RegExp | string {
  let re = compiled.get(source);
  if (re === undefined) {
    re = translate(source);
    if (compiled.size > 1000) {
      compiled.clear();
    }
    compiled.set(source, re);
  }
  return re;
}

function translate(source: string): RegExp | string {
  const invalid = re2Error(source);
  if (invalid) {
    return invalid;
  }
  // Flags written first apply to the whole expression; JavaScript (before ES2025) has no inline flags.
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  let flags = lead?.[1].includes('i') ? 'i' : '';
  flags += lead?.[1].includes('s') ? 's' : '';
  let body = (lead ? source.slice(lead[0].length) : source)
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU]*-?[imsU]*:/g, '(?:')
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^')
    .replace(/\\Q(.*?)(?:\\E|$)/g, (_, lit: string) => lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .replace(/\[:(alpha|digit|alnum|space|upper|lower|punct|xdigit|word):\]/g, (_, cls: string) => POSIX[cls]);
  if (/\\[pP]/.test(body)) {
    body = body.replace(/\\([pP])([A-Z])/g, '\\$1{$2}').replace(/\\x\{([0-9a-fA-F]+)\}/g, '\\u{$1}');
    flags += 'u';
  }
  try {
    return new RegExp(`^(?:${body})$`, flags);
  } catch (err) {
    return String((err as Error).message);
  }
}

const POSIX: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  lower: 'a-z',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '0-9A-Za-z_',
};

/** Regexp.ExpandString: the replacement template with `$…` references filled in from `match`. */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) {
      return out + rest;
    }
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(\{)?([\p{L}\p{Nd}_]+)(\})?/u.exec(rest);
    if (!ref || (ref[1] !== undefined && ref[3] === undefined)) {
      out += '$';
      continue;
    }
    const name = ref[2];
    rest = rest.slice(ref[1] ? ref[0].length : name.length);
    const num = /^(0|[1-9][0-9]{0,7})$/.test(name) ? Number(name) : -1;
    out += (num >= 0 ? match[num] : match.groups?.[name]) ?? '';
  }
}
