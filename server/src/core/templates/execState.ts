/**
 * The state of one template execution (text/template/exec.go `state`): the variable stack, the node being
 * evaluated (for error locations), limits, and Go's error format
 * `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE` with byte columns.
 */
import { nodeString, type ArgNode, type CommandNode, type Definition, type Node } from './ast';
import type { Callable } from './execCall';
import { goQuote, utf8Length } from '../goStrconv';
import type { GoValue } from './values';

export type MissingKey = 'default' | 'zero' | 'error';

/** Marks "no value from a previous pipeline stage" (exec.go missingVal). */
export const MISSING = Symbol('missing');
export type Final = GoValue | typeof MISSING;

/** An execution error; `message` is exactly Go's error text. */
export class ExecError extends Error {}

export interface Limits {
  /** Nodes evaluated before execution is stopped (runaway recursion, huge ranges). */
  maxSteps: number;
  /** Characters of output before execution is stopped. */
  maxOutput: number;
  /** Nested {{template}} calls (Go allows 100000; JavaScript's stack does not). */
  maxTemplateDepth: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 5_000_000, maxOutput: 16 * 1024 * 1024, maxTemplateDepth: 500 };

interface Variable {
  name: string;
  value: GoValue;
}

type AnyNode = Node | ArgNode | CommandNode;

export abstract class ExecState {
  protected node: AnyNode | undefined;
  protected vars: Variable[] = [];
  protected depth = 0;
  protected steps = 0;
  protected out: string[] = [];
  protected outLength = 0;
  /** The name of the template being executed (a definition's name inside {{template}}). */
  protected tmplName: string;

  constructor(
    protected readonly text: string,
    /** The top-level template's name: locations use it even inside definitions. */
    protected readonly parseName: string,
    protected readonly functions: ReadonlyMap<string, Callable>,
    protected readonly definitions: ReadonlyMap<string, Definition>,
    protected readonly missingKey: MissingKey,
    protected readonly limits: Limits,
  ) {
    this.tmplName = parseName;
  }

  protected at(node: AnyNode): void {
    this.node = node;
  }

  protected mark(): number {
    return this.vars.length;
  }

  protected pop(mark: number): void {
    this.vars.length = mark;
  }

  protected push(name: string, value: GoValue): void {
    this.vars.push({ name, value });
  }

  protected setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  protected setTopVar(n: number, value: GoValue): void {
    this.vars[this.vars.length - n].value = value;
  }

  protected varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        return this.vars[i].value;
      }
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  protected write(s: string): void {
    this.outLength += s.length;
    if (this.outLength > this.limits.maxOutput) {
      this.errorf(`output longer than ${this.limits.maxOutput} characters`);
    }
    this.out.push(s);
  }

  protected step(): void {
    if (++this.steps > this.limits.maxSteps) {
      this.errorf(`execution stopped after ${this.limits.maxSteps} steps`);
    }
  }

  /** Go's String() of a node. */
  protected nodeText(n: AnyNode): string {
    return nodeString(n);
  }

  /** Go's position of a node: where parse.go placed it, which is not always where the node starts. */
  private goPos(n: AnyNode): number {
    switch (n.kind) {
      case 'action':
      case 'if':
      case 'range':
      case 'with':
        return n.pipe.from;
      case 'template':
        return n.nameSpan.from;
      case 'field':
      case 'variable':
      case 'chain':
        return n.goPos ?? n.from;
      default:
        return n.from;
    }
  }

  /** parse.go ErrorContext: `NAME:LINE:COL` with a byte column. */
  private location(n: AnyNode): string {
    const pos = this.goPos(n);
    const before = this.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = utf8Length(nl < 0 ? before : before.slice(nl + 1));
    return `${this.parseName}:${line}:${col}`;
  }

  protected errorf(message: string): never {
    if (!this.node) {
      throw new ExecError(`template: ${this.tmplName}: ${message}`);
    }
    const where = this.location(this.node);
    throw new ExecError(`template: ${where}: executing ${goQuote(this.tmplName)} at <${nodeString(this.node)}>: ${message}`);
  }
}
