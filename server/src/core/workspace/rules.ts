import type { LineIndex } from '../text';
import type { ExprFacts } from './exprFacts';

/** One file of the rules index: its rules and every metric its expressions use. */
export interface IndexedFile {
  /** File system path, or the URI of a document that is not a file. */
  key: string;
  uri: string;
  /** Workspace-relative path, for messages. */
  relPath: string;
  /** Offsets ↔ positions of the text the facts were read from. */
  lines: LineIndex;
  rules: IndexedRule[];
  /** Metric names in every expression of the file: rules, rule tests, dashboard queries. */
  uses: MetricUse[];
  /** What was read per source text, reused when the file is read again: an edit re-reads only what it changed. */
  cache: ReadCache;
}

export interface ReadCache {
  /** Per expression source (rule tests, dashboards). */
  exprs: Map<string, CachedExpr>;
  /**
   * Rule items in file order, with their source: an edit leaves most items where they were, so the next read
   * finds them by position (comparing texts costs less than hashing them). Unset `item`: not reusable.
   */
  rules: { raw: string; item?: CachedRule }[];
}

export interface CachedExpr extends ExprFacts {
  /** The decoded expression. */
  text: string;
}

/** A rule item as read, offsets relative to the item, without what its group adds (name, labels). */
export interface CachedRule {
  /** Column of the item: the same text elsewhere may decode differently (block scalars). */
  column: number;
  /** Unset when the rule has no name: then only its uses count. */
  rule?: Pick<IndexedRule, 'kind' | 'name' | 'nameFrom' | 'nameTo' | 'expr' | 'labels' | 'sameKey'> & { canonical?: string };
  uses: { metric: string; from: number; to: number }[];
}

export interface IndexedRule {
  file: IndexedFile;
  kind: 'alert' | 'record';
  /** The alert name or the recorded metric. */
  name: string;
  /** Document offsets of the name's characters (inside quotes when quoted). */
  nameFrom: number;
  nameTo: number;
  group: string;
  expr: string;
  /** The rule's labels over its group's labels. */
  labels: Record<string, string>;
  uses: MetricUse[];
  /** Kind, canonical expression and labels: equal for rules that compute the same series. Unset when invalid. */
  sameKey?: string;
}

export interface MetricUse {
  file: IndexedFile;
  metric: string;
  /** Document offsets of the name. */
  from: number;
  to: number;
  /** The rule whose expression this is; unset in rule tests and dashboards. */
  rule?: IndexedRule;
}

/**
 * A file's rules and uses grouped by metric name and by canonical rule, as indexes into `rules` / `uses`: what
 * the global maps point into. Indexes rather than objects, so an edit that keeps the names in place (typing in an
 * annotation, a comment, moving lines) keeps the maps as they are.
 */
interface FileMaps {
  records: Map<string, number[]>;
  uses: Map<string, number[]>;
  same: Map<string, number[]>;
}

/**
 * Every rule of every rule file in the workspace, and every metric used by an expression anywhere (rules, rule
 * tests, dashboards), kept per file so that a change re-reads only that file. Global maps go from a metric name
 * (or a canonical rule) to the files that record (use, hold) it, and each file groups its own rules and uses the
 * same way: lookups do not scan the workspace, and an edit only touches the global maps for the names it added
 * or removed, which is usually none.
 */
export class RulesIndex {
  private readonly files = new Map<string, { file: IndexedFile; maps: FileMaps }>();
  private readonly recordedIn = new Map<string, Set<string>>();
  private readonly usedIn = new Map<string, Set<string>>();
  private readonly sameIn = new Map<string, Set<string>>();
  /** Metrics whose last recording rule went away during this session → where it was recorded. */
  private readonly gone = new Map<string, string>();
  private readonly listeners: ((key: string) => void)[] = [];
  private isComplete = false;

  /** Whether every workspace file has been read: only then can a metric be said to be unused. */
  get complete(): boolean {
    return this.isComplete;
  }

  markComplete(): void {
    if (!this.isComplete) {
      this.isComplete = true;
      this.emit('');
    }
  }

