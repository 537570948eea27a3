/**
 * The syntax tree of a Go `text/template`, shaped like Go's `text/template/parse` nodes (node.go) so that the
 * evaluator can follow exec.go step by step. Every node carries `from`/`to`: offsets (UTF-16 units, as the
 * editor counts them) into the template text it was parsed from.
 */
import { goQuote } from '../goStrconv';

export interface Span {
  from: number;
  to: number;
}

export interface ListNode extends Span {
  kind: 'list';
  nodes: Node[];
}

export interface TextNode extends Span {
  kind: 'text';
  text: string;
}

export interface CommentNode extends Span {
  kind: 'comment';
  text: string;
}

/** `{{pipeline}}`: prints the pipeline's value unless it declares variables. */
export interface ActionNode extends Span {
  kind: 'action';
  pipe: PipeNode;
}

/** `if`, `range` and `with` share one shape, as Go's BranchNode. `{{else if}}` is an elseList holding one IfNode. */
export interface BranchNode extends Span {
  kind: 'if' | 'range' | 'with';
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

/** `{{template "name" pipeline}}`; `{{block}}` produces one too (plus a definition). */
export interface TemplateNode extends Span {
  kind: 'template';
  name: string;
  /** The span of the quoted name. */
  nameSpan: Span;
  pipe?: PipeNode;
  block?: boolean;
}

export interface BreakNode extends Span {
  kind: 'break' | 'continue';
}

export type Node = ListNode | TextNode | CommentNode | ActionNode | BranchNode | TemplateNode | BreakNode;

/** `$x := cmd | cmd`; `decl` holds the declared (or, with isAssign, assigned) variables. */
export interface PipeNode extends Span {
  kind: 'pipe';
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

export interface CommandNode extends Span {
  kind: 'command';
  args: ArgNode[];
}

/** `.A.B`: `ident` without the dots. Segments are contiguous in the text, so offsets follow from `from`. */
export interface FieldNode extends Span {
  kind: 'field';
  ident: string[];
  /** Go's position of the node when it differs from `from`: a chained node takes its first chained field's. */
  goPos?: number;
}

/** `$x.A.B`: `ident[0]` is the variable name with its `$`. */
export interface VariableNode extends Span {
  kind: 'variable';
  ident: string[];
  goPos?: number;
}

/** `(pipeline).A.B` or `"lit".A`: a term followed by field accesses. */
export interface ChainNode extends Span {
  kind: 'chain';
  node: ArgNode;
  fields: string[];
  goPos?: number;
}

export interface IdentifierNode extends Span {
  kind: 'identifier';
  name: string;
}

export interface DotNode extends Span {
  kind: 'dot';
}

export interface NilNode extends Span {
  kind: 'nil';
}

export interface BoolNode extends Span {
  kind: 'bool';
  value: boolean;
}

/** A number, with every representation it allows (Go's ideal constants). */
export interface NumberNode extends Span {
  kind: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  float: number;
}

export interface StringNode extends Span {
  kind: 'string';
  quoted: string;
  text: string;
}

export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** A `{{define}}` (or `{{block}}`) body. */
export interface Definition {
  name: string;
  root: ListNode;
  /** The span of the whole `{{define "x"}}…{{end}}`. */
  span: Span;
  nameSpan: Span;
}

/** Go's String() of a node, used verbatim in execution error messages (`executing "x" at <…>`). */
export function nodeString(n: Node | ArgNode | CommandNode): string {
  switch (n.kind) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'comment':
      return `{{${n.text}}}`;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = n.elseList ? `{{else}}${nodeString(n.elseList)}` : '';
      return `{{${n.kind} ${nodeString(n.pipe)}}}${nodeString(n.list)}${elsePart}{{end}}`;
    }
    case 'template':
      return `{{template ${goQuote(n.name)}${n.pipe ? ` ${nodeString(n.pipe)}` : ''}}}`;
    case 'break':
    case 'continue':
      return `{{${n.kind}}}`;
    default:
      return argString(n);
  }
}

function argString(n: ArgNode | CommandNode): string {
  switch (n.kind) {
    case 'pipe': {
      const decl = n.decl.length ? `${n.decl.map(argString).join(', ')} := ` : '';
      return decl + n.cmds.map(argString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${argString(a)})` : argString(a))).join(' ');
    case 'field':
      return n.ident.map((i) => `.${i}`).join('');
    case 'variable':
      return n.ident.join('.');
    case 'chain': {
      const head = n.node.kind === 'pipe' ? `(${argString(n.node)})` : argString(n.node);
      return head + n.fields.map((f) => `.${f}`).join('');
    }
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
  }
}
