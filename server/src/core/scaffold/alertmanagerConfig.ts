import type { Channel, ScaffoldOptions } from './options';
import { commented, flow, yamlText } from './yamlText';

/** A secret Alertmanager reads from a file: its file name and what to put in it. */
export interface SecretFile {
  name: string;
  channel: Channel;
  content: string;
}

export const ALERTMANAGER_SECRETS: SecretFile[] = [
  { name: 'slack_webhook_url', channel: 'slack', content: 'the Slack incoming-webhook URL, https://hooks.slack.com/services/…' },
  { name: 'smtp_password', channel: 'email', content: 'the password of the SMTP account that sends the e-mails' },
  { name: 'pagerduty_routing_key', channel: 'pagerduty', content: 'the integration (routing) key of a PagerDuty Events API v2 service' },
  { name: 'webhook_token', channel: 'webhook', content: 'the bearer token the webhook receiver expects' },
];

export function secretsOf(o: ScaffoldOptions): SecretFile[] {
  return ALERTMANAGER_SECRETS.filter((s) => o.channels.includes(s.channel));
}

/** Receiver integrations per channel; secrets are file paths under `secretDir`, never values. */
function integration(channel: Channel, secretDir: string, critical: boolean): [string, unknown] {
  switch (channel) {
    case 'slack':
      return [
        'slack_configs',
        {
          channel: critical ? '#alerts-critical' : '#alerts',
          send_resolved: true,
          title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.job }})',
          text: '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}',
        },
      ];
    case 'email':
      return ['email_configs', { to: critical ? 'oncall@example.com' : 'team@example.com', send_resolved: true }];
    case 'pagerduty':
      return [
        'pagerduty_configs',
        { routing_key_file: `${secretDir}/pagerduty_routing_key`, severity: critical ? 'critical' : 'warning', send_resolved: true },
      ];
    case 'webhook':
      return [
        'webhook_configs',
        {
          url: 'http://alert-relay:8080/alerts',
          send_resolved: true,
          http_config: { authorization: { type: 'Bearer', credentials_file: `${secretDir}/webhook_token` } },
        },
      ];
  }
}

function receiver(name: string, channels: Channel[], secretDir: string, critical: boolean): Record<string, unknown> {
  const r: Record<string, unknown> = { name };
  for (const c of channels) {
    const [key, config] = integration(c, secretDir, critical);
    r[key] = [config];
  }
  return r;
}

function global(o: ScaffoldOptions, secretDir: string): Record<string, unknown> {
  const g: Record<string, unknown> = { resolve_timeout: '5m' };
  if (o.channels.includes('slack')) {
    g.slack_api_url_file = `${secretDir}/slack_webhook_url`;
  }
  if (o.channels.includes('email')) {
    Object.assign(g, {
      smtp_smarthost: 'smtp.example.com:587',
      smtp_from: 'alertmanager@example.com',
      smtp_auth_username: 'alertmanager@example.com',
      smtp_auth_password_file: `${secretDir}/smtp_password`,
      smtp_require_tls: true,
    });
  }
  return g;
}

/**
 * Routing by severity: critical alerts page (PagerDuty when chosen) and go to every channel, warnings go to the
 * chat and mail channels; a critical alert silences the warnings of the same job while it fires.
 */
export function alertmanagerConfigText(o: ScaffoldOptions, secretDir: string): string {
  const paging = o.channels.filter((c) => c !== 'pagerduty');
  const warningChannels = paging.length ? paging : o.channels;
  const value = {
    global: global(o, secretDir),
    route: {
      receiver: 'warning',
      group_by: flow(['alertname', 'job']),
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        commented({ matchers: flow(['severity="critical"']), receiver: 'critical', repeat_interval: '1h' }, 'Critical: someone must act now.'),
        commented({ matchers: flow(['severity="warning"']), receiver: 'warning' }, 'Warning: look at it during working hours.'),
      ],
    },
    inhibit_rules: [
      commented(
        { source_matchers: flow(['severity="critical"']), target_matchers: flow(['severity="warning"']), equal: flow(['job']) },
        'While a critical alert fires for a job (service), its warnings are held back: one page, not ten.',
      ),
    ],
    receivers: [receiver('critical', o.channels, secretDir, true), receiver('warning', warningChannels, secretDir, false)],
  };
  const header =
    'Alertmanager of the monitoring stack. Check it with `amtool check-config alertmanager/alertmanager.yml`.\n' +
    `Secrets (webhook URLs, passwords, keys) are read from files in ${secretDir}, never written here.` +
    (o.channels.length ? '' : '\nNo notification channel was chosen: add slack_configs, email_configs, … to the receivers.');
  return yamlText(header, value, {
    route: 'Every alert starts here; the first matching child route decides the receiver.',
    inhibit_rules: 'Alerts that silence others while they fire.',
    receivers: 'Where notifications go. The example addresses and channels are placeholders: change them.',
  });
}
