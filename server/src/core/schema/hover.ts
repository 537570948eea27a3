import type { Hover, Position } from 'vscode-languageserver-types';
import { nodeAt, pathOf, propertyKey, type AstNode } from '../syntax/ast';
import type { DocumentContext } from '../kinds/context';
import { schemasAtPath, type SchemaRegistry } from './registry';
import { fieldDocs } from './describe';

/** Hover on a key (or its value): the field's documentation from the schema. */
export function hoverYaml(ctx: DocumentContext, reg: SchemaRegistry, schemaId: string, pos: Position, product: string): Hover | null {
  const offset = ctx.lines.offsetAt(pos);
  const doc = ctx.docs.find((d) => offset >= d.offset && offset <= d.offset + d.length);
  const node = nodeAt(doc?.root, offset);
  const prop = enclosingProperty(node);
  if (!prop) {
    return null;
  }
  const key = propertyKey(prop);
  const path = [...pathOf(prop.parent!), key];
  const subs = schemasAtPath(reg, { schema: reg.get(schemaId)!, baseId: schemaId }, path);
  if (!subs.length) {
    return null;
  }
  const keyNode = prop.children![0];
  return {
    contents: { kind: 'markdown', value: fieldDocs(reg, key, subs, product) },
    range: ctx.lines.range(keyNode.offset, keyNode.length),
  };
}

/** The property whose key or scalar value the node is. */
function enclosingProperty(node: AstNode | undefined): AstNode | undefined {
  if (!node || node.type === 'object' || node.type === 'array') {
    return undefined;
  }
  if (node.type === 'property') {
    return node;
  }
  const parent = node?.parent;
  return parent?.type === 'property' ? parent : undefined;
}
