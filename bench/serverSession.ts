import { pathToFileURL } from 'node:url';
import { LspProcess } from '../test/helpers/lspClient';
import { peakRssMiB, percentile, verdict } from './stats';

interface PulledDiagnostic {
  severity?: number;
  message: string;
}

/** What a generated file may show when first opened: nothing at all, or information and hints only. */
export type Expected = 'clean' | 'no errors or warnings';

/** A generated file open in the real language server over stdio. */
export interface OpenedFile {
  server: LspProcess;
  uri: string;
  /** didOpen → first pulled diagnostics, in ms. */
  firstMs: number;
  /**
   * didOpen → the file read into the workspace indexes (the outline answers), in ms: a large rule file's first
   * diagnostics come before that, its cross-file findings after.
   */
  indexedMs: number;
  /** Pulls the file's diagnostics, as VS Code asks for them after each change. */
  pull(): Promise<PulledDiagnostic[]>;
}

/** Fresh server starts whose first diagnostics are timed: their median is reported (the machine is shared, noisy). */
const FIRST_OPENS = 3;

/**
 * Starts the server on `dir`, opens `file` (already written with `text`) and times its first diagnostics, which
 * must be as `expected` (the median of FIRST_OPENS fresh starts); then runs `measure` on the last server and stops it.
 */
export async function withOpenedFile<T>(dir: string, file: string, text: string, expected: Expected, measure: (f: OpenedFile) => Promise<T>): Promise<T> {
  const earlier: { firstMs: number; indexedMs: number }[] = [];
  for (let i = 1; i < FIRST_OPENS; i++) {
    const f = await openedFile(dir, file, text, expected);
    earlier.push(f);
    await f.server.stop();
  }
  const f = await openedFile(dir, file, text, expected);
  try {
    const all = [...earlier, f];
    return await measure({ ...f, firstMs: percentile(all.map((x) => x.firstMs), 50), indexedMs: percentile(all.map((x) => x.indexedMs), 50) });
  } finally {
    await f.server.stop();
  }
}

/** A server started on `dir` with `file` opened in it, and how long its first diagnostics took. */
async function openedFile(dir: string, file: string, text: string, expected: Expected): Promise<OpenedFile> {
  const uri = pathToFileURL(file).href;
  const server = new LspProcess();
  // What VS Code declares: pulled diagnostics, and refreshes the server may ask for.
  await server.initialize(pathToFileURL(dir).href, { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } });
  server.connection.onRequest('workspace/diagnostic/refresh', () => null);
  const pull = async (): Promise<PulledDiagnostic[]> =>
    ((await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: PulledDiagnostic[] }).items;
  const t = performance.now();
  await server.open(uri, text);
  const first = await pull();
  const firstMs = performance.now() - t;
  await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  const indexedMs = performance.now() - t;
  const unexpected = expected === 'clean' ? first : first.filter((d) => (d.severity ?? 1) <= 2);
  if (unexpected.length) {
    await server.stop();
    throw new Error(`the generated file should ${expected === 'clean' ? 'be clean' : 'have no errors or warnings'}, got: ${unexpected[0].message}`);
  }
  return { server, uri, firstMs, indexedMs, pull };
}

/**
 * Times `rounds` edits and the diagnostics pulled after each: version `v` is `edited(v, current)`, where `current`
 * is the text as the previous edit left it (typing changes one place at a time, on top of what is there).
 */
export async function timeEdits(f: OpenedFile, rounds: number, initial: string, edited: (version: number, current: string) => string): Promise<number[]> {
  const times: number[] = [];
  let current = initial;
  for (let v = 2; v < 2 + rounds; v++) {
    const text = edited(v, current);
    current = text;
    const t = performance.now();
    await f.server.change(f.uri, v, text);
    await f.pull();
    times.push(performance.now() - t);
  }
  return times;
}

/** The budget lines of opening and editing: first diagnostics, then edit → diagnostics p50 and p95. */
export function diagnosticsVerdicts(f: OpenedFile, edits: number[], budgets: { open: number; edit: number }): string[] {
  return [
    verdict(`didOpen → first diagnostics (median of ${FIRST_OPENS})`, f.firstMs, budgets.open),
    `     ${'didOpen → read into the workspace indexes'.padEnd(44)} ${f.indexedMs.toFixed(1).padStart(8)} ms`,
    verdict('edit → diagnostics p50', percentile(edits, 50), budgets.edit),
    verdict('edit → diagnostics p95', percentile(edits, 95), budgets.edit),
  ];
}

/** The server's peak resident memory so far, as a report line. */
export function peakRssLine(f: OpenedFile): string {
  return `     server peak RSS                              ${peakRssMiB(f.server.pid).toFixed(0).padStart(8)} MiB`;
}