  /** Called with the file's key when what other files can see of it changes (not on edits that move text only). */
  onDidChange(listener: (key: string) => void): void {
    this.listeners.push(listener);
  }

  set(file: IndexedFile): void {
    const before = this.files.get(file.key);
    if (before && before.file.rules.length === file.rules.length && before.file.uses.length === file.uses.length) {
      this.patch(before.file, file, before.maps);
      return;
    }
    const old = before?.maps;
    const maps = mapsOf(file);
    this.files.set(file.key, { file, maps });
    let changed = !old;
    changed = relink(this.recordedIn, file.key, old?.records, maps.records) || changed;
    changed = relink(this.usedIn, file.key, old?.uses, maps.uses) || changed;
    changed = relink(this.sameIn, file.key, old?.same, maps.same) || changed;
    if (this.gone.size) {
      for (const name of maps.records.keys()) {
        this.gone.delete(name);
      }
    }
    this.noteGone(old ? [...old.records.keys()] : [], file.relPath);
    if (changed) {
      this.emit(file.key);
    }
  }

  /**
   * A new read of a file with as many rules and uses as before (the usual edit: typing inside one rule): only the
   * positions that differ are moved in the maps, so the cost follows the edit, not the file.
   */
  private patch(old: IndexedFile, file: IndexedFile, maps: FileMaps): void {
    const left: string[] = [];
    let changed = false;
    const move = (global: Map<string, Set<string>>, map: Map<string, number[]>, from: string | undefined, to: string | undefined, i: number): void => {
      if (from !== undefined && unlink(global, file.key, map, from, i)) {
        changed = true;
        left.push(from);
      }
      if (to !== undefined && link(global, file.key, map, to, i)) {
        changed = true;
        this.gone.delete(to);
      }
    };
    for (let i = 0; i < file.rules.length; i++) {
      const [x, y] = [old.rules[i], file.rules[i]];
      if (x.kind !== y.kind || x.name !== y.name) {
        move(this.recordedIn, maps.records, x.kind === 'record' ? x.name : undefined, y.kind === 'record' ? y.name : undefined, i);
      }
      if (x.sameKey !== y.sameKey) {
        move(this.sameIn, maps.same, x.sameKey, y.sameKey, i);
      }
    }
    for (let i = 0; i < file.uses.length; i++) {
      if (old.uses[i].metric !== file.uses[i].metric) {
        move(this.usedIn, maps.uses, old.uses[i].metric, file.uses[i].metric, i);
      }
    }
    this.files.set(file.key, { file, maps });
    this.noteGone(left, file.relPath);
    if (changed) {
      this.emit(file.key);
    }
  }

  delete(key: string): void {
    const entry = this.files.get(key);
    if (!entry) {
      return;
    }
    this.files.delete(key);
    relink(this.recordedIn, key, entry.maps.records, undefined);
    relink(this.usedIn, key, entry.maps.uses, undefined);
    relink(this.sameIn, key, entry.maps.same, undefined);
    this.noteGone([...entry.maps.records.keys()], entry.file.relPath);
    this.emit(key);
  }

  file(key: string): IndexedFile | undefined {
    return this.files.get(key)?.file;
  }

  /** Every rule of the workspace, file by file. */
  allRules(): IndexedRule[] {
    return [...this.files.values()].flatMap((e) => e.file.rules);
  }

  get size(): number {
    return this.files.size;
  }

  /** The recording rules that produce a metric. */
  recorders(metric: string): IndexedRule[] {
    return this.collect(this.recordedIn, metric, (e) => [e.maps.records, e.file.rules]);
  }

  /** Every expression that reads a metric. */
  users(metric: string): MetricUse[] {
    return this.collect(this.usedIn, metric, (e) => [e.maps.uses, e.file.uses]);
  }

  /** Whether an expression other than `rule`'s own reads a metric (answered without listing the uses). */
  readByOthers(metric: string, rule: IndexedRule): boolean {
    for (const key of this.usedIn.get(metric) ?? []) {
      const { file, maps } = this.files.get(key)!;
      if ((maps.uses.get(metric) ?? []).some((i) => file.uses[i].rule !== rule)) {
        return true;
      }
    }
    return false;
  }

