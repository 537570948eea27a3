/**
 * The notification preview: where an alert goes (the routes that take it, their grouping and timing, the time
 * intervals and inhibition rules that apply), and what each receiver it reaches would send, rendered with the
 * configuration's template files over Alertmanager's defaults. Pure: the caller reads the files.
 */
import * as nodePath from 'node:path';
import { getValue, items, type AstNode } from '../../syntax/ast';
import type { Definition } from '../../templates/ast';
import { alertmanagerData, type NotificationInput } from '../../templates/alertmanagerData';
import { availableIn, acceptsElseWith, functionsFor } from '../../templates/functions';
import { goParseMessage, parseTemplate } from '../../templates/parser';
import { buildRouteTree, matchRoutes, routeSlug, type Route, type RouteOptions } from '../route';
import { common, fingerprint, groupLabels, labelSetString, quoteMeta, type Labels, type PreviewAlert } from './alerts';
import { DEFAULT_TEMPLATES } from './defaultTemplates';
import { describeRule, inhibitionsOf, inhibitRules, targetingRules } from './inhibition';
import { renderReceiver, type RenderedIntegration } from './render';
import { intervalHolds, namedIntervals } from './timeIntervals';

export interface PreviewInput {
  /** The parsed alertmanager.yml and its text. */
  root: AstNode;
  text: string;
  version: string;
  /** The files of `templates:` (path and text), in the order Alertmanager reads them. */
  templateFiles: { path: string; text: string }[];
  alert: PreviewAlert;
  /** Other alerts firing at the same time: they join the alert's group and may inhibit it. */
  others?: PreviewAlert[];
  /** Only this receiver's notification. */
  receiver?: string;
  /** Alertmanager's `--web.external-url` (default http://localhost:9093). */
  externalURL?: string;
  /** The moment of the preview, in Unix milliseconds. */
  nowMs: number;
}

/** A route that takes the alert, with its effective options; its time intervals tell whether they hold now. */
export interface RouteStep extends Omit<RouteOptions, 'muteTimeIntervals' | 'activeTimeIntervals'> {
  /** The routes from the root to the one that takes the alert, as amtool names them. */
  path: string[];
  continue: boolean;
  muteTimeIntervals: { name: string; active?: boolean }[];
  activeTimeIntervals: { name: string; active?: boolean }[];
  /** Whether the time intervals hold the notification back at the preview's moment. */
  mutedNow: boolean;
}

export interface ReceiverNotification {
  receiver: string;
  route: RouteStep;
  groupKey: string;
  groupLabels: Labels;
  /** How many alerts the notification carries (the alert and the others of its group that are not inhibited). */
  alertCount: number;
  integrations: RenderedIntegration[];
  /** Set when the receiver is not in the configuration. */
  missing?: boolean;
}

export interface NotificationPreview {
  labels: Labels;
  fingerprint: string;
  routes: RouteStep[];
  /** The inhibition rules muting the alert now, with the alert that does it. */
  inhibitedBy: { rule: string; by: Labels }[];
  /** Rules that would mute the alert if a matching source alert fired. */
  inhibitableBy: string[];
  notifications: ReceiverNotification[];
  /** Template files that do not parse (Alertmanager would not start). */
  templateErrors: string[];
}

const defaultDefinitions = (() => {
  let cache: Definition[] | undefined;
  return (): Definition[] => (cache ??= parseTemplate(DEFAULT_TEMPLATES, { isFunction: (n) => functionsFor('alertmanager').has(n), elseWith: true }).definitions);
})();

export function previewNotification(input: PreviewInput): NotificationPreview {
  const { root, text, version } = input;
  const tree = buildRouteTree(getValue(root, 'route')!, text, version);
  const alert = input.alert.labels;
  const others = (input.others ?? []).map((a) => a.labels);
  const rules = inhibitRules(root, text, version);
  const inhibited = inhibitionsOf(rules, alert, others);
  const intervals = namedIntervals(root);
  const { definitions, errors } = templateDefinitions(input.templateFiles, version);
  const taken = matchRoutes(tree, alert);
  const routes = taken.map((r) => routeStep(tree, r, intervals, input.nowMs));
  const receivers = new Map(items(getValue(root, 'receivers')).map((r) => [String(getValue(r, 'name')?.value ?? ''), r]));
  const notifications: ReceiverNotification[] = [];
  taken.forEach((route, i) => {
    const name = route.options.receiver;
    if (input.receiver !== undefined && name !== input.receiver) {
      return;
    }
    const group = groupOf(route, input, tree, rules);
    const data = notificationData(name, group, groupLabels(alert, route.options.groupBy), input);
    const groupKey = `${routeKey(tree, route)}:${labelSetString(data.groupLabels ?? {})}`;
    const receiver = receivers.get(name);
    const rc = { data: alertmanagerData(data, version), input: data, groupKey, definitions, version, nowNs: BigInt(input.nowMs) * 1_000_000n, global: getValue(root, 'global'), text };
    notifications.push({
      receiver: name,
      route: routes[i],
      groupKey,
      groupLabels: data.groupLabels ?? {},
      alertCount: group.length,
      integrations: receiver ? renderReceiver(receiver, rc) : [],
      missing: receiver ? undefined : true,
    });
  });
  return {
    labels: alert,
    fingerprint: fingerprint(alert),
    routes,
    inhibitedBy: inhibited.map((x) => ({ rule: describeRule(x.rule), by: x.by })),
    inhibitableBy: targetingRules(rules, alert).filter((r) => !inhibited.some((x) => x.rule === r)).map(describeRule),
    notifications,
    templateErrors: errors,
  };
}

