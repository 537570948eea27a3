import assert from 'node:assert/strict';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { makeNode, type AstNode } from '../../../server/src/core/syntax/ast';
import { parseYaml } from '../../../server/src/core/syntax/parseYaml';
import { embeddedText, type EmbeddedText } from '../../../server/src/core/promql/embed';

/** The first value node under a key named `key` (depth-first), in the first YAML document of `text`. */
export function yamlValue(text: string, key = 'expr'): AstNode {
  const found = findValue(parseYaml(text)[0]?.root, key);
  assert.ok(found, `no ${key} in ${JSON.stringify(text)}`);
  return found;
}

function findValue(node: AstNode | undefined, key: string): AstNode | undefined {
  for (const child of node?.children ?? []) {
    if (child.type === 'property' && child.children?.[0].value === key) {
      return child.children[1];
    }
    const deeper = findValue(child, key);
    if (deeper) {
      return deeper;
    }
  }
  return undefined;
}

/** A JSON string node as our JSON front end builds it (style `json`, offsets include the quotes). */
export function jsonValue(text: string, key = 'expr'): AstNode {
  const find = (n: JsonNode | undefined): JsonNode | undefined => {
    for (const c of n?.children ?? []) {
      if (c.type === 'property' && c.children?.[0].value === key) {
        return c.children[1];
      }
      const d = find(c);
      if (d) {
        return d;
      }
    }
    return undefined;
  };
  const n = find(parseTree(text));
  assert.ok(n && n.type === 'string', `no string ${key} in ${text}`);
  return makeNode('string', n.offset, n.length, undefined, n.value as string, 'json');
}

export function embed(node: AstNode, doc: string): EmbeddedText {
  const e = embeddedText(node, doc);
  assert.ok(e, 'no embedded text');
  return e;
}

/**
 * Every decoded character maps to source that holds it: the same character, the `\` of its escape, a line break
 * for a folded space or newline, or the scalar's end for the newline a block scalar adds at end of file. Cursor
 * positions map back (`fromDoc(toDoc(i)) === i`) and offsets never go backwards.
 */
export function assertFaithful(e: EmbeddedText, doc: string, end: number, label: string): void {
  let prev = -1;
  for (let i = 0; i < e.text.length; i++) {
    const ch = e.text[i];
    const at = e.toDoc(i);
    const src = doc[at];
    const ok =
      src === ch ||
      src === '\\' ||
      ((ch === ' ' || ch === '\n') && (src === '\n' || src === '\r')) ||
      (ch === '\n' && at === end) ||
      (isSurrogate(ch) && isSurrogate(src ?? ''));
    assert.ok(ok, `${label}: text[${i}]=${JSON.stringify(ch)} maps to ${at}=${JSON.stringify(src)}`);
    assert.ok(at >= prev, `${label}: offsets go backwards at ${i}`);
    prev = at;
    // A newline the parser adds at the end of file has no source: its position is also the end of the text.
    if (e.toDocEnd(i + 1) > at) {
      assert.equal(e.fromDoc(at), firstWithStart(e, i), `${label}: fromDoc(toDoc(${i}))`);
    }
  }
  assert.equal(e.fromDoc(e.toDoc(e.text.length)), e.text.length, `${label}: end maps back`);
}

/** Two UTF-16 units decoded from one escape (`\U0001F600`) share a start; a cursor there is before the first. */
function firstWithStart(e: EmbeddedText, i: number): number {
  while (i > 0 && e.toDoc(i - 1) === e.toDoc(i)) {
    i--;
  }
  return i;
}

function isSurrogate(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0xd800 && c <= 0xdfff;
}
