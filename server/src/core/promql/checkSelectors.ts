/**
 * Checks of selectors, modifiers and durations: checkAST's VectorSelector case in promql/parser/parse.go (metric
 * name set twice, at least one non-empty matcher), label matcher regexes (labels.NewMatcher compiles them with RE2),
 * and the version and feature-flag gates of Prometheus's newer selector syntax.
 */
import type { DurationExpr, LabelMatcher, Modifiers, VectorSelector } from './ast';
import type { CheckContext } from './checkContext';
import { literalValue } from './convertDurations';
import { goQuote } from './goText';
import { re2Error } from '../re2';
import { compareVersions } from '../version';

const NUMBERS_AS_DURATIONS = '2.54';
const QUOTED_NAMES = '3.0';
const DURATION_EXPRESSIONS = '3.4';

export function checkVectorSelector(vs: VectorSelector, ctx: CheckContext, bypassEmptyMatcher = false): void {
  for (const m of vs.matchers) {
    checkMatcher(m, ctx);
  }
  checkModifiers(vs, ctx);
  if (vs.name !== undefined) {
    for (const m of vs.matchers) {
      if (m.name === '__name__') {
        ctx.error(vs, 'promql/selector', `metric name must not be set twice: ${goQuote(vs.name)} or ${goQuote(m.value)}`);
      }
    }
    return;
  }
  if (!bypassEmptyMatcher && !vs.matchers.some((m) => !matchesEmpty(m))) {
    ctx.error(vs, 'promql/selector', 'vector selector must contain at least one non-empty matcher');
  }
}

function checkMatcher(m: LabelMatcher, ctx: CheckContext): void {
  if (m.quotedName) {
    ctx.tooOld(m.nameSpan, QUOTED_NAMES, m.metricName ? 'a quoted metric name' : 'a quoted label name');
  }
  if (m.op === '=~' || m.op === '!~') {
    // labels.NewMatcher parses the value alone first (for its optimisations), so it must be valid by itself.
    const why = regexError(m.value);
    if (why) {
      ctx.error(m.valueSpan, 'promql/regex', `error parsing regexp: ${why}`);
    }
  }
}

const regexErrors = new Map<string, string | undefined>();

/** re2Error, remembered: the same matchers come back at every keystroke. */
function regexError(source: string): string | undefined {
  if (!regexErrors.has(source)) {
    if (regexErrors.size > 5000) {
      regexErrors.clear();
    }
    regexErrors.set(source, re2Error(source));
  }
  return regexErrors.get(source);
}

/** Whether a matcher matches the empty string, i.e. also selects series without the label. */
export function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    default: {
      if (!mayMatchEmpty(m.value)) {
        return m.op === '!~';
      }
      const re = emptyStringRegex(m.value);
      // An expression we cannot translate is taken as not matching, so no error is raised on a guess.
      const hit = re ? re.test('') : false;
      return m.op === '=~' ? hit : re ? !hit : false;
    }
  }
}

/**
 * A cheap, conservative test: without quantifiers that allow zero repetitions, assertions or empty alternatives, a
 * regex cannot match the empty string. Spares compiling huge alternations just to learn that.
 */
