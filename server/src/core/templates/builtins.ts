/**
 * Go's template builtins (text/template/funcs.go, Go 1.19): comparison with Go's kind rules and messages, index,
 * slice, len, not, the print family and the html/js/urlquery escapers.
 */
import { formatValue, sprint, sprintf, sprintln } from './fmt';
import { fromUtf8, utf8Bytes, utf8Length } from '../goStrconv';
import {
  GoFuncError,
  GoMap,
  GoNamedInt,
  GoNamedString,
  GoPtr,
  GoSlice,
  indirect,
  intOf,
  isTrue,
  stringOf,
  typeName,
  type GoValue,
} from './values';
import { compareStrings } from '../goStrconv';

type Impl = (args: GoValue[]) => GoValue;

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: GoValue): BasicKind {
  if (typeof v === 'boolean') {
    return 'bool';
  }
  if (typeof v === 'bigint' || v instanceof GoNamedInt) {
    return 'int';
  }
  if (typeof v === 'number') {
    return 'float';
  }
  if (typeof v === 'string' || v instanceof GoNamedString) {
    return 'string';
  }
  return 'invalid';
}

const BAD_TYPE = 'invalid type for comparison';
const BAD_COMPARISON = 'incompatible types for comparison';

function isNilValue(v: GoValue): boolean {
  return v === undefined || v === null || (v instanceof GoPtr && v.target === null);
}

function basicEqual(k: BasicKind, a: GoValue, b: GoValue): boolean {
  switch (k) {
    case 'int':
      return intOf(a) === intOf(b);
    case 'string':
      return stringOf(a) === stringOf(b);
    default:
      return a === b;
  }
}

/** eq: arg1 == arg2 || arg1 == arg3 …; nil compares with anything, other kinds must match. */
function eq(args: GoValue[]): boolean {
  const [a, ...rest] = args;
  if (rest.length === 0) {
    throw new GoFuncError('missing argument for comparison');
  }
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let truth: boolean;
    if (k1 !== k2) {
      if (a !== undefined && b !== undefined) {
        throw new GoFuncError(BAD_COMPARISON);
      }
      truth = false;
    } else if (k1 !== 'invalid') {
      truth = basicEqual(k1, a, b);
    } else if (isNilValue(a) || isNilValue(b)) {
      truth = isNilValue(a) === isNilValue(b);
    } else if (typeName(a) !== typeName(b)) {
      throw new GoFuncError(`non-comparable types ${formatValue(a, 's')}: ${typeName(a)}, ${typeName(b)}: ${formatValue(b)}`);
    } else if (a instanceof GoMap || a instanceof GoSlice) {
      throw new GoFuncError(`non-comparable type ${formatValue(b, 's')}: ${typeName(b)}`);
    } else {
      truth = a === b || formatValue(a) === formatValue(b);
    }
    if (truth) {
      return true;
    }
  }
  return false;
}

function lt([a, b]: GoValue[]): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') {
    throw new GoFuncError(BAD_TYPE);
  }
  if (k1 !== k2) {
    throw new GoFuncError(BAD_COMPARISON);
  }
  switch (k1) {
    case 'bool':
      throw new GoFuncError(BAD_TYPE);
    case 'int':
      return intOf(a) < intOf(b);
    case 'string':
      return compareStrings(stringOf(a), stringOf(b)) < 0;
    default:
      return (a as number) < (b as number);
  }
}

function indexArg(index: GoValue, cap: number): number {
  if (index === undefined || index === null) {
    throw new GoFuncError('cannot index slice/array with nil');
  }
  if (basicKind(index) !== 'int') {
    throw new GoFuncError(`cannot index slice/array with type ${typeName(index)}`);
  }
  const x = intOf(index);
  if (x < 0n || x > BigInt(cap)) {
    throw new GoFuncError(`index out of range: ${x}`);
  }
  return Number(x);
}

