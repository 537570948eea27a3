import type { DocumentContext } from './kinds/context';
import { promqlProblems } from './embedded/promql';
import { kindService, type ChunkSpec, type KindService } from './kinds/index';
import type { Problem } from './problem';
import { formatContext } from './schema/ajvFormats';
import { schemaRegistry } from './schema/catalog';
import { schemaProblems } from './schema/errors';
import type { FormatContext } from './schema/formats';
import { goValue } from './schema/goValue';
import { ResolvedSchema } from './schema/resolved';
import { validatorFor } from './schema/validator';
import { VersionChecks } from './schema/versionCheck';
import { items, getValue, type AstNode } from './syntax/ast';

const MAX_CACHED_CHUNKS = 50_000;

/**
 * The validation pipeline of one document: syntax errors, schema (ajv), version facts and the kind's semantic
 * checks. Big lists (scrape jobs) are validated item by item and cached by the item's text, so an edit costs
 * the one item it touched plus the document-wide checks (one-shot checks, `ctx.oneShot`, keep nothing).
 */
export class Validation {
  private readonly chunkCache = new Map<string, Problem[]>();
  private readonly resolved = new Map<string, ResolvedSchema>();

  problems(ctx: DocumentContext): Problem[] {
    const out: Problem[] = [];
    for (const d of ctx.docs) {
      out.push(...d.errors.map((e): Problem => ({ ...e, severity: 'error' })));
    }
    const service = kindService(ctx.kind);
    if (!service) {
      return out;
    }
    const formats: FormatContext = { prometheusVersion: ctx.settings.versions.prometheus };
    formatContext.current = formats;
    const docs = service.documents?.(ctx.docs) ?? ctx.docs;
    for (const d of docs) {
      out.push(...this.documentProblems(service, d.root, ctx, formats));
    }
    if (service.promql) {
      out.push(...promqlProblems(docs === ctx.docs ? ctx : { ...ctx, docs }, service.promql));
    }
    return out;
  }

  private documentProblems(service: KindService, root: AstNode | undefined, ctx: DocumentContext, formats: FormatContext): Problem[] {
    const out: Problem[] = [];
    const chunks = root?.type === 'object' ? (service.chunks ?? []).filter((c) => getValue(root, c.key)?.type === 'array') : [];
    if (ctx.oneShot) {
      // One pass over the whole document; the items' own checks still run, uncached.
      if (service.schemaId) {
        out.push(...this.schemaChecks(service.schemaId, root, ctx, formats, service.product));
      }
      out.push(...(service.validate?.(root, ctx) ?? []));
      for (const chunk of chunks) {
        out.push(...items(getValue(root, chunk.key)).flatMap((item) => chunk.validate?.(item, ctx, root!) ?? []));
      }
      return out;
    }
    const skip = new Set(chunks.map((c) => c.key));
    if (service.schemaId) {
      out.push(...this.schemaChecks(service.schemaId, root, ctx, formats, service.product, skip));
    }
    out.push(...(service.validate?.(root, ctx) ?? []));
    for (const chunk of chunks) {
      const context = `${ctx.settings.versions.prometheus}\0${chunk.dependsOn?.(root!) ?? ''}`;
      for (const item of items(getValue(root, chunk.key))) {
        out.push(...this.chunkProblems(service, chunk, item, root!, ctx, formats, context));
      }
    }
    return out;
  }

  private chunkProblems(
    service: KindService,
    chunk: ChunkSpec,
    item: AstNode,
    root: AstNode,
    ctx: DocumentContext,
    formats: FormatContext,
    context: string,
  ): Problem[] {
    const key = `${chunk.key}\0${context}\0${ctx.text.slice(item.offset, item.offset + item.length)}`;
    let relative = this.chunkCache.get(key);
    if (!relative) {
      const found = [
        ...this.schemaChecks(chunk.itemSchema, item, ctx, formats, service.product),
        ...(chunk.validate?.(item, ctx, root) ?? []),
      ];
      relative = found.map((p) => shift(p, -item.offset));
      if (this.chunkCache.size >= MAX_CACHED_CHUNKS) {
        this.chunkCache.clear();
      }
      this.chunkCache.set(key, relative);
    }
    return relative.map((p) => shift(p, item.offset));
  }

  private schemaChecks(
    schemaId: string,
    node: AstNode | undefined,
    ctx: DocumentContext,
    formats: FormatContext,
    product: string,
    skip?: Set<string>,
  ): Problem[] {
    const rs = this.resolvedRoot(schemaId);
    const validate = validatorFor(schemaId);
    const versions = new VersionChecks(product, kindService(ctx.kind)?.targetVersion?.(ctx.settings) ?? formats.prometheusVersion);
    validate(goValue(rs, node, ctx.text, versions, skip));
    return [...schemaProblems(validate.errors ?? [], node, formats), ...versions.problems];
  }

  private resolvedRoot(schemaId: string): ResolvedSchema {
    let rs = this.resolved.get(schemaId);
    if (!rs) {
      rs = ResolvedSchema.at(schemaRegistry(), schemaId);
      this.resolved.set(schemaId, rs);
    }
    return rs;
  }
}

function shift(p: Problem, by: number): Problem {
  const fix = p.fix && p.fix.offset !== undefined ? { ...p.fix, offset: p.fix.offset + by } : p.fix;
  return { ...p, offset: p.offset + by, fix };
}
