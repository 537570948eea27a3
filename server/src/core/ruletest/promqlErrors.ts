/**
 * PromQL errors as Prometheus prints them in promtool's output: parser.ParseErr.Error(), `LINE:COL: parse error:
 * MESSAGE`, the column counted in bytes from the last line break (promql/parser/parse.go).
 */
import type { Span } from '../promql/types';

export function promqlErrorText(query: string, problem: Span & { message: string }): string {
  const before = new TextEncoder().encode(query.slice(0, problem.from));
  let line = 1;
  let lastBreak = -1;
  before.forEach((byte, i) => {
    if (byte === 10) {
      line++;
      lastBreak = i;
    }
  });
  return `${line}:${before.length - lastBreak}: parse error: ${problem.message}`;
}
