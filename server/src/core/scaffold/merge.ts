import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * Adding what a new scaffold brings to a YAML file the user may have edited, without touching their edits:
 * missing map keys are added, missing items of keyed lists (scrape jobs by `job_name`, receivers by `name`, rules
 * by `alert`/`record`) are appended; nothing present is changed or removed. Only the shapes listed here are merged.
 */
type MergeSpec = { kind: 'map'; children?: Record<string, MergeSpec> } | { kind: 'seq'; key: (item: unknown) => string | undefined; item?: MergeSpec };

const map = (children?: Record<string, MergeSpec>): MergeSpec => ({ kind: 'map', children });
const byField = (field: string, item?: MergeSpec): MergeSpec => ({
  kind: 'seq',
  key: (n) => (isMap(n) ? scalarText(n.get(field, true)) : undefined),
  item,
});
const scalars: MergeSpec = { kind: 'seq', key: (n) => scalarText(n) };
const ruleKey = (n: unknown) => (isMap(n) ? (scalarText(n.get('alert', true)) ?? scalarText(n.get('record', true))) : undefined);
const groups = byField('name', map({ rules: { kind: 'seq', key: ruleKey } }));

const SPECS: [RegExp, MergeSpec][] = [
  [/^prometheus\/prometheus\.yml$/, map({ rule_files: scalars, scrape_configs: byField('job_name') })],
  [/^alertmanager\/alertmanager\.yml$/, map({ global: map(), receivers: byField('name', map()) })],
  [/^prometheus\/rules\/[^/]+\.yml$/, map({ groups })],
  [/^prometheus\/tests\/[^/]+\.yml$/, map({ rule_files: scalars, tests: byField('name') })],
  [/^grafana\/provisioning\/datasources\/[^/]+\.yml$/, map({ datasources: byField('name') })],
  [/^grafana\/provisioning\/dashboards\/[^/]+\.yml$/, map({ providers: byField('name') })],
  [/^docker-compose\.yml$/, map({ services: map(), volumes: map(), secrets: map(), networks: map() })],
  [/^kubernetes\/rules\/[^/]+\.yaml$/, map({ spec: map({ groups }) })],
  [/^kubernetes\/configmap-[^/]+\.yaml$/, map({ data: map() })],
  [/^\.o11y\.yaml$/, map()],
];

function scalarText(n: unknown): string | undefined {
  return isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
}

export interface MergeResult {
  text: string;
  /** What was added, e.g. `scrape_configs: redis-exporter`. */
  added: string[];
}

/** The merged text, or undefined when this file is not mergeable (unknown kind, YAML errors, unexpected shape). */
export function mergeYaml(path: string, existing: string, generated: string): MergeResult | undefined {
  if (path === '.env.example') {
    return mergeEnv(existing, generated);
  }
  const spec = SPECS.find(([re]) => re.test(path))?.[1];
  if (!spec) {
    return undefined;
  }
  const theirs = parseDocument(existing);
  const ours = parseDocument(generated);
  if (theirs.errors.length || ours.errors.length || !isMap(theirs.contents) || !isMap(ours.contents)) {
    return undefined;
  }
  const added: string[] = [];
  const ok = mergeNode(theirs, theirs.contents, ours.contents, spec, '', added);
  return ok ? { text: theirs.toString({ lineWidth: 0, flowCollectionPadding: false }), added } : undefined;
}

function mergeNode(doc: Document, theirs: unknown, ours: unknown, spec: MergeSpec, at: string, added: string[]): boolean {
  if (spec.kind === 'map') {
    return isMap(theirs) && isMap(ours) && mergeMap(doc, theirs, ours, spec.children ?? {}, at, added);
  }
  return isSeq(theirs) && isSeq(ours) && mergeSeq(doc, theirs, ours, spec, at, added);
}

function mergeMap(doc: Document, theirs: YAMLMap, ours: YAMLMap, children: Record<string, MergeSpec>, at: string, added: string[]): boolean {
  for (const pair of ours.items) {
    const key = scalarText(pair.key);
    if (key === undefined) {
      continue;
    }
    const where = at ? `${at}.${key}` : key;
    if (!theirs.has(key)) {
      theirs.add(doc.createPair(pair.key, pair.value));
      added.push(where);
    } else if (children[key] && !mergeNode(doc, theirs.get(key, true), pair.value, children[key], where, added)) {
      return false;
    }
  }
  return true;
}

function mergeSeq(doc: Document, theirs: YAMLSeq, ours: YAMLSeq, spec: Extract<MergeSpec, { kind: 'seq' }>, at: string, added: string[]): boolean {
  for (const item of ours.items) {
    const key = spec.key(item);
    if (key === undefined) {
      return false;
    }
    const match = theirs.items.find((t) => spec.key(t) === key);
    if (!match) {
      theirs.items.push(doc.createNode(item) as Node);
      added.push(`${at}: ${key}`);
    } else if (spec.item && !mergeNode(doc, match, item, spec.item, `${at}[${key}]`, added)) {
      return false;
    }
  }
  return true;
}

/** `.env.example`: variables the user's file lacks are appended with their comment lines; the rest stays as is. */
function mergeEnv(existing: string, generated: string): MergeResult {
  const has = new Set(existing.split('\n').map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l)?.[1]).filter(Boolean));
  const blocks = generated.split('\n\n').filter((b) => /^[A-Z][A-Z0-9_]*=/m.test(b));
  const missing = blocks.filter((b) => !has.has(/^([A-Z][A-Z0-9_]*)=/m.exec(b)![1]));
  const added = missing.map((b) => /^([A-Z][A-Z0-9_]*)=/m.exec(b)![1]);
  const text = missing.length ? existing.replace(/\n*$/, '\n\n') + missing.join('\n\n') + '\n' : existing;
  return { text, added };
}
