import type { Problem } from '../../problem';
import { durationMs } from '../../schema/formats';
import { getProperty, getValue, items, type AstNode } from '../../syntax/ast';
import { compareVersions } from '../../version';
import { matcherListProblems, matchMapProblems } from './matcherChecks';
import { keyOf, problem, scalarText } from './nodes';

const CLASSIC_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The timing a route inherits from its parent (Alertmanager's defaults at the root). */
export interface Timing {
  groupInterval: number;
  repeatInterval: number;
}

export const DEFAULT_TIMING: Timing = { groupInterval: 5 * 60e3, repeatInterval: 4 * 3600e3 };

/** Checks of one route node (config.go Route.UnmarshalYAML), and the timing its children inherit. */
export function routeProblems(route: AstNode, text: string, version: string, parent: Timing): { problems: Problem[]; timing: Timing } {
  const out: Problem[] = [...matchMapProblems(route, '', text), ...matcherListProblems(getValue(route, 'matchers'), text, version), ...groupByProblems(route, text, version)];
  const timing = { ...parent };
  for (const key of ['group_interval', 'repeat_interval'] as const) {
    const node = getValue(route, key);
    const ms = durationMs(scalarText(node, text) ?? '');
    if (node && ms === 0) {
      out.push(problem(node, 'alertmanager/zero-interval', `${key} cannot be zero`));
    } else if (ms !== undefined) {
      timing[key === 'group_interval' ? 'groupInterval' : 'repeatInterval'] = ms;
    }
  }
  if (timing.repeatInterval < timing.groupInterval) {
    const at = getProperty(route, 'repeat_interval') ?? getProperty(route, 'group_interval');
    if (at) {
      out.push(
        problem(
          keyOf(at),
          'alertmanager/repeat-before-group-interval',
          'repeat_interval is shorter than group_interval here: reminders can only go out at group_interval ticks, so they come every group_interval instead.',
          'warning',
        ),
      );
    }
  }
  return { problems: out, timing };
}

function groupByProblems(route: AstNode, text: string, version: string): Problem[] {
  const utf8 = compareVersions(version, '0.27') >= 0;
  const out: Problem[] = [];
  const seen = new Set<string>();
  let all: AstNode | undefined;
  let named = 0;
  for (const item of items(getValue(route, 'group_by'))) {
    const name = scalarText(item, text) ?? '';
    if (name === '...') {
      all = item;
      continue;
    }
    named++;
    if (utf8 ? name === '' : !CLASSIC_LABEL.test(name)) {
      out.push(problem(item, 'alertmanager/invalid-label-name', `invalid label name "${name}" in group_by list`));
    } else if (seen.has(name)) {
      out.push(problem(item, 'alertmanager/duplicate-group-by', `duplicated label "${name}" in group_by`));
    }
    seen.add(name);
  }
  if (all && named > 0) {
    const message = compareVersions(version, '0.29') >= 0
      ? 'cannot have wildcard group_by (`...`) and other labels at the same time'
      : 'cannot have wildcard group_by (`...`) and other other labels at the same time';
    out.push(problem(all, 'alertmanager/group-by-all-and-labels', message));
  }
  return out;
}
