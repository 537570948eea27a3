import { alertmanagerConfigText } from './alertmanagerConfig';
import { COMPOSE_SECRET_DIR, composeText } from './compose';
import { dashboards } from './dashboards';
import { envExampleText } from './envExample';
import { dashboardProviderText, datasourcesText } from './grafanaProvisioning';
import { ALERTMANAGER_VERSION, PROMETHEUS_VERSION } from './images';
import { KUBERNETES_SECRET_DIR, kubernetesFiles } from './kubernetes';
import { alloyConfigText, blackboxConfigText, lokiConfigText, promtailConfigText } from './logs';
import { has, type ScaffoldOptions } from './options';
import { prometheusConfigText } from './prometheusConfig';
import { readmeText } from './readme';
import { ruleFiles, ruleFileText, ruleTestText } from './rules';
import { validateOptions } from './validate';
import { yamlText } from './yamlText';

export class InvalidOptionsError extends Error {}

/**
 * The whole stack for these options: relative path → file text. Pure: the same options always give the same
 * files, and nothing is read or written. Throws `InvalidOptionsError` when `validateOptions` finds problems.
 */
export function generateStack(o: ScaffoldOptions): Map<string, string> {
  const problems = validateOptions(o);
  if (problems.length) {
    throw new InvalidOptionsError(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  }
  const files = new Map<string, string>();
  const rules = ruleFiles(o);
  files.set('prometheus/prometheus.yml', prometheusConfigText(o));
  for (const spec of rules) {
    files.set(`prometheus/rules/${spec.name}.yml`, ruleFileText(spec));
    files.set(`prometheus/tests/${spec.name}-test.yml`, ruleTestText(spec));
  }
  if (has(o, 'alertmanager')) {
    files.set('alertmanager/alertmanager.yml', alertmanagerConfigText(o, o.flavour === 'kubernetes' ? KUBERNETES_SECRET_DIR : COMPOSE_SECRET_DIR));
  }
  if (has(o, 'grafana')) {
    files.set('grafana/provisioning/datasources/datasources.yml', datasourcesText(o));
    files.set('grafana/provisioning/dashboards/dashboards.yml', dashboardProviderText());
    for (const [name, text] of dashboards(o)) {
      files.set(`grafana/dashboards/${name}`, text);
    }
  }
  if (has(o, 'loki')) {
    files.set('loki/loki.yml', lokiConfigText(o));
  }
  if (has(o, 'promtail')) {
    files.set('promtail/promtail.yml', promtailConfigText());
  }
  if (has(o, 'alloy')) {
    files.set('alloy/config.alloy', alloyConfigText());
  }
  if (has(o, 'blackbox-exporter')) {
    files.set('blackbox/blackbox.yml', blackboxConfigText());
  }
  if (o.flavour === 'compose') {
    files.set('docker-compose.yml', composeText(o));
  } else {
    for (const [path, text] of kubernetesFiles(files, rules)) {
      files.set(path, text);
    }
  }
  files.set('.env.example', envExampleText(o));
  files.set('.gitignore', '# Secrets stay on this machine.\n.env\nsecrets/\n');
  files.set('.o11y.yaml', projectConfigText(o));
  files.set('README.md', readmeText(o, rules, [...files.keys(), 'README.md'].sort()));
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/** `.o11y.yaml`: check the files against the versions the images run. */
function projectConfigText(o: ScaffoldOptions): string {
  const value: Record<string, unknown> = { versions: { prometheus: PROMETHEUS_VERSION, alertmanager: ALERTMANAGER_VERSION } };
  if (o.flavour === 'kubernetes') {
    value.ignore = [
      { path: 'prometheus/rules/*.yml', codes: ['rules/duplicate-rule'] },
      { path: 'kubernetes/rules/*.yaml', codes: ['rules/duplicate-rule'] },
    ];
  }
  return yamlText('o11y settings of this stack: the Prometheus and Alertmanager versions of the pinned images.', value, {
    ignore: 'kubernetes/rules/*.yaml repeat the groups of prometheus/rules/*.yml on purpose (PrometheusRule for the Operator).',
  });
}
