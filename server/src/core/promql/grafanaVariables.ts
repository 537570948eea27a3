import { memoByText } from '../memo';
import { formatDate, formatValue, type VariableValue } from './grafanaFormat';
import type { Span } from './types';

export { formatValue, type VariableSelection, type VariableValue } from './grafanaFormat';

/**
 * Grafana template variables inside PromQL (`$var`, `${var}`, `${var:fmt}`, `${var.field}`, `[[var]]`,
 * `[[var:fmt]]`, and built-ins such as `$__rate_interval`). Before the PromQL checker runs, each variable is
 * replaced either by a placeholder of the type its position needs (a duration in `[...]`, a label name in
 * `by (...)`, a value inside a matcher string …) or by the concrete value Grafana would insert, and a map leads
 * problems back to the original text. The variable syntax is Grafana's `variableRegex`
 * (public/app/features/variables/utils.ts); formats follow its format registry (@grafana/scenes) and the Prometheus
 * data source's default escaping (`interpolateQueryExpr`, prometheus datasource.ts).
 */

/** Where a variable stands, which decides the placeholder. */
export type VariableContext =
  | 'range' // inside `[...]` of a range selector or subquery: a duration
  | 'offset' // after `offset`: a duration
  | 'at' // after `@`: a Unix timestamp
  | 'labelList' // inside `by (...)`, `without`, `on`, `ignoring`, `group_left`, `group_right`
  | 'labelName' // inside `{...}`, outside strings
  | 'labelValue' // inside the string of an `=` / `!=` matcher
  | 'regexValue' // inside the string of an `=~` / `!~` matcher
  | 'string' // inside any other string (`label_replace` arguments …)
  | 'scalar' // where a number is expected (operand of an operator, `topk`'s first argument …)
  | 'metricName'; // anywhere else, or glued to a name (`${env}_requests_total`)

export interface VariableUse {
  /** Variable name without `$`, braces or format (`__rate_interval`, `job`). */
  name: string;
  fieldPath?: string;
  /** `regex`, `pipe`, `csv`, `date:seconds` …, when given. */
  format?: string;
  syntax: '$var' | '${var}' | '[[var]]';
  /** Range in the original text. */
  from: number;
  to: number;
  /** Range of the replacement in the substituted text. */
  outFrom: number;
  outTo: number;
  context: VariableContext;
  builtin: boolean;
  /** A concrete value was inserted (from `values` or a built-in's default) rather than a placeholder. */
  concrete: boolean;
}

export interface SubstitutionMap {
  /** Offset in the original text; inside a replacement, the start of its variable. */
  toOriginal(offset: number): number;
  /** A span in the original text; a span touching a replacement covers the whole variable. */
  toOriginalSpan(span: Span): Span;
  /** Offset in the substituted text; inside a variable, the start of its replacement. */
  fromOriginal(offset: number): number;
}

export interface Substitution {
  text: string;
  map: SubstitutionMap;
  variables: VariableUse[];
}

type BuiltinKind = 'duration' | 'number' | 'string';

/** Grafana's global variables with the kind of value and the value used when none is supplied. */
export const BUILTIN_VARIABLES: Record<string, { kind: BuiltinKind; example: string }> = {
  __interval: { kind: 'duration', example: '1m' },
  __interval_ms: { kind: 'number', example: '60000' },
  __rate_interval: { kind: 'duration', example: '4m' },
  __rate_interval_ms: { kind: 'number', example: '240000' },
  __range: { kind: 'duration', example: '3600s' },
  __range_s: { kind: 'number', example: '3600' },
  __range_ms: { kind: 'number', example: '3600000' },
  __auto: { kind: 'duration', example: '1m' },
  __from: { kind: 'number', example: '1700000000000' },
  __to: { kind: 'number', example: '1700003600000' },
  __dashboard: { kind: 'string', example: 'dashboard' },
  __org: { kind: 'string', example: 'org' },
  __user: { kind: 'string', example: 'user' },
  __name: { kind: 'string', example: 'name' },
  __timezone: { kind: 'string', example: 'utc' },
};

