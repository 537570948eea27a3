/**
 * Renders one receiver's integrations for one notification: every templated field with the user's value or
 * Alertmanager's default, expanded as Alertmanager's ExecuteTextString does (missingkey=zero, the defaults and
 * the user's template files loaded first); a webhook gets its JSON payload (version 4).
 */
import { compareStrings } from '../../goStrconv';
import { getValue, items, properties, propertyKey, propertyValue, type AstNode } from '../../syntax/ast';
import type { Definition } from '../../templates/ast';
import { expandNotificationTemplate } from '../../templates/evaluate';
import type { GoValue } from '../../templates/values';
import type { NotificationInput } from '../../templates/alertmanagerData';
import { INTEGRATIONS, type FieldDefault, type IntegrationSpec } from './integrations';

export interface RenderedField {
  /** `title`, `details.firing`, `fields[0].value` … */
  name: string;
  value: string;
  /** Go's error text when the template failed (the notification is not sent). */
  error?: string;
  /** Where the template came from. */
  source: 'receiver' | 'default' | 'global';
  html?: boolean;
}

export interface RenderedIntegration {
  /** `slack_configs` … */
  type: string;
  title: string;
  /** Index among the receiver's configs of that type. */
  index: number;
  fields: RenderedField[];
  /** The webhook's JSON body. */
  payload?: unknown;
}

export interface RenderContext {
  data: GoValue;
  input: NotificationInput;
  groupKey: string;
  definitions: readonly Definition[];
  version: string;
  nowNs: bigint;
  global: AstNode | undefined;
  text: string;
}

export function renderReceiver(receiver: AstNode, rc: RenderContext): RenderedIntegration[] {
  const out: RenderedIntegration[] = [];
  for (const prop of properties(receiver)) {
    const type = propertyKey(prop);
    const spec = INTEGRATIONS[type];
    if (!spec) {
      continue;
    }
    items(propertyValue(prop)).forEach((config, index) => out.push(renderIntegration(type, spec, config, index, rc)));
  }
  return out;
}

function renderIntegration(type: string, spec: IntegrationSpec, config: AstNode, index: number, rc: RenderContext): RenderedIntegration {
  const fields: RenderedField[] = [];
  const html = (name: string): boolean | undefined => (spec.html && name === spec.main) || undefined;
  for (const [name, dflt] of Object.entries(spec.fields)) {
    const own = scalar(getValue(config, name), rc.text);
    const fallback = own === undefined ? defaultOf(dflt, rc) : undefined;
    const template = own ?? fallback?.text;
    const r = template === undefined ? undefined : expand(template, rc);
    // Alertmanager leaves empty fields out of what it sends; an empty default is not worth a line.
    if (r && (own !== undefined || r.value !== '' || r.error)) {
      fields.push({ name, ...r, source: own !== undefined ? 'receiver' : fallback!.source, html: html(name) });
    }
  }
  for (const [map, defaults] of Object.entries(spec.maps ?? {})) {
    const own = new Map(properties(getValue(config, map)).map((p) => [propertyKey(p), scalar(propertyValue(p), rc.text) ?? ''] as const));
    const merged = new Map<string, { text: string; source: RenderedField['source'] }>();
    Object.entries(defaults).forEach(([k, v]) => merged.set(k, { text: v, source: 'default' }));
    own.forEach((v, k) => merged.set(k, { text: v, source: 'receiver' }));
    for (const [key, { text, source }] of merged) {
      fields.push({ name: `${map}.${key}`, ...expand(text, rc), source });
    }
  }
  for (const [list, keys] of Object.entries(spec.lists ?? {})) {
    items(getValue(config, list)).forEach((item, i) => {
      for (const key of keys) {
        const text = scalar(getValue(item, key), rc.text);
        if (text !== undefined) {
          fields.push({ name: `${list}[${i}].${key}`, ...expand(text, rc), source: 'receiver' });
        }
      }
    });
  }
  const rendered: RenderedIntegration = { type, title: spec.title, index, fields };
  if (type === 'webhook_configs') {
    rendered.payload = webhookPayload(rc);
    const url = scalar(getValue(config, 'url'), rc.text);
    if (url !== undefined) {
      fields.push({ name: 'url', value: url, source: 'receiver' });
    }
  }
  return rendered;
}

function defaultOf(d: FieldDefault | undefined, rc: RenderContext): { text: string; source: RenderedField['source'] } | undefined {
  if (d === undefined) {
    return undefined;
  }
  if (typeof d === 'string') {
    return { text: d, source: 'default' };
  }
  const g = scalar(getValue(rc.global, d.global), rc.text);
  return g === undefined ? undefined : { text: g, source: 'global' };
}

function expand(template: string, rc: RenderContext): { value: string; error?: string } {
  const r = expandNotificationTemplate(template, rc.data, { definitions: rc.definitions, version: rc.version, env: { nowNs: () => rc.nowNs } });
  return r.ok ? { value: r.output } : { value: '', error: r.error };
}

/** notify/webhook Message: the template data in its JSON shape, plus version, groupKey and truncatedAlerts. */
function webhookPayload(rc: RenderContext): unknown {
  const i = rc.input;
  return {
    receiver: i.receiver,
    status: i.status,
    alerts: (i.alerts ?? []).map((a) => ({
      status: a.status ?? 'firing',
      labels: sorted(a.labels),
      annotations: sorted(a.annotations),
      startsAt: a.startsAt,
      endsAt: a.endsAt ?? '0001-01-01T00:00:00Z',
      generatorURL: a.generatorURL ?? '',
      fingerprint: a.fingerprint ?? '',
    })),
    groupLabels: sorted(i.groupLabels),
    commonLabels: sorted(i.commonLabels),
    commonAnnotations: sorted(i.commonAnnotations),
    externalURL: i.externalURL ?? '',
    version: '4',
    groupKey: rc.groupKey,
    truncatedAlerts: 0,
  };
}

/** encoding/json writes map keys sorted. */
function sorted(m: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(m ?? {}).sort(([a], [b]) => compareStrings(a, b)));
}

function scalar(node: AstNode | undefined, text: string): string | undefined {
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'null' || node.type === 'property') {
    return undefined;
  }
  return node.type === 'string' ? String(node.value) : text.slice(node.offset, node.offset + node.length);
}
