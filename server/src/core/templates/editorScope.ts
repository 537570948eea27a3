/**
 * What completion and hover know about a template's data: the dialect's static types, and, for alert templates,
 * which labels the rule's expression leaves in `$labels` (computed by the caller from the PromQL).
 */
import type { ActionCursor } from './cursor';
import type { Dialect } from './functions';
import { defaultScope } from './check';
import { deref, type StaticType, type TemplateScope } from './scope';

/** The labels an alert's `$labels` can hold, as far as its expression tells. */
export interface AlertLabels {
  /** Labels the alert carries (closed) or likely carries (open), each with a word on where it comes from. */
  known: ReadonlyMap<string, string>;
  /** True when the alert carries no other labels than `known` (an aggregation `by (…)` fixed them). */
  closed: boolean;
  /** How the expression removes a label, in PromQL (`sum by (job)`), when it does. */
  removedBy(name: string): string | undefined;
}

export interface TemplateEditorContext {
  dialect: Dialect;
  /** The targeted release: functions added later are not offered. */
  version?: string;
  labels?: AlertLabels;
}

export function scopeOf(ctx: TemplateEditorContext): TemplateScope {
  return defaultScope(ctx.dialect, ctx.version);
}

/** Whether a type is the alert's label map (`$labels`, `.Labels`, `$.Labels`). */
export function isAlertLabels(t: StaticType | undefined, scope: TemplateScope): boolean {
  return !!t && t === scope.variables.$labels;
}

/**
 * The static type of a word's leading parts: `$labels` → the label map, `` (dot) → the data where dot is still
 * the data, `$` → the data; then field by field. Undefined when unknown (a declared variable, a function result).
 */
export function resolveParts(parts: readonly string[], cur: ActionCursor, scope: TemplateScope): StaticType | undefined {
  const [head, ...rest] = parts;
  let t: StaticType | undefined;
  if (cur.inDefinition) {
    return undefined;
  }
  if (head === '') {
    t = cur.dotIsRoot ? scope.dot : undefined;
  } else if (head === '$') {
    t = scope.dot;
  } else if (head.startsWith('$') && !cur.declared.includes(head) && Object.hasOwn(scope.variables, head)) {
    t = scope.variables[head];
  }
  for (const part of rest) {
    t = t && member(t, part);
  }
  return t;
}

function member(t: StaticType, name: string): StaticType | undefined {
  const d = deref(t);
  if (d.kind === 'map') {
    return d.elem;
  }
  // Own properties only: a name such as `constructor` must not find Object.prototype's.
  const own = <T>(r: Record<string, T> | undefined): T | undefined => (r && Object.hasOwn(r, name) ? r[name] : undefined);
  return own(d.fields) ?? own(d.methods)?.result ?? own(t.methods)?.result;
}

/** Fields and methods of a struct type, with their docs. */
export function membersOf(t: StaticType): { name: string; type: StaticType; doc?: string; method: boolean }[] {
  const d = deref(t);
  const fields = Object.entries(d.fields ?? {}).map(([name, type]) => ({ name, type, doc: type.doc, method: false }));
  const methods = Object.entries({ ...t.methods, ...d.methods }).map(([name, m]) => ({ name, type: m.result, doc: m.doc, method: true }));
  return [...fields, ...methods];
}
