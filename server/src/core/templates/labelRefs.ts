/**
 * The alert labels a template reads: `$labels.x`, `.Labels.x` (where dot is still the alert data),
 * `$.Labels.x` and `index $labels "x"`. The rules checks compare them with the labels an expression keeps,
 * to catch `sum by (job) (…)` followed by `{{ $labels.instance }}`, which always expands to nothing.
 */
import type { ArgNode, Node, PipeNode } from './ast';
import { ALERT_VARIABLES } from './evaluate';
import { parseTemplate } from './parser';
import { memoByText } from '../memo';

export interface LabelReference {
  name: string;
  /** Offset and length of the label name in the template text. */
  offset: number;
  length: number;
  form: 'variable' | 'field' | 'index';
}

/** Label references in an alert template; a template that does not parse has none (memoised by text: read-only). */
export const labelReferences: (text: string) => LabelReference[] = memoByText(findLabelReferences);

function findLabelReferences(text: string): LabelReference[] {
  const parsed = parseTemplate(text, { predeclared: ALERT_VARIABLES });
  const out: LabelReference[] = [];
  if (parsed.root) {
    walk(parsed.root, true, out);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

function walk(node: Node, dotIsRoot: boolean, out: LabelReference[]): void {
  switch (node.kind) {
    case 'list':
      node.nodes.forEach((n) => walk(n, dotIsRoot, out));
      return;
    case 'action':
      pipe(node.pipe, dotIsRoot, out);
      return;
    case 'if':
    case 'with':
    case 'range': {
      pipe(node.pipe, dotIsRoot, out);
      const bodyDot = node.kind === 'if' ? dotIsRoot : isDot(node.pipe) && dotIsRoot;
      walk(node.list, bodyDot, out);
      if (node.elseList) {
        walk(node.elseList, dotIsRoot, out);
      }
      return;
    }
    case 'template':
      if (node.pipe) {
        pipe(node.pipe, dotIsRoot, out);
      }
      return;
  }
}

function isDot(p: PipeNode): boolean {
  return p.cmds.length === 1 && p.cmds[0].args.length === 1 && p.cmds[0].args[0].kind === 'dot';
}

/** Whether an argument is the alert's label map: `$labels`, `$.Labels`, or `.Labels` at the root. */
function isLabels(a: ArgNode | undefined, dotIsRoot: boolean): boolean {
  if (!a) {
    return false;
  }
  if (a.kind === 'variable') {
    return (a.ident.length === 1 && a.ident[0] === '$labels') || (a.ident.length === 2 && a.ident[0] === '$' && a.ident[1] === 'Labels');
  }
  return a.kind === 'field' && dotIsRoot && a.ident.length === 1 && a.ident[0] === 'Labels';
}

function pipe(p: PipeNode, dotIsRoot: boolean, out: LabelReference[]): void {
  for (const cmd of p.cmds) {
    const [first, target, key] = cmd.args;
    if (first.kind === 'identifier' && first.name === 'index' && isLabels(target, dotIsRoot) && key?.kind === 'string' && key.quoted.length >= 2) {
      out.push({ name: key.text, offset: key.from + 1, length: key.quoted.length - 2, form: 'index' });
    }
    cmd.args.forEach((a) => arg(a, dotIsRoot, out));
  }
}

function arg(a: ArgNode, dotIsRoot: boolean, out: LabelReference[]): void {
  if (a.kind === 'pipe') {
    pipe(a, dotIsRoot, out);
    return;
  }
  if (a.kind === 'chain') {
    arg(a.node, dotIsRoot, out);
    return;
  }
  if (a.kind === 'variable') {
    const [head, ...rest] = a.ident;
    if (head === '$labels' && rest.length >= 1) {
      out.push({ name: rest[0], offset: a.from + head.length + 1, length: rest[0].length, form: 'variable' });
    } else if (head === '$' && rest[0] === 'Labels' && rest.length >= 2) {
      out.push({ name: rest[1], offset: a.from + '$.Labels.'.length, length: rest[1].length, form: 'field' });
    }
    return;
  }
  if (a.kind === 'field' && dotIsRoot && a.ident[0] === 'Labels' && a.ident.length >= 2) {
    out.push({ name: a.ident[1], offset: a.from + '.Labels.'.length, length: a.ident[1].length, form: 'field' });
  }
}
