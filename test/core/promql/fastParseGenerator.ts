// Random PromQL expressions for the fast parser's differential test (fastParse.test.ts): every construct of the
// grammar, in every spelling the lexer accepts (number formats, the three quote styles, keyword case, spacing), from a
// seeded generator so that a failure can be reproduced. Most are valid; the lezer path is the judge.

/** mulberry32: a small seeded PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METRICS = ['up', 'http_requests_total', 'job:rate5m', 'node_cpu_seconds_total', 'x', 'rate', 'sum_x', 'foo_bucket', ':a:b', 'step_x', 'inf_x', 'fill'];
/** Keywords that are metric names where an operand is expected. */
const KEYWORD_METRICS = ['sum', 'Count', 'topk', 'by', 'without', 'and', 'OR', 'unless', 'start', 'end', 'step', 'range', 'min_of', 'anchored', 'smoothed', 'offset', 'limitk'];
const LABELS = ['job', 'instance', 'le', 'code', 'mode', '__name__', 'on', 'by', 'offset', 'bool', 'group', 'sum', 'step', 'start', 'end', 'and', 'atan2', 'anchored', 'fill', 'inf', 'nan', 'foo:bar'];
const STRINGS = ['"a"', "'b'", '`c\\d`', '"5.."', '"x\\"y"', "'it\\'s'", '"\\u00e9"', '""', '"a.b"', '`multi\nline`'];
const NUMBERS = ['1', '0', '0.5', '.5', '1e3', '1E-2', '0x1F', '0X1f', 'Inf', 'NaN', '-Inf', '1_000', '2.', '010', '5m', '1h30m', '100ms', '1y2w'];
const DURATIONS = ['5m', '1h', '30s', '1d', '300', '1.5', '90s', '2h45m', '1w', '500ms', '1m0s'];
const FUNCTIONS: [string, number][] = [
  ['rate', 1], ['irate', 1], ['increase', 1], ['abs', 1], ['histogram_quantile', 2], ['label_replace', 5], ['clamp', 3],
  ['time', 0], ['vector', 1], ['absent', 1], ['round', 2], ['holt_winters', 3], ['my_func', 1], ['Rate', 1], ['step', 0],
  ['start', 0], ['end', 0], ['range', 0], ['min_of', 2], ['max_of', 2], ['sort_by_label', 2], ['info', 2], ['f', 1],
];
const AGGREGATIONS: [string, boolean][] = [
  ['sum', false], ['avg', false], ['count', false], ['min', false], ['max', false], ['group', false], ['stddev', false],
  ['topk', true], ['bottomk', true], ['quantile', true], ['count_values', true], ['limitk', true], ['limit_ratio', true], ['SUM', false], ['Max', false],
];
const OPERATORS = ['+', '-', '*', '/', '%', '^', 'atan2', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless', 'AND', 'Or', '</', '>/'];
const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);