  /** Rules of other files with the same kind, canonical expression and labels. */
  duplicatesElsewhere(rule: IndexedRule): IndexedRule[] {
    const key = rule.sameKey;
    const files = key === undefined ? undefined : this.sameIn.get(key);
    if (key === undefined || !files || (files.size === 1 && files.has(rule.file.key))) {
      return []; // the usual case, said without building lists: no other file has a rule with this key
    }
    return this.collect(this.sameIn, key, (e) => [e.maps.same, e.file.rules]).filter((r) => r.file.key !== rule.file.key);
  }

  /** Where a metric was last recorded, when its recording rules all went away during this session. */
  formerlyRecordedIn(metric: string): string | undefined {
    return this.gone.size === 0 || this.recordedIn.has(metric) ? undefined : this.gone.get(metric);
  }

  private collect<T>(global: Map<string, Set<string>>, name: string, pick: (e: { file: IndexedFile; maps: FileMaps }) => [Map<string, number[]>, T[]]): T[] {
    const out: T[] = [];
    for (const key of global.get(name) ?? []) {
      const [map, list] = pick(this.files.get(key)!);
      for (const i of map.get(name) ?? []) {
        out.push(list[i]);
      }
    }
    return out;
  }

  /** Remembers where names that left a file were recorded, when no other file records them. */
  private noteGone(names: string[], relPath: string): void {
    for (const name of names) {
      if (!this.recordedIn.has(name)) {
        this.gone.set(name, relPath);
      }
    }
  }

  private emit(key: string): void {
    for (const listener of this.listeners) {
      listener(key);
    }
  }
}

function mapsOf(file: IndexedFile): FileMaps {
  const maps: FileMaps = { records: new Map(), uses: new Map(), same: new Map() };
  file.rules.forEach((rule, i) => {
    if (rule.kind === 'record') {
      push(maps.records, rule.name, i);
    }
    if (rule.sameKey !== undefined) {
      push(maps.same, rule.sameKey, i);
    }
  });
  file.uses.forEach((use, i) => push(maps.uses, use.metric, i));
  return maps;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/** Adds position `i` under `name`; true when the name is new to the file (the global map then points at it). */
function link(global: Map<string, Set<string>>, fileKey: string, map: Map<string, number[]>, name: string, i: number): boolean {
  const list = map.get(name);
  if (list) {
    list.push(i);
    list.sort((a, b) => a - b);
    return false;
  }
  map.set(name, [i]);
  let set = global.get(name);
  if (!set) {
    set = new Set();
    global.set(name, set);
  }
  set.add(fileKey);
  return true;
}

/** Removes position `i` from `name`; true when the name left the file (and the global map no longer points at it). */
function unlink(global: Map<string, Set<string>>, fileKey: string, map: Map<string, number[]>, name: string, i: number): boolean {
  const list = map.get(name);
  const at = list ? list.indexOf(i) : -1;
  if (at < 0) {
    return false;
  }
  list!.splice(at, 1);
  if (list!.length) {
    return false;
  }
  map.delete(name);
  const set = global.get(name);
  if (set?.delete(fileKey) && set.size === 0) {
    global.delete(name);
  }
  return true;
}

/** Points the global map at the file for the names it now has and away for those it lost; true if any changed. */
function relink(global: Map<string, Set<string>>, fileKey: string, before: Map<string, unknown> | undefined, after: Map<string, unknown> | undefined): boolean {
  let changed = false;
  for (const name of after?.keys() ?? []) {
    if (!before?.has(name)) {
      changed = true;
      let set = global.get(name);
      if (!set) {
        set = new Set();
        global.set(name, set);
      }
      set.add(fileKey);
    }
  }
  for (const name of before?.keys() ?? []) {
    if (!after?.has(name)) {
      changed = true;
      const set = global.get(name);
      if (set?.delete(fileKey) && set.size === 0) {
        global.delete(name);
      }
    }
  }
  return changed;
}
