import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { run } from './run';

export const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

/** promtool's verdict on one rule file: valid unless it reported an error (a lint finding is not one). */
export interface PromtoolVerdict {
  valid: boolean;
  /** What promtool said about the file, without file name prefixes; '' when it only counted the rules. */
  message: string;
}

/**
 * `promtool check rules` over many files in ONE run (it checks them one after the other and reports per file).
 * Keys of the result are the paths as given. Throws when promtool cannot be run or its output cannot be read.
 *
 * Per file promtool prints `Checking <file>` and then either `  SUCCESS: N rules found` on stdout or a
 * `  FAILED:` block on stderr (cmd/promtool/main.go CheckRules). The two streams arrive separately, so the
 * n-th FAILED block belongs to the n-th file without a SUCCESS line. A block holding only a lint finding
 * (`lint error …`, duplicate rules) leaves the exit code at 0: the file is valid.
 */
export async function promtoolCheckRules(files: string[], cwd: string): Promise<Map<string, PromtoolVerdict>> {
  const r = await run(PROMTOOL, ['check', 'rules', ...files], cwd);
  if (r.spawnError) {
    throw new Error(`cannot run ${PROMTOOL}: ${r.spawnError.message}`);
  }
  const checked: { file: string; success: boolean }[] = [];
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('Checking ')) {
      checked.push({ file: line.slice('Checking '.length), success: false });
    } else if (line.startsWith('  SUCCESS: ') && checked.length) {
      checked[checked.length - 1].success = true;
    }
  }
  const blocks = r.stderr.split(/^ {2}FAILED:\n/m).slice(1);
  const failed = checked.filter((c) => !c.success);
  if (checked.length !== files.length || blocks.length !== failed.length) {
    throw new Error(`unexpected promtool output (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  const out = new Map<string, PromtoolVerdict>();
  checked.filter((c) => c.success).forEach((c) => out.set(c.file, { valid: true, message: '' }));
  failed.forEach((c, i) => {
    const message = blocks[i]
      .split('\n')
      .map((l) => (l.startsWith(`${c.file}: `) ? l.slice(c.file.length + 2) : l).trimEnd())
      .filter((l) => l !== '')
      .join('\n');
    out.set(c.file, { valid: message.startsWith('lint error'), message });
  });
  return out;
}

/** Whether a YAML file holds Kubernetes `PrometheusRule` resources rather than a plain rule file. */
export function isPrometheusRuleFile(text: string): boolean {
  return /^kind:\s*PrometheusRule\s*$/m.test(text);
}

/** A plain rule file made of one document of a file of Kubernetes resources (1-based). */
export interface RuleSpecFile {
  path: string;
  document: number;
}

/**
 * promtool reads plain rule files only. For a file of Kubernetes resources, the `spec` of every PrometheusRule
 * document (its `groups`) is written to a plain rule file of its own, as JSON (a subset of YAML, so aliases and
 * block scalars arrive resolved) in the folder `tmp`; other resources (ConfigMaps, Deployments …) are left out.
 * Throws on a file the `yaml` package cannot read: such a fixture would compare nothing.
 */
export function extractRuleSpecs(path: string, tmp: string): RuleSpecFile[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  const out: RuleSpecFile[] = [];
  docs.forEach((doc, i) => {
    if (doc.errors.length) {
      throw new Error(`${path}: document ${i + 1}: ${doc.errors[0].message}`);
    }
    const value = doc.toJS() as { kind?: unknown; spec?: unknown } | null;
    if (value?.kind === 'PrometheusRule') {
      const file = resolve(tmp, `${basename(path)}.doc${i + 1}.yml`);
      writeFileSync(file, JSON.stringify(value.spec ?? null) + '\n');
      out.push({ path: file, document: i + 1 });
    }
  });
  return out;
}
