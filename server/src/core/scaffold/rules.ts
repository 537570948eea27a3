import { has, type ScaffoldOptions } from './options';
import type { AlertSpec, RuleFileSpec } from './ruleTypes';
import { alertmanagerRules, lokiRules, prometheusRules } from './rulesPlatform';
import { blackboxRules, containerRules, nodeRules, pushgatewayRules } from './rulesHosts';
import { mysqlRules, postgresRules, redisRules } from './rulesDatabases';
import { appRules } from './rulesApps';
import { commented, flow, yamlText } from './yamlText';

/** The rule files the chosen components need, in a stable order. */
export function ruleFiles(o: ScaffoldOptions): RuleFileSpec[] {
  const out = [prometheusRules(has(o, 'alertmanager'))];
  const add = (present: boolean, spec: RuleFileSpec) => present && out.push(spec);
  add(has(o, 'alertmanager'), alertmanagerRules);
  add(o.targets.length > 0, appRules);
  add(has(o, 'node-exporter'), nodeRules);
  add(has(o, 'cadvisor'), containerRules);
  add(has(o, 'blackbox-exporter'), blackboxRules);
  add(has(o, 'pushgateway'), pushgatewayRules);
  add(has(o, 'postgres-exporter'), postgresRules);
  add(has(o, 'redis-exporter'), redisRules);
  add(has(o, 'mysqld-exporter'), mysqlRules);
  add(has(o, 'loki'), lokiRules);
  return out;
}

function alertRule(a: AlertSpec): unknown {
  return {
    alert: a.alert,
    expr: a.expr,
    for: a.for,
    labels: { severity: a.severity },
    annotations: { summary: a.summary, description: a.description },
  };
}

/** The `groups:` of a rule file: recordings first (alerts and dashboards read them), then alerts. */
export function ruleGroups(spec: RuleFileSpec): unknown[] {
  const groups: unknown[] = [];
  if (spec.recordings.length) {
    groups.push({ name: `${spec.name}-recordings`, rules: spec.recordings.map((r) => ({ record: r.record, expr: r.expr })) });
  }
  groups.push({ name: `${spec.name}-alerts`, rules: spec.alerts.map((a) => commented(alertRule(a), a.meaning, false)) });
  return groups;
}

export function ruleFileText(spec: RuleFileSpec): string {
  const header = `${spec.title}\nEvery alert has a unit test in ../tests/${spec.name}-test.yml (promtool test rules).`;
  return yamlText(header, { groups: ruleGroups(spec) });
}

function alertCase(a: AlertSpec, index: number): unknown {
  const t = a.test;
  return commented(
    {
      name: `${a.alert} fires`,
      interval: '1m',
      input_series: Object.entries(t.series).map(([series, values]) => ({ series, values })),
      alert_rule_test: [
        { eval_time: '0m', alertname: a.alert, exp_alerts: [] },
        {
          eval_time: t.evalTime,
          alertname: a.alert,
          exp_alerts: [{ exp_labels: t.labels, exp_annotations: { summary: t.summary, description: t.description } }],
        },
      ],
    },
    `${a.alert}: not firing at the start (pending for ${a.for}), firing by ${t.evalTime}.`,
    index > 0,
  );
}

export function ruleTestText(spec: RuleFileSpec): string {
  const header =
    `Unit tests of rules/${spec.name}.yml, one per alert. Run them with\n` +
    `  promtool test rules prometheus/tests/*.yml   (or: o11y test prometheus/tests/*.yml)`;
  const value: Record<string, unknown> = {
    rule_files: [`../rules/${spec.name}.yml`],
    evaluation_interval: '1m',
  };
  if (spec.recordings.length) {
    // promtool evaluates groups not listed here in random order; recordings first, so alerts see this minute's values.
    value.group_eval_order = flow([`${spec.name}-recordings`, `${spec.name}-alerts`]);
  }
  value.tests = spec.alerts.map(alertCase);
  return yamlText(header, value);
}

/** The same groups as a Prometheus Operator `PrometheusRule`. */
export function prometheusRuleText(spec: RuleFileSpec, namespace: string): string {
  const header = `${spec.title}\nThe groups of prometheus/rules/${spec.name}.yml for the Prometheus Operator; edit both together (the tests run on that file).`;
  return yamlText(header, {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: `${spec.name}-rules`,
      namespace,
      labels: { 'app.kubernetes.io/part-of': 'monitoring', role: 'alert-rules' },
    },
    spec: { groups: ruleGroups(spec) },
  });
}
