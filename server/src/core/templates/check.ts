/**
 * Checking a template without running it: parse errors as Go reports them (errors: Prometheus and Alertmanager
 * refuse such files), and, as warnings, what Go would only fail on when the template runs: wrong arity,
 * argument types, unknown fields of known data, comparisons of different kinds, printf verbs, `{{template}}`
 * names that no definition provides, functions missing from the targeted release.
 */
import type { Problem } from '../problem';
import { memoByText } from '../memo';
import { closest } from '../strings';
import type { ArgNode, BranchNode, CommandNode, Definition, ListNode, Node, PipeNode, Span } from './ast';
import { checkArgTypes, checkArity, checkComparison, type CallSite } from './checkCalls';
import { checkPrintf } from './checkPrintf';
import { acceptsElseWith, availableIn, functionsFor, type Dialect, type FunctionInfo } from './functions';
import { parseTemplate, type ParseErrorCode } from './parser';
import { alertmanagerScope, ANY, BOOL, deref, FLOAT, INT, prometheusAlertScope, STRING, typeFromName, type StaticType, type TemplateScope } from './scope';

export interface CheckOptions {
  /** Templates defined elsewhere (Alertmanager template files); when given, `{{template "x"}}` must name one. */
  templates?: Iterable<string>;
  /** The targeted release (`2.42`, `0.25`): functions added later are errors, as that release has none. */
  version?: string;
  maxDepth?: number;
  /** The dot of a definition this text never calls (default: unknown); pass a scope too, as this is not memoized. */
  definitionDot?(name: string): StaticType | undefined;
}

const PARSE_CODES: Record<ParseErrorCode, string> = {
  syntax: 'template/syntax',
  'unknown-function': 'template/unknown-function',
  'undefined-variable': 'template/undefined-variable',
  'too-deep': 'template/too-deep',
};

const COMPARISONS = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);

const scopes = new Map<string, TemplateScope>();

/** The data a dialect's templates see, for a release (cached: rule files check thousands of templates). */
export function defaultScope(dialect: Dialect, version?: string): TemplateScope {
  const key = `${dialect}@${version ?? ''}`;
  let scope = scopes.get(key);
  if (!scope) {
    scope = dialect === 'prometheusAlert' ? prometheusAlertScope(version) : alertmanagerScope(version);
    scopes.set(key, scope);
  }
  return scope;
}

const memos = new Map<string, (text: string) => Problem[]>();

/** Problems of one template text, with offsets into it (shared between callers with the same options: read-only). */
export function checkTemplate(text: string, dialect: Dialect, scope?: TemplateScope, options: CheckOptions = {}): Problem[] {
  if (scope) {
    return checkText(text, dialect, scope, options);
  }
  const key = `${dialect}\0${JSON.stringify(options)}`;
  let memo = memos.get(key);
  if (!memo) {
    memo = memoByText((t) => checkText(t, dialect, undefined, options));
    memos.set(key, memo);
  }
  return memo(text);
}

function checkText(text: string, dialect: Dialect, scope: TemplateScope | undefined, options: CheckOptions): Problem[] {
  const sc = scope ?? defaultScope(dialect, options.version);
  const functions = functionsFor(dialect);
  const parsed = parseTemplate(text, {
    isFunction: (n) => functions.has(n),
    predeclared: Object.keys(sc.variables),
    maxDepth: options.maxDepth,
    elseWith: acceptsElseWith(dialect, options.version),
  });
  const problems: Problem[] = parsed.errors.map((e) => {
    const p: Problem = { offset: e.from, length: Math.max(1, e.to - e.from), severity: 'error', code: PARSE_CODES[e.code], message: e.message };
    if (e.code === 'unknown-function') {
      const name = text.slice(e.from, e.to);
      const guess = closest(name, [...functions.keys()]);
      if (guess) {
        p.message += `; did you mean "${guess}"?`;
        p.fix = { title: `Change to ${guess}`, replacement: guess };
      }
    }
    return p;
  });
  for (const v of parsed.undeclaredAssignments) {
    problems.push({ offset: v.from, length: v.to - v.from, severity: 'warning', code: 'template/undefined-variable', message: `undefined variable: ${v.ident[0]} (assigned with = before any :=)` });
  }
  if (!parsed.root) {
    return problems;
  }
  const names = new Set([...(options.templates ?? []), ...parsed.definitions.map((d) => d.name)]);
  const checker = new Checker(text, functions, options, options.templates ? names : undefined, problems);
  checker.run(parsed.root, sc, parsed.definitions);
  return problems;
}

interface Var {
  name: string;
  type: StaticType;
}

