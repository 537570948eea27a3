/**
 * The parser of Go's text/template, following text/template/parse/parse.go function by function, with Go's error
 * texts. Differences, on purpose: unknown functions and undefined variables are collected and parsing goes on
 * (Go stops at the first; `errors[0]` is still the error Go reports), and nesting is limited (`maxDepth`) so
 * that deeply nested input can overflow the stack neither of the parser nor of the tree walkers after it.
 * `{{else with}}` (Go 1.23) is accepted on request (ParseOptions.elseWith).
 */
import type { BranchNode, Definition, ListNode, Node, PipeNode, Span, TemplateNode } from './ast';
import { goQuote } from '../goStrconv';
import type { Token } from './lexer';
import { PipelineParser } from './parserPipeline';
import { Abort, type ParseError, type ParseOptions, type ParseResult } from './parserStream';

export { DEFAULT_MAX_DEPTH } from './parserStream';
export type { ParseError, ParseErrorCode, ParseOptions, ParseResult } from './parserStream';

/** `{{end}}` and `{{else}}`: they end a list and never enter the tree. */
interface Marker extends Span {
  kind: 'end' | 'else';
  /** For `{{else if …}}` / `{{else with …}}`: the keyword left pending. */
  chained?: 'if' | 'with';
}

function isMarker(n: Node | Marker): n is Marker {
  return n.kind === 'end' || n.kind === 'else';
}

export function parseTemplate(text: string, options: ParseOptions = {}): ParseResult {
  return new Parser(text, options).run();
}

class Parser extends PipelineParser {
  run(): ParseResult {
    try {
      this.result.root = this.parseTop();
    } catch (e) {
      if (!(e instanceof Abort)) {
        throw e;
      }
    }
    this.result.definitions.sort((a, b) => a.span.from - b.span.from);
    return this.result;
  }

