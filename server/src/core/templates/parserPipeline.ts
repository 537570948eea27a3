/**
 * Pipelines, commands and operands (parse.go `pipeline`, `command`, `operand`, `term`): the expression half of
 * the template parser.
 */
import type { ArgNode, CommandNode, PipeNode, VariableNode } from './ast';
import { nodeString } from './ast';
import { goQuote, goUnquote } from '../goStrconv';
import type { Token, TokenType } from './lexer';
import { parseNumber } from './numbers';
import { TokenStream } from './parserStream';

const OPERAND_START: ReadonlySet<TokenType> = new Set<TokenType>([
  'bool',
  'charConstant',
  'complex',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

const NON_EXECUTABLE: ReadonlySet<string> = new Set(['bool', 'dot', 'nil', 'number', 'string']);

export class PipelineParser extends TokenStream {
  protected unquote(t: Token): string {
    try {
      return goUnquote(t.val);
    } catch (e) {
      return this.errorf((e as Error).message, t);
    }
  }

  /** declarations? command ('|' command)* up to `end` (the right delimiter or a right paren). */
  protected pipeline(context: string, end: TokenType): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', isAssign: false, decl: [], cmds: [], from: first.from, to: first.from };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context, token);
        pipe.to = pipe.cmds[pipe.cmds.length - 1].to;
        return pipe;
      }
      if (!OPERAND_START.has(token.type)) {
        this.unexpected(token, context);
      }
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  /** `$x :=`, `$x =`, `$i, $e :=` (range only). Needs three tokens of look-ahead, as Go notes. */
  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') {
        return;
      }
      const start = this.i;
      this.next();
      const next = this.peekNonSpace();
      const variable: VariableNode = { kind: 'variable', ident: [v.val], from: v.from, to: v.to };
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        if (pipe.isAssign && !this.vars.includes(v.val)) {
          this.result.undeclaredAssignments.push(variable);
        }
        pipe.decl.push(variable);
        this.vars.push(v.val);
        return;
      }
      if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(variable);
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') {
            continue;
          }
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.backup(start);
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, at: Token): void {
    if (pipe.cmds.length === 0) {
      this.errorf(`missing value for ${context}`, at);
    }
    pipe.cmds.slice(1).forEach((c, i) => {
      if (NON_EXECUTABLE.has(c.args[0].kind)) {
        this.errorf(`non executable command in pipeline stage ${i + 2}`, c);
      }
    });
  }

  /** operand (space operand)*, up to a `|` (consumed) or the end of the pipeline (left pending). */
  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', args: [], from: this.peekNonSpace().from, to: 0 };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) {
        cmd.args.push(operand);
      }
      const token = this.next();
      if (token.type === 'space') {
        continue;
      }
      if (token.type === 'rightDelim' || token.type === 'rightParen') {
        this.backup();
      } else if (token.type !== 'pipe') {
        this.unexpected(token, 'operand');
      }
      break;
    }
    if (cmd.args.length === 0) {
      this.errorf('empty command');
    }
    cmd.to = cmd.args[cmd.args.length - 1].to;
    return cmd;
  }

  /** term .Field*: fields right after a term make a chain (or lengthen a field or variable). */
  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().type !== 'field') {
      return node;
    }
    const goPos = this.peek().from;
    const fields: string[] = [];
    let to = node.to;
    while (this.peek().type === 'field') {
      const f = this.next();
      fields.push(f.val.slice(1));
      to = f.to;
    }
    switch (node.kind) {
      case 'field':
      case 'variable':
        return { ...node, ident: [...node.ident, ...fields], to, goPos };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      default:
        return { kind: 'chain', node, fields, from: node.from, to, goPos };
    }
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    const span = { from: token.from, to: token.to };
    switch (token.type) {
      case 'identifier':
        if (this.options.isFunction && !this.options.isFunction(token.val)) {
          this.record('unknown-function', `function ${goQuote(token.val)} not defined`, span);
        }
        return { kind: 'identifier', name: token.val, ...span };
      case 'dot':
        return { kind: 'dot', ...span };
      case 'nil':
        return { kind: 'nil', ...span };
      case 'variable':
        if (!this.vars.includes(token.val)) {
          this.record('undefined-variable', `undefined variable ${goQuote(token.val)}`, span);
        }
        return { kind: 'variable', ident: [token.val], ...span };
      case 'field':
        return { kind: 'field', ident: [token.val.slice(1)], ...span };
      case 'bool':
        return { kind: 'bool', value: token.val === 'true', ...span };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const n = parseNumber(token.val, token.type);
        return typeof n === 'string' ? this.errorf(n, token) : { kind: 'number', text: token.val, ...n, ...span };
      }
      case 'leftParen': {
        this.enter(token, true);
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        this.leave();
        return pipe;
      }
      case 'string':
      case 'rawString':
        return { kind: 'string', quoted: token.val, text: this.unquote(token), ...span };
    }
    this.backup();
    return undefined;
  }
}