function mayMatchEmpty(source: string): boolean {
  return source === '' || /[*?^$]|\{,?0|\{,|\\[bBAz]/.test(source) || /(?:^|[|(])(?:\?(?:P?<\w+>|[imsU-]*:))?(?:[|)]|$)/.test(source);
}

const regexCache = new Map<string, RegExp | null>();

/** The Go regex (anchored as labels.NewMatcher anchors it) in JavaScript, good enough to test the empty string. */
function emptyStringRegex(source: string): RegExp | undefined {
  let re = regexCache.get(source);
  if (re === undefined) {
    const js = source
      .replace(/\(\?P</g, '(?<')
      .replace(/\(\?[imsU-]+\)/g, '')
      .replace(/\(\?[imsU-]+:/g, '(?:')
      .replace(/\\[zA]/g, '')
      .replace(/\\Q(.*?)(?:\\E|$)/g, (_, lit: string) => lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .replace(/\\[pP]([A-Z])/g, '\\p{$1}')
      .replace(/\[\[:(\w+):\]\]/g, '[a]');
    try {
      re = new RegExp(`^(?:${js})$`, 'su');
    } catch {
      try {
        re = new RegExp(`^(?:${js})$`, 's');
      } catch {
        re = null;
      }
    }
    if (regexCache.size > 5000) {
      regexCache.clear();
    }
    regexCache.set(source, re);
  }
  return re ?? undefined;
}

/** Version and flag gates of offset/@/anchored/smoothed, and the offset duration. */
export function checkModifiers(m: Modifiers, ctx: CheckContext): void {
  if (m.offset) {
    checkDuration(m.offset.duration, ctx, 'offset');
  }
  if (m.at?.duration) {
    ctx.tooOld(m.at, NUMBERS_AS_DURATIONS, 'a duration as @ timestamp');
  } else if (m.at?.text?.includes('_')) {
    ctx.tooOld(m.at, NUMBERS_AS_DURATIONS, 'a number with _ separators');
  }
  for (const which of ['anchored', 'smoothed'] as const) {
    const at = m[which];
    if (at && !ctx.tooOld(at, '3.7', `the ${which} modifier`) && !ctx.options.extendedRangeSelectors) {
      ctx.error(at, 'promql/experimental', `${which} modifier is experimental and not enabled`);
    }
  }
}

/**
 * A range, subquery step or offset: numbers without unit need Prometheus 2.54, arithmetic and step()/range()/
 * min_of()/max_of() need 3.4+ and `--enable-feature=promql-duration-expr` ("experimental duration expression is not
 * enabled", as generated_parser.y says).
 */
export function checkDuration(d: DurationExpr, ctx: CheckContext, where: 'range' | 'step' | 'offset'): void {
  if (literalValue(d) !== undefined) {
    checkLiteralDuration(d, ctx, where);
    return;
  }
  const needs = durationFeatureVersion(d);
  if (ctx.tooOld(d, needs, needs === DURATION_EXPRESSIONS ? 'a duration expression' : 'this duration function')) {
    return;
  }
  if (!ctx.options.durationExpressions) {
    ctx.error(d, 'promql/experimental', 'experimental duration expression is not enabled');
  }
}

function checkLiteralDuration(d: DurationExpr, ctx: CheckContext, where: string): void {
  const lit = d.kind === 'durationLiteral' ? d : d.kind === 'durationUnary' && d.expr.kind === 'durationLiteral' && d.op === '-' ? d.expr : undefined;
  if (!lit) {
    // `offset +5m`, `- -5m`: signs other than a single minus came with duration expressions.
    ctx.tooOld(d, DURATION_EXPRESSIONS, `this sign on a${where === 'offset' ? 'n offset' : ' duration'}`);
    return;
  }
  if (lit.isNumber) {
    ctx.tooOld(lit, NUMBERS_AS_DURATIONS, 'a duration without a unit');
  } else if (where === 'offset' && lit.seconds === 0 && !ctx.atLeast(DURATION_EXPRESSIONS)) {
    // Until 3.4, parseDuration refused zero durations everywhere, offsets included.
    ctx.error(lit, 'promql/duration', 'duration must be greater than 0');
  }
}

/** The version a non-literal duration needs: 3.4 for arithmetic, more for the duration functions. */
function durationFeatureVersion(d: DurationExpr): string {
  let version = DURATION_EXPRESSIONS;
  const visit = (e: DurationExpr): void => {
    if (e.kind === 'durationCall') {
      const since = e.name === 'step' ? '3.6' : e.name === 'range' ? '3.12' : '3.13';
      version = compareVersions(since, version) > 0 ? since : version;
    }
    if ('expr' in e) {
      visit(e.expr);
    } else if ('lhs' in e) {
      visit(e.lhs);
      visit(e.rhs);
    } else if (e.kind === 'durationCall') {
      e.args.forEach(visit);
    }
  };
  visit(d);
  return version;
}
