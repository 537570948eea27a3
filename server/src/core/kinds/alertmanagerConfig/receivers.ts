import type { Problem } from '../../problem';
import { getProperty, getValue, items, properties, propertyKey, type AstNode } from '../../syntax/ast';
import { compareVersions } from '../../version';
import { problem, scalarText } from './nodes';
import { goUrlError, hostPortError } from './values';

// What Alertmanager checks when it loads a receiver (config/notifiers.go UnmarshalYAML of each integration, and
// Config.UnmarshalYAML in config/config.go, which fills fields from `global`), with its wording. Pairs of which
// at most one may be set are the schema's `x-mutuallyExclusive`.

interface Ctx {
  text: string;
  global: AstNode | undefined;
  /** True when the target release is at least `v`. */
  since(v: string): boolean;
}

type Check = (cfg: AstNode, c: Ctx) => string | undefined;

const has = (node: AstNode | undefined, key: string, c: Ctx): boolean => {
  const v = getValue(node, key);
  return !!v && v.type !== 'null' && (v.type === 'object' || v.type === 'array' || scalarText(v, c.text) !== '');
};
const either = (node: AstNode | undefined, key: string, c: Ctx): boolean => has(node, key, c) || has(node, `${key}_file`, c);

const CHECKS: Record<string, Check[]> = {
  email_configs: [
    (cfg, c) => (has(cfg, 'to', c) ? undefined : 'missing to address in email config'),
    (cfg) => duplicateHeader(cfg),
    (cfg, c) => (has(cfg, 'smarthost', c) || has(c.global, 'smtp_smarthost', c) ? undefined : 'no global SMTP smarthost set'),
    (cfg, c) => (has(cfg, 'from', c) || has(c.global, 'smtp_from', c) ? undefined : 'no global SMTP from set'),
  ],
  slack_configs: [
    (cfg, c) => {
      if (either(cfg, 'api_url', c) || either(c.global, 'slack_api_url', c)) {
        return undefined;
      }
      if (c.since('0.30')) {
        return either(cfg, 'app_token', c) || either(c.global, 'slack_app_token', c) ? undefined : 'no Slack API URL nor App token set either inline or in a file';
      }
      return 'no global Slack API URL set either inline or in a file';
    },
    (cfg, c) => slackParts(cfg, c),
  ],
  pagerduty_configs: [
    (cfg, c) => (either(cfg, 'routing_key', c) || either(cfg, 'service_key', c) ? undefined : 'missing service or routing key in PagerDuty config'),
  ],
  webhook_configs: [
    (cfg, c) => {
      return has(cfg, 'url', c) || (c.since('0.26') && has(cfg, 'url_file', c)) ? undefined : c.since('0.26') ? 'one of url or url_file must be configured' : 'missing URL in webhook config';
    },
  ],
  opsgenie_configs: [
    (cfg, c) => responders(cfg, c),
    (cfg, c) => (either(cfg, 'api_key', c) || either(c.global, 'opsgenie_api_key', c) ? undefined : 'no global OpsGenie API Key set either inline or in a file'),
  ],
  wechat_configs: [
    (cfg, c) => {
      const type = scalarText(getValue(cfg, 'message_type'), c.text) ?? '';
      return type === '' || type === 'text' || type === 'markdown' ? undefined : `weChat message type "${type}" does not match valid options ^(text|markdown)$`;
    },
    (cfg, c) =>
      has(cfg, 'api_secret', c) || has(c.global, 'wechat_api_secret', c) || (c.since('0.31') && (has(cfg, 'api_secret_file', c) || has(c.global, 'wechat_api_secret_file', c)))
        ? undefined
        : c.since('0.31')
          ? 'no global Wechat Api Secret set either inline or in a file'
          : 'no global Wechat ApiSecret set',
    (cfg, c) => (has(cfg, 'corp_id', c) || has(c.global, 'wechat_api_corp_id', c) ? undefined : 'no global Wechat CorpID set'),
  ],
  pushover_configs: [
    (cfg, c) => (has(cfg, 'user_key', c) || (c.since('0.26') && has(cfg, 'user_key_file', c)) ? undefined : c.since('0.26') ? 'one of user_key or user_key_file must be configured' : 'missing user key in Pushover config'),
    (cfg, c) => (has(cfg, 'token', c) || (c.since('0.26') && has(cfg, 'token_file', c)) ? undefined : c.since('0.26') ? 'one of token or token_file must be configured' : 'missing token in Pushover config'),
  ],
  victorops_configs: [
    (cfg, c) => (has(cfg, 'routing_key', c) ? undefined : 'missing Routing key in VictorOps config'),
    (cfg) => {
      const reserved = ['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state'];
      const used = reserved.find((k) => getProperty(getValue(cfg, 'custom_fields'), k));
      return used && `victorOps config contains custom field ${used} which cannot be used as it conflicts with the fixed/static fields`;
    },
    (cfg, c) => (either(cfg, 'api_key', c) || either(c.global, 'victorops_api_key', c) ? undefined : 'no global VictorOps API Key set'),
  ],
  sns_configs: [
    (cfg, c) => {
      // Alertmanager tests (target == "") != (topic == "") != (phone == ""): valid with one of them or all three.
      const empty = ['target_arn', 'topic_arn', 'phone_number'].filter((k) => !has(cfg, k, c)).length;
      return empty % 2 === 1 ? 'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config' : undefined;
    },
  ],
  telegram_configs: [
    (cfg, c) => {
      if (!c.since('0.26')) {
        return has(cfg, 'bot_token', c) ? undefined : 'missing bot_token on telegram_config';
      }
      const global = c.since('0.31') && either(c.global, 'telegram_bot_token', c);
      return either(cfg, 'bot_token', c) || global ? undefined : 'missing bot_token or bot_token_file on telegram_config';
    },
    (cfg, c) => {
      const id = getValue(cfg, 'chat_id');
      const set = (id && id.type !== 'null' && scalarText(id, c.text) !== '0') || (c.since('0.31') && has(cfg, 'chat_id_file', c));
      return set ? undefined : 'missing chat_id on telegram_config';
    },
  ],
  discord_configs: [
    (cfg, c) => (has(cfg, 'webhook_url', c) || (c.since('0.27') && has(cfg, 'webhook_url_file', c)) ? undefined : c.since('0.27') ? 'one of webhook_url or webhook_url_file must be configured' : 'no discord webhook URL provided'),
  ],
  webex_configs: [
    (cfg, c) => (has(cfg, 'room_id', c) ? undefined : 'missing room_id on webex_config'),
    (cfg) => (getValue(getValue(cfg, 'http_config'), 'authorization')?.type === 'object' ? undefined : 'missing webex_configs.http_config.authorization'),
  ],
  msteams_configs: [(cfg, c) => (either(cfg, 'webhook_url', c) ? undefined : 'one of webhook_url or webhook_url_file must be configured')],
  msteamsv2_configs: [(cfg, c) => (either(cfg, 'webhook_url', c) ? undefined : 'one of webhook_url or webhook_url_file must be configured')],
  jira_configs: [
    (cfg, c) => (has(cfg, 'project', c) ? undefined : 'missing project in jira_config'),
    (cfg, c) => (has(cfg, 'issue_type', c) ? undefined : 'missing issue_type in jira_config'),
    (cfg, c) => (has(cfg, 'api_url', c) || has(c.global, 'jira_api_url', c) ? undefined : 'no global Jira Cloud URL set'),
  ],
  rocketchat_configs: [
    (cfg, c) => (either(cfg, 'token_id', c) || either(c.global, 'rocketchat_token_id', c) ? undefined : 'no global Rocketchat TokenID set either inline or in a file'),
    (cfg, c) => (either(cfg, 'token', c) || either(c.global, 'rocketchat_token', c) ? undefined : 'no global Rocketchat Token set either inline or in a file'),
  ],
  mattermost_configs: [(cfg, c) => (either(cfg, 'webhook_url', c) || either(c.global, 'mattermost_webhook_url', c) ? undefined : 'missing webhook_url or webhook_url_file on mattermost_config')],
  incidentio_configs: [(cfg, c) => (either(cfg, 'url', c) ? undefined : 'one of url or url_file must be configured')],
};

