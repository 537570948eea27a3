/**
 * printf format checks: directives whose verb does not suit the argument's type (Go prints `%!d(float64=1.5)`
 * instead of failing) and argument counts that do not match (`%!d(MISSING)`, `%!(EXTRA …)`).
 */
import type { Problem } from '../problem';
import type { ArgNode, Span } from './ast';
import type { StaticType } from './scope';

const VERBS: Record<string, string> = {
  float: 'vgGeEfFxXb',
  int: 'vdboOxXcqU',
  string: 'vsqxX',
  bool: 'vt',
};

interface Directive {
  verb: string;
  offset: number;
}

/** The directives of a format; undefined when it uses `*` or `[n]` (not worth following statically). */
function directives(format: string): Directive[] | undefined {
  const out: Directive[] = [];
  for (let i = format.indexOf('%'); i >= 0; i = format.indexOf('%', i)) {
    const m = /^%([#0+\- ]*)(\*|\[)?[0-9]*(?:\.(\*|[0-9]*))?(.)?/su.exec(format.slice(i));
    if (!m || m[2] || m[3] === '*') {
      return undefined;
    }
    if (m[4] !== '%' && m[4] !== undefined) {
      out.push({ verb: m[4], offset: i });
    }
    i += m[0].length || 1;
  }
  return out;
}

function describe(arg: ArgNode, src: string): string {
  return src.slice(arg.from, arg.to);
}

/** Checks `printf "format" args…` when the format is a literal. */
export function checkPrintf(args: ArgNode[], types: StaticType[], piped: StaticType | undefined, at: Span, text: string): Problem[] {
  const format = args[0];
  if (!format || format.kind !== 'string') {
    return [];
  }
  const dirs = directives(format.text);
  if (!dirs) {
    return [];
  }
  const values = args.slice(1).map((a, i) => ({ node: a as ArgNode | undefined, type: types[i + 1] }));
  if (piped) {
    values.push({ node: undefined, type: piped });
  }
  const problems: Problem[] = [];
  const warn = (span: Span, message: string) =>
    problems.push({ offset: span.from, length: Math.max(1, span.to - span.from), severity: 'warning', code: 'template/printf', message });
  dirs.forEach((d, i) => {
    const v = values[i];
    if (!v) {
      warn(format, `printf: %${d.verb} has no argument and prints %!${d.verb}(MISSING)`);
      return;
    }
    const kind = v.node?.kind === 'number' ? (/[.eEpP]/.test(v.node.text) ? 'float' : 'int') : v.type?.kind;
    const allowed = kind ? VERBS[kind] : undefined;
    if (allowed && !allowed.includes(d.verb)) {
      const name = kind === 'float' ? 'float64' : v.type?.name ?? kind;
      const what = v.node ? describe(v.node, text) : 'the piped value';
      warn(v.node ?? at, `printf: %${d.verb} does not format ${name} values: ${what} prints as %!${d.verb}(${name}=…)`);
    }
  });
  if (values.length > dirs.length) {
    const extra = values[dirs.length];
    warn(extra.node ?? at, `printf: ${values.length - dirs.length} argument(s) more than the format uses; Go appends %!(EXTRA …)`);
  }
  return problems;
}
