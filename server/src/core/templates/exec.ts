/**
 * Template execution, following text/template/exec.go (Go 1.19) node by node: walking lists, actions, if/with,
 * range (with break/continue and Go's variable rules), {{template}} calls, pipelines and commands, and the
 * printing of values. Errors carry Go's exact text; runaway templates are stopped by the limits in execState.
 */
import { nodeString, type ArgNode, type BranchNode, type CommandNode, type Definition, type ListNode, type Node, type PipeNode, type TemplateNode } from './ast';
import { CallEvaluator, type Callable } from './execCall';
import { DEFAULT_LIMITS, MISSING, type Final, type Limits, type MissingKey } from './execState';
import { formatValue } from './fmt';
import { goQuote } from '../goStrconv';
import { GoMap, GoPtr, GoSlice, indirect, isTrue, sortedKeys, type GoValue } from './values';

export { ExecError, MISSING } from './execState';
export type { Limits, MissingKey } from './execState';

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

const BUILTIN_LOGIC = new Set(['and', 'or']);

export interface ExecuteOptions {
  /** The top-level template's name, as Go prints it in error locations. */
  name?: string;
  /** Go's `missingkey` option: Prometheus and Alertmanager use `zero`. Default: `default`. */
  missingKey?: MissingKey;
  /** The functions in scope, by name (builtins and the dialect's). */
  functions: ReadonlyMap<string, Callable>;
  /** Names of the functions that are Go builtins (for and/or short-circuit); default: `and`, `or`. */
  builtins?: ReadonlySet<string>;
  /** `{{define}}`d templates available to `{{template}}`. */
  definitions?: readonly Definition[];
  limits?: Partial<Limits>;
}

/** Executes a parsed template on data; throws ExecError with Go's message. */
export function executeTemplate(text: string, root: ListNode, data: GoValue, options: ExecuteOptions): string {
  const defs = new Map((options.definitions ?? []).map((d) => [d.name, d]));
  const ex = new Executor(
    text,
    options.name ?? '',
    options.functions,
    defs,
    options.missingKey ?? 'default',
    { ...DEFAULT_LIMITS, ...options.limits },
    options.builtins ?? BUILTIN_LOGIC,
  );
  return ex.run(root, data);
}

class Executor extends CallEvaluator {
  constructor(
    text: string,
    name: string,
    functions: ReadonlyMap<string, Callable>,
    definitions: ReadonlyMap<string, Definition>,
    missingKey: MissingKey,
    limits: Limits,
    private readonly builtins: ReadonlySet<string>,
  ) {
    super(text, name, functions, definitions, missingKey, limits);
  }

  run(root: ListNode, data: GoValue): string {
    this.vars = [{ name: '$', value: data }];
    this.walk(data, root);
    return this.out.join('');
  }

  protected isBuiltin(name: string): boolean {
    return this.builtins.has(name);
  }

  private walk(dot: GoValue, node: Node): void {
    this.step();
    this.at(node);
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.printValue(node, val);
        }
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const n of node.nodes) {
          this.walk(dot, n);
        }
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        return this.write(node.text);
    }
  }

  private walkIfOrWith(dot: GoValue, node: BranchNode): void {
    const mark = this.mark();
    const val = this.evalPipeline(dot, node.pipe);
    const { truth, ok } = isTrue(val);
    if (!ok) {
      this.errorf(`if/with can't use ${this.show(val)}`);
    }
    if (truth) {
      this.walk(node.kind === 'with' ? val : dot, node.list);
    } else if (node.elseList) {
      this.walk(dot, node.elseList);
    }
    this.pop(mark);
  }

  private walkRange(dot: GoValue, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    const val = indirect(this.evalPipeline(dot, r.pipe)).value;
    const mark = this.mark();
    const one = (index: GoValue, elem: GoValue) => this.oneIteration(r, mark, index, elem);
    let ran = false;
    try {
      if (val instanceof GoSlice && !(val instanceof GoPtr)) {
        val.items.forEach((elem, i) => one(BigInt(i), elem));
        ran = val.items.length > 0;
      } else if (val instanceof GoMap) {
        sortedKeys(val).forEach((k) => one(k, val.entries.get(k)));
        ran = val.entries.size > 0;
      } else if (val !== undefined) {
        this.errorf(`range can't iterate over ${this.show(val)}`);
      }
    } catch (e) {
      if (e !== BREAK) {
        throw e;
      }
    }
    if (!ran && r.elseList) {
      this.walk(dot, r.elseList);
    }
    this.pop(outer);
  }

  private oneIteration(r: BranchNode, mark: number, index: GoValue, elem: GoValue): void {
    const decl = r.pipe.decl;
    if (decl.length > 0) {
      if (r.pipe.isAssign) {
        this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
      } else {
        this.setTopVar(1, elem);
      }
    }
    if (decl.length > 1) {
      if (r.pipe.isAssign) {
        this.setVar(decl[1].ident[0], elem);
      } else {
        this.setTopVar(2, index);
      }
    }
    try {
      this.walk(elem, r.list);
    } catch (e) {
      if (e !== CONTINUE) {
        throw e;
      }
    } finally {
      this.pop(mark);
    }
  }

  private walkTemplate(dot: GoValue, t: TemplateNode): void {
    this.at(t);
    const def = this.definitions.get(t.name);
    if (!def) {
      this.errorf(`template ${goQuote(t.name)} not defined`);
    }
    if (this.depth >= this.limits.maxTemplateDepth) {
      this.errorf(`exceeded maximum template depth (${this.limits.maxTemplateDepth})`);
    }
    const newDot = this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, name: this.tmplName };
    this.vars = [{ name: '$', value: newDot }];
    this.tmplName = t.name;
    this.depth++;
    try {
      this.walk(newDot, def.root);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  protected evalPipeline(dot: GoValue, pipe: PipeNode | undefined): GoValue {
    if (!pipe) {
      return undefined;
    }
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface{} result becomes an invalid value ("dig down one level", exec.go).
      if (value === null) {
        value = undefined;
      }
    }
    const result = value as GoValue;
    for (const v of pipe.decl) {
      if (pipe.isAssign) {
        this.setVar(v.ident[0], result);
      } else {
        this.push(v.ident[0], result);
      }
    }
    return result;
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
    }
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    this.step();
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  protected evalFieldNode(dot: GoValue, field: ArgNode & { kind: 'field' }, args: ArgNode[] | undefined, final: Final): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  protected evalChainNode(dot: GoValue, chain: ArgNode & { kind: 'chain' }, args: ArgNode[] | undefined, final: Final): GoValue {
    this.at(chain);
    if (chain.node.kind === 'nil') {
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    }
    // exec.go evaluates the term with no expected type: nothing is converted or checked.
    const pipe = this.evalArg(dot, '', chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.fields, args, final);
  }

  protected evalVariableNode(dot: GoValue, v: ArgNode & { kind: 'variable' }, args: ArgNode[] | undefined, final: Final): GoValue {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: GoValue, receiver: GoValue, node: ArgNode, ident: string[], args: ArgNode[] | undefined, final: Final): GoValue {
    for (let i = 0; i < ident.length - 1; i++) {
      receiver = this.evalField(dot, ident[i], node, undefined, MISSING, receiver);
    }
    return this.evalField(dot, ident[ident.length - 1], node, args, final, receiver);
  }

  /** exec.go printValue: pointers are followed, an invalid value prints `<no value>`. */
  private printValue(n: Node, v: GoValue): void {
    this.at(n);
    if (v instanceof GoPtr && v.target !== null) {
      v = indirect(v).value;
    }
    this.write(v === undefined ? '<no value>' : formatValue(v));
  }
}
