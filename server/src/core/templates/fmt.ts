/**
 * Go's fmt for template values (fmt/print.go): Sprint (what `{{ x }}` and `print` output), Sprintln and Sprintf
 * with verbs, flags, width, precision, argument indexes and Go's error annotations (`%!d(string=x)`,
 * `%!v(MISSING)`, `%!(EXTRA …)`). Composite values print as fmt does: `map[a:b c:d]` with sorted keys, `[x y]`,
 * `{v1 v2}`, `&{…}` for a pointer at the top; fmt.Stringer types print their String().
 */
import { fmtBool, fmtFloat, fmtInteger, fmtString, noFlags, pad, type Flags } from './fmtVerbs';
import { GoMap, GoNamedInt, GoNamedString, GoObject, GoPtr, GoSlice, GoStruct, sortedKeys, typeName, type GoValue } from './values';

/** What fmt prints for a pointer it does not follow; Go prints an address, which no test can predict. */
const ADDRESS = '0xc000010000';

/** `%!d(string=abc)`: the value printed with %v but the directive's flags, width and precision, as Go does. */
function badVerb(f: Flags, arg: GoValue, verb: string): string {
  if (arg === null || arg === undefined) {
    return `%!${verb}(<nil>)`;
  }
  return `%!${verb}(${typeName(arg)}=${printArg(f, arg, 'v', 0)})`;
}

function printArg(f: Flags, arg: GoValue, verb: string, depth: number): string {
  if (arg === null || arg === undefined) {
    return verb === 'T' || verb === 'v' ? pad(f, '<nil>') : badVerb(f, arg, verb);
  }
  if (verb === 'T') {
    return pad(f, typeName(arg));
  }
  if (verb === 'p') {
    return arg instanceof GoPtr || arg instanceof GoMap || arg instanceof GoSlice ? pad(f, ADDRESS) : badVerb(f, arg, verb);
  }
  let out: string | undefined;
  switch (typeof arg) {
    case 'boolean':
      out = fmtBool(f, arg, verb);
      break;
    case 'number':
      out = fmtFloat(f, arg, verb);
      break;
    case 'bigint':
      out = fmtInteger(f, arg, verb);
      break;
    case 'string':
      out = fmtString(f, arg, verb);
      break;
    default:
      return printObject(f, arg as GoObject, verb, depth);
  }
  return out ?? badVerb(f, arg, verb);
}

function printObject(f: Flags, arg: GoObject, verb: string, depth: number): string {
  if (arg.type.stringer && !f.sharpV && 'vsxXq'.includes(verb)) {
    return fmtString(f, arg.type.stringer(arg), verb) ?? '';
  }
  if (arg instanceof GoNamedString) {
    return fmtString(f, arg.value, verb) ?? badVerb(f, arg, verb);
  }
  if (arg instanceof GoNamedInt) {
    return fmtInteger(f, arg.value, verb) ?? badVerb(f, arg, verb);
  }
  // Width and flags apply to each element, as in Go (`%5v` of a slice pads every element).
  const elem = (v: GoValue) => printArg(f, v, verb, depth + 1);
  let s: string;
  if (arg instanceof GoMap) {
    s = `map[${sortedKeys(arg)
      .map((k) => `${elem(k)}:${elem(arg.entries.get(k))}`)
      .join(' ')}]`;
  } else if (arg instanceof GoSlice) {
    s = `[${arg.items.map(elem).join(' ')}]`;
  } else if (arg instanceof GoStruct) {
    const fields = [...arg.fields].map(([k, v]) => (f.plusV ? `${k}:${elem(v)}` : elem(v)));
    s = `{${fields.join(' ')}}`;
  } else if (arg instanceof GoPtr) {
    if (arg.target === null) {
      s = '<nil>';
    } else if (depth === 0) {
      s = `&${printArg(f, arg.target, verb, depth + 1)}`;
    } else {
      s = ADDRESS;
    }
  } else {
    s = `{}`;
  }
  return s;
}

/** fmt.Sprint of one operand, with flags: the template's printing of a value. */
export function formatValue(v: GoValue, verb = 'v', flags: Flags = noFlags()): string {
  return printArg(flags, v, verb, 0);
}

function isStringKind(v: GoValue): boolean {
  return typeof v === 'string' || v instanceof GoNamedString;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  let prevString = false;
  args.forEach((a, i) => {
    const isString = isStringKind(a);
    if (i > 0 && !isString && !prevString) {
      out += ' ';
    }
    out += formatValue(a);
    prevString = isString;
  });
  return out;
}

/** fmt.Sprintln: always spaces between operands, and a newline. */
export function sprintln(args: GoValue[]): string {
  return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}

