import { CHANNELS, COMPONENTS, type ScaffoldOptions } from './options';

/** A problem with the options: the field it is about (`targets[1].address`) and what to do. */
export interface OptionProblem {
  field: string;
  message: string;
}

const NAME = /^[a-z][a-z0-9_-]{0,62}$/;
const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/;
const DURATION = /^(?:\d+(?:y|w|d|h|ms|m|s))+$/;

/** Every problem with the options, in field order; empty when they can be generated. */
export function validateOptions(o: ScaffoldOptions): OptionProblem[] {
  const out: OptionProblem[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  if (o.flavour !== 'compose' && o.flavour !== 'kubernetes') {
    add('flavour', `unknown flavour "${String(o.flavour)}"; use compose or kubernetes`);
  }
  componentProblems(o, add);
  const channels = new Set<string>();
  for (const c of o.channels) {
    if (!(CHANNELS as readonly string[]).includes(c)) {
      add('channels', `unknown channel "${c}"; use ${CHANNELS.join(', ')}`);
    } else if (channels.has(c)) {
      add('channels', `channel "${c}" is given twice`);
    }
    channels.add(c);
  }
  if (o.channels.length && !o.components.includes('alertmanager')) {
    add('channels', 'notification channels need the alertmanager component');
  }
  const names = new Set<string>(COMPONENTS);
  o.targets.forEach((t, i) => {
    const at = `targets[${i}]`;
    const nameProblem = targetNameProblem(t.name);
    if (nameProblem) {
      add(`${at}.name`, nameProblem);
    } else if (names.has(t.name)) {
      add(`${at}.name`, `"${t.name}" is already the name of ${(COMPONENTS as readonly string[]).includes(t.name) ? 'a component' : 'another target'}; pick another`);
    }
    names.add(t.name);
    const addressProblem = addressProblemOf(t.address);
    if (addressProblem) {
      add(`${at}.address`, addressProblem);
    }
    const pathProblem = metricsPathProblem(t.metricsPath);
    if (pathProblem) {
      add(`${at}.metricsPath`, pathProblem);
    }
  });
  o.probes.forEach((p, i) => {
    const problem = probeProblem(p);
    if (problem) {
      add(`probes[${i}]`, problem);
    }
  });
  if (o.probes.length && !o.components.includes('blackbox-exporter')) {
    add('probes', 'probing URLs needs the blackbox-exporter component');
  }
  if (!DURATION.test(o.retention) || !/[1-9]/.test(o.retention)) {
    add('retention', `retention "${o.retention}" is not a duration such as 15d, 12h or 1y`);
  }
  portProblems(o, add);
  return out;
}

function componentProblems(o: ScaffoldOptions, add: (field: string, message: string) => void): void {
  const seen = new Set<string>();
  for (const c of o.components) {
    if (!(COMPONENTS as readonly string[]).includes(c)) {
      add('components', `unknown component "${c}"; choose from ${COMPONENTS.join(', ')}`);
    } else if (seen.has(c)) {
      add('components', `component "${c}" is given twice`);
    }
    seen.add(c);
  }
  if (!seen.has('prometheus')) {
    add('components', 'prometheus is required: every other part of the stack hangs on it');
  }
  for (const agent of ['promtail', 'alloy']) {
    if (seen.has(agent) && !seen.has('loki')) {
      add('components', `${agent} ships logs to Loki: add the loki component`);
    }
  }
  if (seen.has('promtail') && seen.has('alloy')) {
    add('components', 'choose one log agent: promtail or alloy, not both');
  }
}

/** Target names become job names, label values and README headings; nothing path-like gets through. */
export function targetNameProblem(name: string): string | undefined {
  if (!name) {
    return 'a target needs a name';
  }
  if (name.includes('/') || name.includes('\\') || name.includes('..')) {
    return `target name "${name}" looks like a path; use letters, digits, "-" and "_" only`;
  }
  if (!NAME.test(name)) {
    return `target name "${name}" must start with a lower-case letter and hold only lower-case letters, digits, "-" and "_" (at most 63)`;
  }
  return undefined;
}

export function addressProblemOf(address: string): string | undefined {
  const m = /^(.+):(\d{1,5})$/.exec(address);
  if (!m) {
    return `address "${address}" must be host:port, e.g. api:8000`;
  }
  const host = m[1];
  const ipv6 = /^\[[0-9A-Fa-f:.]+\]$/.test(host);
  if (!ipv6 && !HOST.test(host)) {
    return `host "${host}" of "${address}" is not a host name or IP address`;
  }
  const port = Number(m[2]);
  if (port < 1 || port > 65535) {
    return `port ${m[2]} of "${address}" is outside 1-65535`;
  }
  return undefined;
}

export function metricsPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) {
    return `metrics path "${path}" must start with "/", e.g. /metrics`;
  }
  const segments = path.slice(1).split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) {
    return `metrics path "${path}" must not contain "." or ".." segments`;
  }
  const odd = segments.find((s) => !PATH_SEGMENT.test(s));
  if (odd !== undefined) {
    return `metrics path "${path}" has unusual characters in "${odd}"; use letters, digits, ".", "-", "_" and "~"`;
  }
  return undefined;
}

function probeProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `probe "${url}" is not a URL such as https://example.com`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `probe "${url}" must be an http:// or https:// URL`;
  }
  if (parsed.username || parsed.password) {
    return `probe "${url}" carries credentials; they would end up in prometheus.yml`;
  }
  if (/[\s'"`$\\]/.test(url)) {
    return `probe "${url}" has quotes, spaces, "$" or backslashes`;
  }
  return undefined;
}

function portProblems(o: ScaffoldOptions, add: (field: string, message: string) => void): void {
  const used = new Map<number, string>();
  for (const [component, port] of Object.entries(o.ports)) {
    if (!o.components.includes(component as keyof ScaffoldOptions['ports'])) {
      continue;
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      add(`ports.${component}`, `port ${String(port)} of ${component} is not a whole number in 1-65535`);
      continue;
    }
    const other = used.get(port);
    if (other) {
      add(`ports.${component}`, `port ${port} is already used by ${other}`);
    }
    used.set(port, component);
  }
}
