import type { AstNode } from '../syntax/ast';
import type { Problem } from '../problem';
import { isOlder } from '../version';
import type { ResolvedSchema } from './resolved';

/**
 * Reports, for the fields of a document that `goValue` walks alongside its schema, those newer than the target
 * version ("needs Prometheus ≥ X" instead of a false "unknown key"), deprecated ones (with a quick fix when there
 * is a replacement) and those behind feature flags.
 */
export class VersionChecks {
  readonly problems: Problem[] = [];
  /** `isOlder(target, v)` by `v`: a large document asks about the same few versions thousands of times. */
  private readonly older = new Map<string, boolean>();

  constructor(
    private readonly product: string,
    private readonly target: string,
  ) {}

  /** Checks a property whose schema has version facts (`info.versioned`); true when it is too new for the target. */
  property(prop: AstNode, key: string, rs: ResolvedSchema): boolean {
    const { since, deprecated, replacedBy, featureFlag } = rs.info;
    const keyNode = prop.children![0];
    const at = (code: string, message: string, severity: Problem['severity']): Problem => ({
      offset: keyNode.offset,
      length: keyNode.length,
      code,
      message,
      severity,
    });
    if (this.isOlder(since)) {
      this.problems.push(at('version/too-new', `"${key}" needs ${this.product} ≥ ${since} (the target version is ${this.target}).`, 'error'));
      return true;
    }
    if (deprecated) {
      const p = at('schema/deprecated', `"${key}" is deprecated: ${deprecated}`, 'warning');
      if (replacedBy) {
        p.fix = { title: `Rename to "${replacedBy}"`, replacement: replacedBy };
      }
      this.problems.push(p);
    }
    if (featureFlag) {
      this.problems.push(at('version/feature-flag', `"${key}" takes effect only with --enable-feature=${featureFlag}.`, 'info'));
    }
    this.enumValue(prop.children![1], rs);
    return false;
  }

  /** An enum value the target version does not know yet (`x-enumSince`) or no longer knows (`x-enumRemoved`). */
  enumValue(value: AstNode | undefined, rs: ResolvedSchema): void {
    if (value?.type !== 'string') {
      return;
    }
    const name = String(value.value);
    const since = rs.info.enumSince?.[name];
    const removed = rs.info.enumRemoved?.[name];
    const at = (message: string): Problem => ({ offset: value.offset, length: value.length, code: 'version/too-new', severity: 'error', message });
    if (this.isOlder(since)) {
      this.problems.push(at(`"${name}" needs ${this.product} ≥ ${since} (the target version is ${this.target}).`));
    } else if (removed && !this.isOlder(removed)) {
      this.problems.push({ ...at(`"${name}" was removed in ${this.product} ${removed} (the target version is ${this.target}).`), code: 'version/removed' });
    }
  }

  private isOlder(version: string | undefined): boolean {
    if (!version) {
      return false;
    }
    let hit = this.older.get(version);
    if (hit === undefined) {
      hit = isOlder(this.target, version);
      this.older.set(version, hit);
    }
    return hit;
  }
}
