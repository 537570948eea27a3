/**
 * The notification fields of each integration that Alertmanager expands as templates, with the defaults it fills
 * in when a receiver leaves them out (config/notifiers.go `Default…Config`). Nested maps such as PagerDuty's
 * `details` or an e-mail's `headers` are expanded value by value; Slack's `fields` and `actions` item by item.
 */

/** `from`: a `global:` key whose value is the default. */
export type FieldDefault = string | { global: string };

export interface IntegrationSpec {
  /** The integration's name in previews. */
  title: string;
  /** Templated fields in the order a preview lists them, with their defaults. */
  fields: Record<string, FieldDefault | undefined>;
  /** Templated maps (`details`, `headers`) with their default entries. */
  maps?: Record<string, Record<string, string>>;
  /** Templated lists of objects (`fields`, `actions`) and the keys expanded in each item. */
  lists?: Record<string, string[]>;
  /** A field that holds the message body (shown first, and as HTML for e-mail). */
  main: string;
  /** Whether `main` is HTML. */
  html?: boolean;
}

const t = (name: string): string => `{{ template "${name}" . }}`;
const COLOR = '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}';

export const INTEGRATIONS: Record<string, IntegrationSpec> = {
  slack_configs: {
    title: 'Slack',
    main: 'text',
    fields: {
      channel: undefined,
      username: t('slack.default.username'),
      color: COLOR,
      title: t('slack.default.title'),
      title_link: t('slack.default.titlelink'),
      pretext: t('slack.default.pretext'),
      text: t('slack.default.text'),
      fallback: t('slack.default.fallback'),
      callback_id: t('slack.default.callbackid'),
      footer: t('slack.default.footer'),
      icon_emoji: t('slack.default.iconemoji'),
      icon_url: t('slack.default.iconurl'),
      image_url: undefined,
      thumb_url: undefined,
    },
    lists: { fields: ['title', 'value'], actions: ['text', 'url', 'name', 'value'] },
  },
  email_configs: {
    title: 'E-mail',
    main: 'html',
    html: true,
    fields: { to: undefined, from: { global: 'smtp_from' }, html: t('email.default.html'), text: undefined },
    maps: { headers: { Subject: t('email.default.subject') } },
  },
  pagerduty_configs: {
    title: 'PagerDuty',
    main: 'description',
    fields: {
      description: t('pagerduty.default.description'),
      client: t('pagerduty.default.client'),
      client_url: t('pagerduty.default.clientURL'),
      severity: undefined,
      class: undefined,
      component: undefined,
      group: undefined,
    },
    maps: {
      details: {
        firing: '{{ template "pagerduty.default.instances" .Alerts.Firing }}',
        resolved: '{{ template "pagerduty.default.instances" .Alerts.Resolved }}',
        num_firing: '{{ .Alerts.Firing | len }}',
        num_resolved: '{{ .Alerts.Resolved | len }}',
      },
    },
  },
  opsgenie_configs: {
    title: 'Opsgenie',
    main: 'description',
    fields: {
      message: t('opsgenie.default.message'),
      description: t('opsgenie.default.description'),
      source: t('opsgenie.default.source'),
      priority: undefined,
      tags: undefined,
      note: undefined,
      entity: undefined,
      actions: undefined,
    },
    maps: { details: {} },
  },
  wechat_configs: {
    title: 'WeChat',
    main: 'message',
    fields: {
      message: t('wechat.default.message'),
      to_user: t('wechat.default.to_user'),
      to_party: t('wechat.default.to_party'),
      to_tag: t('wechat.default.to_tag'),
      agent_id: t('wechat.default.agent_id'),
    },
  },
  victorops_configs: {
    title: 'VictorOps',
    main: 'state_message',
    fields: {
      message_type: 'CRITICAL',
      entity_display_name: t('victorops.default.entity_display_name'),
      state_message: t('victorops.default.state_message'),
      monitoring_tool: t('victorops.default.monitoring_tool'),
    },
    maps: { custom_fields: {} },
  },
  pushover_configs: {
    title: 'Pushover',
    main: 'message',
    fields: {
      title: t('pushover.default.title'),
      message: t('pushover.default.message'),
      url: t('pushover.default.url'),
      url_title: undefined,
      priority: '{{ if eq .Status "firing" }}2{{ else }}0{{ end }}',
    },
  },
  sns_configs: { title: 'Amazon SNS', main: 'message', fields: { subject: t('sns.default.subject'), message: t('sns.default.message') }, maps: { attributes: {} } },
  telegram_configs: { title: 'Telegram', main: 'message', fields: { message: t('telegram.default.message'), parse_mode: 'HTML' } },
  discord_configs: { title: 'Discord', main: 'message', fields: { title: t('discord.default.title'), message: t('discord.default.message') } },
  webex_configs: { title: 'Webex', main: 'message', fields: { message: t('webex.default.message') } },
  msteams_configs: {
    title: 'Microsoft Teams',
    main: 'text',
    fields: { title: t('msteams.default.title'), summary: t('msteams.default.summary'), text: t('msteams.default.text') },
  },
  msteamsv2_configs: { title: 'Microsoft Teams (Workflows)', main: 'text', fields: { title: t('msteamsv2.default.title'), text: t('msteamsv2.default.text') } },
  jira_configs: {
    title: 'Jira',
    main: 'description',
    fields: { project: undefined, issue_type: undefined, summary: t('jira.default.summary'), description: t('jira.default.description'), priority: t('jira.default.priority') },
  },
  rocketchat_configs: {
    title: 'Rocket.Chat',
    main: 'text',
    fields: {
      channel: undefined,
      color: '{{ if eq .Status "firing" }}red{{ else }}green{{ end }}',
      title: t('rocketchat.default.title'),
      title_link: t('rocketchat.default.titlelink'),
      text: t('rocketchat.default.text'),
      emoji: t('rocketchat.default.emoji'),
      icon_url: t('rocketchat.default.iconurl'),
    },
  },
  webhook_configs: { title: 'Webhook', main: 'payload', fields: {} },
};