  /** parse.go `parse`: like itemList, plus `{{define}}`, up to EOF. */
  private parseTop(): ListNode {
    const root: ListNode = { kind: 'list', nodes: [], from: 0, to: this.text.length };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const start = this.i;
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          this.withFreshScope(() => this.parseDefinition(delim));
          continue;
        }
        this.backup(start);
      }
      const n = this.textOrAction();
      if (isMarker(n)) {
        return this.errorf(`unexpected ${n.kind === 'end' ? '{{end}}' : '{{else}}'}`, n);
      }
      root.nodes.push(n);
    }
    return root;
  }

  /** Definitions and blocks are trees of their own: only `$` is in scope, no enclosing range. */
  private withFreshScope<T>(fn: () => T): T {
    const [vars, rangeDepth] = [this.vars, this.rangeDepth];
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      return fn();
    } finally {
      [this.vars, this.rangeDepth] = [vars, rangeDepth];
    }
  }

  private parseDefinition(delim: Token): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== 'string' && nameTok.type !== 'rawString') {
      this.unexpected(nameTok, context);
    }
    const name = this.unquote(nameTok);
    this.expect('rightDelim', context);
    const [root, end] = this.body(delim);
    if (end.kind !== 'end') {
      this.errorf(`unexpected {{else}} in ${context}`, end);
    }
    this.addDefinition({ name, root, span: { from: delim.from, to: end.to }, nameSpan: spanOf(nameTok) });
  }

  private body(delim: Span): [ListNode, Marker] {
    this.enter(delim);
    const r = this.itemList();
    this.leave();
    return r;
  }

  private addDefinition(def: Definition): void {
    const prev = this.result.definitions.find((d) => d.name === def.name);
    if (prev && !isEmptyTree(prev.root) && !isEmptyTree(def.root)) {
      this.errorf(`template: multiple definition of template ${goQuote(def.name)}`, def.nameSpan);
    }
    this.result.definitions = this.result.definitions.filter((d) => d !== prev);
    this.result.definitions.push(def);
  }

  /** textOrAction* up to `{{end}}` or `{{else}}`, returned separately. */
  private itemList(): [ListNode, Marker] {
    const list: ListNode = { kind: 'list', nodes: [], from: this.peekNonSpace().from, to: 0 };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (isMarker(n)) {
        list.to = n.from;
        return [list, n];
      }
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | Marker {
    const token = this.nextNonSpace();
    if (token.type === 'text') {
      return { kind: 'text', text: token.val, from: token.from, to: token.to };
    }
    if (token.type !== 'leftDelim') {
      return this.unexpected(token, 'input');
    }
    this.actionLine = this.lineAt(token.from);
    try {
      return this.action(token);
    } finally {
      this.actionLine = 0;
    }
  }

  private action(delim: Token): Node | Marker {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl(delim);
      case 'break':
      case 'continue':
        return this.breakControl(delim, token.type);
      case 'else':
        return this.elseControl(delim);
      case 'end':
        return { kind: 'end', from: delim.from, to: this.expect('rightDelim', 'end').to };
      case 'if':
      case 'range':
      case 'with':
        return this.control(delim, token.type);
      case 'template':
        return this.templateControl(delim);
    }
    this.backup();
    const pipe = this.pipeline('command', 'rightDelim');
    return { kind: 'action', pipe, from: delim.from, to: this.last().to };
  }

  private breakControl(delim: Token, kind: 'break' | 'continue'): Node {
    const t = this.nextNonSpace();
    if (t.type !== 'rightDelim') {
      this.unexpected(t, `{{${kind}}}`);
    }
    if (this.rangeDepth === 0) {
      this.errorf(`{{${kind}}} outside {{range}}`, { from: delim.from, to: t.to });
    }
    return { kind, from: delim.from, to: t.to };
  }

  private elseControl(delim: Token): Marker {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || (peek.type === 'with' && this.options.elseWith)) {
      // `{{else if x}}` is `{{else}}{{if x}}…{{end}}` sharing the inner `{{end}}` (parse.go parseControl).
      return { kind: 'else', from: delim.from, to: peek.from, chained: peek.type };
    }
    return { kind: 'else', from: delim.from, to: this.expect('rightDelim', 'else').to };
  }

  /** if/range/with: pipeline, list, optional else list; variables declared inside end with it. */
  private control(delim: Span, kind: BranchNode['kind']): BranchNode {
    this.enter(delim);
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    this.rangeDepth += kind === 'range' ? 1 : 0;
    let [list, next] = this.itemList();
    this.rangeDepth -= kind === 'range' ? 1 : 0;
    let elseList: ListNode | undefined;
    if (next.kind === 'else') {
      if (next.chained && next.chained === kind) {
        this.next();
        const inner = this.control(next, next.chained);
        elseList = { kind: 'list', nodes: [inner], from: next.from, to: inner.to };
        next = { kind: 'end', from: inner.to, to: inner.to };
      } else {
        [elseList, next] = this.itemList();
        if (next.kind !== 'end') {
          this.errorf('expected end; found {{else}}', next);
        }
      }
    }
    this.vars.length = mark;
    this.leave();
    return { kind, pipe, list, elseList, from: delim.from, to: next.to };
  }

  private blockControl(delim: Token): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const [root, end] = this.withFreshScope(() => this.body(delim));
    if (end.kind !== 'end') {
      this.errorf(`unexpected {{else}} in ${context}`, end);
    }
    this.addDefinition({ name, root, span: { from: delim.from, to: end.to }, nameSpan: spanOf(token) });
    return { kind: 'template', name, nameSpan: spanOf(token), pipe, block: true, from: delim.from, to: end.to };
  }

  private templateControl(delim: Token): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', name, nameSpan: spanOf(token), pipe, from: delim.from, to: this.last().to };
  }

  private templateName(token: Token, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') {
      this.unexpected(token, context);
    }
    return this.unquote(token);
  }
}

function spanOf(t: Token): Span {
  return { from: t.from, to: t.to };
}

/** parse.go IsEmptyTree: nothing but white space (and comments). */
export function isEmptyTree(n: Node): boolean {
  switch (n.kind) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    case 'comment':
      return true;
    default:
      return false;
  }
}

/** Go's text for a parse error: `template: NAME:LINE: MESSAGE`. */
export function goParseMessage(err: ParseError, name: string): string {
  return `template: ${name}:${err.line}: ${err.message}`;
}
