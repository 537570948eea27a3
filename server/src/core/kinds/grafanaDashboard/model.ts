import { getProperty, getValue, items, propertyKey, propertyValue, type AstNode } from '../../syntax/ast';

/** A panel of the dashboard, top-level or inside a collapsed row. */
export interface Panel {
  node: AstNode;
  type?: string;
  /** The row whose `panels` list holds this panel. */
  row?: Panel;
}

/** A template variable with what its values can be. */
export interface Variable {
  node: AstNode;
  name: string;
  nameNode: AstNode;
  type: string;
  multi: boolean;
  includeAll: boolean;
  allValue?: string;
  /** Values known from the JSON (options, current, custom list); may be empty for query variables. */
  values: string[];
}

/** The dashboard object of a document: itself, or the `dashboard` of an API payload. */
export function dashboardOf(root: AstNode | undefined): AstNode | undefined {
  const inner = getValue(root, 'dashboard');
  return inner?.type === 'object' ? inner : root?.type === 'object' ? root : undefined;
}

export function text(node: AstNode | undefined, key: string): string | undefined {
  const v = getValue(node, key);
  return v?.type === 'string' ? String(v.value) : undefined;
}

export function flag(node: AstNode | undefined, key: string): boolean {
  return getValue(node, key)?.value === true;
}

/** Every panel: the top-level list, then the panels kept inside rows. */
export function panelsOf(dash: AstNode): Panel[] {
  const out: Panel[] = [];
  for (const node of items(getValue(dash, 'panels'))) {
    const panel: Panel = { node, type: text(node, 'type') };
    out.push(panel);
    for (const child of items(getValue(node, 'panels'))) {
      out.push({ node: child, type: text(child, 'type'), row: panel });
    }
  }
  return out;
}

export function variablesOf(dash: AstNode): Variable[] {
  const out: Variable[] = [];
  for (const node of items(getValue(getValue(dash, 'templating'), 'list'))) {
    const nameNode = getValue(node, 'name');
    if (nameNode?.type !== 'string') {
      continue;
    }
    const allValue = getValue(node, 'allValue');
    const type = text(node, 'type') ?? 'query';
    out.push({
      node,
      name: String(nameNode.value),
      nameNode,
      type,
      multi: flag(node, 'multi'),
      includeAll: flag(node, 'includeAll'),
      allValue: allValue?.type === 'string' && allValue.value !== '' ? String(allValue.value) : undefined,
      values: knownValues(node, type),
    });
  }
  return out;
}

/** Values a variable is known to take: its saved options, its current value, or a custom/interval list. */
function knownValues(node: AstNode, type: string): string[] {
  const values = new Set<string>();
  for (const option of items(getValue(node, 'options'))) {
    const v = getValue(option, 'value');
    if (v?.type === 'string' && v.value !== '$__all') {
      values.add(String(v.value));
    }
  }
  const query = text(node, 'query');
  if (query && (type === 'custom' || type === 'interval')) {
    // Grafana's custom lists: `a, b` or `text : value` pairs, split on commas not escaped with `\`.
    for (const part of query.split(/(?<!\\),/)) {
      const value = part.includes(' : ') ? part.split(' : ')[1] : part;
      if (value.trim()) {
        values.add(value.trim().replace(/\\,/g, ','));
      }
    }
  }
  if ((type === 'constant' || type === 'textbox') && query !== undefined) {
    values.add(query);
  }
  const current = getValue(getValue(node, 'current'), 'value');
  for (const v of current?.type === 'array' ? items(current) : current ? [current] : []) {
    if (v.type === 'string' && v.value !== '$__all' && v.value !== '') {
      values.add(String(v.value));
    }
  }
  return [...values];
}

/** The string values of a panel or target worth scanning for variables: title, description, expressions, legends … */
export function stringNodes(node: AstNode | undefined, out: AstNode[] = [], depth = 0): AstNode[] {
  if (!node || depth > 64) {
    return out;
  }
  if (node.type === 'string') {
    out.push(node);
  } else if (node.type === 'array') {
    node.children!.forEach((c) => stringNodes(c, out, depth + 1));
  } else if (node.type === 'object') {
    for (const prop of node.children!) {
      stringNodes(propertyValue(prop), out, depth + 1);
    }
  }
  return out;
}

/** The key of the property whose value is this node. */
export function keyOf(node: AstNode): string | undefined {
  return node.parent?.type === 'property' ? propertyKey(node.parent) : undefined;
}

export function keyNode(obj: AstNode | undefined, key: string): AstNode | undefined {
  return getProperty(obj, key)?.children?.[0];
}