/**
 * Grafana's variableRegex: `$var`, `[[var]]` / `[[var:fmt]]`, `${var}` / `${var.field}` / `${var:fmt}`. Field paths
 * and formats are bounded here (Grafana's are not) so a long unterminated `${a.` cannot make the scan quadratic.
 */
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]{1,200}))?(?::([^}]{1,200}))?\}/y;

/** A variable reference in plain text (a title, a legend, a URL). */
export interface VariableReference {
  name: string;
  format?: string;
  fieldPath?: string;
  from: number;
  to: number;
}

/** Every variable reference of a plain text, as Grafana's variableRegex finds them; `$1`-style names are left out. */
export function variableReferences(text: string): VariableReference[] {
  const out: VariableReference[] = [];
  for (let i = text.indexOf('$'), j = text.indexOf('[['); i >= 0 || j >= 0; ) {
    const at = i >= 0 && (j < 0 || i < j) ? i : j;
    VARIABLE.lastIndex = at;
    const m = VARIABLE.exec(text);
    const name = m && (m[1] ?? m[2] ?? m[4]);
    if (m && !/^\d+$/.test(name!)) {
      out.push({ name: name!, fieldPath: m[5], format: m[3] ?? m[6], from: at, to: at + m[0].length });
    }
    const next = m ? at + m[0].length : at + 1;
    i = text.indexOf('$', next);
    j = text.indexOf('[[', next);
  }
  return out;
}

/** Words the PromQL lexer always reads as keywords, so a placeholder name must not be one of them. */
const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const RESERVED = new Set(['inf', 'nan', 'bool', 'offset', ...GROUPING]);
const SCALAR_OPERATORS = new Set(['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', 'bool', 'atan2']);
/**
 * Argument positions that take a scalar, `name:positions` (promql/parser/functions.go, and the aggregations with a
 * parameter in promql/parser/parse.go).
 */
const SCALAR_ARGS: Record<string, number[]> = Object.fromEntries(
  (
    'topk:0 bottomk:0 quantile:0 limitk:0 limit_ratio:0 histogram_quantile:0 quantile_over_time:0 vector:0 ' +
    'clamp_min:1 clamp_max:1 round:1 predict_linear:1 histogram_fraction:01 clamp:12 double_exponential_smoothing:12 ' +
    'holt_winters:12'
  )
    .split(' ')
    .map((entry) => entry.split(':'))
    .map(([fn, args]) => [fn, [...args].map(Number)]),
);

interface Frame {
  open: string;
  fn?: string;
  arg: number;
  grouping: boolean;
  /** For a grouping clause, the word before `by`/`without` (the aggregation when the clause comes first). */
  agg?: string;
}

interface Match {
  name: string;
  fieldPath?: string;
  format?: string;
  syntax: VariableUse['syntax'];
  from: number;
  to: number;
  context: VariableContext;
}

/**
 * Replaces every Grafana variable in `text`. Without `values`, each becomes a placeholder that keeps the query
 * valid; with `values`, the named variables get the text Grafana would insert, built-ins their example value, and
 * any other variable a placeholder. `$1`-style names (capture references in `label_replace`) stay as written
 * unless `values` names them, as Grafana leaves unknown variables alone.
 */
export function substituteVariables(text: string, values?: Record<string, VariableValue>): Substitution {
  return values ? substitute(text, values) : withPlaceholders(text);
}

/** The placeholder substitution of a text, asked for by the checks, the lints and the indexes in turn: read-only. */
const withPlaceholders = memoByText((text) => substitute(text, undefined));

function substitute(text: string, values: Record<string, VariableValue> | undefined): Substitution {
  const matches = scan(text, values);
  let out = '';
  let last = 0;
  const variables: VariableUse[] = [];
  for (const m of matches) {
    out += text.slice(last, m.from);
    const supplied = values && Object.prototype.hasOwnProperty.call(values, m.name) ? values[m.name] : undefined;
    const builtin = Object.prototype.hasOwnProperty.call(BUILTIN_VARIABLES, m.name);
    const replacement =
      supplied !== undefined
        ? formatValue(supplied, m.format, m.name)
        : values && builtin
          ? builtinValue(m.name, m.format)
          : placeholder(m, text);
    // Written out rather than spread: this runs for every variable of every dashboard query, often before V8 optimises it.
    variables.push({
      name: m.name,
      fieldPath: m.fieldPath,
      format: m.format,
      syntax: m.syntax,
      from: m.from,
      to: m.to,
      context: m.context,
      outFrom: out.length,
      outTo: out.length + replacement.length,
      builtin,
      concrete: supplied !== undefined || (values !== undefined && builtin),
    });
    out += replacement;
    last = m.to;
  }
  out += text.slice(last);
  return { text: out, map: substitutionMap(variables), variables };
}

