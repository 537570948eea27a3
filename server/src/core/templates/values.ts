/**
 * Go values as the template evaluator sees them through reflection. Plain JavaScript values stand for the basic
 * types (string → string, number → float64, bigint → int, boolean → bool); `null` is a nil interface and
 * `undefined` an invalid reflect.Value (printed `<no value>`). Composite and named types are GoObjects that
 * carry their Go type: its name (for messages such as `can't evaluate field X in type Y`), kind, methods and,
 * for fmt.Stringer types, their String().
 */
import { compareStrings } from '../goStrconv';

/** Thrown by function implementations; execution reports it as `error calling NAME: MESSAGE`. */
export class GoFuncError extends Error {}

export type GoValue = string | number | bigint | boolean | null | undefined | GoObject;

export type GoKind = 'string' | 'float' | 'int' | 'bool' | 'map' | 'slice' | 'struct' | 'ptr' | 'interface' | 'invalid';

export interface GoMethod {
  /** Parameter type names (`string`, `any`, `[]string`, …), for arity and argument checks. */
  params: string[];
  variadic?: string;
  call: (recv: GoObject, args: GoValue[]) => GoValue;
}

export interface GoType {
  /** The name reflect prints: `map[string]string`, `template.KV`, `*template.Data`. */
  name: string;
  kind: GoKind;
  /** For named types: the type they are defined over (Go's assignability between named and unnamed types). */
  underlying?: string;
  methods?: Record<string, GoMethod>;
  /** fmt.Stringer: the text fmt prints for %v and %s. */
  stringer?: (v: GoObject) => string;
}

export abstract class GoObject {
  constructor(readonly type: GoType) {}
}

/** A map with string keys; `zero` is the element type's zero value (missingkey=zero, index of a missing key). */
export class GoMap extends GoObject {
  constructor(
    type: GoType,
    readonly entries: Map<string, GoValue>,
    readonly zero: GoValue,
  ) {
    super(type);
  }
}

export class GoSlice extends GoObject {
  constructor(
    type: GoType,
    readonly items: GoValue[],
    readonly elemType = 'any',
  ) {
    super(type);
  }
}

/** A struct; field order is the declaration order (fmt prints `{v1 v2}` in it). */
export class GoStruct extends GoObject {
  constructor(
    type: GoType,
    readonly fields: Map<string, GoValue>,
  ) {
    super(type);
  }
}

/** A pointer; `target` null is a nil pointer. */
export class GoPtr extends GoObject {
  constructor(
    type: GoType,
    readonly target: GoObject | null,
  ) {
    super(type);
  }
}

/** A named integer type such as time.Duration or time.Month. */
export class GoNamedInt extends GoObject {
  constructor(
    type: GoType,
    readonly value: bigint,
  ) {
    super(type);
  }
}

/** A named string type such as html/template.HTML (what safeHtml returns). */
export class GoNamedString extends GoObject {
  constructor(
    type: GoType,
    readonly value: string,
  ) {
    super(type);
  }
}

export const MAP_STRING_STRING: GoType = { name: 'map[string]string', kind: 'map' };
export const MAP_STRING_ANY: GoType = { name: 'map[string]interface {}', kind: 'map' };
export const SLICE_STRING: GoType = { name: '[]string', kind: 'slice' };
export const SLICE_ANY: GoType = { name: '[]interface {}', kind: 'slice' };

export function stringMap(entries: Record<string, string> | Map<string, string>, type = MAP_STRING_STRING): GoMap {
  const m = entries instanceof Map ? entries : new Map(Object.entries(entries));
  return new GoMap(type, new Map(m), '');
}

export function kindOf(v: GoValue): GoKind {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'invalid';
  }
  if (v === null) {
    return 'interface';
  }
  return v.type.kind;
}

/** reflect.Type.String() of a value. */
export function typeName(v: GoValue): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return '<nil>';
  }
  return v === null ? 'interface {}' : v.type.name;
}

/** Go's assignability for the types that occur here: identical, to `any`, or named ↔ its underlying type. */
export function assignable(v: GoValue, param: string): boolean {
  if (param === 'any') {
    return true;
  }
  const t = typeName(v);
  if (t === param) {
    return true;
  }
  return v instanceof GoObject && v.type.underlying === param;
}

/** exec.go isTrue: the truth of a value in if/with/and/or/not; `ok` false when it has none. */
export function isTrue(v: GoValue): { truth: boolean; ok: boolean } {
  switch (kindOf(v)) {
    case 'invalid':
    case 'interface':
      return { truth: false, ok: true };
    case 'string':
      return { truth: stringOf(v).length > 0, ok: true };
    case 'float':
      return { truth: v !== 0, ok: true };
    case 'int':
      return { truth: intOf(v) !== 0n, ok: true };
    case 'bool':
      return { truth: v as boolean, ok: true };
    case 'map':
      return { truth: (v as GoMap).entries.size > 0, ok: true };
    case 'slice':
      return { truth: (v as GoSlice).items.length > 0, ok: true };
    case 'ptr':
      return { truth: (v as GoPtr).target !== null, ok: true };
    case 'struct':
      return { truth: true, ok: true };
  }
  return { truth: false, ok: false };
}

/** The string of a string-kinded value (plain or named). */
export function stringOf(v: GoValue): string {
  return v instanceof GoNamedString ? v.value : String(v);
}

/** The integer of an int-kinded value (plain or named, e.g. time.Duration). */
export function intOf(v: GoValue): bigint {
  return v instanceof GoNamedInt ? v.value : typeof v === 'bigint' ? v : 0n;
}

/** indirect: follows pointers; `isNil` when a nil pointer or nil interface was met. */
export function indirect(v: GoValue): { value: GoValue; isNil: boolean } {
  while (v instanceof GoPtr) {
    if (v.target === null) {
      return { value: v, isNil: true };
    }
    v = v.target;
  }
  return { value: v, isNil: v === null };
}

/** Map keys in fmtsort order (what fmt printing and range use). */
export function sortedKeys(m: GoMap): string[] {
  return [...m.entries.keys()].sort(compareStrings);
}

/** Converts plain data (strings, numbers, arrays, objects) into Go values: objects become map[string]interface {}. */
export function fromPlain(v: unknown): GoValue {
  if (v === null || v === undefined) {
    return null;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') {
    return v;
  }
  if (v instanceof GoObject) {
    return v;
  }
  if (Array.isArray(v)) {
    return new GoSlice(SLICE_ANY, v.map(fromPlain));
  }
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromPlain(x)] as const);
  return new GoMap(MAP_STRING_ANY, new Map(entries), null);
}
