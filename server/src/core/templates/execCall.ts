/**
 * Calls, arguments and fields of template execution (text/template/exec.go, Go 1.19 as Debian's promtool 2.42
 * is built with): evalCall with Go's arity messages and and/or short-circuit, evalArg's conversion of literals
 * to parameter types, validateType, evalField over struct fields, methods and map keys (missingkey option).
 */
import type { ArgNode, CommandNode, Node } from './ast';
import { formatValue } from './fmt';
import { goQuote } from '../goStrconv';
import {
  GoFuncError,
  assignable,
  GoMap,
  GoObject,
  GoPtr,
  GoSlice,
  GoStruct,
  indirect,
  isTrue,
  kindOf,
  SLICE_ANY,
  SLICE_STRING,
  MAP_STRING_ANY,
  typeName,
  type GoValue,
} from './values';
import { ExecState, MISSING, type Final } from './execState';

/** Something callable: a function of the dialect or a method bound to its receiver. */
export interface Callable {
  params: readonly string[];
  variadic?: string;
  invoke: (args: GoValue[]) => GoValue;
}

export { GoFuncError } from './values';

const NILABLE = /^(?:any|\*|\[\]|map\[|reflect\.Value)/;

/** reflect.Zero for the types that can be nil; undefined for the others. */
function zeroOf(type: string): GoValue | undefined {
  if (type === 'any' || type === 'reflect.Value') {
    return null;
  }
  if (type.startsWith('*')) {
    return new GoPtr({ name: type, kind: 'ptr' }, null);
  }
  if (type.startsWith('[]')) {
    return new GoSlice(type === '[]string' ? SLICE_STRING : type === '[]interface {}' ? SLICE_ANY : { name: type, kind: 'slice' }, []);
  }
  if (type.startsWith('map[')) {
    return new GoMap(type === MAP_STRING_ANY.name ? MAP_STRING_ANY : { name: type, kind: 'map' }, new Map(), type.endsWith('string') ? '' : null);
  }
  return undefined;
}

export abstract class CallEvaluator extends ExecState {
  /** Evaluates a command's first word as a function; `cmd` is what errors after the call point at. */
  protected evalFunction(dot: GoValue, node: ArgNode & { kind: 'identifier' }, cmd: Node | ArgNode | CommandNode, args: ArgNode[] | undefined, final: Final): GoValue {
    this.at(node);
    const fn = this.functions.get(node.name);
    if (!fn) {
      this.errorf(`${goQuote(node.name)} is not a defined function`);
    }
    return this.evalCall(dot, fn, this.isBuiltin(node.name), cmd, node.name, args, final);
  }

  protected abstract isBuiltin(name: string): boolean;
  protected abstract evalPipeline(dot: GoValue, pipe: ArgNode & { kind: 'pipe' }): GoValue;
  protected abstract evalFieldNode(dot: GoValue, field: ArgNode & { kind: 'field' }, args: ArgNode[] | undefined, final: Final): GoValue;
  protected abstract evalVariableNode(dot: GoValue, v: ArgNode & { kind: 'variable' }, args: ArgNode[] | undefined, final: Final): GoValue;
  protected abstract evalChainNode(dot: GoValue, c: ArgNode & { kind: 'chain' }, args: ArgNode[] | undefined, final: Final): GoValue;

  protected evalCall(dot: GoValue, fn: Callable, isBuiltin: boolean, node: Node | ArgNode | CommandNode, name: string, allArgs: ArgNode[] | undefined, final: Final): GoValue {
    const args = allArgs ? allArgs.slice(1) : [];
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    const numParams = fn.params.length + (fn.variadic ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
      }
    } else if (numIn !== numParams) {
      this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      return this.andOr(dot, name, args, final);
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) {
      argv.push(this.evalArg(dot, fn.params[i], args[i]));
    }
    for (; fn.variadic && i < args.length; i++) {
      argv.push(this.evalArg(dot, fn.variadic, args[i]));
    }
    if (final !== MISSING) {
      const t = fn.variadic && numIn - 1 >= numFixed ? fn.variadic : fn.params[numIn - 1];
      argv.push(this.validateType(final, t));
    }
    try {
      return fn.invoke(argv);
    } catch (e) {
      if (!(e instanceof GoFuncError)) {
        throw e;
      }
      this.at(node);
      return this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  /** Go 1.18+: `and`/`or` evaluate their arguments only until the result is known. */
  private andOr(dot: GoValue, name: string, args: ArgNode[], final: Final): GoValue {
    let v: GoValue = undefined;
    for (const arg of args) {
      v = this.evalArg(dot, 'any', arg);
      if (isTrue(v).truth === (name === 'or')) {
        return v;
      }
    }
    if (final !== MISSING) {
      v = this.validateType(final, 'any');
    }
    return v;
  }

  /** `type` '' stands for Go's nil reflect.Type: no conversion and no check (the term of a chain). */
  protected validateType(value: GoValue, type: string): GoValue {
    if (type === '') {
      return value;
    }
    if (value === undefined) {
      const zero = zeroOf(type);
      if (zero === undefined) {
        this.errorf(`invalid value; expected ${type}`);
      }
      return zero;
    }
    if (type === 'any' || type === 'reflect.Value' || assignable(value, type)) {
      return value;
    }
    if (value instanceof GoPtr && value.target && assignable(value.target, type)) {
      return value.target;
    }
    return this.errorf(`wrong type for value; expected ${type}; got ${typeName(value)}`);
  }

  protected evalArg(dot: GoValue, type: string, n: ArgNode): GoValue {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil': {
        const zero = NILABLE.test(type) ? zeroOf(type) : undefined;
        return zero === undefined ? this.errorf(`cannot assign nil to ${type}`) : zero;
      }
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, undefined, MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, undefined, MISSING), type);
    }
    return this.evalLiteralArg(type, n);
  }

  private evalLiteralArg(type: string, n: ArgNode & { kind: 'bool' | 'number' | 'string' }): GoValue {
    const found = () => this.nodeText(n);
    switch (type) {
      case 'bool':
        return n.kind === 'bool' ? n.value : this.errorf(`expected bool; found ${found()}`);
      case 'float64':
        return n.kind === 'number' && n.isFloat ? n.float : this.errorf(`expected float; found ${found()}`);
      case 'int':
      case 'int64':
        return n.kind === 'number' && n.isInt ? n.int : this.errorf(`expected integer; found ${found()}`);
      case 'any':
      case 'reflect.Value':
        return this.evalEmptyInterface(n);
      case 'string':
        return n.kind === 'string' ? n.text : this.errorf(`expected string; found ${found()}`);
    }
    return this.errorf(`can't handle ${found()} for arg of type ${type}`);
  }

  protected evalEmptyInterface(n: ArgNode & { kind: 'bool' | 'number' | 'string' }): GoValue {
    this.at(n);
    switch (n.kind) {
      case 'bool':
        return n.value;
      case 'string':
        return n.text;
      case 'number':
        return this.idealConstant(n);
    }
  }

  /** A number where no type is known: its syntax decides, as Go's ideal constants. */
  protected idealConstant(n: ArgNode & { kind: 'number' }): GoValue {
    this.at(n);
    const isHexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isComplex) {
      return this.errorf(`complex constant ${n.text} is not supported`);
    }
    if (n.isFloat && !isHexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) {
      return n.float;
    }
    if (n.isInt) {
      return n.int;
    }
    if (n.isUint) {
      this.errorf(`${n.text} overflows int`);
    }
    return undefined;
  }

  /** `.Field` on a receiver: a method, a struct field or a map key (exec.go evalField). */
  protected evalField(dot: GoValue, fieldName: string, node: ArgNode, args: ArgNode[] | undefined, final: Final, receiver: GoValue): GoValue {
    if (receiver === undefined) {
      if (this.missingKey === 'error') {
        this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      }
      return undefined;
    }
    const typ = typeName(receiver);
    const { value: recv, isNil } = indirect(receiver);
    if (recv === null) {
      this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    }
    const method = recv instanceof GoObject ? recv.type.methods?.[fieldName] : undefined;
    const ptrMethod = receiver instanceof GoObject && receiver !== recv ? receiver.type.methods?.[fieldName] : undefined;
    const m = method ?? ptrMethod;
    if (m && !isNil) {
      const self = (method ? recv : receiver) as GoObject;
      const callable: Callable = { params: m.params, variadic: m.variadic, invoke: (a) => m.call(self, a) };
      return this.evalCall(dot, callable, false, node, fieldName, args, final);
    }
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    if (recv instanceof GoStruct && recv.fields.has(fieldName)) {
      if (hasArgs) {
        this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
      }
      return recv.fields.get(fieldName);
    }
    if (recv instanceof GoMap) {
      if (hasArgs) {
        this.errorf(`${fieldName} is not a method but has arguments`);
      }
      return this.mapIndex(recv, fieldName);
    }
    if (isNil && receiver instanceof GoPtr) {
      this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    }
    return this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private mapIndex(m: GoMap, key: string): GoValue {
    if (m.entries.has(key)) {
      return m.entries.get(key);
    }
    switch (this.missingKey) {
      case 'zero':
        return m.zero;
      case 'error':
        return this.errorf(`map has no entry for key ${goQuote(key)}`);
      default:
        return undefined;
    }
  }

  /** `%v` of a value, as messages such as `range can't iterate over %v` print it. */
  protected show(v: GoValue): string {
    return v === undefined ? '<invalid reflect.Value>' : kindOf(v) === 'interface' ? '<nil>' : formatValue(v);
  }
}
