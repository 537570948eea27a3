import type { CompletionItem, Diagnostic, Hover, Position, SignatureHelp, TextEdit } from 'vscode-languageserver-types';
import { promqlCompletion, promqlFormatEdit, promqlHover, promqlSignature } from './embedded/promql';
import { applyLintSettings, toDiagnostic } from './diagnostics';
import type { Environment } from './environment';
import { detectFileKind, type FileKind } from './fileKind';
import type { DocumentContext } from './kinds/context';
import { kindService } from './kinds/index';
import type { Problem } from './problem';
import { schemaRegistry } from './schema/catalog';
import { completeYaml } from './schema/complete';
import { hoverYaml } from './schema/hover';
import { defaultSettings, type ProjectSettings } from './settings';
import { applySuppressions, parseSuppressions, type Suppression } from './suppress';
import { parseYaml } from './syntax/parseYaml';
import { parseJson } from './syntax/jsonParse';
import { LineIndex } from './text';
import { Validation } from './validation';
import { WorkspaceMetrics } from './workspace/index';
import { fileMetrics } from './workspace/metrics';
import { uriToPath } from './uri';

export interface TextDocumentLike {
  uri: string;
  version: number;
  getText(): string;
}

export interface ValidationResult {
  problems: Problem[];
  unusedSuppressions: Suppression[];
  context: DocumentContext;
}

/**
 * The facade every face (LSP server, CLI, tests) uses. It parses each document version once and shares that
 * parse between validation, completion and hover.
 */
export class LanguageService {
  private settings: ProjectSettings = defaultSettings();
  private readonly cache = new Map<string, { version: number; text: string; ctx: DocumentContext }>();
  private readonly validation: Validation;
  /** Metrics the workspace's rule and rule-test files define, for completion without a live Prometheus. */
  readonly metrics = new WorkspaceMetrics();

  constructor(
    private readonly env: Environment = {},
    private readonly workspaceRoot?: string,
    options: { incremental?: boolean } = {},
  ) {
    this.validation = new Validation(options.incremental ?? true);
  }

  configure(settings: ProjectSettings): void {
    this.settings = settings;
    this.cache.clear();
  }

  get currentSettings(): ProjectSettings {
    return this.settings;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  context(doc: TextDocumentLike): DocumentContext {
    const hit = this.cache.get(doc.uri);
    const text = doc.getText();
    if (hit && hit.version === doc.version && hit.text === text) {
      return hit.ctx;
    }
    const path = uriToPath(doc.uri);
    const relPath = relative(path ?? doc.uri, this.workspaceRoot);
    const docs = /\.json$/i.test(relPath) ? parseJson(text) : parseYaml(text);
    const ctx: DocumentContext = {
      uri: doc.uri,
      path,
      relPath,
      text,
      lines: new LineIndex(text),
      docs,
      kind: detectFileKind(relPath, docs, this.settings.fileAssociations),
      settings: this.settings,
      env: this.env,
      workspace: this.metrics,
    };
    this.cache.set(doc.uri, { version: doc.version, text, ctx });
    this.metrics.set(path ?? doc.uri, fileMetrics(ctx.kind, docs, relPath));
    return ctx;
  }

  /** Reads a workspace file that is not open into the metrics index (its text as on disk). */
  indexFile(path: string, text: string): void {
    if (!text.includes('record:') && !text.includes('input_series') && !text.includes('scrape_interval')) {
      this.metrics.delete(path);
      return;
    }
    const relPath = relative(path, this.workspaceRoot);
    const docs = /\.json$/i.test(relPath) ? [] : parseYaml(text);
    this.metrics.set(path, fileMetrics(detectFileKind(relPath, docs, this.settings.fileAssociations), docs, relPath));
  }

  forgetFile(path: string): void {
    this.metrics.delete(path);
  }

  fileKind(doc: TextDocumentLike): FileKind {
    return this.context(doc).kind;
  }

  /** Every problem of a document after lint settings and suppressions, plus the suppressions that hid nothing. */
  check(doc: TextDocumentLike): ValidationResult {
    const ctx = this.context(doc);
    const raw = this.rawProblems(ctx);
    const leveled = applyLintSettings(raw, this.settings, ctx.relPath);
    const { kept, unused } = applySuppressions(leveled, parseSuppressions(ctx.lines), ctx.lines);
    return { problems: kept, unusedSuppressions: unused, context: ctx };
  }

  validate(doc: TextDocumentLike): Diagnostic[] {
    const { problems, context } = this.check(doc);
    return problems.map((p) => toDiagnostic(p, context.lines));
  }

  async complete(doc: TextDocumentLike, pos: Position): Promise<CompletionItem[]> {
    const ctx = this.context(doc);
    const service = kindService(ctx.kind);
    const embedded = service?.promql && (await promqlCompletion(ctx, service.promql, pos, this.metrics.source()));
    if (embedded) {
      return embedded;
    }
    return service?.schemaId ? completeYaml(ctx, schemaRegistry(), service.schemaId, pos) : [];
  }

  async hover(doc: TextDocumentLike, pos: Position): Promise<Hover | null> {
    const ctx = this.context(doc);
    const service = kindService(ctx.kind);
    const embedded = service?.promql && (await promqlHover(ctx, service.promql, pos, this.metrics.source()));
    if (embedded !== undefined) {
      return embedded;
    }
    return service?.schemaId ? hoverYaml(ctx, schemaRegistry(), service.schemaId, pos, service.product) : null;
  }

  signatureHelp(doc: TextDocumentLike, pos: Position): SignatureHelp | null {
    const ctx = this.context(doc);
    const spec = kindService(ctx.kind)?.promql;
    return spec ? promqlSignature(ctx, spec, pos) : null;
  }

  /** The edit of "Format PromQL" at a position, if the cursor is in a PromQL expression that formatting changes. */
  formatPromQLAt(doc: TextDocumentLike, pos: Position): TextEdit | undefined {
    const ctx = this.context(doc);
    const spec = kindService(ctx.kind)?.promql;
    const edit = spec && promqlFormatEdit(ctx, spec, pos);
    return edit && { range: ctx.lines.range(edit.offset, edit.length), newText: edit.text };
  }

  private rawProblems(ctx: DocumentContext): Problem[] {
    return this.validation.problems(ctx);
  }
}

function relative(path: string, root: string | undefined): string {
  const p = path.replace(/\\/g, '/');
  const r = root?.replace(/\\/g, '/').replace(/\/$/, '');
  return r && p.startsWith(r + '/') ? p.slice(r.length + 1) : p.split('/').pop()!;
}
