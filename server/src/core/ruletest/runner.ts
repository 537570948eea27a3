/**
 * Running a promtool unit-test file with the built-in engine, as `promtool test rules` (Prometheus 2.42 by
 * default) does: read and decode the file, expand `rule_files`, order the rule groups by `group_eval_order`, run
 * every test group. Results are structured (results.ts); cli/test.ts prints them the way promtool does.
 *
 * Where promtool is not deterministic we pick one answer: rule groups not named in group_eval_order run in file
 * order (promtool: random), and aggregations whose float result depends on input order see series sorted by
 * labels (promtool: creation order, which is random).
 */
import { DEFAULT_PROMETHEUS_VERSION } from '../templates/evaluate';
import { runTestGroup } from './groupRunner';
import type { FileResult, Failure } from './results';
import { loadRuleFiles, resolveRuleFiles, type LoadedGroup, type RuleTestHost } from './ruleFiles';
import { loadTestFile, type TestGroup } from './testFile';

export type { RuleTestHost };

export interface RunOptions {
  /** The promtool release to follow (file format, defaults, template functions); default 2.42. */
  version?: string;
  /** Only the test groups whose name matches (promtool ≥ 2.50 `--run`); others are left out of the result. */
  run?: RegExp;
  /** Picks the test groups to run, and may narrow one to some of its cases; a group it returns undefined for is left out. */
  select?: (group: TestGroup) => TestGroup | undefined;
  /** Called at every evaluation step; throw from it to cancel. */
  checkpoint?: () => void;
  /** Keep what each case saw at its eval_time (CaseResult.observed). */
  observe?: boolean;
  /** Milliseconds for measuring durations (default performance.now). */
  now?: () => number;
}

/** orderedGroups: by position in group_eval_order, groups not in it first (as position 0), else in file order. */
function orderGroups(groups: LoadedGroup[], order: string[]): LoadedGroup[] {
  const rank = new Map(order.map((name, i) => [name, i]));
  return [...groups].sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0));
}

export function runTestFile(file: string, host: RuleTestHost, options: RunOptions = {}): FileResult {
  const now = options.now ?? (() => performance.now());
  const version = options.version ?? DEFAULT_PROMETHEUS_VERSION;
  const started = now();
  const result: FileResult = { file, status: 'passed', failures: [], warnings: [], groups: [], durationMs: 0 };
  const fail = (failure: Failure): FileResult => {
    result.failures.push(failure);
    return finish();
  };
  const finish = (): FileResult => {
    result.status = result.failures.length || result.groups.some((g) => g.status === 'failed') ? 'failed' : 'passed';
    result.durationMs = now() - started;
    return result;
  };
  let text: string;
  try {
    text = host.readFile(file);
  } catch (e) {
    return fail({ message: (e as Error).message });
  }
  const loaded = loadTestFile(text, version);
  if (loaded.error !== undefined) {
    return fail({ message: loaded.error, span: loaded.span });
  }
  const testFile = loaded.file;
  const { files, warnings } = resolveRuleFiles(
    testFile.ruleFiles.map((r) => r.pattern),
    file,
    host,
  );
  result.warnings.push(...warnings);
  const seen = new Set<string>();
  for (const name of testFile.groupEvalOrder) {
    if (seen.has(name)) {
      return fail({ message: `group name repeated in evaluation order: ${name}` });
    }
    seen.add(name);
  }
  const rules = loadRuleFiles(files, host, version);
  const ruleGroups = orderGroups(rules.groups, testFile.groupEvalOrder);
  for (const written of testFile.tests) {
    const group = options.select ? options.select(written) : written;
    if (!group || (options.run && !options.run.test(group.name))) {
      continue;
    }
    const ctx = {
      ruleGroups,
      ruleErrors: rules.errors,
      evaluationIntervalMs: testFile.evaluationIntervalMs,
      fuzzyCompare: testFile.fuzzyCompare,
      version,
      checkpoint: options.checkpoint,
      observe: options.observe,
    };
    result.groups.push(runTestGroup(group, ctx, now));
  }
  return finish();
}
