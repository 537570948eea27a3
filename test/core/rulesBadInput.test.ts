import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTemplate } from '../../server/src/core/templates/check';
import { completeTemplate } from '../../server/src/core/templates/complete';
import { hoverTemplate } from '../../server/src/core/templates/hover';
import { LineIndex } from '../../server/src/core/text';
import { doc, problemsOf, workspace } from '../helpers/service';

// Rule files that are broken or absurd get positioned diagnostics in bounded time, never a crash or a hang:
// deeply nested templates, 20 MB files, and the everyday template mistakes.

const ANNOTATION = (summary: string, expr = 'up == 0'): string =>
  `groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: ${expr}\n        labels:\n          severity: page\n        annotations:\n          summary: ${summary}\n          description: d\n`;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** Problems of a rule file as `line:col-col severity code message`, without the conventions lints. */
function problems(text: string): string[] {
  const { service, root } = workspace();
  return problemsOf(service, `${root}/bad.rules.yml`, text).filter((p) => / (template|rules\/template)/.test(p));
}

test('10,000 nested {{if}} and 10,000 nested parentheses: one diagnostic each, quickly, no stack overflow', () => {
  const nestedIf = '{{if true}}'.repeat(10_000) + 'x' + '{{end}}'.repeat(10_000);
  const nestedParens = '{{ ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + ' }}';
  for (const [template, message] of [
    [nestedIf, 'nesting deeper than 1000 levels'],
    [nestedParens, 'max expression depth exceeded'],
  ]) {
    const { value, ms } = timed(() => problems(ANNOTATION(`'${template}'`)));
    assert.equal(value.length, 1, value.join('\n'));
    assert.match(value[0], new RegExp(`^9:\\d+-\\d+ error template/too-deep ${message}$`));
    assert.ok(ms < 2000, `${ms} ms`);
    // The engine's own guard, without the rule file around it.
    assert.deepEqual(checkTemplate(template, 'prometheusAlert').map((p) => p.code), ['template/too-deep']);
  }
  // Completion and hover walk the same text while it is being typed.
  const deep = '{{if true}}'.repeat(10_000) + '{{ $labels.';
  const { value: items, ms } = timed(() => completeTemplate(deep, deep.length, { dialect: 'prometheusAlert' }));
  assert.deepEqual(items, []);
  assert.ok(ms < 2000, `${ms} ms`);
  assert.equal(hoverTemplate(nestedParens, 5000, { dialect: 'prometheusAlert' }), undefined);
  assert.match(hoverTemplate(deep + 'job }}', deep.length + 1, { dialect: 'prometheusAlert' })?.markdown ?? '', /^Label `job`/);
});

test('everyday template mistakes get positioned diagnostics', () => {
  const cases: [string, RegExp][] = [
    ['"{{ $labels.job"', /^9:\d+-\d+ error template\/syntax unclosed action$/],
    ['"ok {{end}}"', /^9:24-31 error template\/syntax unexpected \{\{end\}\}$/],
    ['"{{ if true }}x"', /^9:\d+-\d+ error template\/syntax unexpected EOF$/],
    ['"{{ humanise $value }}"', /^9:24-32 error template\/unknown-function function "humanise" not defined; did you mean "humanize"\?$/],
    ['"{{ humanize 1 2 }}"', /^9:24-32 warning template\/wrong-arity wrong number of args for humanize: want 1 got 2$/],
    ['"{{ $value | humanize 3 }}"', /^9:33-41 warning template\/wrong-arity wrong number of args for humanize: want 1 got 2$/],
    ['"{{ $nope }}"', /^9:24-29 error template\/undefined-variable undefined variable "\$nope"$/],
  ];
  for (const [summary, expected] of cases) {
    const found = problems(ANNOTATION(summary));
    assert.equal(found.length, 1, `${summary}: ${found.join('\n')}`);
    assert.match(found[0], expected, summary);
  }
});

test('a 20 MB rule file of many groups validates without a crash', (t) => {
  const rule = (g: number, i: number): string =>
    `      - alert: HighErrorRate${i}\n        expr: sum by (job) (rate(http_requests_total{code=~"5..", group="g${g}"}[5m])) / sum by (job) (rate(http_requests_total{group="g${g}"}[${i + 1}m])) > 0.05\n        for: 10m\n        labels:\n          severity: page\n        annotations:\n          summary: "High error rate on {{ $labels.job }}"\n          description: "{{ $labels.instance }} has {{ $value | humanizePercentage }} errors"\n`;
  const parts = ['groups:\n'];
  let size = parts[0].length;
  for (let g = 0; size < 20e6; g++) {
    const group = `  - name: group${g}\n    rules:\n` + Array.from({ length: 25 }, (_, i) => rule(g, i)).join('');
    parts.push(group);
    size += group.length;
  }
  const text = parts.join('');
  const { service, root } = workspace();
  const { value, ms } = timed(() => service.check(doc(`${root}/big.rules.yml`, text)).problems);
  t.diagnostic(`${(text.length / 1e6).toFixed(1)} MB, ${value.length} problems in ${Math.round(ms)} ms`);
  // Every rule reads `$labels.instance` after `sum by (job)`: one warning per rule, at its place.
  const removed = value.filter((p) => p.code === 'rules/template-label-removed');
  assert.equal(removed.length, parts.length * 25 - 25);
  const last = new LineIndex(text).positionAt(removed.sort((a, b) => a.offset - b.offset).at(-1)!.offset);
  assert.equal(text.split('\n')[last.line].slice(last.character, last.character + 8), 'instance');
  assert.ok(ms < 30_000, `${ms} ms`);
});

test('a rule file with one 20 MB annotation validates quickly: the template is too long to check', async () => {
  const big = 'x {{ $labels.job }} '.repeat(1_000_000);
  const text = ANNOTATION(`"${big}"`);
  const { service, root } = workspace();
  const d = doc(`${root}/huge.rules.yml`, text);
  const { value, ms } = timed(() => service.check(d).problems.filter((p) => p.code.startsWith('rules/template') || p.code.startsWith('template/')));
  assert.deepEqual(value.map((p) => [p.code, p.severity, text.slice(p.offset, p.offset + p.length), p.message]), [
    ['rules/template-too-long', 'warning', 'summary', 'This template is 20000000 characters long; templates over 200000 characters are not checked.'],
  ]);
  assert.ok(ms < 10_000, `${ms} ms`);
  const lines = new LineIndex(text);
  const { ms: editMs } = await (async () => {
    const start = performance.now();
    await service.complete(d, lines.positionAt(text.indexOf('$labels.') + 8));
    await service.hover(d, lines.positionAt(text.indexOf('$labels.') + 9));
    return { ms: performance.now() - start };
  })();
  assert.ok(editMs < 5000, `${editMs} ms`);
});
