import type { Problem } from '../../problem';
import { closest, ownCopy } from '../../strings';
import { getProperty, getValue, items, propertyKey, type AstNode } from '../../syntax/ast';
import { compareVersions } from '../../version';
import type { DocumentContext } from '../context';
import { matcherListProblems, matchMapProblems } from './matcherChecks';
import { alertmanagerVersion, keyOf, problem, scalarText } from './nodes';
import { globalProblems, receiverProblems } from './receivers';
import { DEFAULT_TIMING, routeProblems, type Timing } from './routeChecks';
import { detached, eachFinding, memoizable, RouteMemo, routeFindings, shifted } from './routeMemo';
import { plaintextSecretProblems } from './secrets';
import { receiverTemplateProblems, templateFiles } from './templates';
import { timeIntervalProblems } from './timeIntervals';
import { goDurationError } from './values';

// The checks of alertmanager.yml beyond its schema, after config/config.go (Config.UnmarshalYAML and the
// UnmarshalYAML of each part) and timeinterval/timeinterval.go, with Alertmanager's wording where it has one.

/** Routes deeper than this are not checked (the tree walk is recursive). */
const MAX_ROUTE_DEPTH = 500;

export function validateAlertmanagerConfig(root: AstNode | undefined, ctx: DocumentContext): Problem[] {
  if (root === undefined || root.type === 'null') {
    // Alertmanager reads an empty file as a configuration without a route.
    return [{ offset: 0, length: 0, code: 'alertmanager/no-route', message: 'no route provided in config', severity: 'error' }];
  }
  if (root.type !== 'object') {
    return [];
  }
  const version = alertmanagerVersion(ctx.settings);
  const text = ctx.text;
  const global = getValue(root, 'global');
  const receivers = items(getValue(root, 'receivers')).filter((r) => r.type === 'object');
  const intervals = [...named(root, 'mute_time_intervals'), ...named(root, 'time_intervals')];
  const files = templateFiles(root, ctx, version);
  const out: Problem[] = [...globalProblems(global, text), ...files.problems, ...(ctx.errorsOnly ? [] : plaintextSecretProblems(root, version))];

  const receiverNames = new Map<string, AstNode>();
  for (const r of receivers) {
    const nameNode = getValue(r, 'name');
    const name = scalarText(nameNode, text) ?? '';
    if (name === '') {
      // An absent name is the schema's "missing required key"; an empty one is ours.
      if (nameNode) {
        out.push(problem(nameNode, 'alertmanager/missing-name', 'missing name in receiver'));
      }
    } else if (receiverNames.has(name)) {
      out.push(problem(nameNode!, 'alertmanager/duplicate-receiver', `notification config name "${name}" is not unique`));
    } else {
      receiverNames.set(name, nameNode!);
    }
    out.push(...receiverProblems(r, global, text, version), ...receiverTemplateProblems(r, ctx, version, files.names), ...goDurations(r));
  }

  const intervalNames = new Set<string>();
  for (const { entry, section } of intervals) {
    out.push(...timeIntervalProblems(entry, text, section));
    const nameNode = getValue(entry, 'name');
    const name = scalarText(nameNode, text);
    if (name && intervalNames.has(name)) {
      const what = section === 'mute_time_intervals' ? 'mute time interval' : 'time interval';
      out.push(problem(nameNode!, 'alertmanager/duplicate-time-interval', `${what} "${name}" is not unique`));
    }
    if (name) {
      intervalNames.add(name);
    }
  }

  for (const rule of items(getValue(root, 'inhibit_rules'))) {
    out.push(...matchMapProblems(rule, 'source_', text), ...matchMapProblems(rule, 'target_', text));
    out.push(...matcherListProblems(getValue(rule, 'source_matchers'), text, version), ...matcherListProblems(getValue(rule, 'target_matchers'), text, version));
    out.push(...equalLabels(getValue(rule, 'equal'), text, version));
  }

  const route = getValue(root, 'route');
  if (route?.type === 'object') {
    out.push(...rootRouteProblems(route, text));
    const used = new Set<string>();
    const unknown = (ref: Ref, base: number, what: string, code: string, known: () => string[]): Problem =>
      unknownName({ offset: base + ref.offset, length: ref.length }, `undefined ${what} "${ref.name}" used in route`, code, ref.name, known());
    const tree = routeFindings(route, text, DEFAULT_TIMING, (node, timing) => ownFindings(node, text, version, timing), {
      maxDepth: MAX_ROUTE_DEPTH,
      memo: !ctx.oneShot && memoizable(text) ? memo : undefined,
      context: (timing) => `${version}\0${timing.groupInterval}\0${timing.repeatInterval}`,
    });
    eachFinding(tree, route.offset, (found, base) => {
      out.push(...found.problems.map((p) => shifted(p, base)));
      const rcv = found.receiver;
      if (rcv) {
        used.add(rcv.name);
        if (!receiverNames.has(rcv.name)) {
          out.push(unknown(rcv, base, 'receiver', 'alertmanager/unknown-receiver', () => [...receiverNames.keys()]));
        }
      }
      for (const ti of found.intervals) {
        if (!intervalNames.has(ti.name)) {
          out.push(unknown(ti, base, 'time interval', 'alertmanager/unknown-time-interval', () => [...intervalNames]));
        }
      }
    });
    for (const [name, node] of ctx.errorsOnly ? [] : receiverNames) {
      if (!used.has(name)) {
        out.push(problem(node, 'alertmanager/unused-receiver', `Receiver "${name}" is not used by any route.`, 'warning'));
      }
    }
  }
  return out;
}