class Checker {
  private vars: Var[] = [];
  /** The types passed to each `{{template}}` name. */
  private readonly calls = new Map<string, StaticType[]>();

  constructor(
    private readonly text: string,
    private readonly functions: ReadonlyMap<string, FunctionInfo>,
    private readonly options: CheckOptions,
    private readonly templates: Set<string> | undefined,
    private readonly problems: Problem[],
  ) {}

  run(root: ListNode, scope: TemplateScope, definitions: Definition[]): void {
    this.vars = [{ name: '$', type: scope.dot }, ...Object.entries(scope.variables).map(([name, type]) => ({ name, type }))];
    this.walk(root, scope.dot);
    // A definition's dot is what its callers pass: known when every call in this text passes the same type
    // (`{{ template "x" . }}` in a notification template), else unknown. Called definitions go first.
    const pending = new Map(definitions.map((d) => [d.name, d]));
    while (pending.size > 0) {
      const next = [...pending.values()].find((d) => this.calls.has(d.name)) ?? pending.values().next().value!;
      pending.delete(next.name);
      const types = this.calls.get(next.name) ?? [];
      const same = types.length > 0 && types.every((t) => t.name === types[0].name);
      const dot = types.length === 0 ? (this.options.definitionDot?.(next.name) ?? ANY) : same ? types[0] : ANY;
      this.vars = [{ name: '$', type: dot }];
      this.walk(next.root, dot);
    }
  }

  private warn(at: Span, code: string, message: string): void {
    this.problems.push({ offset: at.from, length: Math.max(1, at.to - at.from), severity: 'warning', code, message });
  }

  private walk(node: Node, dot: StaticType): void {
    switch (node.kind) {
      case 'list':
        node.nodes.forEach((n) => this.walk(n, dot));
        return;
      case 'action':
        this.pipe(node.pipe, dot);
        return;
      case 'if':
      case 'with':
      case 'range':
        return this.branch(node, dot);
      case 'template':
        if (this.templates && !this.templates.has(node.name)) {
          this.warn(node.nameSpan, 'template/unknown-template', `template "${node.name}" not defined`);
        }
        this.calls.set(node.name, [...(this.calls.get(node.name) ?? []), node.pipe ? this.pipe(node.pipe, dot) : ANY]);
        return;
    }
  }

  private branch(node: BranchNode, dot: StaticType): void {
    const mark = this.vars.length;
    let t = this.pipe(node.pipe, dot);
    if (node.kind === 'range') {
      t = deref(t);
      const elem = t.kind === 'map' || t.kind === 'slice' ? t.elem ?? ANY : ANY;
      const key = t.kind === 'map' ? STRING : t.kind === 'slice' ? INT : ANY;
      const decl = node.pipe.decl.length;
      if (decl > 0 && !node.pipe.isAssign) {
        this.vars[this.vars.length - 1].type = elem;
      }
      if (decl > 1 && !node.pipe.isAssign) {
        this.vars[this.vars.length - 2].type = key;
      }
      t = elem;
    }
    this.walk(node.list, node.kind === 'if' ? dot : t);
    if (node.elseList) {
      this.walk(node.elseList, dot);
    }
    this.vars.length = mark;
  }

  private pipe(pipe: PipeNode, dot: StaticType): StaticType {
    let t: StaticType | undefined;
    for (const cmd of pipe.cmds) {
      t = this.command(cmd, dot, t);
    }
    const result = t ?? ANY;
    for (const v of pipe.decl) {
      const existing = [...this.vars].reverse().find((x) => x.name === v.ident[0]);
      if (pipe.isAssign && existing) {
        existing.type = existing.type.name === result.name ? existing.type : ANY;
      } else {
        this.vars.push({ name: v.ident[0], type: result });
      }
    }
    return result;
  }

