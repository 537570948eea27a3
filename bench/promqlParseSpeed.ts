// Parsing speed of the 5,000 expressions of a 5,000-rule file (bench/generate.ts generateRuleFile(200, 25)), the
// lezer path alone ("before") against parse.ts with its fast parser ("after"), without parsePromQL's memo. Prints
// figures; not a test. Each side runs in a fresh process, so that "cold" is a first pass as the language server's
// first validation of the file meets it:
//   node --import tsx bench/promqlParseSpeed.ts
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { parseUncached } from '../server/src/core/promql/parse';
import { generateRuleFile } from './generate';

const WARM_PASSES = 5;

function ruleExpressions(): string[] {
  const doc = parseAllDocuments(generateRuleFile(200, 25))[0].toJS() as { groups: { rules: { expr: string }[] }[] };
  return doc.groups.flatMap((g) => g.rules.map((r) => r.expr));
}

/** One side, in this process: milliseconds of the first pass and of a warm pass over all expressions. */
function measure(fast: boolean): { cold: number; warm: number; count: number } {
  const exprs = ruleExpressions();
  const pass = (): number => {
    const start = performance.now();
    for (const e of exprs) {
      if (!parseUncached(e, fast).expr) {
        throw new Error(`not parsed: ${e}`);
      }
    }
    return performance.now() - start;
  };
  const cold = pass();
  let warm = Infinity;
  for (let i = 0; i < WARM_PASSES; i++) {
    warm = Math.min(warm, pass());
  }
  return { cold, warm, count: exprs.length };
}

function main(): void {
  const side = process.argv[2];
  if (side === 'before' || side === 'after') {
    console.log(JSON.stringify(measure(side === 'after')));
    return;
  }
  const run = (s: string): { cold: number; warm: number; count: number } =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), s], { encoding: 'utf8' })) as { cold: number; warm: number; count: number };
  const before = run('before');
  const after = run('after');
  const row = (label: string, b: number, a: number): string =>
    `${label.padEnd(30)} ${b.toFixed(0).padStart(6)} ms ${((b * 1000) / before.count).toFixed(1).padStart(7)} µs/expr   →  ${a.toFixed(0).padStart(5)} ms ${((a * 1000) / after.count).toFixed(1).padStart(6)} µs/expr   (×${(b / a).toFixed(1)})`;
  console.log(`Parsing the ${before.count} expressions of generateRuleFile(200, 25), no memo: lezer path → fast parser`);
  console.log(row('cold (first pass, new process)', before.cold, after.cold));
  console.log(row(`warm (best of ${WARM_PASSES} more passes)`, before.warm, after.warm));
}

main();
