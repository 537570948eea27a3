/**
 * What people type when they answer the scaffold's questions (the CLI prompt, the VS Code wizard) turned into
 * options, and options turned back into the text shown as the default answer.
 */
import { unsafePathReason } from './paths';
import type { AppTarget, PublishedComponent } from './options';

/** `name=host:port/path` (path defaults to /metrics) → a target, or a message saying what is wrong. */
export function parseTarget(spec: string): AppTarget | string {
  const eq = spec.indexOf('=');
  if (eq <= 0) {
    return `target "${spec}" must be name=host:port/path, e.g. api=api:8000/metrics`;
  }
  const rest = spec.slice(eq + 1);
  const slash = rest.indexOf('/');
  return {
    name: spec.slice(0, eq),
    address: slash < 0 ? rest : rest.slice(0, slash),
    metricsPath: slash < 0 ? '/metrics' : rest.slice(slash),
  };
}

export function formatTarget(t: AppTarget): string {
  return `${t.name}=${t.address}${t.metricsPath}`;
}

/**
 * The folder for the stack, relative to a workspace folder: `""` (or `.`) is the workspace folder itself; a trailing
 * `/` is dropped. Absolute paths, `..` and odd characters get the path check's message.
 */
export function parseStackFolder(input: string): { folder: string } | { problem: string } {
  const trimmed = input.trim().replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (trimmed === '' || trimmed === '.') {
    return { folder: '' };
  }
  const problem = unsafePathReason(trimmed);
  return problem ? { problem } : { folder: trimmed };
}

const PUBLISHED: readonly PublishedComponent[] = ['prometheus', 'alertmanager', 'grafana', 'pushgateway'];

/** `grafana=3001, prometheus=9090` → the ports given, or a message saying what is wrong. */
export function parsePorts(input: string): Partial<Record<PublishedComponent, number>> | string {
  const out: Partial<Record<PublishedComponent, number>> = {};
  for (const part of input.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\s*=\s*(\d+)$/.exec(part);
    if (!m) {
      return `"${part}" must be name=port, e.g. grafana=3000`;
    }
    if (!(PUBLISHED as readonly string[]).includes(m[1])) {
      return `"${m[1]}" has no published port; use ${PUBLISHED.join(', ')}`;
    }
    out[m[1] as PublishedComponent] = Number(m[2]);
  }
  return out;
}

/** The ports of the given components as `parsePorts` reads them. */
export function formatPorts(ports: Record<PublishedComponent, number>, components: readonly string[]): string {
  return PUBLISHED.filter((c) => components.includes(c))
    .map((c) => `${c}=${ports[c]}`)
    .join(', ');
}