interface PrintfState {
  format: string;
  args: GoValue[];
  i: number;
  argNum: number;
  reordered: boolean;
  goodArgNum: boolean;
  out: string;
}

function parseNum(s: string, i: number): { n?: number; i: number } {
  let j = i;
  while (j < s.length && s[j] >= '0' && s[j] <= '9') {
    j++;
  }
  return j > i && j - i <= 6 ? { n: Number(s.slice(i, j)), i: j } : { i: j };
}

/** `[n]` explicit argument index; returns whether one was present. */
function argNumber(st: PrintfState): boolean {
  const { format } = st;
  if (st.i >= format.length || format[st.i] !== '[') {
    return false;
  }
  st.reordered = true;
  const close = format.indexOf(']', st.i + 1);
  if (close < 0) {
    st.goodArgNum = false;
    st.i += 1;
    return false;
  }
  const { n, i } = parseNum(format, st.i + 1);
  st.i = close + 1;
  if (n === undefined || i !== close || n - 1 < 0 || n - 1 >= st.args.length) {
    st.goodArgNum = false;
    return n !== undefined && i === close;
  }
  st.argNum = n - 1;
  return true;
}

function intFromArg(st: PrintfState): number | undefined {
  if (st.argNum >= st.args.length) {
    return undefined;
  }
  const a = st.args[st.argNum++];
  const n = typeof a === 'bigint' ? a : a instanceof GoNamedInt ? a.value : undefined;
  return n !== undefined && n >= -1000000n && n <= 1000000n ? Number(n) : undefined;
}

function parseFlags(st: PrintfState, f: Flags): void {
  for (; st.i < st.format.length; st.i++) {
    const c = st.format[st.i];
    if (c === '#') {
      f.sharp = true;
    } else if (c === '0') {
      f.zero = !f.minus;
    } else if (c === '+') {
      f.plus = true;
    } else if (c === '-') {
      f.minus = true;
      f.zero = false;
    } else if (c === ' ') {
      f.space = true;
    } else {
      return;
    }
  }
}

function parseWidthAndPrecision(st: PrintfState, f: Flags): void {
  let afterIndex = argNumber(st);
  if (st.format[st.i] === '*') {
    st.i++;
    const w = intFromArg(st);
    if (w === undefined) {
      st.out += '%!(BADWIDTH)';
    } else if (w < 0) {
      [f.minus, f.zero, f.wid] = [true, false, -w];
    } else {
      f.wid = w;
    }
    afterIndex = false;
  } else {
    const { n, i } = parseNum(st.format, st.i);
    st.i = i;
    f.wid = n;
    if (afterIndex && n !== undefined) {
      st.goodArgNum = false;
    }
  }
  if (st.format[st.i] === '.') {
    st.i++;
    if (afterIndex) {
      st.goodArgNum = false;
    }
    afterIndex = argNumber(st);
    if (st.format[st.i] === '*') {
      st.i++;
      const p = intFromArg(st);
      f.prec = p === undefined || p < 0 ? undefined : p;
      if (p === undefined) {
        st.out += '%!(BADPREC)';
      }
      afterIndex = false;
    } else {
      const { n, i } = parseNum(st.format, st.i);
      st.i = i;
      f.prec = n ?? 0;
    }
  }
  if (!afterIndex) {
    argNumber(st);
  }
}

/** One `%…` directive; `st.i` is just past the `%`. */
function directive(st: PrintfState): void {
  const f = noFlags();
  st.goodArgNum = true;
  parseFlags(st, f);
  parseWidthAndPrecision(st, f);
  if (st.i >= st.format.length) {
    st.out += '%!(NOVERB)';
    return;
  }
  const verb = String.fromCodePoint(st.format.codePointAt(st.i)!);
  st.i += verb.length;
  if (verb === '%') {
    st.out += '%';
  } else if (!st.goodArgNum) {
    st.out += `%!${verb}(BADINDEX)`;
  } else if (st.argNum >= st.args.length) {
    st.out += `%!${verb}(MISSING)`;
  } else {
    if (verb === 'v') {
      [f.sharpV, f.sharp, f.plusV, f.plus] = [f.sharp, false, f.plus, false];
    }
    st.out += printArg(f, st.args[st.argNum++], verb, 0);
  }
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: GoValue[]): string {
  const st: PrintfState = { format, args, i: 0, argNum: 0, reordered: false, goodArgNum: true, out: '' };
  while (st.i < format.length) {
    const next = format.indexOf('%', st.i);
    if (next < 0) {
      st.out += format.slice(st.i);
      break;
    }
    st.out += format.slice(st.i, next);
    st.i = next + 1;
    directive(st);
  }
  if (!st.reordered && st.argNum < args.length) {
    const extra = args.slice(st.argNum).map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatValue(a)}`));
    st.out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return st.out;
}
