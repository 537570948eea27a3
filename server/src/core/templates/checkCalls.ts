/**
 * Checks of function calls in templates, before anything runs: Go's arity rule (with its message), argument
 * types that Go would reject (`wrong type for value; expected string; got float64`), comparisons of different
 * kinds (`eq $value 1`: float against int, which Go refuses) and printf verbs that print `%!d(float64=…)`.
 */
import type { ArgNode, Span } from './ast';
import type { FunctionInfo } from './functions';
import type { Problem, Severity } from '../problem';
import type { StaticType } from './scope';

export interface CallSite {
  name: string;
  /** The arguments written after the function name. */
  args: ArgNode[];
  argTypes: StaticType[];
  /** The type of the value piped in, if any. */
  final?: StaticType;
  span: Span;
}

type Report = (p: Problem) => void;

function problem(at: Span, severity: Severity, code: string, message: string, fix?: Problem['fix']): Problem {
  return { offset: at.from, length: Math.max(at.to - at.from, 1), severity, code, message, fix };
}

/** Go's arity rule (exec.go evalCall); returns false when the count is wrong. */
export function checkArity(name: string, params: readonly string[], variadic: string | undefined, nArgs: number, piped: boolean, at: Span, report: Report): boolean {
  const numIn = nArgs + (piped ? 1 : 0);
  if (variadic !== undefined) {
    if (numIn < params.length) {
      report(problem(at, 'warning', 'template/wrong-arity', `wrong number of args for ${name}: want at least ${params.length} got ${nArgs}`));
      return false;
    }
    return true;
  }
  if (numIn !== params.length) {
    report(problem(at, 'warning', 'template/wrong-arity', `wrong number of args for ${name}: want ${params.length} got ${numIn}`));
    return false;
  }
  return true;
}

/** Types whose values are known well enough to say Go would reject them. */
function concrete(t: StaticType): boolean {
  return t.kind !== 'any';
}

function assignableType(t: StaticType, param: string): boolean {
  if (param === 'any' || t.kind === 'any' || t.name === param) {
    return true;
  }
  const underlying: Record<string, string> = { 'template.HTML': 'string', 'template.URL': 'string', 'template.Strings': '[]string', 'template.KV': 'map[string]string' };
  if (underlying[t.name] === param || underlying[param] === t.name) {
    return true;
  }
  // A pointer is dereferenced once when its target fits (exec.go validateType).
  return t.kind === 'ptr' && t.elem !== undefined && t.elem.name === param;
}

const LITERAL_KIND: Record<string, string> = { string: 'string', number: 'number', bool: 'bool' };

/** Argument types against parameter types, as evalArg and validateType would judge them. */
export function checkArgTypes(info: FunctionInfo, site: CallSite, report: Report): void {
  site.args.forEach((arg, i) => {
    const param = i < info.params.length ? info.params[i].type : info.variadic?.type;
    if (!param || param === 'any') {
      return;
    }
    const lit = LITERAL_KIND[arg.kind];
    if (lit) {
      const ok = (param === 'string' && lit === 'string') || (param === 'bool' && lit === 'bool') || ((param === 'float64' || param === 'int') && lit === 'number');
      if (!ok) {
        const what = param === 'string' ? 'string' : param === 'float64' ? 'float' : param === 'int' ? 'integer' : param;
        report(problem(arg, 'warning', 'template/wrong-argument-type', `${site.name}: expected ${what}; found ${textOf(arg)}`));
      }
      return;
    }
    const t = site.argTypes[i];
    if (concrete(t) && !assignableType(t, param)) {
      report(problem(arg, 'warning', 'template/wrong-argument-type', `${site.name}: wrong type for value; expected ${param}; got ${t.name}`));
    }
  });
  if (site.final && concrete(site.final)) {
    const n = site.args.length;
    const param = n < info.params.length ? info.params[n].type : info.variadic?.type ?? info.params[info.params.length - 1]?.type;
    if (param && !assignableType(site.final, param)) {
      report(problem(site.span, 'warning', 'template/wrong-argument-type', `${site.name}: wrong type for value; expected ${param}; got ${site.final.name}`));
    }
  }
}

function textOf(arg: ArgNode): string {
  switch (arg.kind) {
    case 'string':
      return arg.quoted;
    case 'number':
      return arg.text;
    case 'bool':
      return String(arg.value);
    default:
      return arg.kind;
  }
}

type CompareKind = 'bool' | 'int' | 'float' | 'string' | undefined;

/** The kind Go's comparison functions see: a number literal is an int unless written with `.`, `e` or `p`. */
function compareKind(arg: ArgNode | undefined, t: StaticType | undefined): CompareKind {
  if (arg?.kind === 'number') {
    return arg.isFloat && /[.eEpP]/.test(arg.text) && !/^[+-]?0[xX][^pP]*$/.test(arg.text) ? 'float' : 'int';
  }
  if (!t || t.kind === 'any') {
    return undefined;
  }
  return t.kind === 'string' || t.kind === 'int' || t.kind === 'float' || t.kind === 'bool' ? t.kind : undefined;
}

/** eq/ne/lt/le/gt/ge with operands of different kinds fail with "incompatible types for comparison". */
export function checkComparison(site: CallSite, report: Report): void {
  const kinds = site.args.map((a, i) => compareKind(a, site.argTypes[i]));
  if (site.final) {
    kinds.push(compareKind(undefined, site.final));
  }
  const known = kinds.filter((k): k is Exclude<CompareKind, undefined> => k !== undefined);
  if (new Set(known).size <= 1) {
    return;
  }
  const floatSide = known.includes('float');
  const intLiteral = site.args.find((a, i) => kinds[i] === 'int' && a.kind === 'number');
  const fix =
    floatSide && intLiteral && intLiteral.kind === 'number'
      ? { title: `Write ${intLiteral.text}.0`, replacement: `${intLiteral.text}.0`, offset: intLiteral.from, length: intLiteral.to - intLiteral.from }
      : undefined;
  const hint = fix ? `: ${known.join(' against ')} (write ${fix.replacement} to compare floats)` : `: ${known.join(' against ')}`;
  report(problem(site.span, 'warning', 'template/incompatible-comparison', `${site.name} fails with "incompatible types for comparison"${hint}`, fix));
}
