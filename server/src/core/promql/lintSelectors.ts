/**
 * Lints on label matchers:
 * - `promql/needless-regex`: Prometheus anchors every regex matcher at both ends (model/labels/regexp.go
 *   NewFastRegexMatcher compiles `^(?s:<re>)$`), so `=~"foo"` is `="foo"`, `^…$` anchors add nothing, and
 *   `=~".*"` matches every value, the empty one (a missing label) included, while `!~".*"` matches nothing;
 * - `promql/absent-with-regex`: absent() copies into its result only the labels of `=` matchers
 *   (promql/functions.go createLabelsForAbsentFunction), and with a regex it returns nothing as soon as any matching
 *   series exists, so it cannot tell which of the matched values went missing.
 */
import { unparen, type Call, type LabelMatcher, type Node, type VectorSelector } from './ast';
import type { Fix, LintContext } from './lintContext';
import type { Span } from './types';

/** Characters with a meaning in Go's regexp syntax (regexp.QuoteMeta's list). */
const META = /[\\.+*?()|[\]{}^$]/;

export function lintSelectors(ctx: LintContext): void {
  ctx.each('vectorSelector', (sel) => {
    for (let i = 0; i < sel.matchers.length; i++) {
      const m = sel.matchers[i];
      if (m.op === '=~' || m.op === '!~') {
        needlessRegex(ctx, sel, m);
      }
    }
  });
  ctx.each('call', (call) => {
    if (call.name === 'absent' || call.name === 'absent_over_time') {
      absentWithRegex(ctx, call);
    }
  });
}

function needlessRegex(ctx: LintContext, sel: VectorSelector, m: LabelMatcher): void {
  const core = stripAnchors(m.value);
  const written = ctx.slice(m);
  if (core.value === '.*') {
    if (m.op === '!~') {
      ctx.warn('needless-regex', m, `${written} matches no series at all: every value, the empty one included, matches ".*"`);
    } else {
      const message = `${written} filters nothing: it matches every value, the empty one (no "${m.name}" label) included`;
      ctx.info('needless-regex', m, message, dropMatcher(sel, m, written));
    }
    return;
  }
  const equal = m.op === '=~' ? '=' : '!=';
  const anchored = 'Prometheus anchors regexes at both ends already';
  const plain = `${m.name}${equal}${JSON.stringify(core.value)}`;
  if (!META.test(core.value)) {
    const message =
      core.value === m.value ? `${written} has no regex special characters: use ${plain}` : `${written}: ${anchored}, and without the anchors this is a plain string: use ${plain}`;
    ctx.info('needless-regex', m, message, literalFix(ctx, m, core, equal));
  } else if (core.value !== m.value) {
    const which = core.lead && core.trail ? 'the ^ and $ are' : core.lead ? 'the ^ is' : 'the $ is';
    ctx.info('needless-regex', m, `${written}: ${anchored}, so ${which} redundant`, anchorFix(ctx, m, core));
  }
}

interface Stripped {
  value: string;
  lead: boolean;
  trail: boolean;
}

/** `^foo$` → `foo`. A trailing `$` counts only when not escaped (`\$` is a literal dollar). */
function stripAnchors(v: string): Stripped {
  const lead = v.startsWith('^');
  const backslashes = /\\*(?=\$$)/.exec(v)?.[0].length ?? 0;
  const trail = v.length > (lead ? 1 : 0) && v.endsWith('$') && backslashes % 2 === 0;
  return { value: v.slice(lead ? 1 : 0, trail ? -1 : undefined), lead, trail };
}

/** The matcher's operator, found between the label name and the value. */
function opSpan(ctx: LintContext, m: LabelMatcher): Span | undefined {
  const at = ctx.text.indexOf(m.op, m.nameSpan.to);
  return at >= 0 && at + m.op.length <= m.valueSpan.from ? { from: at, to: at + m.op.length } : undefined;
}

/** `job=~"^api$"` → `job="api"`: the operator and, when anchors go, the string. */
function literalFix(ctx: LintContext, m: LabelMatcher, core: Stripped, equal: string): Fix | undefined {
  const op = opSpan(ctx, m);
  if (!op) {
    return undefined;
  }
  const title = `Use ${equal}`;
  if (core.value === m.value) {
    return { title, from: op.from, to: op.to, replacement: equal };
  }
  const value = strippedRaw(ctx, m, core);
  return value === undefined ? undefined : { title, from: op.from, to: m.valueSpan.to, replacement: equal + ctx.text.slice(op.to, m.valueSpan.from) + value };
}

