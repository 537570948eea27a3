/**
 * What dot and the variables hold at a cursor in a notification template file: the notification's data in a
 * `define`, an alert inside `{{ range .Alerts }}`, a pair inside `{{ range .Labels.SortedPairs }}`, and so on.
 * Reads the lexer's tokens up to the cursor only, so it works on text being typed. Types that only a function
 * call would tell (`{{ with index .Alerts 0 }}`) stay unknown.
 */
import { Lexer, type Token } from '../../templates/lexer';
import { deref, INT, STRING, type StaticType } from '../../templates/scope';

export interface DotScope {
  /** Dot's type; undefined when unknown. */
  dot: StaticType | undefined;
  /** `$`'s type. */
  root: StaticType | undefined;
  /** Declared variables still in scope, innermost last. */
  vars: { name: string; type: StaticType | undefined }[];
}

interface Frame {
  kind: string;
  mark: number;
  outerDot: StaticType | undefined;
  /** For definitions: the enclosing template's scope, restored at their end. */
  saved?: DotScope;
}

/** `data`: the notification data's type (`*template.Data`); `definitionDot`: what a definition's dot is. */
export function dotAt(text: string, offset: number, data: StaticType, definitionDot: (name: string) => StaticType | undefined): DotScope {
  const lexer = new Lexer(text);
  const frames: Frame[] = [];
  let scope: DotScope = { dot: data, root: data, vars: [] };
  let tokens: Token[] | undefined;
  for (;;) {
    const t = lexer.next();
    if (t.from >= offset || t.type === 'eof' || t.type === 'error') {
      return scope;
    }
    if (t.type === 'leftDelim') {
      tokens = [];
    } else if (t.type === 'rightDelim') {
      scope = endAction(tokens ?? [], scope, frames, definitionDot);
      tokens = undefined;
    } else if (tokens && t.type !== 'space') {
      tokens.push(t);
    }
  }
}

function endAction(tokens: Token[], scope: DotScope, frames: Frame[], definitionDot: (name: string) => StaticType | undefined): DotScope {
  const [first, second] = tokens;
  switch (first?.type) {
    case 'if':
    case 'with':
    case 'range': {
      frames.push({ kind: first.type, mark: scope.vars.length, outerDot: scope.dot });
      const { decl, type } = pipeline(tokens.slice(1), scope);
      const inner = first.type === 'range' ? elemOf(type) : type;
      declare(scope, decl, first.type === 'range' ? rangeVars(decl, type) : [type]);
      return first.type === 'if' ? scope : { ...scope, dot: inner };
    }
    case 'define':
    case 'block': {
      const name = second?.type === 'string' || second?.type === 'rawString' ? second.val.slice(1, -1) : '';
      const dot = definitionDot(name);
      frames.push({ kind: first.type, mark: 0, outerDot: scope.dot, saved: scope });
      return { dot, root: dot, vars: [] };
    }
    case 'else': {
      const top = frames[frames.length - 1];
      if (!top) {
        return scope;
      }
      scope.vars.length = top.mark;
      return { ...scope, dot: second?.type === 'with' ? pipeline(tokens.slice(2), { ...scope, dot: top.outerDot }).type : top.outerDot };
    }
    case 'end': {
      const top = frames.pop();
      if (top?.saved) {
        return top.saved;
      }
      if (top) {
        scope.vars.length = top.mark;
        return { ...scope, dot: top.outerDot };
      }
      return scope;
    }
  }
  const { decl, type } = pipeline(tokens, scope);
  declare(scope, decl, [type]);
  return scope;
}

/** The variables a pipeline declares and its type when it is a plain field chain (`.Alerts.Firing`, `$a.Labels`). */
function pipeline(tokens: Token[], scope: DotScope): { decl: string[]; type: StaticType | undefined } {
  const at = tokens.findIndex((t) => t.type === 'declare' || t.type === 'assign');
  const decl = at >= 0 && tokens[at].type === 'declare' ? tokens.slice(0, at).filter((t) => t.type === 'variable').map((t) => t.val) : [];
  const rest = tokens.slice(at + 1);
  return { decl, type: chainType(rest, scope) };
}

export function chainType(tokens: Token[], scope: DotScope): StaticType | undefined {
  const [head, ...fields] = tokens;
  if (!head || fields.some((f) => f.type !== 'field')) {
    return undefined;
  }
  let t: StaticType | undefined;
  let names = fields.map((f) => f.val.slice(1));
  if (head.type === 'dot') {
    t = scope.dot;
  } else if (head.type === 'field') {
    [t, names] = [scope.dot, [head.val.slice(1), ...names]];
  } else if (head.type === 'variable') {
    t = variableType(head.val, scope);
  } else {
    return undefined;
  }
  for (const name of names) {
    t = t && memberType(t, name);
  }
  return t;
}

export function variableType(name: string, scope: DotScope): StaticType | undefined {
  if (name === '$') {
    return scope.root;
  }
  return [...scope.vars].reverse().find((v) => v.name === name)?.type;
}

/** A field or method result, as text/template looks it up: methods first, then map keys or struct fields. */
export function memberType(t: StaticType, name: string): StaticType | undefined {
  const d = deref(t);
  const own = <T>(r: Record<string, T> | undefined): T | undefined => (r && Object.hasOwn(r, name) ? r[name] : undefined);
  const method = own(t.methods) ?? own(d.methods);
  if (method) {
    return method.result;
  }
  return d.kind === 'map' ? d.elem : own(d.fields);
}

function elemOf(t: StaticType | undefined): StaticType | undefined {
  const d = t && deref(t);
  return d && (d.kind === 'slice' || d.kind === 'map') ? d.elem : undefined;
}

/** `range $v := x` gives $v the element; `range $k, $v := x` the index (or map key) and the element. */
function rangeVars(decl: string[], t: StaticType | undefined): (StaticType | undefined)[] {
  const elem = elemOf(t);
  if (decl.length < 2) {
    return [elem];
  }
  return [t && deref(t).kind === 'map' ? STRING : INT, elem];
}

function declare(scope: DotScope, names: string[], types: (StaticType | undefined)[]): void {
  names.forEach((name, i) => scope.vars.push({ name, type: types[i] }));
}
