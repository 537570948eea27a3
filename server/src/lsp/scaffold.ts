import { existsSync, statSync } from 'node:fs';
import type { Connection } from 'vscode-languageserver/node';
import { StackFolder } from '../cli/scaffoldFs';
import {
  checkStack,
  defaultOptions,
  generateStack,
  parseStackFolder,
  planWrite,
  validateOptions,
  type OptionProblem,
  type ScaffoldOptions,
  type StackFinding,
  type WriteAction,
} from '../core/scaffold/index';
import { uriToPath } from '../core/uri';
import { runSafe } from './runSafe';

export interface ScaffoldPlanParams {
  /** The workspace folder (a `file:` URI) the stack goes into. */
  workspaceFolder: string;
  /** The stack's folder relative to it, `""` for the workspace folder itself. */
  folder: string;
  /** What to generate; fields left out take `o11y scaffold --yes`'s defaults. */
  options: Partial<ScaffoldOptions>;
}

export type ScaffoldPlanResponse =
  | {
      ok: true;
      /** The stack's folder relative to the workspace folder (normalised; `""` for itself); the plan's paths are relative to it. */
      folder: string;
      plan: WriteAction[];
      /** Errors and warnings `o11y check` reports in the generated files (none, normally). */
      findings: StackFinding[];
    }
  | { ok: false; problems: OptionProblem[] };

const ARRAY_FIELDS = ['components', 'targets', 'channels', 'probes'] as const;

/** The options with defaults filled in, or what is malformed about them (wrong JSON types, not bad values). */
function optionsOf(given: unknown): ScaffoldOptions | OptionProblem[] {
  if (given === undefined || given === null) {
    return defaultOptions();
  }
  if (typeof given !== 'object' || Array.isArray(given)) {
    return [{ field: 'options', message: 'options must be an object' }];
  }
  const o = { ...defaultOptions(), ...(given as Partial<ScaffoldOptions>) };
  const problems: OptionProblem[] = ARRAY_FIELDS.filter((f) => !Array.isArray(o[f])).map((f) => ({ field: f, message: `${f} must be a list` }));
  const isTarget = (t: unknown) =>
    !!t && typeof t === 'object' && ['name', 'address', 'metricsPath'].every((k) => typeof (t as Record<string, unknown>)[k] === 'string');
  if (Array.isArray(o.targets) && !o.targets.every(isTarget)) {
    problems.push({ field: 'targets', message: 'each target needs the strings name, address and metricsPath' });
  }
  if (typeof o.retention !== 'string') {
    problems.push({ field: 'retention', message: 'retention must be a duration such as 15d' });
  }
  if (typeof o.ports !== 'object' || o.ports === null) {
    problems.push({ field: 'ports', message: 'ports must map component names to numbers' });
  } else {
    o.ports = { ...defaultOptions().ports, ...o.ports };
  }
  return problems.length ? problems : o;
}

/** The plan for a request, or the problems that stop it; reads the existing files, writes nothing. */
export function scaffoldPlan(params: Partial<ScaffoldPlanParams> | undefined): ScaffoldPlanResponse {
  const fail = (field: string, message: string): ScaffoldPlanResponse => ({ ok: false, problems: [{ field, message }] });
  const root = typeof params?.workspaceFolder === 'string' ? uriToPath(params.workspaceFolder) : undefined;
  if (!root) {
    return fail('workspaceFolder', 'the stack is written into a folder on disk: give a file: URI');
  }
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return fail('workspaceFolder', `${root} is not a folder`);
  }
  const folder = parseStackFolder(typeof params?.folder === 'string' ? params.folder : '');
  if ('problem' in folder) {
    return fail('folder', folder.problem);
  }
  const options = optionsOf(params?.options);
  if (Array.isArray(options)) {
    return { ok: false, problems: options };
  }
  const problems = validateOptions(options);
  if (problems.length) {
    return { ok: false, problems };
  }
  const files = generateStack(options);
  const inRoot = (p: string) => (folder.folder ? `${folder.folder}/${p}` : p);
  const disk = new StackFolder(root);
  const refusals = [...files.keys()].flatMap((p) => [p, `${p}.new`]).map((p) => disk.refusal(inRoot(p)));
  const refused = refusals.find((r) => r !== undefined);
  if (refused) {
    return fail('folder', refused);
  }
  const current = disk.readExisting([...files.keys()].map(inRoot));
  const existing = new Map([...files.keys()].map((p) => [p, current.get(inRoot(p))]));
  return {
    ok: true,
    folder: folder.folder,
    plan: planWrite(files, existing, { force: false }),
    findings: checkStack(files).filter((f) => f.severity === 'error' || f.severity === 'warning'),
  };
}

/**
 * `o11y/scaffoldPlan`: what the scaffold would write into a folder of the workspace (the VS Code wizard shows it,
 * asks about files that exist, and applies it as an undoable edit). Bad options, unsafe folders and symbolic links
 * on the way answer `ok: false` with the problems; nothing is ever written here.
 */
export function registerScaffold(connection: Connection): void {
  const fallback: ScaffoldPlanResponse = { ok: false, problems: [{ field: 'request', message: 'the scaffold failed; see the O11y output' }] };
  connection.onRequest('o11y/scaffoldPlan', (params: Partial<ScaffoldPlanParams> | undefined, token) =>
    runSafe(connection, () => scaffoldPlan(params), fallback, 'scaffoldPlan', token, { beforeWorkspace: true }),
  );
}