function anchorFix(ctx: LintContext, m: LabelMatcher, core: Stripped): Fix | undefined {
  const value = strippedRaw(ctx, m, core);
  return value === undefined ? undefined : { title: 'Remove the redundant anchors', from: m.valueSpan.from, to: m.valueSpan.to, replacement: value };
}

/** The string as written, without the anchors; undefined when they are written as escapes we do not rewrite. */
function strippedRaw(ctx: LintContext, m: LabelMatcher, core: Stripped): string | undefined {
  const raw = ctx.slice(m.valueSpan);
  const [open, close] = [raw[0], raw[raw.length - 1]];
  const body = raw.slice(1, -1);
  if ((core.lead && !body.startsWith('^')) || (core.trail && !body.endsWith('$'))) {
    return undefined;
  }
  return open + body.slice(core.lead ? 1 : 0, core.trail ? -1 : undefined) + close;
}

/** Removes `m` with its comma; `x{job=~".*"}` becomes `x`. None when nothing else would select series. */
function dropMatcher(sel: VectorSelector, m: LabelMatcher, written: string): Fix | undefined {
  const title = `Remove ${written}`;
  const i = sel.matchers.indexOf(m);
  const others = sel.matchers.filter((x) => x !== m);
  if (!others.length) {
    return sel.name !== undefined && sel.braces ? { title, from: sel.braces.from, to: sel.braces.to, replacement: '' } : undefined;
  }
  if (sel.name === undefined && !others.some((x) => !matchesEmpty(x))) {
    return undefined;
  }
  // Remove up to the next matcher, or from the end of the previous one when `m` is last.
  const next = sel.matchers[i + 1];
  return next ? { title, from: m.from, to: next.from, replacement: '' } : { title, from: sel.matchers[i - 1].to, to: m.to, replacement: '' };
}

/** A matcher that also matches the empty value, which alone cannot make a valid selector. */
function matchesEmpty(m: LabelMatcher): boolean {
  if (m.op === '=' || m.op === '!=') {
    return (m.value === '') === (m.op === '=');
  }
  try {
    return new RegExp(`^(?:${m.value})$`, 's').test('') === (m.op === '=~');
  } catch {
    // Go syntax JavaScript lacks ((?i) …): assume the worst, so no fix is offered.
    return true;
  }
}

/** `absent(up{job=~"a|b"})`. */
function absentWithRegex(ctx: LintContext, call: Call): void {
  const a = call.args[0] && unparen(call.args[0]);
  const sel = a?.kind === 'matrixSelector' ? unparen(a.selector) : a;
  if (sel?.kind !== 'vectorSelector' || usedAsValue(ctx, call)) {
    return;
  }
  for (const m of sel.matchers) {
    if (m.op === '=' || (m.name === '__name__' && m.op === '!=')) {
      continue;
    }
    const regex = m.op === '=~' || m.op === '!~';
    const parts = [
      regex ? `it returns nothing as long as any series matches, so it cannot tell which ${m.name === '__name__' ? 'metric' : 'value'} went missing` : '',
      m.name === '__name__' ? '' : `its result has no "${m.name}" label (only = matchers are copied into it)`,
    ];
    const message = `${call.name}() with ${ctx.slice(m)}: ${parts.filter(Boolean).join(', and ')}`;
    // Often deliberate (`absent(up{job=~".*etcd.*"})`: no etcd job at all), hence a hint.
    ctx.info('absent-with-regex', m, message);
  }
}

/** `0 * absent(x{…})` (a fallback series for `or`): only its value matters, not what it detects or its labels. */
function usedAsValue(ctx: LintContext, call: Call): boolean {
  let child: Node = call;
  let p = ctx.parent(call);
  while (p?.kind === 'paren') {
    [child, p] = [p, ctx.parent(p)];
  }
  if (p?.kind !== 'binary' || !['*', '+', '-'].includes(p.op)) {
    return false;
  }
  return unparen(p.lhs === child ? p.rhs : p.lhs).kind === 'number';
}
