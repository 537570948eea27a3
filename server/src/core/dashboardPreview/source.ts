// A dashboard's JSON text read for the preview: the dashboard object (the file itself or the `dashboard` of an
// `/api/dashboards/db` payload), its panels in Grafana's order with their document offsets and rows, and its
// variables and time settings as plain values.
import { dashboardOf, panelsOf, type Panel } from '../kinds/grafanaDashboard/model';
import { getValue, items, toValue, type AstNode } from '../syntax/ast';
import { parseJson } from '../syntax/jsonParse';
import type { GridPos } from './types';

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

export interface SourcePanel {
  key: string;
  json: Json;
  type: string;
  gridPos: GridPos;
  /** Key of the row whose `panels` list holds it (a collapsed row's content). */
  inRow?: string;
  offset: number;
  length: number;
}

export interface DashboardSource {
  title: string;
  uid?: string;
  from: string;
  to: string;
  refresh: string;
  variables: Json[];
  panels: SourcePanel[];
}

/** The source of a dashboard, or an error saying where its JSON breaks (line and column, 1-based). */
export function readDashboard(text: string): DashboardSource | { error: string } {
  const [doc] = parseJson(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    const column = e.offset - before.lastIndexOf('\n');
    return { error: `The JSON does not parse at line ${line}, column ${column}: ${e.message}` };
  }
  const dash = dashboardOf(doc.root);
  if (!dash) {
    return { error: 'The document is not a dashboard: its top level is not a JSON object.' };
  }
  const value = toValue(dash) as Json;
  const time = isObject(value.time) ? value.time : {};
  const templating = isObject(value.templating) && Array.isArray(value.templating.list) ? value.templating.list : [];
  const keys = new Set<string>();
  const panels: SourcePanel[] = [];
  const rowKeys = new Map<unknown, string>();
  const listed: Listed[] = items(getValue(dash, 'panels')).length || !items(getValue(dash, 'rows')).length ? panelsOf(dash) : legacyRows(dash);
  listed.forEach((p, i) => {
    const json = p.json ?? toValue(p.node);
    if (!isObject(json)) {
      return;
    }
    const key = uniqueKey(typeof json.id === 'number' ? `id:${json.id}` : `at:${i}`, keys);
    if (!p.row) {
      rowKeys.set(p.node, key);
    }
    panels.push({
      key,
      json,
      type: str(json.type) ?? 'unknown',
      gridPos: gridPosOf(p.gridPos ?? json.gridPos),
      inRow: p.row ? rowKeys.get(p.row.node) : undefined,
      offset: p.node.offset,
      length: p.node.length,
    });
  });
  return {
    title: str(value.title) ?? 'Untitled dashboard',
    uid: str(value.uid),
    from: str(time.from) ?? 'now-6h',
    to: str(time.to) ?? 'now',
    refresh: str(value.refresh) ?? '',
    variables: templating.filter(isObject),
    panels,
  };
}

function uniqueKey(key: string, taken: Set<string>): string {
  let k = key;
  for (let i = 2; taken.has(k); i++) {
    k = `${key}#${i}`;
  }
  taken.add(k);
  return k;
}

/** Grafana's defaults for a missing or partial gridPos (a 12×8 panel at the top left), clamped to the grid. */
function gridPosOf(v: unknown): GridPos {
  const g = isObject(v) ? v : {};
  const int = (x: unknown, d: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(num(x) ?? d)));
  const w = int(g.w, 12, 1, 24);
  return { x: int(g.x, 0, 0, 24 - w), y: int(g.y, 0, 0, 100_000), w, h: int(g.h, 8, 1, 1000) };
}

/** A listed panel; rows of the old format get their JSON and place made up here. */
interface Listed extends Panel {
  json?: Json;
  gridPos?: GridPos;
}

/**
 * Dashboards older than schema 16 keep panels in `rows` (each a height in pixels and panels with a `span` of 12
 * columns); Grafana migrates them to row panels and gridPos when it loads them (DashboardMigrator): the same here.
 */
function legacyRows(dash: AstNode): Listed[] {
  const out: Listed[] = [];
  let y = 0;
  items(getValue(dash, 'rows')).forEach((rowNode) => {
    const row = toValue(rowNode);
    if (!isObject(row)) {
      return;
    }
    const height = Math.ceil((num(String(row.height ?? '250').replace('px', '')) ?? 250) / 38);
    const collapsed = row.collapse === true;
    const rowPanel: Listed = { node: rowNode, type: 'row', json: { type: 'row', title: str(row.title) ?? '', collapsed }, gridPos: { x: 0, y: y++, w: 24, h: 1 } };
    out.push(rowPanel);
    let x = 0;
    for (const node of items(getValue(rowNode, 'panels'))) {
      const json = toValue(node);
      const w = Math.min(24, Math.max(1, Math.round((isObject(json) ? (num(json.span) ?? 4) : 4) * 2)));
      if (x + w > 24) {
        x = 0;
        y += height;
      }
      out.push({ node, type: isObject(json) ? str(json.type) : undefined, row: collapsed ? rowPanel : undefined, gridPos: { x, y, w, h: height } });
      x += w;
    }
    y += height;
  });
  return out;
}
