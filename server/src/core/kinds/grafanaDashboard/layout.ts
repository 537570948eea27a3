import type { Problem } from '../../problem';
import { getValue, items, type AstNode } from '../../syntax/ast';
import { keyNode, text, type Panel } from './model';

/** Grafana's dashboard grid is 24 columns wide (GRID_COLUMN_COUNT). */
const COLUMNS = 24;

interface Box {
  panel: Panel;
  gridPos: AstNode;
  x: number;
  y: number;
  w: number;
  h: number;
}

function at(node: AstNode, code: string, message: string, severity: Problem['severity'] = 'warning'): Problem {
  return { offset: node.offset, length: node.length, severity, code, message };
}

function describe(panel: Panel): string {
  const title = text(panel.node, 'title');
  return title ? `"${title}"` : `the ${panel.type ?? 'untyped'} panel`;
}

/** Panel ids used twice: links (`viewPanel=`), repeats and library panels need them unique. */
export function duplicatePanelIds(panels: Panel[]): Problem[] {
  const seen = new Map<number, Panel>();
  const out: Problem[] = [];
  for (const panel of panels) {
    const id = getValue(panel.node, 'id');
    if (id?.type !== 'number') {
      continue;
    }
    const first = seen.get(Number(id.value));
    if (first) {
      out.push(at(id, 'grafana/duplicate-panel-id', `Panel id ${id.value} is already used by ${describe(first)}; Grafana renumbers one of them when it loads the dashboard, which breaks links to it.`));
    } else {
      seen.set(Number(id.value), panel);
    }
  }
  return out;
}

/** Panels past the 24th column, and panels that overlap (Grafana then moves one down: the layout is not the JSON's). */
export function gridProblems(panels: Panel[]): Problem[] {
  const out: Problem[] = [];
  const groups = new Map<Panel | undefined, Box[]>();
  for (const panel of panels) {
    const box = boxOf(panel);
    if (!box) {
      continue;
    }
    // A width over 24 is a schema error already; the sum of two valid numbers is this check's.
    if (box.x + box.w > COLUMNS && box.w <= COLUMNS) {
      out.push(at(keyNode(panel.node, 'gridPos')!, 'grafana/grid-overflow', `The panel ends at column ${box.x + box.w} (x ${box.x} + w ${box.w}), past the grid's ${COLUMNS} columns; Grafana moves or narrows it.`));
    }
    const group = groups.get(panel.row) ?? [];
    groups.set(panel.row, [...group, box]);
  }
  for (const boxes of groups.values()) {
    out.push(...overlaps(boxes));
  }
  return out;
}

function boxOf(panel: Panel): Box | undefined {
  const gridPos = getValue(panel.node, 'gridPos');
  const n = (key: string): number | undefined => {
    const v = getValue(gridPos, key);
    return v?.type === 'number' ? Number(v.value) : undefined;
  };
  const [x, y, w, h] = [n('x'), n('y'), n('w'), n('h')];
  if (!gridPos || x === undefined || y === undefined || w === undefined || h === undefined || w < 1 || h < 1) {
    return undefined;
  }
  return { panel, gridPos, x, y, w, h };
}

/** Each box against the earlier boxes still open at its top edge (a sweep down the grid). */
function overlaps(boxes: Box[]): Problem[] {
  const out: Problem[] = [];
  const sorted = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x);
  let open: Box[] = [];
  for (const box of sorted) {
    open = open.filter((o) => o.y + o.h > box.y);
    const hit = open.find((o) => o.x < box.x + box.w && box.x < o.x + o.w);
    if (hit) {
      const where = `x ${hit.x}–${hit.x + hit.w}, y ${hit.y}–${hit.y + hit.h}`;
      out.push(at(keyNode(box.panel.node, 'gridPos')!, 'grafana/panel-overlap', `This panel overlaps ${describe(hit.panel)} (${where}); Grafana pushes one of them down, so the layout differs from the JSON.`));
    }
    open.push(box);
  }
  return out;
}

/** Panels an expanded row keeps in its own list are not shown; rows do not nest. */
export function rowProblems(panels: Panel[]): Problem[] {
  const out: Problem[] = [];
  for (const panel of panels) {
    if (panel.type !== 'row') {
      continue;
    }
    if (panel.row) {
      out.push(at(keyNode(panel.node, 'type')!, 'grafana/nested-row', 'Rows cannot be nested: Grafana shows this row\'s content as part of the outer row, not as a row.'));
      continue;
    }
    const nested = items(getValue(panel.node, 'panels'));
    if (nested.length && getValue(panel.node, 'collapsed')?.value !== true) {
      out.push(
        at(
          keyNode(panel.node, 'panels')!,
          'grafana/expanded-row-panels',
          `This row is expanded, so its panels are the ones that follow it in the dashboard's list: Grafana ignores the ${nested.length} kept here. Set "collapsed": true, or move them after the row.`,
        ),
      );
    }
  }
  return out;
}

/** Rows of the model before schemaVersion 16 (an empty list is harmless: some exports keep one). */
export function legacyRowProblems(dash: AstNode): Problem[] {
  const rows = getValue(dash, 'rows');
  const count = items(rows).length;
  if (!count) {
    return [];
  }
  return [
    at(
      keyNode(dash, 'rows')!,
      'grafana/legacy-rows',
      `This dashboard lays out its panels in ${count} row${count === 1 ? '' : 's'} of the model before schemaVersion 16; Grafana converts them to row panels when it loads it (and to grid positions), so the JSON it saves will differ. Saving it once from Grafana gives the current model.`,
      'info',
    ),
  ];
}
