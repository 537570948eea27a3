import type { AlertSpec, RuleFileSpec } from './ruleTypes';

const PROM = 'job="prometheus", instance="localhost:9090"';
const PROM_LABELS = { job: 'prometheus', instance: 'localhost:9090' };

const targetDown: AlertSpec = {
  alert: 'TargetDown',
  expr: 'up == 0',
  for: '5m',
  severity: 'critical',
  summary: '{{ $labels.job }} target {{ $labels.instance }} is down',
  description: 'Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for 5 minutes.',
  meaning: 'Prometheus cannot scrape a target: the service, its exporter or the network between them is down. Open Status → Targets in Prometheus for the scrape error.',
  test: {
    series: { 'up{job="api", instance="api:8000"}': '0x15', 'up{job="prometheus", instance="localhost:9090"}': '1x15' },
    evalTime: '10m',
    labels: { severity: 'critical', job: 'api', instance: 'api:8000' },
    summary: 'api target api:8000 is down',
    description: 'Prometheus has failed to scrape api:8000 (job api) for 5 minutes.',
  },
};

/** `<Product>ConfigReloadFailed`: a changed configuration file was rejected and the old one stays in use. */
function reloadFailed(product: string, file: string, sel: string, labels: Record<string, string>, meaning: string): AlertSpec {
  const metric = `${product.toLowerCase()}_config_last_reload_successful`;
  const description = `The last reload of ${file} failed; the previous configuration is still in use.`;
  return {
    alert: `${product}ConfigReloadFailed`,
    expr: `${metric} == 0`,
    for: '10m',
    severity: 'warning',
    summary: `${product} {{ $labels.instance }} could not reload its configuration`,
    description,
    meaning,
    test: {
      series: { [`${metric}{${sel}}`]: '0x20' },
      evalTime: '15m',
      labels: { severity: 'warning', ...labels },
      summary: `${product} ${labels.instance} could not reload its configuration`,
      description,
    },
  };
}

const configReload = reloadFailed(
  'Prometheus',
  'prometheus.yml',
  PROM,
  PROM_LABELS,
  'prometheus.yml or a rule file was changed into something Prometheus rejects; it keeps the old configuration. Run `promtool check config` and read the Prometheus log.',
);

const ruleFailures: AlertSpec = {
  alert: 'PrometheusRuleEvaluationFailures',
  expr: 'increase(prometheus_rule_evaluation_failures_total[5m]) > 0',
  for: '5m',
  severity: 'warning',
  summary: 'Prometheus fails to evaluate the rule group {{ $labels.rule_group }}',
  description: 'Rules of {{ $labels.rule_group }} failed to evaluate in the last 5 minutes; their alerts and recordings are missing.',
  meaning: 'A rule query errors at evaluation time (often many-to-many matching after a label change). The rule group is named in the alert; the Prometheus log has the query error.',
  test: {
    series: {
      [`prometheus_rule_evaluation_failures_total{${PROM}, rule_group="apps.yml;apps-alerts"}`]: '0+1x20',
      [`prometheus_rule_evaluation_failures_total{${PROM}, rule_group="node.yml;node-alerts"}`]: '0x20',
    },
    evalTime: '15m',
    labels: { severity: 'warning', ...PROM_LABELS, rule_group: 'apps.yml;apps-alerts' },
    summary: 'Prometheus fails to evaluate the rule group apps.yml;apps-alerts',
    description: 'Rules of apps.yml;apps-alerts failed to evaluate in the last 5 minutes; their alerts and recordings are missing.',
  },
};

const noAlertmanager: AlertSpec = {
  alert: 'PrometheusNotConnectedToAlertmanager',
  expr: 'prometheus_notifications_alertmanagers_discovered < 1',
  for: '10m',
  severity: 'critical',
  summary: 'Prometheus {{ $labels.instance }} has no Alertmanager to send alerts to',
  description: 'Alerts fire but reach nobody: check the alerting section of prometheus.yml and that Alertmanager runs.',
  meaning: 'Prometheus knows no Alertmanager, so firing alerts reach nobody. Check `alerting:` in prometheus.yml and that the alertmanager container runs.',
  test: {
    series: { [`prometheus_notifications_alertmanagers_discovered{${PROM}}`]: '0x20' },
    evalTime: '15m',
    labels: { severity: 'critical', ...PROM_LABELS },
    summary: 'Prometheus localhost:9090 has no Alertmanager to send alerts to',
    description: 'Alerts fire but reach nobody: check the alerting section of prometheus.yml and that Alertmanager runs.',
  },
};