/** URL fields of each integration that Alertmanager parses as http(s) URLs with a host. */
const URL_FIELDS: Record<string, string[]> = {
  slack_configs: ['api_url', 'app_url'],
  pagerduty_configs: ['url'],
  webhook_configs: ['url'],
  opsgenie_configs: ['api_url'],
  wechat_configs: ['api_url'],
  victorops_configs: ['api_url'],
  telegram_configs: ['api_url'],
  discord_configs: ['webhook_url'],
  webex_configs: ['api_url'],
  msteams_configs: ['webhook_url'],
  msteamsv2_configs: ['webhook_url'],
  jira_configs: ['api_url'],
  rocketchat_configs: ['api_url'],
  mattermost_configs: ['webhook_url'],
  incidentio_configs: ['url'],
};

const GLOBAL_URLS = [
  'slack_api_url', 'slack_app_url', 'pagerduty_url', 'opsgenie_api_url', 'wechat_api_url', 'victorops_api_url', 'telegram_api_url',
  'webex_api_url', 'jira_api_url', 'rocketchat_api_url', 'mattermost_webhook_url',
];

/** Problems of every integration of one receiver. */
export function receiverProblems(receiver: AstNode, global: AstNode | undefined, text: string, version: string): Problem[] {
  const c: Ctx = { text, global, since: (v) => compareVersions(version, v) >= 0 };
  const out: Problem[] = [];
  for (const prop of properties(receiver)) {
    const key = propertyKey(prop);
    for (const cfg of items(prop.children![1])) {
      if (cfg.type !== 'object') {
        continue;
      }
      for (const check of CHECKS[key] ?? []) {
        const message = check(cfg, c);
        if (message) {
          out.push(problem(headOf(cfg), `alertmanager/invalid-${key.replace(/_configs$/, '')}-config`, message));
        }
      }
      out.push(...urlProblems(cfg, URL_FIELDS[key] ?? [], text));
      const smarthost = key === 'email_configs' ? getValue(cfg, 'smarthost') : undefined;
      const hp = smarthost && hostPortError(scalarText(smarthost, text) ?? '');
      if (hp) {
        out.push(problem(smarthost, 'alertmanager/invalid-host-port', hp));
      }
    }
  }
  return out;
}

