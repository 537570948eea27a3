// Where each panel lands on the 24-column grid, as Grafana lays a dashboard out: panels sorted by gridPos (y, then
// x), a row followed by its content (the panels after it up to the next row when expanded; the row's own `panels`
// when it is expanded from collapsed), each panel floated up as far as it goes without passing another (the
// grid's vertical compaction), overlaps pushed down. Pure, so the page can re-run it when a row is toggled.
import type { GridPos } from './types';

export interface LayoutPanel {
  key: string;
  type: string;
  gridPos: GridPos;
  /** Key of the row whose own `panels` list holds it. */
  inRow?: string;
  /** Rows: collapsed as written. */
  collapsed?: boolean;
}

export interface Placement {
  /** Panels shown, with their final grid place. */
  placed: Map<string, GridPos>;
  /** Which row each shown panel belongs to (panels before the first row belong to none). */
  rowOf: Map<string, string>;
}

/** Whether a row is collapsed, the page's toggle overriding the JSON. */
export function isCollapsed(row: LayoutPanel, overrides: Record<string, boolean> | undefined): boolean {
  return overrides?.[row.key] ?? row.collapsed === true;
}

/** The panels of each section: before the first row, then each row and what it shows under it. */
function sections(panels: LayoutPanel[], overrides: Record<string, boolean> | undefined): { row?: LayoutPanel; content: LayoutPanel[] }[] {
  const top = panels.filter((p) => p.inRow === undefined).sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
  const out: { row?: LayoutPanel; following: LayoutPanel[] }[] = [{ following: [] }];
  for (const p of top) {
    if (p.type === 'row') {
      out.push({ row: p, following: [] });
    } else {
      out.at(-1)!.following.push(p);
    }
  }
  return out.map(({ row, following }) => {
    if (!row) {
      return { content: following };
    }
    const written = row.collapsed === true;
    const collapsed = isCollapsed(row, overrides);
    // A collapsed row keeps its panels in its own list; the panels after it in the dashboard's list stay in view
    // (Grafana moves them into the row only when it is collapsed from expanded).
    if (collapsed) {
      return { row, content: written ? following : [] };
    }
    const own = written ? panels.filter((p) => p.inRow === row.key) : [];
    return { row, content: [...own, ...following] };
  });
}

function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Places `content` below `floor`, keeping the JSON's relative heights, floated up and without overlaps. */
function compact(content: LayoutPanel[], floor: number, placed: Map<string, GridPos>): number {
  if (!content.length) {
    return floor;
  }
  const top = Math.min(...content.map((p) => p.gridPos.y));
  const sorted = [...content].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
  const done: GridPos[] = [];
  let bottom = floor;
  for (const p of sorted) {
    const box: GridPos = { ...p.gridPos, y: floor + p.gridPos.y - top };
    const hit = () => done.find((d) => overlaps(d, box));
    while (box.y > floor) {
      box.y--;
      if (hit()) {
        box.y++;
        break;
      }
    }
    for (let h = hit(); h; h = hit()) {
      box.y = h.y + h.h;
    }
    done.push(box);
    placed.set(p.key, box);
    bottom = Math.max(bottom, box.y + box.h);
  }
  return bottom;
}

export function layoutPanels(panels: LayoutPanel[], overrides?: Record<string, boolean>): Placement {
  const placed = new Map<string, GridPos>();
  const rowOf = new Map<string, string>();
  let y = 0;
  for (const { row, content } of sections(panels, overrides)) {
    if (row) {
      placed.set(row.key, { x: 0, y, w: 24, h: 1 });
      y += 1;
      content.forEach((p) => rowOf.set(p.key, row.key));
    }
    y = compact(content, y, placed);
  }
  return { placed, rowOf };
}
