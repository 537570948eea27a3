import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LanguageService, type TextDocumentLike } from '../core/languageService';
import type { ProjectSettings } from '../core/settings';
import { pathToUri } from '../core/uri';
import { findProjectConfig, loadProjectSettings, nodeFileSystem } from '../node/nodeFs';
import type { ParsedArgs } from './args';
import { UsageError } from './args';
import { cliSeverity, formatJson, formatSarif, formatText, type Finding } from './report';
import { collectFiles } from '../node/walk';
import { VERSION } from './version';

export const CHECK_HELP = `Usage: o11y check [options] <file or folder>...

Validates Prometheus, Alertmanager and Grafana files (kinds are detected from names and content).

Options:
  --format text|json|sarif   output format (default: text)
  --prometheus-version X     target Prometheus version (default: from .o11y.yaml, else the newest known)
  --config FILE              project configuration (default: the nearest .o11y.yaml)
  --quiet                    print errors only
  --live                     also ask a running Prometheus: metrics it does not have, labels that never have the
                             value matched, rate() on a gauge (warnings)
  --url URL                  the server for --live (default: O11Y_PROMETHEUS_URL, else the connection of
                             .o11y.yaml, else http://localhost:9090)
  --connection NAME          a named connection of .o11y.yaml for --live
  --timeout D                how long --live waits for each answer, e.g. 10s (default: the connection's, else 30s)

Exit status: 1 when any error was found or the --live server could not be asked, 0 otherwise, 2 on bad usage.
`;

export function runCheck(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): number {
  return finishCheck(startCheck(args, err), out, err);
}

/** A check with its files read and indexed, ready to report. */
export interface CheckJob {
  args: ParsedArgs;
  format: string;
  settings: ProjectSettings;
  service: LanguageService;
  files: string[];
  missing: string[];
  texts: Map<string, string | Error>;
  /** One named file, without --live: no other file can add findings, so nothing is read into the indexes. */
  alone: boolean;
}

/** Reads the options and every file into the workspace; throws UsageError for bad options. */
export function startCheck(args: ParsedArgs, err: (s: string) => void): CheckJob {
  const format = String(args.flags.format ?? 'text');
  if (!['text', 'json', 'sarif'].includes(format)) {
    throw new UsageError(`unknown --format "${format}" (use text, json or sarif)`);
  }
  if (!args.positionals.length) {
    throw new UsageError('name at least one file or folder to check');
  }
  const liveOnly = ['url', 'connection', 'timeout'].filter((f) => args.flags[f] !== undefined);
  if (!args.flags.live && liveOnly.length) {
    throw new UsageError(`--${liveOnly[0]} goes with --live`);
  }
  const configFile = typeof args.flags.config === 'string' ? args.flags.config : findProjectConfig(process.cwd());
  const { settings, warnings } = loadProjectSettings(configFile);
  warnings.forEach((w) => err(`warning: ${w}\n`));
  if (typeof args.flags['prometheus-version'] === 'string') {
    settings.versions.prometheus = args.flags['prometheus-version'];
  }
  const root = configFile ? path.dirname(path.resolve(configFile)) : process.cwd();
  const service = new LanguageService({ fs: nodeFileSystem }, root, { incremental: false });
  service.configure(settings);
  const { files, missing } = collectFiles(args.positionals);
  const named = new Set(args.positionals);
  const alone = files.length === 1 && named.has(files[0]) && !args.flags.live;
  const texts = alone ? readAll(files) : indexAll(service, files, files.length > 0 && files.every((f) => named.has(f)));
  return { args, format, settings, service, files, missing, texts, alone };
}

/** Checks every file of the job and prints the findings; returns the exit status. */
export function finishCheck(job: CheckJob, out: (s: string) => void, err: (s: string) => void): number {
  const { args, format, service, files, missing, texts, alone } = job;
  const findings: Finding[] = missing.map((m) => ({
    file: m, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'o11y/file-not-found', message: `No such file or folder: ${m}`,
  }));
  let checked = 0;
  const named = new Set(args.positionals);
  for (const file of files) {
    const result = checkFile(service, file, texts.get(file), alone);
    if (result) {
      checked++;
      findings.push(...result);
    } else if (named.has(file)) {
      err(`note: ${file}: not recognised as a Prometheus, Alertmanager or Grafana file; set its kind under "files:" in .o11y.yaml\n`);
    }
  }
  const shown = args.flags.quiet ? findings.filter((f) => f.severity === 'error') : findings;
  out(format === 'json' ? formatJson(shown) : format === 'sarif' ? formatSarif(shown, VERSION) : formatText(shown, checked));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/**
 * Reads every file into the workspace indexes before any is checked, so cross-file checks (duplicate rules,
 * recorded metrics) see them all. The checked files are the workspace: when folders were given it is complete
 * (unused recording rules are reported); when only files were named, nothing can be said to be unused.
 */
function indexAll(service: LanguageService, files: string[], onlyFiles: boolean): Map<string, string | Error> {
  const texts = readAll(files);
  for (const [file, text] of texts) {
    if (typeof text === 'string') {
      service.indexFile(path.resolve(file), text);
    }
  }
  if (!onlyFiles) {
    service.rules.markComplete();
  }
  return texts;
}

/** Each file's text, or the error that kept it from being read. */
function readAll(files: string[]): Map<string, string | Error> {
  const texts = new Map<string, string | Error>();
  for (const file of files) {
    try {
      texts.set(file, readFileSync(file, 'utf8'));
    } catch (e) {
      texts.set(file, e as Error);
    }
  }
  return texts;
}

/** The document the check reads for a file (the same object shape each time, so its parse is reused). */
export function docOf(file: string, text: string): TextDocumentLike {
  return { uri: pathToUri(path.resolve(file)), version: 1, getText: () => text };
}

/** Findings of one file (`alone`: the only one checked), or undefined when the file is not a kind we know. */
function checkFile(service: LanguageService, file: string, text: string | Error | undefined, alone: boolean): Finding[] | undefined {
  if (typeof text !== 'string') {
    const message = text?.message ?? 'not read';
    return [{ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'o11y/unreadable', message }];
  }
  const doc = docOf(file, text);
  const result = alone ? service.checkAlone(doc) : service.fileKind(doc) === 'unknown' ? undefined : service.check(doc);
  if (!result) {
    return undefined;
  }
  const { problems, unusedSuppressions, context } = result;
  const all = [
    ...problems,
    ...unusedSuppressions.map((s) => ({
      offset: s.offset,
      length: s.length,
      severity: 'warning' as const,
      code: 'o11y/unused-suppression',
      message: `This suppression comment hides nothing${s.codes.length ? ` (${s.codes.join(', ')})` : ''}; remove it.`,
    })),
  ];
  return all
    .sort((a, b) => a.offset - b.offset)
    .map((p) => {
      const r = context.lines.range(p.offset, p.length);
      return {
        file,
        line: r.start.line + 1,
        column: r.start.character + 1,
        endLine: r.end.line + 1,
        endColumn: r.end.character + 1,
        severity: cliSeverity(p.severity),
        code: p.code,
        message: p.message,
      };
    });
}