/** The user's definitions over the defaults (a later definition of a name replaces an earlier one). */
function templateDefinitions(files: { path: string; text: string }[], version: string): { definitions: Definition[]; errors: string[] } {
  const functions = functionsFor('alertmanager');
  const definitions = [...defaultDefinitions()];
  const errors: string[] = [];
  for (const f of files) {
    const name = nodePath.basename(f.path);
    const parsed = parseTemplate(f.text, { name, isFunction: (n) => !!functions.get(n) && availableIn(functions.get(n)!, version), elseWith: acceptsElseWith('alertmanager', version) });
    if (parsed.errors.length > 0) {
      errors.push(goParseMessage(parsed.errors[0], name));
    } else {
      definitions.push(...parsed.definitions);
    }
  }
  return { definitions, errors };
}

/** The alert and the other alerts that take the same route with the same group labels, less the inhibited ones. */
function groupOf(route: Route, input: PreviewInput, tree: Route, rules: ReturnType<typeof inhibitRules>): PreviewAlert[] {
  const key = labelSetString(groupLabels(input.alert.labels, route.options.groupBy));
  const all = [input.alert, ...(input.others ?? [])];
  const firing = all.map((a) => a.labels);
  const seen = new Set<string>();
  return all.filter((a, i) => {
    const fp = fingerprint(a.labels);
    if (seen.has(fp)) {
      return false;
    }
    seen.add(fp);
    if (i === 0) {
      return true;
    }
    const sameGroup = matchRoutes(tree, a.labels).includes(route) && labelSetString(groupLabels(a.labels, route.options.groupBy)) === key;
    return sameGroup && inhibitionsOf(rules, a.labels, firing).length === 0;
  });
}

function notificationData(receiver: string, alerts: PreviewAlert[], group: Labels, input: PreviewInput): NotificationInput {
  // Go's RFC 3339 with nanoseconds drops a zero fraction.
  const startsAt = new Date(input.nowMs).toISOString().replace(/\.?0+Z$/, 'Z');
  return {
    receiver: quoteMeta(receiver),
    status: 'firing',
    alerts: alerts.map((a) => ({
      status: 'firing',
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt ?? startsAt,
      endsAt: a.endsAt,
      generatorURL: a.generatorURL ?? '',
      fingerprint: fingerprint(a.labels),
    })),
    groupLabels: group,
    commonLabels: common(alerts.map((a) => a.labels)),
    commonAnnotations: common(alerts.map((a) => a.annotations)),
    externalURL: input.externalURL ?? 'http://localhost:9093',
  };
}

/** dispatch/route.go Key(): the matchers of every route from the root, joined by `/`. */
function routeKey(tree: Route, route: Route): string {
  return chain(tree, route)
    .map((r) => (r.matchers.length ? routeSlug(r) : '{}'))
    .join('/');
}

function chain(tree: Route, route: Route): Route[] {
  const out = [tree];
  let cur = tree;
  for (const i of route.path) {
    cur = cur.routes[i];
    out.push(cur);
  }
  return out;
}

function routeStep(tree: Route, route: Route, intervals: Map<string, AstNode>, nowMs: number): RouteStep {
  const o = route.options;
  const mute = o.muteTimeIntervals.map((name) => ({ name, active: intervalHolds(intervals, name, nowMs) }));
  const active = o.activeTimeIntervals.map((name) => ({ name, active: intervalHolds(intervals, name, nowMs) }));
  return {
    path: chain(tree, route).map(routeSlug),
    receiver: o.receiver,
    groupBy: o.groupBy,
    groupWait: o.groupWait,
    groupInterval: o.groupInterval,
    repeatInterval: o.repeatInterval,
    continue: route.continue,
    muteTimeIntervals: mute,
    activeTimeIntervals: active,
    mutedNow: mute.some((m) => m.active) || (active.length > 0 && !active.some((a) => a.active)),
  };
}
