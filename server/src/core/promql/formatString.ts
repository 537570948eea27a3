/**
 * The canonical one-line text of an expression, as the `String()` methods of promql/parser/printer.go write it:
 * sorted matchers without spaces, `sum by (job) (…)`, normalized numbers (`1e3` → `1000`) and durations
 * (`90s` → `1m30s`), `@` timestamps with three decimals, modifiers in the order `@`, `anchored`/`smoothed`,
 * `offset`. The pretty-printer (format.ts) uses it for every node that fits on a line.
 */
import type { AtModifier, Binary, DurationExpr, Expr, LabelMatcher, Modifiers, VectorSelector } from './ast';
import { secondsToDuration } from './completeDocs';
import { goQuote } from './goText';

/** Memoized texts: the pretty-printer asks for the text of every node on the way down. */
export type TextCache = Map<Expr, string>;

/** The text of `e`; with a cache, the texts of its nodes are kept there (and taken from there). */
export function exprText(e: Expr, cache?: TextCache): string {
  if (!cache) {
    return build(e, undefined);
  }
  let s = cache.get(e);
  if (s === undefined) {
    s = build(e, cache);
    cache.set(e, s);
  }
  return s;
}

function build(e: Expr, cache: TextCache | undefined): string {
  const t = (x: Expr): string => exprText(x, cache);
  switch (e.kind) {
    case 'number':
      return e.duration ? signedDuration(e.value) : goFloat(e.value);
    case 'string':
      return goQuote(e.value);
    case 'vectorSelector':
      return selectorText(e) + modifiersText(e);
    case 'matrixSelector':
      return `${e.selector.kind === 'vectorSelector' ? selectorText(e.selector) : t(e.selector)}[${durationText(e.range)}]${modifiersText(e)}`;
    case 'subquery':
      return `${t(e.expr)}${subquerySuffix(e)}`;
    case 'call':
      return `${e.name}(${e.args.map(t).join(', ')})`;
    case 'aggregate':
      return `${aggregateHead(e)}(${(e.param ? [e.param, e.expr!] : [e.expr!]).map(t).join(', ')})`;
    case 'binary':
      return `${t(e.lhs)} ${binaryHead(e)} ${t(e.rhs)}`;
    case 'unary':
      return `${e.op}${t(e.expr)}`;
    case 'paren':
      return `(${t(e.expr)})`;
  }
}

/** `[5m:1m] @ 10.000 offset 1h`: the part of a subquery after its expression (getSubqueryTimeSuffix). */
export function subquerySuffix(e: Extract<Expr, { kind: 'subquery' }>): string {
  return `[${durationText(e.range)}:${e.step ? durationText(e.step) : ''}]${modifiersText(e)}`;
}

/** `sum by (job) ` or `sum`: AggregateExpr.ShortString. */
export function aggregateHead(e: Extract<Expr, { kind: 'aggregate' }>): string {
  const g = e.grouping;
  if (g?.without) {
    return `${e.op} without (${g.labels.map((l) => labelName(l.name)).join(', ')}) `;
  }
  return g && g.labels.length ? `${e.op} by (${g.labels.map((l) => labelName(l.name)).join(', ')}) ` : e.op;
}

/** `+`, `== bool`, `* on (job) group_left (version)`: BinaryExpr.ShortString. */
export function binaryHead(e: Binary): string {
  return `${e.op}${e.bool ? ' bool' : ''}${matchingText(e)}`;
}

function matchingText(e: Binary): string {
  const m = e.matching;
  let out = '';
  if (m) {
    const grouped = m.card !== 'one-to-one';
    if (m.labels.length || m.on || grouped) {
      out += ` ${m.on ? 'on' : 'ignoring'} (${m.labels.map((l) => labelName(l.name)).join(', ')})`;
    }
    if (grouped) {
      out += ` ${m.card === 'many-to-one' ? 'group_left' : 'group_right'} (${m.include.map((l) => labelName(l.name)).join(', ')})`;
    }
  }
  const f = e.fill;
  if (f && f.lhs !== undefined && f.rhs !== undefined && Object.is(f.lhs, f.rhs)) {
    out += ` fill (${goG(f.lhs)})`;
  } else if (f) {
    out += (f.lhs !== undefined ? ` fill_left (${goG(f.lhs)})` : '') + (f.rhs !== undefined ? ` fill_right (${goG(f.rhs)})` : '');
  }
  return out;
}

/** The name and matchers, without modifiers: `foo{a="b",c!~"d"}`. */
function selectorText(e: VectorSelector): string {
  const name = e.name ?? '';
  const matchers = e.matchers.filter((m) => !(name !== '' && m.name === '__name__' && m.op === '=' && m.value === name)).map(matcherText);
  // Go's sort.Strings compares bytes; for these strings that is the order of UTF-16 code units, except beyond U+FFFF.
  matchers.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return matchers.length ? `${name}{${matchers.join(',')}}` : name;
}

function matcherText(m: LabelMatcher): string {
  return `${quoteName(m.name) ? goQuote(m.name) : m.name}${m.op}${goQuote(m.value)}`;
}

/** labels.Matcher.shouldQuoteName and LegacyValidation.IsValidLabelName: quote what is not `[a-zA-Z_][a-zA-Z0-9_]*`. */
function quoteName(name: string): boolean {
  return !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}

