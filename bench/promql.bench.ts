import { checkPromQL, type CheckOptions } from '../server/src/core/promql/check';
import { parsePromQL, parseUncached } from '../server/src/core/promql/parse';
import { loadCorpus } from '../test/fixtures/promql/corpus';
import { percentile, verdict } from './stats';

const SECONDS = 2;
const OPTIONS: CheckOptions = { prometheusVersion: '3.14' };

/** Runs `fn` over the expressions for about SECONDS seconds; expressions per second. */
function throughput(exprs: string[], fn: (e: string) => unknown): number {
  for (let i = 0; i < 3; i++) {
    exprs.forEach(fn);
  }
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS * 1000) {
    exprs.forEach(fn);
    n += exprs.length;
  }
  return n / ((performance.now() - start) / 1000);
}

/** Issue 4's budget: ≥ 20,000 typical PromQL expressions checked per second (≤ 50 µs each), on one core. */
export async function benchPromQL(): Promise<string[]> {
  const corpus = loadCorpus();
  const all = corpus.map((c) => c.expr);
  // "Typical": the expressions Prometheus accepts, i.e. what rule files and dashboards mostly hold.
  const typical = corpus.filter((c) => c.valid).map((c) => c.expr);
  const check = (e: string): unknown => checkPromQL(e, OPTIONS);
  const typicalRate = throughput(typical, check);
  const allRate = throughput(all, check);
  const parseRate = throughput(all, parsePromQL);
  // Without the memo: the fast parser (promql/fastParse.ts) against the lezer path it stands in for.
  const fastRate = throughput(typical, (e) => parseUncached(e));
  const lezerRate = throughput(typical, (e) => parseUncached(e, false));
  const times = all.map((e) => {
    const t = performance.now();
    check(e);
    return (performance.now() - t) * 1000;
  });
  const line = (label: string, rate: number): string => `     ${label.padEnd(44)} ${rate.toFixed(0).padStart(8)} expr/s`;
  return [
    `PromQL corpus: ${all.length} expressions (${typical.length} valid), test/fixtures/promql`,
    verdict('check, typical expressions (µs each)', 1e6 / typicalRate, 50, 'µs'),
    line('check, typical expressions', typicalRate),
    line('check, whole corpus (errors included)', allRate),
    line('parse only, whole corpus', parseRate),
    line('parse, typical, no memo (fast parser)', fastRate),
    line('parse, typical, no memo (lezer path alone)', lezerRate),
    `     check p95 / max per expression               ${percentile(times, 95).toFixed(0).padStart(8)} µs / ${Math.max(...times).toFixed(0)} µs`,
  ];
}
