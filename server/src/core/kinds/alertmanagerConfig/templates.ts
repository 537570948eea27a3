import * as nodePath from 'node:path';
import type { Problem } from '../../problem';
import { getValue, items, properties, propertyKey, type AstNode } from '../../syntax/ast';
import { checkTemplate } from '../../templates/check';
import { acceptsElseWith, functionsFor } from '../../templates/functions';
import { parseTemplate } from '../../templates/parser';
import type { DocumentContext } from '../context';
import { problem, problemInside, scalarText } from './nodes';

/** The templates Alertmanager defines itself (template/default.tmpl and email.tmpl). */
const BUILT_IN = [
  '__alertmanager', '__alertmanagerURL', '__subject', '__description', '__text_alert_list', '__text_alert_list_markdown',
  'email.default.subject', 'email.default.html',
  ...['title', 'username', 'fallback', 'callbackid', 'pretext', 'titlelink', 'iconemoji', 'iconurl', 'text', 'footer', 'color'].map((n) => `slack.default.${n}`),
  ...['description', 'client', 'clientURL', 'instances'].map((n) => `pagerduty.default.${n}`),
  ...['message', 'description', 'source'].map((n) => `opsgenie.default.${n}`),
  ...['message', 'to_user', 'to_party', 'to_tag', 'agent_id'].map((n) => `wechat.default.${n}`),
  ...['state_message', 'entity_display_name', 'monitoring_tool'].map((n) => `victorops.default.${n}`),
  ...['title', 'message', 'url'].map((n) => `pushover.default.${n}`),
  'sns.default.subject', 'sns.default.message', 'telegram.default.message',
  'discord.default.content', 'discord.default.title', 'discord.default.message', 'webex.default.message',
  'msteams.default.summary', 'msteams.default.title', 'msteams.default.text', 'msteamsv2.default.title', 'msteamsv2.default.text',
  'jira.default.summary', 'jira.default.description', 'jira.default.priority',
  ...['title', 'alias', 'titlelink', 'emoji', 'iconurl', 'text'].map((n) => `rocketchat.default.${n}`),
  ...['color', 'username', 'title', 'titlelink', 'fallback', 'text'].map((n) => `mattermost.default.${n}`),
];

/** Keys under an integration whose values are settings, not notification text. */
const NOT_TEXT = new Set(['http_config', 'tls_config', 'sigv4', 'send_resolved']);

/**
 * The notification template files of `templates:` (amtool check-config parses them: an error fails the check),
 * and the template definitions they provide.
 */
export function templateFiles(root: AstNode, ctx: DocumentContext, version: string): { problems: Problem[]; names: Set<string> } {
  const names = new Set(BUILT_IN);
  const out: Problem[] = [];
  const fs = ctx.env.fs;
  if (!fs || !ctx.path) {
    return { problems: out, names };
  }
  const functions = functionsFor('alertmanager');
  const dir = nodePath.dirname(ctx.path);
  for (const entry of items(getValue(root, 'templates'))) {
    const pattern = scalarText(entry, ctx.text);
    if (!pattern) {
      continue;
    }
    for (const file of fs.glob(pattern, dir)) {
      const text = fs.readFile(file);
      if (text === undefined) {
        continue;
      }
      const parsed = parseTemplate(text, { isFunction: (n) => functions.has(n), elseWith: acceptsElseWith('alertmanager', version) });
      parsed.definitions.forEach((d) => names.add(d.name));
      const first = parsed.errors[0];
      if (first) {
        const line = text.slice(0, first.from).split('\n').length;
        out.push(problem(entry, 'alertmanager/template-file', `template: ${nodePath.basename(file)}:${line}: ${first.message}`));
      }
    }
  }
  return { problems: out, names };
}

/**
 * Go templates in the text fields of receivers. Alertmanager reads them only when it sends a notification, so
 * their problems are warnings: the file loads, the notification fails.
 */
export function receiverTemplateProblems(receiver: AstNode, ctx: DocumentContext, version: string, names: Set<string>): Problem[] {
  const out: Problem[] = [];
  const walk = (node: AstNode | undefined, depth: number): void => {
    if (!node || depth > 8) {
      return;
    }
    if (node.type === 'object') {
      for (const prop of properties(node)) {
        if (!NOT_TEXT.has(propertyKey(prop))) {
          walk(prop.children![1], depth + 1);
        }
      }
    } else if (node.type === 'array') {
      items(node).forEach((i) => walk(i, depth + 1));
    } else if (node.type === 'string' && String(node.value).includes('{{')) {
      for (const p of checkTemplate(String(node.value), 'alertmanager', undefined, { version, templates: names })) {
        out.push(problemInside(node, ctx.text, p.offset, p.length, { code: p.code, message: p.message, severity: p.severity === 'error' ? 'warning' : p.severity }));
      }
    }
  };
  for (const prop of properties(receiver)) {
    if (propertyKey(prop).endsWith('_configs')) {
      walk(prop.children![1], 0);
    }
  }
  return out;
}
