import { PrometheusClient } from '../core/prometheus/client';
import { environmentCredentials, planConnections, type Credential, type PlannedConnection } from '../core/prometheus/connections';
import { PrometheusError } from '../core/prometheus/errors';
import { prepareQuery } from '../core/query/prepare';
import { runQuery } from '../core/query/run';
import { toCsv, toJson, toTable } from '../core/query/table';
import type { QueryFailure, TimeWindow } from '../core/query/types';
import { autoStep, lastWindow, parseDurationSeconds, parseTime } from '../core/query/window';
import type { ProjectSettings } from '../core/settings';
import { findProjectConfig, loadProjectSettings } from '../node/nodeFs';
import type { ParsedArgs } from './args';
import { UsageError } from './args';

export const QUERY_HELP = `Usage: o11y query [options] <expr>

Runs a PromQL expression on a Prometheus (or compatible) server and prints the result.

Options:
  --url URL              the server (default: O11Y_PROMETHEUS_URL, else the connection of .o11y.yaml, else http://localhost:9090)
  --connection NAME      a named connection of .o11y.yaml
  --time T               evaluation time of an instant query (default: now)
  --start S --end E      a range query from S to E (E defaults to now)
  --range D              a range query over the last D, e.g. 1h (same as --start now-D)
  --step D               resolution of a range query, e.g. 30s (default: about 240 points)
  --format table|json|csv  output format (default: table)

Times: now, now-1h, RFC 3339 (2024-05-01T12:00:00Z) or unix seconds. Durations: 30s, 5m, 1h30m, or seconds.
Credentials come from O11Y_PROMETHEUS_TOKEN, or O11Y_PROMETHEUS_USER and O11Y_PROMETHEUS_PASSWORD.

Exit status: 1 when the query failed, 0 otherwise, 2 on bad usage.
`;

function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (v === true) {
    throw new UsageError(`--${name} needs a value`);
  }
  return v;
}

function timeFlag(args: ParsedArgs, name: string, now: number): number | undefined {
  const text = flag(args, name);
  if (text === undefined) {
    return undefined;
  }
  const t = parseTime(text, now);
  if (t === undefined) {
    throw new UsageError(`--${name}: "${text}" is not a time (now, now-1h, RFC 3339 or unix seconds)`);
  }
  return t;
}

function durationFlag(args: ParsedArgs, name: string): number | undefined {
  const text = flag(args, name);
  if (text === undefined) {
    return undefined;
  }
  const d = parseDurationSeconds(text);
  if (d === undefined || d <= 0) {
    throw new UsageError(`--${name}: "${text}" is not a positive duration (30s, 5m, 1h …)`);
  }
  return d;
}

/** The range of a range query, when the options ask for one. */
export function rangeOf(args: ParsedArgs, now: number): TimeWindow | undefined {
  const step = durationFlag(args, 'step');
  const last = durationFlag(args, 'range');
  const start = timeFlag(args, 'start', now);
  const end = timeFlag(args, 'end', now) ?? now;
  if (last !== undefined && start !== undefined) {
    throw new UsageError('give either --range or --start, not both');
  }
  if (last !== undefined) {
    return lastWindow(last, end, step);
  }
  if (start === undefined) {
    if (step !== undefined || args.flags.end !== undefined) {
      throw new UsageError('--step and --end need --start or --range');
    }
    return undefined;
  }
  if (end < start) {
    throw new UsageError('--end is before --start');
  }
  return { start, end, step: step ?? autoStep(end - start) };
}

/** The connection to use: --url, else the environment, else .o11y.yaml's, else the default URL. */
export function chooseConnection(args: ParsedArgs, settings: ProjectSettings, env: Record<string, string | undefined>): PlannedConnection {
  const url = flag(args, 'url');
  const name = flag(args, 'connection');
  const fromEnv = environmentCredentials(env);
  const connections = url ? { prometheus: [], url } : settings.connections;
  const plan = (credentials: Credential[]) => planConnections(connections, url ? undefined : fromEnv.url, credentials);
  const pick = (p: ReturnType<typeof plan>) => p.connections.find((c) => c.name === (name ?? p.active));
  const chosen = pick(plan([]));
  if (!chosen) {
    const names = plan([]).connections.map((c) => c.name);
    throw new UsageError(`no connection named "${name}" (.o11y.yaml has: ${names.join(', ') || 'none'})`);
  }
  return fromEnv.credential ? pick(plan([{ url: chosen.config.url, ...fromEnv.credential }]))! : chosen;
}

/**
 * The client for the connection the flags and project settings choose (settings warnings printed); undefined,
 * with the reason printed, when its configuration is unusable (a malformed URL, say).
 */
export function connectFromFlags(args: ParsedArgs, err: (s: string) => void): { client: PrometheusClient; connection: PlannedConnection } | undefined {
  const { settings, warnings } = loadProjectSettings(findProjectConfig(process.cwd()));
  warnings.forEach((w) => err(`warning: ${w}\n`));
  const connection = chooseConnection(args, settings, process.env);
  try {
    return { client: new PrometheusClient(connection.config), connection };
  } catch (e) {
    err(`o11y: ${e instanceof PrometheusError ? e.message : String(e)}\n`);
    return undefined;
  }
}

/** The expression again with a caret under the offset a parse error names. */
function pointAt(f: QueryFailure): string {
  if (f.query === undefined || f.queryOffset === undefined) {
    return '';
  }
  const before = f.query.slice(0, f.queryOffset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = f.query.indexOf('\n', f.queryOffset);
  const line = f.query.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  return `  ${line}\n  ${' '.repeat(f.queryOffset - lineStart)}^\n`;
}

export async function runQueryCommand(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const format = String(args.flags.format ?? 'table');
  if (!['table', 'json', 'csv'].includes(format)) {
    throw new UsageError(`unknown --format "${format}" (use table, json or csv)`);
  }
  if (args.positionals.length !== 1) {
    throw new UsageError(args.positionals.length ? 'give the expression as one argument (quote it)' : 'give a PromQL expression to run');
  }
  const now = Date.now() / 1000;
  const range = rangeOf(args, now);
  const time = range ? now : (timeFlag(args, 'time', now) ?? now);
  const connected = connectFromFlags(args, err);
  if (!connected) {
    return 1;
  }
  const { client, connection } = connected;
  try {
    const prepared = prepareQuery({ expr: args.positionals[0] }, range ?? lastWindow(3600, time));
    if ('error' in prepared) {
      err(`o11y: ${prepared.error}\n`);
      return 1;
    }
    const target = { name: connection.name, url: client.url, api: client, quiet: connection.quiet };
    const result = await runQuery(target, prepared, { range, time });
    if (!result.ok) {
      const hint = result.kind === 'noConnection' ? '\nGive the server with --url, O11Y_PROMETHEUS_URL or connections in .o11y.yaml.' : '';
      err(`o11y: ${result.errorType ? `${result.errorType}: ` : ''}${result.message}${hint}\n${pointAt(result)}`);
      return 1;
    }
    out(format === 'json' ? toJson(result) : format === 'csv' ? toCsv(result) : toTable(result));
    [...result.warnings, ...result.infos].forEach((w) => err(`warning: ${w}\n`));
    if (format === 'table') {
      err(`${result.summary.replace(/^→ /, '')} (${result.connection})\n`);
    }
    return 0;
  } finally {
    await client.close();
  }
}