const notificationErrors: AlertSpec = {
  alert: 'PrometheusNotificationsFailing',
  expr: 'rate(prometheus_notifications_errors_total[5m]) > 0',
  for: '15m',
  severity: 'critical',
  summary: 'Prometheus {{ $labels.instance }} fails to send alerts to {{ $labels.alertmanager }}',
  description: 'Sending alerts to {{ $labels.alertmanager }} has failed for 15 minutes.',
  meaning: 'Prometheus cannot deliver alerts to Alertmanager. Check that Alertmanager is up and reachable from Prometheus.',
  test: {
    series: { [`prometheus_notifications_errors_total{${PROM}, alertmanager="http://alertmanager:9093/api/v2/alerts"}`]: '0+2x30' },
    evalTime: '20m',
    labels: { severity: 'critical', ...PROM_LABELS, alertmanager: 'http://alertmanager:9093/api/v2/alerts' },
    summary: 'Prometheus localhost:9090 fails to send alerts to http://alertmanager:9093/api/v2/alerts',
    description: 'Sending alerts to http://alertmanager:9093/api/v2/alerts has failed for 15 minutes.',
  },
};

/** Prometheus watching every target and itself; the Alertmanager link only when there is one. */
export function prometheusRules(withAlertmanager: boolean): RuleFileSpec {
  return {
    name: 'prometheus',
    title: 'Every scrape target, and Prometheus itself: configuration reloads, rule evaluation, alert delivery.',
    recordings: [],
    alerts: [targetDown, configReload, ruleFailures, ...(withAlertmanager ? [noAlertmanager, notificationErrors] : [])],
  };
}

const AM = 'job="alertmanager", instance="alertmanager:9093"';
const AM_LABELS = { job: 'alertmanager', instance: 'alertmanager:9093' };

export const alertmanagerRules: RuleFileSpec = {
  name: 'alertmanager',
  title: 'Alertmanager itself: configuration reloads and notification delivery.',
  recordings: [],
  alerts: [
    reloadFailed(
      'Alertmanager',
      'alertmanager.yml',
      AM,
      AM_LABELS,
      'alertmanager.yml was changed into something Alertmanager rejects. Run `amtool check-config alertmanager/alertmanager.yml`.',
    ),
    {
      alert: 'AlertmanagerNotificationsFailing',
      expr: 'sum by (job, instance, integration) (rate(alertmanager_notifications_failed_total[5m])) > 0',
      for: '10m',
      severity: 'critical',
      summary: 'Alertmanager {{ $labels.instance }} fails to send {{ $labels.integration }} notifications',
      description: 'Notifications through {{ $labels.integration }} have failed for 10 minutes: people are not told about alerts.',
      meaning: 'A receiver integration (Slack, e-mail, PagerDuty, webhook) rejects notifications: a revoked webhook, an expired SMTP password, a wrong routing key. The Alertmanager log names the error.',
      test: {
        series: {
          [`alertmanager_notifications_failed_total{${AM}, integration="slack"}`]: '0+1x30',
          [`alertmanager_notifications_failed_total{${AM}, integration="email"}`]: '0x30',
        },
        evalTime: '20m',
        labels: { severity: 'critical', ...AM_LABELS, integration: 'slack' },
        summary: 'Alertmanager alertmanager:9093 fails to send slack notifications',
        description: 'Notifications through slack have failed for 10 minutes: people are not told about alerts.',
      },
    },
  ],
};

export const lokiRules: RuleFileSpec = {
  name: 'loki',
  title: 'Loki: failing requests (pushes from the log agent, queries from Grafana).',
  recordings: [
    {
      record: 'job_route:loki_request_errors:ratio_rate5m',
      expr: 'sum by (job, route) (rate(loki_request_duration_seconds_count{status_code=~"5.."}[5m]))\n  / sum by (job, route) (rate(loki_request_duration_seconds_count[5m]))',
    },
  ],
  alerts: [
    {
      alert: 'LokiRequestErrors',
      expr: 'job_route:loki_request_errors:ratio_rate5m > 0.05',
      for: '15m',
      severity: 'warning',
      summary: 'Loki answers {{ $value | humanizePercentage }} of {{ $labels.route }} requests with errors',
      description: 'More than 5% of requests to {{ $labels.route }} have failed for 15 minutes; logs may be lost or unreadable.',
      meaning: 'Loki fails pushes or queries, often because its volume is full or it is out of memory. Read the Loki log.',
      test: {
        series: {
          'loki_request_duration_seconds_count{job="loki", route="loki_api_v1_push", status_code="500"}': '0+6x30',
          'loki_request_duration_seconds_count{job="loki", route="loki_api_v1_push", status_code="204"}': '0+54x30',
        },
        evalTime: '20m',
        labels: { severity: 'warning', job: 'loki', route: 'loki_api_v1_push' },
        summary: 'Loki answers 10% of loki_api_v1_push requests with errors',
        description: 'More than 5% of requests to loki_api_v1_push have failed for 15 minutes; logs may be lost or unreadable.',
      },
    },
  ],
};
