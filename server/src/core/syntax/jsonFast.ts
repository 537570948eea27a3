import * as ast from './ast';
import type { AstNode } from './ast';

// A local copy of the imported binding: compiled to CommonJS, each access to an import is a getter call.
const { makeNode } = ast;

/** Thrown inside the parse for anything it leaves to jsonc-parser: errors, comments, odd whitespace, deep nesting. */
const FAIL = new Error('not fast JSON');
/** A run of string characters that need no attention: not a quote, a backslash or a control character. */
const PLAIN = /[^"\\\x00-\x1f]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * A one-pass parser for well-formed JSON that builds our nodes directly, with the offsets, lengths and values
 * jsonc-parser's `parseTree` gives (a property spans its key to the end of its value; strings include their
 * quotes). It returns `undefined` for any input it does not accept as strict JSON — syntax errors, comments,
 * whitespace other than space / tab / line breaks, nesting deeper than `maxDepth` — so the caller falls back to
 * jsonc-parser, which also reports the errors. Large dashboards parse about three times faster this way, without
 * jsonc-parser's intermediate tree.
 */
export function parseJsonFast(text: string, maxDepth: number): AstNode | undefined {
  let i = 0;
  let depth = 0;

  const space = (): void => {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i)) {
      // skip
    }
  };

  const string = (parent: AstNode | undefined): AstNode => {
    const start = i;
    let escaped = false;
    // Runs of plain characters in one regex step; the loop below sees only quotes, escapes and bad characters.
    for (i++; ; i++) {
      PLAIN.lastIndex = i;
      PLAIN.test(text);
      i = PLAIN.lastIndex;
      const c = text.charCodeAt(i);
      if (c === 34) {
        break;
      }
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c < 32 || Number.isNaN(c)) {
        throw FAIL; // a control character or the end of the text inside a string
      }
    }
    i++;
    let value: string;
    if (escaped) {
      try {
        value = JSON.parse(text.slice(start, i)) as string;
      } catch {
        throw FAIL;
      }
    } else {
      value = text.slice(start + 1, i - 1);
    }
    return makeNode('string', start, i - start, parent, value, 'json');
  };

  const value = (parent: AstNode | undefined): AstNode => {
    const c = text.charCodeAt(i);
    if (c === 34) {
      return string(parent);
    }
    if (c === 123 || c === 91) {
      if (++depth > maxDepth) {
        throw FAIL;
      }
      const node = c === 123 ? object(parent) : array(parent);
      depth--;
      return node;
    }
    if (c === 116 && text.startsWith('true', i)) {
      return literal(parent, 'boolean', 4, true);
    }
    if (c === 102 && text.startsWith('false', i)) {
      return literal(parent, 'boolean', 5, false);
    }
    if (c === 110 && text.startsWith('null', i)) {
      return literal(parent, 'null', 4, null);
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) {
      throw FAIL;
    }
    return literal(parent, 'number', m[0].length, Number(m[0]));
  };

  const literal = (parent: AstNode | undefined, type: 'boolean' | 'null' | 'number', length: number, v: boolean | null | number): AstNode => {
    const start = i;
    i += length;
    const next = text.charCodeAt(i);
    // A literal runs into the next token only through a delimiter (jsonc-parser would read `truex` as an error).
    if (!(next === 44 || next === 125 || next === 93 || next === 32 || next === 10 || next === 13 || next === 9 || Number.isNaN(next))) {
      throw FAIL;
    }
    return makeNode(type, start, length, parent, v);
  };

  /** After an item: true at the collection's closing character `close`; past the comma and false; else a failure. */
  const closes = (close: number): boolean => {
    space();
    const c = text.charCodeAt(i);
    if (c === close) {
      return true;
    }
    if (c !== 44) {
      throw FAIL;
    }
    i++;
    space();
    return false;
  };

  const object = (parent: AstNode | undefined): AstNode => {
    const node = makeNode('object', i, 0, parent);
    const children: AstNode[] = [];
    node.children = children;
    i++;
    space();
    if (text.charCodeAt(i) !== 125) {
      for (;;) {
        if (text.charCodeAt(i) !== 34) {
          throw FAIL;
        }
        const prop = makeNode('property', i, 0, node);
        const key = string(prop);
        space();
        if (text.charCodeAt(i) !== 58) {
          throw FAIL;
        }
        i++;
        space();
        const v = value(prop);
        prop.children = [key, v];
        prop.length = v.offset + v.length - prop.offset;
        children.push(prop);
        if (closes(125)) {
          break;
        }
      }
    }
    i++;
    node.length = i - node.offset;
    return node;
  };

  const array = (parent: AstNode | undefined): AstNode => {
    const node = makeNode('array', i, 0, parent);
    const children: AstNode[] = [];
    node.children = children;
    i++;
    space();
    if (text.charCodeAt(i) !== 93) {
      for (;;) {
        children.push(value(node));
        if (closes(93)) {
          break;
        }
      }
    }
    i++;
    node.length = i - node.offset;
    return node;
  };

  try {
    space();
    if (i >= text.length) {
      return undefined;
    }
    const root = value(undefined);
    space();
    return i === text.length ? root : undefined;
  } catch (e) {
    if (e === FAIL || e instanceof RangeError) {
      return undefined; // RangeError: a stack overflow, should maxDepth be too generous for this stack
    }
    throw e;
  }
}