  private command(cmd: CommandNode, dot: StaticType, final: StaticType | undefined): StaticType {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'identifier':
        return this.call(first.name, cmd.args.slice(1), dot, final, cmd);
      case 'field':
      case 'variable':
      case 'chain':
        return this.fields(first, dot, cmd.args.slice(1), final);
    }
    return this.arg(first, dot);
  }

  /** The type of an argument; functions and methods in argument position are called without arguments. */
  private arg(a: ArgNode, dot: StaticType): StaticType {
    switch (a.kind) {
      case 'identifier':
        return this.call(a.name, [], dot, undefined, a);
      case 'field':
      case 'variable':
      case 'chain':
        return this.fields(a, dot, [], undefined);
      case 'pipe':
        return this.pipe(a, dot);
      case 'dot':
        return dot;
      case 'string':
        return STRING;
      case 'bool':
        return BOOL;
      case 'number':
        return /[.eEpP]/.test(a.text) && !/^[+-]?0[xX][^pP]*$/.test(a.text) ? FLOAT : INT;
      default:
        return ANY;
    }
  }

  private call(name: string, args: ArgNode[], dot: StaticType, final: StaticType | undefined, span: Span): StaticType {
    const info = this.functions.get(name);
    const argTypes = args.map((a) => this.arg(a, dot));
    if (!info) {
      return ANY;
    }
    if (!availableIn(info, this.options.version)) {
      this.problems.push({ offset: span.from, length: name.length, severity: 'error', code: 'template/unavailable-function', message: `function "${name}" not defined in release ${this.options.version} (it appeared in ${info.since})` });
    }
    const params = info.params.map((p) => p.type);
    if (checkArity(name, params, info.variadic?.type, args.length, final !== undefined, { from: span.from, to: span.from + name.length }, (p) => this.problems.push(p))) {
      const site: CallSite = { name, args, argTypes, final, span };
      checkArgTypes(info, site, (p) => this.problems.push(p));
      if (COMPARISONS.has(name)) {
        checkComparison(site, (p) => this.problems.push(p));
      }
      if (name === 'printf') {
        this.problems.push(...checkPrintf(args, argTypes, final, span, this.text));
      }
    }
    if (name === 'index' && argTypes.length >= 1) {
      let t = deref(argTypes[0]);
      for (let i = 1; i < argTypes.length; i++) {
        t = t.kind === 'map' || t.kind === 'slice' ? deref(t.elem ?? ANY) : ANY;
      }
      return argTypes.length > 1 ? t : ANY;
    }
    if (name === 'first' && argTypes[0]?.kind === 'slice') {
      return argTypes[0].elem ?? ANY;
    }
    return typeFromName(info.result);
  }

  /** A field chain: `.A.B`, `$x.A`, `(pipe).A`; the last element gets the command's arguments. */
  private fields(node: ArgNode & { kind: 'field' | 'variable' | 'chain' }, dot: StaticType, args: ArgNode[], final: StaticType | undefined): StaticType {
    let t: StaticType;
    let names: string[];
    let offset: number;
    if (node.kind === 'field') {
      [t, names, offset] = [dot, node.ident, node.from];
    } else if (node.kind === 'variable') {
      const v = [...this.vars].reverse().find((x) => x.name === node.ident[0]);
      [t, names, offset] = [v?.type ?? ANY, node.ident.slice(1), node.from + node.ident[0].length];
    } else {
      [t, names, offset] = [this.arg(node.node, dot), node.fields, node.goPos ?? node.to];
    }
    names.forEach((name, i) => {
      const span = { from: offset + 1, to: offset + 1 + name.length };
      offset = span.to;
      const last = i === names.length - 1;
      t = this.field(t, name, span, last ? args : [], last ? final : undefined, dot);
    });
    if (names.length === 0 && (args.length > 0 || final)) {
      this.warn(node, 'template/not-a-function', `can't give argument to non-function ${this.text.slice(node.from, node.to)}`);
    }
    return t;
  }

  private field(recv: StaticType, name: string, span: Span, args: ArgNode[], final: StaticType | undefined, dot: StaticType): StaticType {
    const t = deref(recv);
    if (t.kind === 'any') {
      args.forEach((a) => this.arg(a, dot));
      return ANY;
    }
    const method = t.methods?.[name] ?? recv.methods?.[name];
    if (method) {
      args.forEach((a) => this.arg(a, dot));
      checkArity(name, method.params, method.variadic, args.length, final !== undefined, span, (p) => this.problems.push(p));
      return method.result;
    }
    const hasArgs = args.length > 0 || final !== undefined;
    if (t.kind === 'struct' && t.fields && name in t.fields) {
      if (hasArgs) {
        this.warn(span, 'template/not-a-function', `${name} has arguments but cannot be invoked as function`);
      }
      return t.fields[name];
    }
    if (t.kind === 'map') {
      if (hasArgs) {
        this.warn(span, 'template/not-a-function', `${name} is not a method but has arguments`);
      }
      return t.elem ?? ANY;
    }
    const known = t.kind === 'struct' ? [...Object.keys(t.fields ?? {}), ...Object.keys(t.methods ?? {})] : [];
    const guess = closest(name, known);
    this.warn(span, 'template/unknown-field', `can't evaluate field ${name} in type ${recv.name}${guess ? `; did you mean ${guess}?` : ''}`);
    return ANY;
  }
}
