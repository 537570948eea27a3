/**
 * A notification preview as plain text (the CLI) or Markdown (the editor's preview): the route path with its
 * grouping and timing, time intervals and inhibitions, then each receiver's rendered fields.
 */
import { labelSetString } from './alerts';
import type { NotificationPreview, ReceiverNotification, RouteStep } from './preview';
import type { RenderedField } from './render';

export function previewText(p: NotificationPreview): string {
  const out: string[] = [`Alert ${labelSetString(p.labels)} (fingerprint ${p.fingerprint})`, ''];
  out.push(...p.templateErrors.map((e) => `Template error: ${e}`));
  out.push(...inhibitionLines(p), '');
  for (const n of p.notifications) {
    out.push(`Receiver ${n.receiver}`, ...routeLines(n.route).map((l) => `  ${l}`), `  group key: ${n.groupKey} (${n.alertCount} alert${n.alertCount === 1 ? '' : 's'})`);
    if (n.missing) {
      out.push('  (no receiver of this name in the configuration)');
    }
    if (n.integrations.length === 0 && !n.missing) {
      out.push('  (no integrations: nothing is sent)');
    }
    for (const i of n.integrations) {
      out.push('', `  ${i.title} #${i.index + 1} (${i.type})`);
      for (const f of i.fields) {
        out.push(...fieldLines(f).map((l) => `    ${l}`));
      }
      if (i.payload !== undefined) {
        out.push('    payload:', ...JSON.stringify(i.payload, null, 2).split('\n').map((l) => `      ${l}`));
      }
    }
    out.push('');
  }
  if (p.notifications.length === 0) {
    out.push('No notification: the receiver given does not get this alert.');
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function inhibitionLines(p: NotificationPreview): string[] {
  const out = p.inhibitedBy.map((i) => `Inhibited by ${labelSetString(i.by)} through ${i.rule}: no notification is sent while it fires.`);
  out.push(...p.inhibitableBy.map((r) => `Could be inhibited by ${r} (no such source alert given)`));
  return out;
}

function routeLines(r: RouteStep): string[] {
  const intervals = (list: RouteStep['muteTimeIntervals'], what: string): string[] =>
    list.length ? [`${what}: ${list.map((i) => `${i.name}${i.active === undefined ? ' (undefined)' : i.active ? ' (in effect now)' : ''}`).join(', ')}`] : [];
  return [
    `route: ${r.path.join(' → ')}${r.continue ? ' (continue)' : ''}`,
    `group_by: ${r.groupBy === '...' ? '[...]' : `[${r.groupBy.join(', ')}]`}  group_wait: ${r.groupWait}  group_interval: ${r.groupInterval}  repeat_interval: ${r.repeatInterval}`,
    ...intervals(r.muteTimeIntervals, 'mute_time_intervals'),
    ...intervals(r.activeTimeIntervals, 'active_time_intervals'),
    ...(r.mutedNow ? ['muted now by its time intervals'] : []),
  ];
}

function fieldLines(f: RenderedField): string[] {
  const src = f.source === 'receiver' ? '' : ` (${f.source})`;
  if (f.error) {
    return [`${f.name}${src}: ERROR ${f.error}`];
  }
  if (!f.value.includes('\n')) {
    return [`${f.name}${src}: ${f.value}`];
  }
  return [`${f.name}${src}:`, ...f.value.split('\n').map((l) => `  | ${l}`)];
}

/** Markdown for the editor: the same content, with fields in code blocks. */
export function previewMarkdown(p: NotificationPreview): string {
  const out: string[] = [`# Notification preview`, '', `Alert \`${labelSetString(p.labels)}\``, ''];
  out.push(...p.templateErrors.map((e) => `> **Template error**: \`${e}\``), ...inhibitionLines(p).map((l) => `> ${l}`), '');
  p.notifications.forEach((n) => out.push(...receiverMarkdown(n)));
  if (p.notifications.length === 0) {
    out.push('No notification: the receiver given does not get this alert.');
  }
  return out.join('\n');
}

function receiverMarkdown(n: ReceiverNotification): string[] {
  const out = [`## Receiver \`${n.receiver}\``, '', ...routeLines(n.route).map((l) => `- ${l}`), `- group key: \`${n.groupKey}\` (${n.alertCount} alert${n.alertCount === 1 ? '' : 's'})`, ''];
  if (n.missing) {
    out.push('_No receiver of this name in the configuration._', '');
  }
  for (const i of n.integrations) {
    out.push(`### ${i.title} #${i.index + 1}`, '');
    for (const f of i.fields) {
      const src = f.source === 'receiver' ? '' : ` _(${f.source})_`;
      out.push(f.error ? `**${f.name}**${src}: ⚠ \`${f.error}\`` : `**${f.name}**${src}:`, '');
      if (!f.error && f.value !== '') {
        out.push(fence(f.value, f.html ? 'html' : ''), '');
      }
    }
    if (i.payload !== undefined) {
      out.push('**payload**:', '', fence(JSON.stringify(i.payload, null, 2), 'json'), '');
    }
  }
  return out;
}

function fence(s: string, lang: string): string {
  const ticks = '`'.repeat(Math.max(3, ...[...s.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}${lang}\n${s}\n${ticks}`;
}