interface ScanState {
  stack: Frame[];
  /** The last token (an identifier, operator or bracket; `string` after a string literal). */
  prev: string;
  prev2: string;
  /** The aggregation whose `by (...)` clause just closed: `topk by (job) ($k, x)` still has `$k` as its parameter. */
  afterGrouping?: string;
}

/** Finds the variables and their contexts with a small PromQL-aware scan (strings, comments, brackets). */
function scan(text: string, values: Record<string, VariableValue> | undefined): Match[] {
  const found: Match[] = [];
  const st: ScanState = { stack: [], prev: '', prev2: '' };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const variable = ch === '$' || (ch === '[' && text[i + 1] === '[') ? matchVariable(text, i, values, 'metricName') : undefined;
    if (variable) {
      variable.context = codeContext(text, variable, st);
      found.push(variable);
      remember(st, '$');
      i = variable.to;
    } else if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f' || (ch > '~' && /\s/.test(ch))) {
      i++;
    } else if (ch === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      const end = stringEnd(text, i);
      const top = st.stack[st.stack.length - 1];
      const op = st.prev;
      const context: VariableContext =
        top?.open !== '{' ? 'string' : op === '=~' || op === '!~' ? 'regexValue' : 'labelValue';
      for (let k = i + 1; k < end; ) {
        const v = text[k] === '$' || text[k] === '[' ? matchVariable(text, k, values, context, end) : undefined;
        if (v) {
          found.push(v);
        }
        k = v ? v.to : k + 1;
      }
      remember(st, 'string');
      i = end;
    } else {
      TOKEN.lastIndex = i;
      const word = TOKEN.exec(text)![0];
      punctuation(word, st);
      remember(st, word);
      i += word.length;
    }
  }
  return found;
}

/** One token of code outside strings: a name, a number, a two-character operator or any other character. */
const TOKEN = /[A-Za-z_:][\w:]*|[0-9.][\w.]*|=~|!~|==|!=|<=|>=|\S/y;

function remember(st: ScanState, token: string): void {
  st.prev2 = st.prev;
  st.prev = token;
}

function matchVariable(
  text: string,
  at: number,
  values: Record<string, VariableValue> | undefined,
  context: VariableContext,
  limit = text.length,
): Match | undefined {
  VARIABLE.lastIndex = at;
  const m = VARIABLE.exec(text);
  if (!m || at + m[0].length > limit) {
    return undefined;
  }
  const name = m[1] ?? m[2] ?? m[4];
  if (/^\d+$/.test(name) && !(values && Object.prototype.hasOwnProperty.call(values, name))) {
    return undefined; // `$1` in label_replace is a capture reference
  }
  const syntax = m[1] ? '$var' : m[2] ? '[[var]]' : '${var}';
  return { name, fieldPath: m[5], format: m[3] ?? m[6], syntax, from: at, to: at + m[0].length, context };
}

/** Keeps the bracket stack, with the function and argument index of each `(`. */
function punctuation(word: string, st: ScanState): void {
  const top = st.stack[st.stack.length - 1];
  if (word === '(' || word === '[' || word === '{') {
    let fn = word === '(' && /^[a-z_]\w*$/i.test(st.prev) ? st.prev.toLowerCase() : undefined;
    const grouping = fn !== undefined && GROUPING.has(fn);
    if (word === '(' && st.prev === ')' && st.afterGrouping) {
      fn = st.afterGrouping;
    }
    st.stack.push({ open: word, fn, arg: 0, grouping, agg: grouping ? st.prev2.toLowerCase() : undefined });
    st.afterGrouping = undefined;
  } else if ((word === ')' || word === ']' || word === '}') && top) {
    st.stack.pop();
    st.afterGrouping = top.grouping ? top.agg : undefined;
  } else if (word === ',' && top) {
    top.arg++;
  }
}