/** Checks of `global` itself: its URLs and SMTP address. */
export function globalProblems(global: AstNode | undefined, text: string): Problem[] {
  const out = urlProblems(global, GLOBAL_URLS, text);
  const smarthost = getValue(global, 'smtp_smarthost');
  const hp = smarthost && hostPortError(scalarText(smarthost, text) ?? '');
  if (hp) {
    out.push(problem(smarthost, 'alertmanager/invalid-host-port', hp));
  }
  return out;
}

function urlProblems(node: AstNode | undefined, keys: string[], text: string): Problem[] {
  const out: Problem[] = [];
  for (const key of keys) {
    const v = getValue(node, key);
    const s = scalarText(v, text);
    // `<secret>` stands for a URL hidden by Alertmanager's API; it reads back as a placeholder.
    const err = s === undefined || s === '<secret>' || s.includes('{{') ? undefined : goUrlError(s);
    if (err) {
      out.push(problem(v!, 'alertmanager/invalid-url', err));
    }
  }
  return out;
}

/** Where a problem about a whole integration item goes: its first key, not the whole block. */
function headOf(cfg: AstNode): AstNode {
  return cfg.children?.[0]?.children?.[0] ?? cfg;
}

function duplicateHeader(cfg: AstNode): string | undefined {
  const seen = new Set<string>();
  for (const prop of properties(getValue(cfg, 'headers'))) {
    // textproto.CanonicalMIMEHeaderKey: each dash-separated word capitalised.
    const name = propertyKey(prop).toLowerCase().replace(/(^|-)([a-z])/g, (_, d: string, ch: string) => d + ch.toUpperCase());
    if (seen.has(name)) {
      return `duplicate header "${name}" in email config`;
    }
    seen.add(name);
  }
  return undefined;
}

function responders(cfg: AstNode, c: Ctx): string | undefined {
  for (const r of items(getValue(cfg, 'responders'))) {
    if (!['id', 'username', 'name'].some((k) => has(r, k, c))) {
      return 'opsGenieConfig responder has to have at least one of id, username or name specified';
    }
    const type = scalarText(getValue(r, 'type'), c.text) ?? '';
    if (!type.includes('{{') && !/^(team|teams|user|escalation|schedule)$/.test(type.toLowerCase())) {
      return `opsGenieConfig responder type "${type}" does not match valid options ^(team|teams|user|escalation|schedule)$`;
    }
  }
  return undefined;
}

/** Slack's fields, actions and confirmation dialogs need their text parts. */
function slackParts(cfg: AstNode, c: Ctx): string | undefined {
  for (const f of items(getValue(cfg, 'fields'))) {
    if (!has(f, 'title', c)) {
      return 'missing title in Slack field configuration';
    }
    if (!has(f, 'value', c)) {
      return 'missing value in Slack field configuration';
    }
  }
  for (const a of items(getValue(cfg, 'actions'))) {
    if (!has(a, 'type', c)) {
      return 'missing type in Slack action configuration';
    }
    if (!has(a, 'text', c)) {
      return 'missing text in Slack action configuration';
    }
    if (!has(a, 'url', c) && !has(a, 'name', c)) {
      return 'missing name or url in Slack action configuration';
    }
    const confirm = getValue(a, 'confirm');
    if (confirm?.type === 'object' && !has(confirm, 'text', c)) {
      return 'missing text in Slack confirmation configuration';
    }
  }
  return undefined;
}