function labelName(name: string): string {
  return quoteName(name) ? goQuote(name) : name;
}

function modifiersText(m: Modifiers): string {
  return atText(m.at) + (m.anchored ? ' anchored' : m.smoothed ? ' smoothed' : '') + offsetText(m);
}

function atText(at: AtModifier | undefined): string {
  if (!at) {
    return '';
  }
  if (at.preprocessor) {
    return ` @ ${at.preprocessor}()`;
  }
  // Go keeps the timestamp in whole milliseconds (timestamp.FromFloatSeconds) and prints it with %.3f.
  return ` @ ${(goRound((at.value ?? 0) * 1000) / 1000).toFixed(3)}`;
}

function offsetText(m: Modifiers): string {
  if (!m.offset) {
    return '';
  }
  const d = goDuration(m.offset.duration);
  if (d.kind === 'literal') {
    // A literal offset becomes a time.Duration: zero is not printed at all.
    const ms = toMillis(d.value);
    return ms === 0 ? '' : ` offset ${ms < 0 ? '-' : ''}${secondsToDuration(Math.abs(ms) / 1000)}`;
  }
  return ` offset ${goDurationText(d)}`;
}

/** A range or step: a literal is printed as model.Duration, an expression as written (normalized). */
function durationText(d: DurationExpr): string {
  const g = goDuration(d);
  return g.kind === 'literal' ? secondsToDuration(toMillis(g.value) / 1000) : goDurationText(g);
}

/** Go's representation of a duration: a folded NumberLiteral, or a DurationExpr tree (generated_parser.y). */
type GoDuration =
  | { kind: 'literal'; value: number; duration: boolean }
  | { kind: 'expr'; op: string; lhs?: GoDuration; rhs?: GoDuration; call?: boolean; wrapped?: boolean };

function goDuration(d: DurationExpr): GoDuration {
  switch (d.kind) {
    case 'durationLiteral':
      return { kind: 'literal', value: d.seconds, duration: !d.isNumber };
    case 'durationUnary': {
      // applyUnaryOpToDurationExpr: a sign folds into a literal; `-` before anything else stays a unary node.
      const inner = goDuration(d.expr);
      if (inner.kind === 'literal') {
        return { ...inner, value: d.op === '-' ? -inner.value : inner.value };
      }
      return d.op === '-' ? { kind: 'expr', op: '-', rhs: inner } : inner;
    }
    case 'durationParen': {
      // wrapParenDurationExpr: a literal gets a unary-plus wrapper; nested parentheses print once.
      const inner = goDuration(d.expr);
      return inner.kind === 'literal' ? { kind: 'expr', op: '+', rhs: inner, wrapped: true } : { ...inner, wrapped: true };
    }
    case 'durationBinary':
      return { kind: 'expr', op: d.op, lhs: goDuration(d.lhs), rhs: goDuration(d.rhs) };
    case 'durationCall':
      return { kind: 'expr', op: d.name, call: true, lhs: d.args[0] && goDuration(d.args[0]), rhs: d.args[1] && goDuration(d.args[1]) };
  }
}

/** DurationExpr.writeTo; literals inside print as NumberLiteral.String. */
function goDurationText(d: GoDuration): string {
  if (d.kind === 'literal') {
    return d.duration ? signedDuration(d.value) : goFloat(d.value);
  }
  let s: string;
  if (d.call) {
    s = d.lhs && d.rhs ? `${d.op}(${goDurationText(d.lhs)}, ${goDurationText(d.rhs)})` : `${d.op}()`;
  } else if (!d.lhs) {
    s = `${d.op === '-' ? '-' : ''}${d.rhs ? goDurationText(d.rhs) : ''}`;
  } else {
    s = `${goDurationText(d.lhs)} ${d.op} ${d.rhs ? goDurationText(d.rhs) : ''}`;
  }
  return d.wrapped ? `(${s})` : s;
}

/** Seconds → whole milliseconds as model.Duration counts them (time.Duration in ns, truncated to ms). */
function toMillis(seconds: number): number {
  return Math.trunc(goRound(seconds * 1e9) / 1e6);
}

/** Go's math.Round: halves away from zero (JavaScript's Math.round rounds them up). */
function goRound(v: number): number {
  return Math.sign(v) * Math.round(Math.abs(v));
}

/** NumberLiteral.String for durations: `5m`, `-1h30m`. */
function signedDuration(seconds: number): string {
  const ms = Math.trunc((Math.abs(seconds) * 1e9) / 1e6);
  return `${seconds < 0 ? '-' : ''}${secondsToDuration(ms / 1000)}`;
}

/** strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that read back as v, never in exponent form. */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  if (Object.is(v, -0)) {
    return '-0';
  }
  const s = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) {
    return s;
  }
  const [, sign, head, tail = '', expText] = m;
  const digits = head + tail;
  const point = 1 + Number(expText);
  if (point <= 0) {
    return `${sign}0.${'0'.repeat(-point)}${digits}`;
  }
  return point >= digits.length ? `${sign}${digits}${'0'.repeat(point - digits.length)}` : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** fmt's %v of a float64: strconv's %g with the shortest digits, in exponent form below 1e-4 and from 1e6 on. */
function goG(v: number): string {
  if (!Number.isFinite(v) || v === 0) {
    return goFloat(v);
  }
  const [mantissa, e] = v.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return goFloat(v);
}
