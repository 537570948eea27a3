import type { Problem } from '../../problem';
import type { AstNode } from '../../syntax/ast';
import { ownCopy } from '../../strings';
import { column } from '../../workspace/exprReader';

/** The problems of one rule item, by the check that found them. */
export interface RuleItemProblems {
  templates: Problem[];
  lints: Problem[];
  checks: Problem[];
}

const MAX_CACHED_RULES = 50_000;
/** Problems on offsets relative to the item, by context, then by source text of the item (with its column). */
const cache = new Map<string, Map<string, { column: number; relative: RuleItemProblems }>>();
let cachedCount = 0;

/**
 * The problems of a rule item, kept by its source text and column (block scalars decode by indentation) and by
 * `context`, everything else the checks read (settings, the group's interval and severity): an edit re-checks
 * the rule it touched, not the other thousands. An item that reads text outside itself through a YAML alias is
 * checked afresh each time.
 */
export function cachedRuleProblems(item: AstNode, text: string, context: string, compute: () => RuleItemProblems): RuleItemProblems {
  const raw = text.slice(item.offset, item.offset + item.length);
  if (!selfContained(item, raw)) {
    return compute();
  }
  const col = column(text, item.offset);
  let byText = cache.get(context);
  const hit = byText?.get(raw);
  if (hit?.column === col) {
    return shiftAll(hit.relative, item.offset);
  }
  const relative = shiftAll(compute(), -item.offset);
  if (cachedCount >= MAX_CACHED_RULES) {
    cache.clear();
    cachedCount = 0;
    byText = undefined;
  }
  if (!byText) {
    byText = new Map();
    cache.set(context, byText);
  }
  cachedCount += hit ? 0 : 1;
  byText.set(hit ? raw : ownCopy(raw), { column: col, relative });
  return shiftAll(relative, item.offset);
}

const ALIAS = /(^|[\s:,[{-])\*[^\s*]/;

/** Whether every node of the item lies in its own text: no alias (`*name`) or merge key brings in other text. */
function selfContained(item: AstNode, raw: string): boolean {
  // An alias is `*name` where a YAML value starts; a `*` elsewhere (PromQL's multiplication) needs no walk.
  if (!ALIAS.test(raw)) {
    return true;
  }
  const end = item.offset + item.length;
  const inside = (n: AstNode): boolean => !n.merged && n.offset >= item.offset && n.offset + n.length <= end && (n.children ?? []).every(inside);
  return inside(item);
}

function shiftAll(found: RuleItemProblems, by: number): RuleItemProblems {
  const move = (list: Problem[]): Problem[] => (list.length ? list.map((p) => shift(p, by)) : list);
  return { templates: move(found.templates), lints: move(found.lints), checks: move(found.checks) };
}

function shift(p: Problem, by: number): Problem {
  const fix = p.fix && p.fix.offset !== undefined ? { ...p.fix, offset: p.fix.offset + by } : p.fix;
  return { ...p, offset: p.offset + by, fix };
}
