// The table runner shared by the lint tests: each row is an expression, the findings of one rule
// ([severity, flagged text (first occurrence) or [from, to], message, [fix title, expression after the fix]]) and
// options. Every fix is applied and must give a valid expression without that finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPromQL } from '../../../server/src/core/promql/check';
import { lintPromQL, type LintOptions } from '../../../server/src/core/promql/lint';
import { parsePromQL } from '../../../server/src/core/promql/parse';
import type { PromQLProblem } from '../../../server/src/core/promql/types';

export type Finding = [severity: string, at: string | [number, number], message: string, fix?: [title: string, fixed: string]];
export type Row = [expr: string, findings: Finding[], options?: Partial<LintOptions>];

function lint(expr: string, options: LintOptions, rule: string): PromQLProblem[] {
  const parsed = parsePromQL(expr);
  assert.ok(parsed.expr, `does not parse: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return lintPromQL(parsed.expr, expr, options).filter((p) => p.code === `promql/${rule}`);
}

function apply(expr: string, fix: NonNullable<PromQLProblem['fix']>): string {
  return expr.slice(0, fix.from) + fix.replacement + expr.slice(fix.to);
}

export function run(rule: string, rows: Row[]): void {
  for (const [expr, findings, options] of rows) {
    test(`${rule}: ${expr}`, () => {
      const opts: LintOptions = { context: 'query', ...options };
      const got = lint(expr, opts, rule);
      const span = (at: Finding[1]): [number, number] => (typeof at === 'string' ? [expr.indexOf(at), expr.indexOf(at) + at.length] : at);
      assert.deepEqual(
        got.map((p) => [p.severity, [p.from, p.to], p.message, p.fix && [p.fix.title, apply(expr, p.fix)]]),
        findings.map(([severity, at, message, fix]) => [severity, span(at), message, fix]),
      );
      // A fix must give a valid expression that no longer has that finding.
      for (const p of got.filter((x) => x.fix)) {
        const fixed = apply(expr, p.fix!);
        assert.deepEqual(checkPromQL(fixed, { prometheusVersion: '' }).problems.filter((x) => x.severity === 'error'), []);
        assert.ok(lint(fixed, opts, rule).length < got.length, `still flagged after the fix: ${fixed}`);
      }
    });
  }
}

