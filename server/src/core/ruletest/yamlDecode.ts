/**
 * Decoding our YAML nodes into typed values the way gopkg.in/yaml.v2's UnmarshalStrict does for promtool's test
 * file structs: unknown and repeated keys and type mismatches are collected as `line N: …` texts (reported
 * together as `yaml: unmarshal errors:`), while an error from a custom unmarshaler (a bad duration) stops
 * decoding at once. Scalars decode into strings as their source text, null into zero values.
 */
import type { AstNode } from '../syntax/ast';
import { propertyKey } from '../syntax/ast';
import type { LineIndex } from '../text';

/** A place in the test file: 1-based line and column, and the offsets the editor needs. */
export interface SourceSpan {
  line: number;
  column: number;
  offset: number;
  length: number;
}

/** Thrown to stop decoding, as yaml.v2 does on a custom unmarshaler's error. */
export class FatalDecodeError extends Error {
  constructor(
    message: string,
    readonly span: SourceSpan,
  ) {
    super(message);
  }
}

export class Decoder {
  /** The collected `line N: …` type errors, with where they point. */
  readonly errors: { text: string; span: SourceSpan }[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  span(node: AstNode): SourceSpan {
    const p = this.lines.positionAt(node.offset);
    return { line: p.line + 1, column: p.character + 1, offset: node.offset, length: node.length };
  }

  private error(node: AstNode, text: string): void {
    this.errors.push({ text: `line ${this.span(node).line}: ${text}`, span: this.span(node) });
  }

  fatal(node: AstNode, message: string): never {
    throw new FatalDecodeError(message, this.span(node));
  }

  /** yaml.v2's tag of a node, for "cannot unmarshal !!tag …". */
  private tag(node: AstNode): string {
    switch (node.type) {
      case 'object':
        return '!!map';
      case 'array':
        return '!!seq';
      case 'boolean':
        return '!!bool';
      case 'null':
        return '!!null';
      case 'number':
        return /^[-+]?(?:0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*)$/.test(this.raw(node)) ? '!!int' : '!!float';
      default:
        return '!!str';
    }
  }

  /** The scalar's text as yaml.v2 hands it to a string field: the source of a plain scalar, else its value. */
  raw(node: AstNode): string {
    if (node.type === 'string') {
      return String(node.value);
    }
    return this.text.slice(node.offset, node.offset + node.length);
  }

  mismatch(node: AstNode, goType: string): void {
    const tag = this.tag(node);
    let value = '';
    if (tag !== '!!map' && tag !== '!!seq') {
      const raw = this.raw(node);
      value = raw.length > 10 ? ` \`${raw.slice(0, 7)}...\`` : ` \`${raw}\``;
    }
    this.error(node, `cannot unmarshal ${tag}${value} into ${goType}`);
  }

  /** A struct: each key to its handler; unknown keys and repeated keys are errors, as in strict mode. */
  struct(node: AstNode | undefined, goType: string, fields: Record<string, (value: AstNode) => void>): void {
    if (!node || node.type === 'null') {
      return;
    }
    if (node.type !== 'object') {
      this.mismatch(node, goType);
      return;
    }
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const [keyNode, value] = prop.children ?? [];
      const key = propertyKey(prop);
      if (seen.has(key)) {
        this.error(keyNode, `key ${JSON.stringify(key)} already set in map`);
        continue;
      }
      seen.add(key);
      const handler = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (!handler) {
        this.error(keyNode, `field ${key} not found in type ${goType}`);
      } else if (value) {
        handler(value);
      }
    }
  }

  list<T>(node: AstNode, goType: string, item: (n: AstNode, index: number) => T): T[] {
    if (node.type === 'null') {
      return [];
    }
    if (node.type !== 'array') {
      this.mismatch(node, goType);
      return [];
    }
    return (node.children ?? []).map(item);
  }

  string(node: AstNode): string {
    if (node.type === 'null') {
      return '';
    }
    if (node.type === 'object' || node.type === 'array') {
      this.mismatch(node, 'string');
      return '';
    }
    return this.raw(node);
  }

  float(node: AstNode): number {
    if (node.type === 'null') {
      return 0;
    }
    if (node.type !== 'number') {
      this.mismatch(node, 'float64');
      return 0;
    }
    return Number(node.value ?? NaN);
  }

  bool(node: AstNode): boolean {
    if (node.type === 'null') {
      return false;
    }
    if (node.type !== 'boolean') {
      this.mismatch(node, 'bool');
      return false;
    }
    return node.value === true;
  }

  /** map[string]string: keys and scalar values as text, in document order. */
  stringMap(node: AstNode): [string, string][] {
    if (node.type === 'null') {
      return [];
    }
    if (node.type !== 'object') {
      this.mismatch(node, 'map[string]string');
      return [];
    }
    const out = new Map<string, string>();
    for (const prop of node.children ?? []) {
      const [keyNode, value] = prop.children ?? [];
      const key = keyNode.type === 'null' ? '' : this.raw(keyNode);
      if (out.has(key)) {
        this.error(keyNode, `key ${JSON.stringify(key)} already set in map`);
        continue;
      }
      out.set(key, value ? this.string(value) : '');
    }
    return [...out];
  }
}