function index([item, ...indexes]: GoValue[]): GoValue {
  if (item === undefined || item === null) {
    throw new GoFuncError('index of untyped nil');
  }
  for (const i of indexes) {
    const r = indirect(item);
    if (r.isNil) {
      throw new GoFuncError('index of nil pointer');
    }
    const v = r.value;
    if (v instanceof GoSlice || typeof v === 'string' || v instanceof GoNamedString) {
      const len = v instanceof GoSlice ? v.items.length : utf8Length(stringOf(v));
      const x = indexArg(i, len);
      if (x >= len) {
        throw new GoFuncError('reflect: slice index out of range');
      }
      item = v instanceof GoSlice ? v.items[x] : BigInt(utf8Bytes(stringOf(v))[x]);
    } else if (v instanceof GoMap) {
      if (i === undefined || i === null) {
        throw new GoFuncError('value is nil; should be of type string');
      }
      if (basicKind(i) !== 'string') {
        throw new GoFuncError(`value has type ${typeName(i)}; should be string`);
      }
      const key = stringOf(i);
      item = v.entries.has(key) ? v.entries.get(key) : v.zero;
    } else {
      throw new GoFuncError(`can't index item of type ${typeName(v)}`);
    }
  }
  return item;
}

function slice([item, ...indexes]: GoValue[]): GoValue {
  if (item === undefined || item === null) {
    throw new GoFuncError('slice of untyped nil');
  }
  if (indexes.length > 3) {
    throw new GoFuncError(`too many slice indexes: ${indexes.length}`);
  }
  const isString = typeof item === 'string' || item instanceof GoNamedString;
  if (!isString && !(item instanceof GoSlice)) {
    throw new GoFuncError(`can't slice item of type ${typeName(item)}`);
  }
  if (isString && indexes.length === 3) {
    throw new GoFuncError('cannot 3-index slice a string');
  }
  const bytes = isString ? utf8Bytes(stringOf(item)) : undefined;
  const len = bytes ? bytes.length : (item as GoSlice).items.length;
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
  if (idx[0] > idx[1]) {
    throw new GoFuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  }
  if (indexes.length === 3 && idx[1] > idx[2]) {
    throw new GoFuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  }
  if (bytes) {
    return fromUtf8(bytes.slice(idx[0], idx[1]));
  }
  const s = item as GoSlice;
  return new GoSlice(s.type, s.items.slice(idx[0], idx[1]), s.elemType);
}

function length([item]: GoValue[]): bigint {
  if (item === undefined) {
    throw new GoFuncError('reflect: call of reflect.Value.Type on zero Value');
  }
  const { value, isNil } = indirect(item);
  if (isNil) {
    throw new GoFuncError('len of nil pointer');
  }
  if (typeof value === 'string' || value instanceof GoNamedString) {
    return BigInt(utf8Length(stringOf(value)));
  }
  if (value instanceof GoMap) {
    return BigInt(value.entries.size);
  }
  if (value instanceof GoSlice) {
    return BigInt(value.items.length);
  }
  throw new GoFuncError(`len of type ${typeName(value)}`);
}

/** funcs.go evalArgs: one string argument as is, otherwise the printed text of the (dereferenced) arguments. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') {
    return args[0];
  }
  // printableValue: nil (an invalid value here) prints `<no value>`, pointers print what they point to.
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a instanceof GoPtr && a.target ? a.target : a)));
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function htmlEscape(s: string): string {
  return s.replace(/["'&<>]/g, (c) => HTML_ESCAPES[c]);
}

const JS_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (JS_ESCAPES[ch]) {
      out += JS_ESCAPES[ch];
    } else if (cp < 0x20) {
      out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    } else if (cp >= 0x80 && !/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch)) {
      out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  return Array.from(utf8Bytes(s), (b) => {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) {
      return c;
    }
    return c === ' ' ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

export const BUILTIN_IMPLS: Record<string, Impl> = {
  and: (args) => args.find((a) => !isTrue(a).truth) ?? args[args.length - 1],
  or: (args) => args.find((a) => isTrue(a).truth) ?? args[args.length - 1],
  not: ([a]) => !isTrue(a).truth,
  len: length,
  index,
  slice,
  print: sprint,
  printf: ([format, ...rest]) => sprintf(format as string, rest),
  println: sprintln,
  html: (args) => htmlEscape(evalArgs(args)),
  js: (args) => jsEscape(evalArgs(args)),
  urlquery: (args) => queryEscape(evalArgs(args)),
  eq,
  ne: (args) => !eq(args),
  lt,
  le: (args) => lt(args) || eq(args),
  gt: (args) => !(lt(args) || eq(args)),
  ge: (args) => !lt(args),
  call: ([fn]) => {
    // Template data never holds Go functions, so every call fails, with Go's words.
    throw new GoFuncError(fn === undefined || fn === null ? 'call of nil' : `non-function of type ${typeName(fn)}`);
  },
};
