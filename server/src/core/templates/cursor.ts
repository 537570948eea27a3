/**
 * Where a cursor is in a template, for completion and hover: inside which action (`{{ … }}`), which variables
 * the template declared before it, and whether dot still holds the template's data. Works on text being typed
 * (an unclosed action, an unterminated string) by reading the lexer's tokens up to the cursor only.
 */
import type { Span } from './ast';
import { Lexer, type Token } from './lexer';
import { isAlphaNumeric } from './lexerStates';

export interface ActionCursor {
  /** Offset of the action's `{{`. */
  actionFrom: number;
  /** The action's tokens before the cursor, spaces left out (a token the cursor is inside counts). */
  before: Token[];
  /** The quoted string the cursor is in (its contents, without quotes), if any. */
  string?: Span;
  /** Variables the template declared before the cursor that are still in scope. */
  declared: string[];
  /** False inside `range`, `with`, `define` and `block`, where dot is something else than the template's data. */
  dotIsRoot: boolean;
  /** Inside `define` or `block`: a separate template, where only `$` is predeclared. */
  inDefinition: boolean;
  /** The control structures open at the cursor (`if`, `range`, `with`, `define`, `block`), outermost first. */
  open: string[];
}

interface Frame {
  kind: string;
  /** Number of declared variables when the frame opened. */
  mark: number;
  dotChanged: boolean;
  /** For definitions: the variables of the enclosing template, restored at their end. */
  saved?: string[];
}

/** The action around `offset`, or undefined when the cursor is in plain text, a comment, or after a lexing error. */
export function actionAt(text: string, offset: number): ActionCursor | undefined {
  const lexer = new Lexer(text);
  const frames: Frame[] = [];
  let vars: string[] = [];
  let action: { from: number; tokens: Token[] } | undefined;
  for (;;) {
    const t = lexer.next();
    if (t.from >= offset || t.type === 'eof') {
      // Whatever comes after the cursor (an `unclosed action` at the end of the text too) does not matter.
      return action && cursor(action, vars, frames);
    }
    if (t.type === 'error') {
      return action && unterminatedString(t, text, offset) ? cursor(action, vars, frames, { from: t.from + 1, to: offset }) : undefined;
    }
    if (t.type === 'leftDelim') {
      action = { from: t.from, tokens: [] };
    } else if (t.type === 'rightDelim') {
      vars = endAction(action?.tokens ?? [], vars, frames);
      action = undefined;
    } else if (action && t.type !== 'space') {
      action.tokens.push(t);
      if ((t.type === 'string' || t.type === 'rawString') && offset < t.to) {
        return cursor(action, vars, frames, { from: t.from + 1, to: t.to - 1 });
      }
    }
  }
}

function unterminatedString(t: Token, text: string, offset: number): boolean {
  return t.from < offset && /^unterminated (raw )?quoted string$/.test(t.val) && (text[t.from] === '"' || text[t.from] === '`');
}

function cursor(action: { from: number; tokens: Token[] }, vars: string[], frames: Frame[], string?: Span): ActionCursor {
  return {
    actionFrom: action.from,
    before: action.tokens,
    string,
    declared: [...new Set(vars)],
    dotIsRoot: frames.every((f) => !f.dotChanged),
    inDefinition: frames.some((f) => f.saved),
    open: frames.map((f) => f.kind),
  };
}

/** Applies a finished action to the scope: control structures open and close frames, `:=` declares. */
function endAction(tokens: Token[], vars: string[], frames: Frame[]): string[] {
  const [first, second] = tokens;
  switch (first?.type) {
    case 'if':
    case 'with':
    case 'range':
      frames.push({ kind: first.type, mark: vars.length, dotChanged: first.type !== 'if' });
      break;
    case 'define':
    case 'block':
      frames.push({ kind: first.type, mark: 0, dotChanged: true, saved: vars });
      vars = [];
      break;
    case 'else': {
      const top = frames[frames.length - 1];
      if (top) {
        vars.length = top.mark;
        // The else branch of range/with sees the outer dot; `else with` sets a new one.
        top.dotChanged = second?.type === 'with';
      }
      break;
    }
    case 'end': {
      const top = frames.pop();
      if (top?.saved) {
        return top.saved;
      }
      if (top) {
        vars.length = top.mark;
      }
      return vars;
    }
  }
  return [...vars, ...declarations(tokens)];
}

/** `$x := …`, `range $i, $v := …`: the variables before a `:=`. */
function declarations(tokens: Token[]): string[] {
  const at = tokens.findIndex((t) => t.type === 'declare');
  const out: string[] = [];
  for (let i = at - 1; i >= 0 && (tokens[i].type === 'variable' || tokens[i].val === ','); i--) {
    if (tokens[i].type === 'variable') {
      out.unshift(tokens[i].val);
    }
  }
  return out;
}

/** A run of `$`, `.` and name characters: `$labels.job`, `.Labels.`, `humanize`, split into its parts. */
export interface Word {
  from: number;
  to: number;
  /** The text split at dots, each part with its span: `$labels.jo` → `$labels`, `jo`; `.Value` → ``, `Value`. */
  parts: { text: string; from: number; to: number }[];
}

const isNameChar = (ch: string | undefined): boolean => ch !== undefined && isAlphaNumeric(ch.codePointAt(0)!);
const isWordChar = (ch: string | undefined): boolean => ch === '.' || ch === '$' || isNameChar(ch);

/**
 * The word ending at `offset` within an action, plus the rest of the name the cursor is in: in `$labels.jo|b`,
 * the parts `$labels` and `job`. Undefined when the word follows a `)` or a quote (a chained field such as
 * `(…).X`, not ours to complete).
 */
export function wordAt(text: string, offset: number, actionFrom: number): Word | undefined {
  let from = offset;
  while (from > actionFrom + 2 && isWordChar(text[from - 1])) {
    from--;
  }
  let to = offset;
  while (to < text.length && isNameChar(text[to])) {
    to++;
  }
  const prev = text[from - 1];
  if (prev === ')' || prev === '"' || prev === '`' || prev === "'") {
    return undefined;
  }
  const parts: Word['parts'] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || text[i] === '.') {
      parts.push({ text: text.slice(start, i), from: start, to: i });
      start = i + 1;
    }
  }
  return { from, to, parts };
}