/** A name a route refers to (receiver, time interval), placed relative to the route. */
interface Ref {
  name: string;
  offset: number;
  length: number;
}

/** One route's own problems and the names it refers to, relative to the route (kept by route text in `memo`). */
interface OwnFindings {
  problems: Problem[];
  receiver?: Ref;
  intervals: Ref[];
}

const memo = new RouteMemo<OwnFindings>();

function ownFindings(node: AstNode, text: string, version: string, parent: Timing): { found: OwnFindings; passed: Timing } {
  const { problems, timing } = routeProblems(node, text, version, parent);
  const ref = (n: AstNode, name: string): Ref => ({ name: ownCopy(name), offset: n.offset - node.offset, length: n.length });
  const rcv = getValue(node, 'receiver');
  const name = scalarText(rcv, text);
  const intervals: Ref[] = [];
  for (const key of ['mute_time_intervals', 'active_time_intervals']) {
    for (const item of items(getValue(node, key))) {
      intervals.push(ref(item, scalarText(item, text) ?? ''));
    }
  }
  const found = { problems: problems.map((p) => detached(p, node.offset)), receiver: name ? ref(rcv!, name) : undefined, intervals };
  return { found, passed: timing };
}

function named(root: AstNode, section: string): { entry: AstNode; section: string }[] {
  return items(getValue(root, section)).filter((e) => e.type === 'object').map((entry) => ({ entry, section }));
}

function rootRouteProblems(route: AstNode, text: string): Problem[] {
  const out: Problem[] = [];
  const key = keyOf(route.parent!);
  if (!scalarText(getValue(route, 'receiver'), text)) {
    out.push(problem(getProperty(route, 'receiver') ? keyOf(getProperty(route, 'receiver')!) : key, 'alertmanager/root-receiver', 'root route must specify a default receiver'));
  }
  const nonEmpty = (k: string): AstNode | undefined => {
    const prop = getProperty(route, k);
    const v = prop?.children![1];
    return v && (v.type === 'array' || v.type === 'object') && (v.children?.length ?? 0) > 0 ? prop : undefined;
  };
  const matcher = nonEmpty('match') ?? nonEmpty('match_re') ?? nonEmpty('matchers');
  if (matcher) {
    out.push(problem(keyOf(matcher), 'alertmanager/root-matchers', 'root route must not have any matchers'));
  }
  for (const [k, what] of [['mute_time_intervals', 'mute time intervals'], ['active_time_intervals', 'active time intervals']]) {
    const prop = nonEmpty(k);
    if (prop) {
      out.push(problem(keyOf(prop), 'alertmanager/root-time-intervals', `root route must not have any ${what}`));
    }
  }
  const cont = getProperty(route, 'continue');
  if (cont && scalarText(cont.children![1], text) === 'true') {
    out.push(problem(keyOf(cont), 'alertmanager/root-continue', 'cannot have continue in root route'));
  }
  return out;
}

function unknownName(node: { offset: number; length: number }, message: string, code: string, name: string, known: string[]): Problem {
  const p: Problem = { offset: node.offset, length: node.length, code, message, severity: 'error' };
  const guess = closest(name, known);
  if (guess) {
    p.message += `; did you mean "${guess}"?`;
    p.fix = { title: `Change to ${guess}`, replacement: guess };
  }
  return p;
}

/** `equal` of inhibit rules: label names (model.LabelNames), UTF-8 names once Alertmanager's model allows them. */
function equalLabels(list: AstNode | undefined, text: string, version: string): Problem[] {
  const utf8 = compareVersions(version, '0.28') >= 0;
  return items(list).flatMap((item) => {
    const name = scalarText(item, text) ?? '';
    const valid = utf8 ? name !== '' : /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
    return valid ? [] : [problem(item, 'alertmanager/invalid-label-name', `"${name}" is not a valid label name`)];
  });
}

/** Fields Alertmanager reads with Go's time.ParseDuration. */
const GO_DURATIONS = new Set(['timeout', 'retry', 'expire', 'ttl']);

function goDurations(receiver: AstNode): Problem[] {
  const out: Problem[] = [];
  for (const prop of receiver.children ?? []) {
    if (!propertyKey(prop).endsWith('_configs')) {
      continue;
    }
    for (const cfg of items(prop.children![1])) {
      for (const field of cfg.type === 'object' ? cfg.children! : []) {
        const value = field.children![1];
        const s = GO_DURATIONS.has(propertyKey(field)) && value?.type === 'string' ? String(value.value) : undefined;
        const err = s === undefined ? undefined : goDurationError(s);
        if (err) {
          out.push(problem(value!, 'alertmanager/invalid-duration', err));
        }
      }
    }
  }
  return out;
}
