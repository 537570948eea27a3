import { benchPrometheusConfig } from './prometheusConfig.bench';
import { benchPromQL } from './promql.bench';
import { benchPromQLCompletion } from './promqlCompletion.bench';

// `npm run bench`: every benchmark in turn, each printing its figures next to its budget.
const BENCHES: [string, () => Promise<string[]>][] = [
  ['Prometheus configuration (issue 2)', benchPrometheusConfig],
  ['PromQL (issue 4)', benchPromQL],
  ['PromQL completion in a rule file (issue 4)', benchPromQLCompletion],
];

async function main(): Promise<void> {
  for (const [title, run] of BENCHES) {
    console.log(`\n## ${title}`);
    for (const line of await run()) {
      console.log(line);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