export function randomExpressions(count: number, seed: number): string[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number): boolean => rnd() < p;
  const sp = (): string => (chance(0.01) ? ' # a comment (with "quotes"\n' : pick(['', ' ', ' ', ' ', '  ', '\n  ', '\t']));
  const word = (w: string): string => (chance(0.1) ? w.toUpperCase() : w);

  const labelList = (): string => {
    const n = Math.floor(rnd() * 3);
    const items = Array.from({ length: n }, () => (chance(0.15) ? '"my.label"' : pick(LABELS)));
    return `(${items.join(`,${sp()}`)}${n && chance(0.1) ? ',' : ''})`;
  };
  const matcher = (): string => {
    if (chance(0.08)) {
      return '"my.metric"';
    }
    const name = chance(0.1) ? '"a.b"' : pick(LABELS.filter((l) => !l.includes(':')));
    return `${name}${sp()}${pick(['=', '!=', '=~', '!~'])}${sp()}${pick(STRINGS.filter((s) => !s.includes('\n')))}`;
  };
  const selector = (): string => {
    const name = chance(0.8) ? (chance(0.05) ? pick(KEYWORD_METRICS) : pick(METRICS)) : '';
    if (name && chance(0.5)) {
      return name;
    }
    const n = name ? Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * 2);
    const ms = Array.from({ length: n }, matcher);
    return `${name}{${ms.join(`,${sp()}`)}${n && chance(0.1) ? ',' : ''}}`;
  };
  const duration = (depth: number): string => {
    if (depth > 1 || chance(0.75)) {
      return pick(DURATIONS);
    }
    switch (Math.floor(rnd() * 5)) {
      case 0:
        return `${duration(depth + 1)}${sp()}${pick(['+', '-', '*', '/', '%', '^'])}${sp()}${duration(depth + 1)}`;
      case 1:
        return `(${duration(depth + 1)})`;
      case 2:
        return pick(['step()', 'range()']);
      case 3:
        return `${pick(['min_of', 'max_of'])}(${duration(depth + 1)}, ${duration(depth + 1)})`;
      default:
        return `+${duration(depth + 1)}`;
    }
  };
  const modifiers = (): string => {
    let out = '';
    if (chance(0.3)) {
      const d = chance(0.8) ? pick(DURATIONS) : pick(['-5m', 'step()', '(1h + 5m)', '- 1h', 'range()', '+5m']);
      out += ` ${word('offset')} ${d}`;
    }
    if (chance(0.15)) {
      out += ` @${sp()}${pick(['1609746000', '-100', '+5', '1e9', '5m', 'start()', 'end()', 'START()'])}`;
    }
    if (chance(0.05)) {
      out += ` ${pick(['anchored', 'smoothed'])}`;
    }
    return out;
  };
  const operand = (depth: number): string => {
    switch (Math.floor(rnd() * (depth > 3 ? 3 : 9))) {
      case 0:
        return selector() + (chance(0.3) ? modifiers() : '');
      case 1:
        return pick(NUMBERS);
      case 2:
        return overTime(`${selector()}[${sp()}${duration(0)}${sp()}]${chance(0.3) ? modifiers() : ''}`);
      case 3:
        return call(depth);
      case 4:
        return aggregate(depth);
      case 5:
        return `(${sp()}${expr(depth + 1)}${sp()})`;
      case 6:
        return `${pick(['-', '+', '- ', '--'])}${operand(depth + 1)}`;
      case 7:
        return overTime(`${operand(depth + 1)}[${duration(0)}:${chance(0.5) ? duration(0) : ''}]${chance(0.2) ? modifiers() : ''}`);
      default:
        return chance(0.5) ? pick(STRINGS) : selector();
    }
  };
  // Range vectors are mostly function arguments; bare ones in operator chains are rarer (and of the wrong type).
  // The lezer path gives `[…]` and modifiers the lowest precedence, so `a or b[5m:] > 1` is a shape the fast parser
  // leaves to it: rare in real rules, kept rare here.
  const overTime = (range: string): string => (chance(0.1) ? range : `${pick(['max_over_time', 'rate', 'avg_over_time'])}(${range})`);
  const call = (depth: number): string => {
    const [name, arity] = pick(FUNCTIONS);
    const args = Array.from({ length: arity }, (_, i) => (i === 0 && chance(0.6) ? `${selector()}[${duration(0)}]` : expr(depth + 1)));
    return `${name}${chance(0.1) ? ' ' : ''}(${args.join(`,${sp()}`)})`;
  };
  const aggregate = (depth: number): string => {
    const [name, param] = pick(AGGREGATIONS);
    const body = `(${param ? `${pick(['5', '0.9', '"label"', 'scalar(x)'])}, ` : ''}${expr(depth + 1)})`;
    const grouping = chance(0.6) ? `${word(pick(['by', 'without']))}${sp()}${labelList()}` : '';
    if (!grouping) {
      return `${name}${body}`;
    }
    return chance(0.5) ? `${name} ${grouping}${sp()}${body}` : `${name}${body} ${grouping}`;
  };
  const binModifiers = (op: string): string => {
    let out = '';
    if (COMPARISONS.has(op) && chance(0.3)) {
      out += ` ${word('bool')}`;
    }
    if (chance(0.3)) {
      out += ` ${word(pick(['on', 'ignoring']))}${sp()}${labelList()}`;
      if (chance(0.4)) {
        out += ` ${word(pick(['group_left', 'group_right']))}${chance(0.6) ? labelList() : ''}`;
      }
    }
    if (chance(0.05)) {
      out += ` ${pick(['fill(0)', 'fill_left(1)', 'fill_right(-1)', 'fill_left(1) fill_right(2)', 'fill_right(2) fill_left(NaN)'])}`;
    }
    return out;
  };
  const expr = (depth: number): string => {
    let out = operand(depth);
    const n = depth > 3 ? 0 : Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) {
      const op = pick(OPERATORS);
      out += `${sp() || ' '}${op}${binModifiers(op)}${sp() || ' '}${operand(depth + 1)}`;
    }
    return out;
  };
  return Array.from({ length: count }, () => expr(0));
}