/** The first non-blank character from `lastIndex` on (empty at the end of the text). */
const NEXT = /\s*(\S?)/y;

function codeContext(text: string, v: Match, st: ScanState): VariableContext {
  const top = st.stack[st.stack.length - 1];
  const p = st.prev.toLowerCase();
  if (top?.open === '[') {
    return 'range';
  }
  if (p === 'offset' || p === '@') {
    return p === '@' ? 'at' : 'offset';
  }
  if (top?.open === '(' && top.grouping) {
    return 'labelList';
  }
  if (top?.open === '{') {
    return 'labelName';
  }
  NEXT.lastIndex = v.to;
  const following = NEXT.exec(text)![1];
  if (glued(text, v) || following === '{' || following === '[') {
    return 'metricName';
  }
  if (SCALAR_OPERATORS.has(p) || (top?.fn !== undefined && SCALAR_ARGS[top.fn]?.includes(top.arg))) {
    return 'scalar';
  }
  return 'metricName';
}

function glued(text: string, v: { from: number; to: number }): boolean {
  return /[\w:]/.test(text[v.from - 1] ?? '') || /[\w:]/.test(text[v.to] ?? '');
}

/** A value of the right type that keeps the query valid and is plainly a stand-in. */
function placeholder(m: Match, text: string): string {
  const builtin = BUILTIN_VARIABLES[m.name];
  const kind = builtin && m.format?.startsWith('date') ? 'number' : builtin?.kind;
  switch (m.context) {
    case 'range':
    case 'offset':
      if (kind === 'duration' || kind === 'number') {
        return builtin.example;
      }
      // `[${n}m]` needs a number, `[1${unit}]` a unit
      return /[a-z]/i.test(text[m.to] ?? '') ? '5' : /\d/.test(text[m.from - 1] ?? '') ? 'm' : '5m';
    case 'at':
      return '1700000000';
    case 'scalar':
      return kind === 'number' ? builtin.example : kind === 'duration' ? String(seconds(builtin.example)) : '1';
    case 'labelValue':
    case 'regexValue':
    case 'string':
      return builtin ? builtin.example : m.name;
    default:
      return identifier(m.name, glued(text, m));
  }
}

function identifier(name: string, isGlued: boolean): string {
  const id = /^\d/.test(name) ? '_' + name : name;
  return !isGlued && RESERVED.has(id.toLowerCase()) ? id + '_' : id;
}

function seconds(duration: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(duration);
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
  return m ? Number(m[1]) * unit[m[2]] : 60;
}

function builtinValue(name: string, format: string | undefined): string {
  const example = BUILTIN_VARIABLES[name].example;
  const [fmt, arg] = (format ?? '').split(':');
  return fmt === 'date' ? formatDate(example, arg) : example;
}


/** The offset after a PromQL string starting at `at` (escapes in `"`/`'` strings; raw backtick strings). */
function stringEnd(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') {
      i++;
    } else if (text[i] === quote || (text[i] === '\n' && quote !== '`')) {
      return text[i] === quote ? i + 1 : i;
    }
  }
  return text.length;
}

function substitutionMap(vars: VariableUse[]): SubstitutionMap {
  /** The last variable whose `key` start is ≤ offset (or < offset when `strict`). */
  const find = (offset: number, key: 'from' | 'outFrom', strict = false): VariableUse | undefined => {
    let lo = 0;
    let hi = vars.length - 1;
    let found: VariableUse | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? vars[mid][key] < offset : vars[mid][key] <= offset) {
        found = vars[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  };
  const shift = (o: number, v: VariableUse | undefined): number => (v ? o - v.outTo + v.to : o);
  const toOriginal = (o: number): number => {
    const v = find(o, 'outFrom');
    return v && o < v.outTo ? v.from : shift(o, v);
  };
  return {
    toOriginal,
    toOriginalSpan({ from, to }) {
      const v = find(to, 'outFrom', true);
      return { from: toOriginal(from), to: v && to <= v.outTo ? v.to : shift(to, v) };
    },
    fromOriginal(o) {
      const v = find(o, 'from');
      return v && o < v.to ? v.outFrom : v ? o - v.to + v.outTo : o;
    },
  };
}
