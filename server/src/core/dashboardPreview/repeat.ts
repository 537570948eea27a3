// Panels repeated by a variable, as Grafana repeats them when a dashboard loads (DashboardModel.repeatPanel): one
// copy per selected value (every option when "All" is selected), each with the variable bound to its own value.
// Horizontally (the default) copies share the panel's row, each max(24 / copies, 24 / maxPerRow) columns wide
// (maxPerRow defaults to 4), wrapping onto a new row of the panel's height; vertically they stack at full
// height. Panels further down move down by the height the copies added. Rows that repeat are drawn once.
import type { VariableValue } from '../promql/grafanaVariables';
import { num, str, type SourcePanel } from './source';
import type { VariableView } from './types';
import { ALL } from './variables';

/** Copies of one panel past this many are left out: a repeat over a huge variable would bury the page. */
export const MAX_REPEATS = 100;
const COLUMNS = 24;

export interface RepeatedPanel extends SourcePanel {
  /** The repeat variable's value for this copy. */
  scoped?: Record<string, VariableValue>;
  /** Why the panel is not repeated as written. */
  repeatNote?: string;
}

function selectedValues(view: VariableView): string[] {
  return view.current.includes(ALL) ? view.options.map((o) => o.value) : view.current;
}

/** The copies of one repeating panel, placed. */
function copies(p: SourcePanel, view: VariableView): RepeatedPanel[] {
  const all = selectedValues(view);
  const values = all.slice(0, MAX_REPEATS);
  const vertical = p.json.repeatDirection === 'v';
  const maxPerRow = Math.max(1, Math.min(COLUMNS, num(p.json.maxPerRow) ?? 4));
  const w = vertical ? p.gridPos.w : Math.max(1, Math.floor(Math.max(COLUMNS / Math.max(1, values.length), COLUMNS / maxPerRow)));
  let x = vertical ? p.gridPos.x : 0;
  let y = p.gridPos.y;
  const panels = values.map((value, i): RepeatedPanel => {
    if (vertical && i > 0) {
      y += p.gridPos.h;
    } else if (!vertical && x + w > COLUMNS) {
      x = 0;
      y += p.gridPos.h;
    }
    const copy: RepeatedPanel = {
      ...p,
      key: i === 0 ? p.key : `${p.key}~${i}`,
      gridPos: { ...p.gridPos, x, y, w },
      scoped: { [view.name]: { values: [value], multi: view.multi, includeAll: view.includeAll } },
    };
    if (!vertical) {
      x += w;
    }
    return copy;
  });
  if (all.length > values.length) {
    panels[0].repeatNote = `Repeated for the first ${MAX_REPEATS} of ${all.length} values of $${view.name}.`;
  }
  return panels;
}

/** The dashboard's panels with repeating ones expanded into their copies (in list order). */
export function expandRepeats(panels: SourcePanel[], variables: VariableView[]): RepeatedPanel[] {
  const groups = panels.map((p): RepeatedPanel[] => {
    const name = str(p.json.repeat)?.replace(/^\$/, '');
    const view = name ? variables.find((v) => v.name === name) : undefined;
    if (!name || (view && !selectedValues(view).length)) {
      return [p];
    }
    if (p.type === 'row' || !view) {
      return [{ ...p, repeatNote: p.type === 'row' ? 'Rows that repeat are drawn once.' : `Repeats by $${name}, which the dashboard does not define.` }];
    }
    return copies(p, view);
  });
  // Panels below a repeat (in its section: the top level or a row's own list) move down by the rows it added.
  const shifts = groups.flatMap((g, i) => {
    const p = panels[i];
    const by = Math.max(...g.map((c) => c.gridPos.y + c.gridPos.h)) - (p.gridPos.y + p.gridPos.h);
    return by > 0 ? [{ section: p.inRow, below: p.gridPos.y + p.gridPos.h, by }] : [];
  });
  return groups.flatMap((g, i) => {
    const p = panels[i];
    const by = shifts.filter((s) => s.section === p.inRow && p.gridPos.y >= s.below).reduce((a, s) => a + s.by, 0);
    return by ? g.map((c) => ({ ...c, gridPos: { ...c.gridPos, y: c.gridPos.y + by } })) : g;
  });
}
