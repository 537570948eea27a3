import { benchGrafanaDashboard } from './grafanaDashboard.bench';
import { benchPrometheusConfig } from './prometheusConfig.bench';
import { benchPromQL } from './promql.bench';
import { benchPromQLCompletion } from './promqlCompletion.bench';
import { benchRules } from './rules.bench';
import { benchRuleTests } from './ruleTests.bench';
import { benchScaffold } from './scaffold.bench';
import { benchAlertmanager } from './alertmanager.bench';
import { benchDashboardPreview } from './dashboardPreview.bench';
import { benchLive } from './live.bench';

// `npm run bench`: every benchmark in turn, each printing its figures next to its budget; `npm run bench -- rule`
// runs only those whose title contains "rule".
const BENCHES: [string, () => Promise<string[]>][] = [
  ['Prometheus configuration (issue 2)', benchPrometheusConfig],
  ['PromQL (issue 4)', benchPromQL],
  ['PromQL completion in a rule file (issue 4)', benchPromQLCompletion],
  ['Rule files (issue 5)', benchRules],
  ['Rule tests: o11y test vs promtool (issue 6)', benchRuleTests],
  ['Scaffold of the full stack with its checks (issue 10)', benchScaffold],
  ['Alertmanager routing tree (issue 9)', benchAlertmanager],
  ['Grafana dashboard validation (issue 8)', benchGrafanaDashboard],
  ['Grafana dashboard preview in Chromium (issue 8)', benchDashboardPreview],
  ['Live Prometheus (issue 7)', benchLive],
];

async function main(): Promise<void> {
  const only = process.argv[2]?.toLowerCase();
  for (const [title, run] of BENCHES.filter(([t]) => !only || t.toLowerCase().includes(only))) {
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
