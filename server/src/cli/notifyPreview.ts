import * as path from 'node:path';
import { previewText } from '../core/alertmanager/notify/format';
import { parseLabelSet, previewForConfig } from '../core/alertmanager/notify/request';
import { alertmanagerVersion } from '../core/kinds/alertmanagerConfig/nodes';
import { nodeFileSystem } from '../node/nodeFs';
import { loadAlertmanagerConfig } from './alertmanagerFile';
import type { ParsedArgs } from './args';
import { UsageError } from './args';

export const NOTIFY_PREVIEW_HELP = `Usage: o11y notify-preview [options] <alertmanager.yml>

Shows where Alertmanager sends an alert and renders the notification each receiver gets, with the
configuration's template files (templates:) over Alertmanager's default templates.

Options:
  --labels 'a=b,c="d"'         the alert's labels (required)
  --annotations 'k="v",…'      the alert's annotations
  --receiver NAME              only this receiver's notification
  --format text|json           output (default text)
  --external-url URL           Alertmanager's external URL in links (default http://localhost:9093)
  --at TIME                    the moment of the preview, RFC 3339 (default now): start time, time intervals
  --alertmanager-version X     target Alertmanager version (default: from .o11y.yaml, else the newest known)
  --config FILE                project configuration (default: the nearest .o11y.yaml)

Exit status: 1 when the file has errors or a template fails, 0 otherwise, 2 on bad usage.
`;

function labelFlag(args: ParsedArgs, name: string, required: boolean): Record<string, string> {
  const v = args.flags[name];
  if (v === undefined && !required) {
    return {};
  }
  if (typeof v !== 'string') {
    throw new UsageError(`--${name} needs a value such as severity=critical,service=api`);
  }
  const parsed = parseLabelSet(v);
  if ('error' in parsed) {
    throw new UsageError(`bad --${name}: ${parsed.error}`);
  }
  return parsed.labels;
}

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (v === true) {
    throw new UsageError(`--${name} needs a value`);
  }
  return v;
}

export function runNotifyPreview(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): number {
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) {
    throw new UsageError('name one Alertmanager configuration file');
  }
  const labels = labelFlag(args, 'labels', true);
  const annotations = labelFlag(args, 'annotations', false);
  const format = stringFlag(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`unknown --format "${format}" (use text or json)`);
  }
  const at = stringFlag(args, 'at');
  const nowMs = at === undefined ? Date.now() : Date.parse(at);
  if (Number.isNaN(nowMs)) {
    throw new UsageError(`bad --at "${at}": give an RFC 3339 time such as 2024-05-01T09:30:00Z`);
  }
  const loaded = loadAlertmanagerConfig(file, stringFlag(args, 'config'), stringFlag(args, 'alertmanager-version'), err);
  if (!loaded) {
    return 1;
  }
  const { text, context, settings } = loaded;
  const request = { alert: { labels, annotations }, receiver: stringFlag(args, 'receiver'), externalURL: stringFlag(args, 'external-url'), nowMs };
  const preview = previewForConfig({ root: context.docs[0]?.root, text, path: path.resolve(file), version: alertmanagerVersion(settings) }, request, nodeFileSystem);
  if ('error' in preview) {
    err(`o11y: ${file}: ${preview.error}\n`);
    return 1;
  }
  out(format === 'json' ? JSON.stringify(preview, null, 2) + '\n' : previewText(preview));
  const failed = preview.templateErrors.length > 0 || preview.notifications.some((n) => n.integrations.some((i) => i.fields.some((f) => f.error)));
  return failed ? 1 : 0;
}
