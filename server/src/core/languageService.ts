import type { CodeLens, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, Position, SignatureHelp, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { promqlCompletion, promqlFormatEdit, promqlHover, promqlSignature } from './embedded/promql';
import { applyLintSettings, toDiagnostic } from './diagnostics';
import { codeLenses } from './codeLens';
import type { Environment } from './environment';
import { detectFileKind, type FileKind } from './fileKind';
import type { DocumentContext } from './kinds/context';
import { kindService } from './kinds/index';
import type { Problem } from './problem';
import { schemaRegistry } from './schema/catalog';
import { completeYaml } from './schema/complete';
import { completeJson } from './schema/completeJson';
import { hoverYaml } from './schema/hover';
import { defaultSettings, type ProjectSettings } from './settings';
import { applySuppressions, parseSuppressions, type Suppression } from './suppress';
import { parseYaml } from './syntax/parseYaml';
import { parseJson } from './syntax/jsonParse';
import { LineIndex } from './text';
import { Validation } from './validation';
import { WorkspaceMetrics } from './workspace/index';
import { GrafanaIndex, grafanaFacts, indexGrafanaText } from './workspace/grafana';
import { fileMetrics } from './workspace/metrics';
import { pathToUri, uriToPath } from './uri';
import { crossFileProblems } from './kinds/rules/crossFile';
import { ruleSymbols } from './kinds/rules/symbols';
import { ruleTemplateCompletion, ruleTemplateHover } from './kinds/rules/templateEditing';
import { alertnameCompletion, alertnameHover } from './kinds/ruleTests/alertEditing';
import { notificationTemplateCompletion, notificationTemplateHover } from './kinds/notificationTemplates/editing';
import { templateDefinition } from './kinds/notificationTemplates/definition';
import type { ParsedDocument } from './syntax/ast';
import { readRuleFile, type FileSource } from './workspace/ruleFacts';
import * as nav from './workspace/ruleNavigation';
import { RulesIndex } from './workspace/rules';
import { RuleTestIndex, ruleTestFacts } from './workspace/ruleTestIndex';
import { RoutingIndex, routingFacts } from './workspace/routing';
import { reparseScalarEdit } from './syntax/yamlEdit';
import { alertmanagerRoutingProblems } from './kinds/alertmanagerConfig/crossFile';
import { ruleRoutingProblems } from './kinds/rules/routingChecks';
import { alertmanagerVersion } from './kinds/alertmanagerConfig/nodes';
import { RuleTestFailures } from './ruletest/failureStore';
import { withLiveProblems } from './prometheus/liveLints';
import { mergedSource, type LiveMetrics } from './prometheus/liveMetrics';
import type { MetricSource } from './promql/types';

export interface TextDocumentLike {
  uri: string;
  version: number;
  getText(): string;
}

/** A document's version as parsed, and whether it has been read into the workspace indexes yet. */
interface ParsedVersion {
  version: number;
  text: string;
  ctx: DocumentContext;
  indexed: boolean;
}

/**
 * Rule files at least this long get their first diagnostics before they are read into the workspace indexes
 * (see `validateBeforeIndexing`): reading thousands of expressions there would hold those diagnostics back.
 */
const INDEX_AFTER_FIRST_CHECK_LENGTH = 200_000;

/** Kinds whose own checks read no workspace index (see `checkAlone`). */
const CHECKED_ALONE = new Set<FileKind>(['rules', 'prometheusConfig', 'alertmanagerConfig']);

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
  /** The settings as applied (callers may change their object afterwards). */
  private settingsKey = JSON.stringify(this.settings);
  private readonly cache = new Map<string, ParsedVersion>();
  private readonly validation: Validation;
  /** Metrics the workspace's rule and rule-test files define, for completion without a live Prometheus. */
  readonly metrics = new WorkspaceMetrics();
  /** Every rule and every metric use of the workspace, for cross-file checks and navigation. */
  readonly rules = new RulesIndex();
  /** Dashboards and provisioned data sources of the workspace, for the Grafana checks. */
  readonly grafana = new GrafanaIndex();
  /** The alert cases of the workspace's rule-test files, for the rule files' test lenses. */
  readonly ruleTests = new RuleTestIndex();
  /** The workspace's Alertmanager configurations and what alerts carry, for the routing checks, lenses and views. */
  readonly routing = new RoutingIndex(this.rules, this.metrics);
  /** The failures of the last rule-test runs, shown as problems of their test files. */
  readonly ruleTestFailures = new RuleTestFailures();
  /** Keys of documents read through `context` (open in an editor): their text wins over the file on disk. */
  private readonly open = new Set<string>();
  /** The connected Prometheus, set by the server: its metrics join completion and hover, its lints the problems. */
  live?: LiveMetrics;
  /** The YAML parse of the file last read by `indexFile`: the CLI, and an editor opening that file, parse it once. */
  private lastIndexed?: { path: string; text: string; docs: ParsedDocument[] };
  /** Documents change and are checked again (an editor), rather than checked once (the CLI). */
  private readonly incremental: boolean;
  /** The caller reads errors alone (see DocumentContext.errorsOnly). */
  private readonly errorsOnly: boolean;

  constructor(
    private readonly env: Environment = {},
    private readonly workspaceRoot?: string,
    options: { incremental?: boolean; errorsOnly?: boolean } = {},
  ) {
    this.incremental = options.incremental ?? true;
    this.validation = new Validation();
    this.errorsOnly = options.errorsOnly ?? false;
  }

  /** Applies the project's settings; documents are parsed and checked anew only when they changed. */
  configure(settings: ProjectSettings): void {
    const key = JSON.stringify(settings);
    if (key === this.settingsKey) {
      return; // the editor reads its settings at start and on every change of any setting
    }
    this.settings = settings;
    this.settingsKey = key;
    this.cache.clear();
  }

  get currentSettings(): ProjectSettings {
    return this.settings;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.open.delete(uriToPath(uri) ?? uri);
  }

  /** A document's parse and what its checks read; its version is read into the workspace indexes first. */
  context(doc: TextDocumentLike): DocumentContext {
    const parsed = this.parsed(doc);
    if (!parsed.indexed) {
      parsed.indexed = true;
      this.indexOpen(doc.uri, parsed.ctx);
    }
    return parsed.ctx;
  }

  /** The parse of a document's version, kept for the features that ask next; not yet in the workspace indexes. */
  private parsed(doc: TextDocumentLike): ParsedVersion {
    const hit = this.cache.get(doc.uri);
    const text = doc.getText();
    if (hit && hit.version === doc.version && hit.text === text) {
      return hit;
    }
    const path = uriToPath(doc.uri);
    const relPath = relative(path ?? doc.uri, this.workspaceRoot);
    // A notification template file is not YAML (its kind comes from its name or the associations, not content).
    const template = detectFileKind(relPath, [], this.settings.fileAssociations) === 'notificationTemplates';
    const docs = template ? [] : /\.json$/i.test(relPath) ? parseJson(text) : this.yamlDocs(path ?? doc.uri, text, hit);
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
      grafana: this.grafana,
      ruleTests: this.ruleTests,
      routing: this.routing,
      liveConnection: () => this.live?.name,
      errorsOnly: this.errorsOnly && !Object.values(this.settings.lints).includes('error'),
      oneShot: !this.incremental,
    };
    const parsed = { version: doc.version, text, ctx, indexed: false };
    this.cache.set(doc.uri, parsed);
    // Open from now on: the workspace reading must not index the file's text on disk instead.
    this.open.add(path ?? doc.uri);
    return parsed;
  }

  /** Reads an open document's parse into the workspace indexes. */
  private indexOpen(uri: string, ctx: DocumentContext): void {
    const { path, relPath, kind, text, lines, docs } = ctx;
    const key = path ?? uri;
    this.metrics.set(key, fileMetrics(kind, docs, relPath));
    this.grafana.set(key, grafanaFacts(kind, docs, relPath));
    this.ruleTests.set(key, ruleTestFacts(key, uri, kind, docs, lines));
    this.indexRules({ key, uri, relPath, kind, text, lines, docs });
    this.routing.set(key, routingFacts({ key, uri, relPath, kind, text, lines, docs }, alertmanagerVersion(this.settings)));
  }

  /** Reads a workspace file that is not open into the metrics and rules indexes (its text as on disk). */
  indexFile(path: string, text: string): void {
    if (this.open.has(path)) {
      return; // open documents are indexed as they change
    }
    indexGrafanaText(this.grafana, path, relative(path, this.workspaceRoot), text, this.settings.fileAssociations);
    const yamlDocs = this.indexRouting(path, text, this.indexRuleTests(path, text, this.indexRuleFile(path, text)));
    this.lastIndexed = yamlDocs && { path, text, docs: yamlDocs };
    if (!text.includes('record:') && !text.includes('input_series') && !text.includes('_interval')) {
      this.metrics.delete(path);
      return;
    }
    const relPath = relative(path, this.workspaceRoot);
    const docs = /\.json$/i.test(relPath) ? [] : (yamlDocs ?? parseYaml(text));
    this.lastIndexed = docs.length ? { path, text, docs } : undefined;
    this.metrics.set(path, fileMetrics(detectFileKind(relPath, docs, this.settings.fileAssociations), docs, relPath));
  }

  forgetFile(path: string): void {
    this.metrics.delete(path);
    this.grafana.delete(path);
    this.rules.delete(path);
    this.ruleTests.delete(path);
    this.routing.delete(path);
  }

  /** The kind of a document; like any feature, it reads the document into the indexes (see `indexesLater`). */
  fileKind(doc: TextDocumentLike): FileKind {
    const parsed = this.parsed(doc);
    return (this.indexesLater(parsed, doc.uri) ? parsed.ctx : this.context(doc)).kind;
  }

  /** Every problem of a document after lint settings and suppressions, plus the suppressions that hid nothing. */
  check(doc: TextDocumentLike): ValidationResult {
    const ctx = this.context(doc);
    return this.settled(ctx, this.rawProblems(ctx));
  }

  /**
   * The problems of a file checked on its own (the CLI given just that file): what the workspace indexes add takes
   * other files, so a rule file, prometheus.yml or alertmanager.yml is not read into them (their own checks read
   * none). Other kinds, whose own checks read the indexes, and checks with a connected Prometheus, are checked
   * as usual; undefined for a file of no known kind.
   */
  checkAlone(doc: TextDocumentLike): ValidationResult | undefined {
    const { ctx } = this.parsed(doc);
    if (ctx.kind === 'unknown') {
      return undefined;
    }
    return CHECKED_ALONE.has(ctx.kind) && !this.live ? this.ownResult(ctx) : this.check(doc);
  }

  /** A document's own problems (no index read: see checkAlone, validateBeforeIndexing), settled. */
  private ownResult(ctx: DocumentContext): ValidationResult {
    return this.settled(ctx, this.validation.problems(ctx));
  }

  validate(doc: TextDocumentLike): Diagnostic[] {
    const { problems, context } = this.check(doc);
    return problems.map((p) => toDiagnostic(p, context.lines));
  }

  /**
   * The first diagnostics of a large rule file that the rules index has never read, without reading it: the
   * problems it has on its own (syntax, schema, rule checks, PromQL, templates), which need no index. Undefined
   * for other documents, and for later versions, which the index reads from the previous one's items at little
   * cost (`validate` answers). The cross-file findings follow once `indexPending` has read it: an editor that
   * opens a 5,000-rule file sees its own mistakes without waiting for that.
   */
  validateBeforeIndexing(doc: TextDocumentLike): Diagnostic[] | undefined {
    const parsed = this.parsed(doc);
    if (!this.indexesLater(parsed, doc.uri)) {
      return undefined;
    }
    const ctx = parsed.ctx;
    return this.ownResult(ctx).problems.map((p) => toDiagnostic(p, ctx.lines));
  }

  /** Whether a parsed version is a large rule file the rules index has never read (see `validateBeforeIndexing`). */
  private indexesLater(parsed: ParsedVersion, uri: string): boolean {
    const { kind, path } = parsed.ctx;
    return !parsed.indexed && kind === 'rules' && parsed.text.length >= INDEX_AFTER_FIRST_CHECK_LENGTH && !this.rules.file(path ?? uri);
  }

  /**
   * Reads a document's version into the indexes when `validateBeforeIndexing` left it out. True when that brings
   * findings its first diagnostics lacked (cross-file ones, those of a connected Prometheus): they need a refresh.
   */
  indexPending(doc: TextDocumentLike): boolean {
    const hit = this.cache.get(doc.uri);
    if (!hit || hit.indexed || hit.version !== doc.version || hit.text !== doc.getText()) {
      return false;
    }
    const ctx = this.context(doc);
    return this.live !== undefined || this.settled(ctx, this.indexedProblems(ctx)).problems.length > 0;
  }

  /** Problems after the project's lint settings and the document's suppression comments. */
  private settled(ctx: DocumentContext, raw: Problem[]): ValidationResult {
    const leveled = applyLintSettings(raw, this.settings, ctx.relPath);
    const { kept, unused } = applySuppressions(leveled, parseSuppressions(ctx.lines), ctx.lines);
    return { problems: kept, unusedSuppressions: unused, context: ctx };
  }

  async complete(doc: TextDocumentLike, pos: Position): Promise<CompletionItem[]> {
    const ctx = this.context(doc);
    const service = kindService(ctx.kind);
    const embedded = service?.promql && (await promqlCompletion(ctx, service.promql, pos, this.metricSource()));
    if (embedded) {
      return embedded;
    }
    const template = ctx.kind === 'rules' ? await ruleTemplateCompletion(ctx, pos) : undefined;
    if (template) {
      return template;
    }
    if (ctx.kind === 'notificationTemplates') {
      return notificationTemplateCompletion(ctx, pos);
    }
    const alertname = ctx.kind === 'ruleTests' ? alertnameCompletion(ctx, pos) : undefined;
    if (alertname) {
      return alertname;
    }
    if (!service?.schemaId) {
      return [];
    }
    const json = /\.json$/i.test(ctx.relPath);
    return json ? completeJson(ctx, schemaRegistry(), service.schemaId, pos, service.product) : completeYaml(ctx, schemaRegistry(), service.schemaId, pos, service.product);
  }

  async hover(doc: TextDocumentLike, pos: Position): Promise<Hover | null> {
    const ctx = this.context(doc);
    const usage = nav.recordHover(this.rules, ctx.path ?? ctx.uri, ctx.lines.offsetAt(pos));
    if (usage) {
      return usage;
    }
    const service = kindService(ctx.kind);
    const embedded = service?.promql && (await promqlHover(ctx, service.promql, pos, this.metricSource()));
    if (embedded !== undefined) {
      return embedded;
    }
    const template = ctx.kind === 'rules' ? await ruleTemplateHover(ctx, pos) : undefined;
    if (template !== undefined) {
      return template;
    }
    if (ctx.kind === 'notificationTemplates') {
      return notificationTemplateHover(ctx, pos);
    }
    const alertname = ctx.kind === 'ruleTests' ? alertnameHover(ctx, pos) : undefined;
    if (alertname) {
      return alertname;
    }
    return service?.schemaId ? hoverYaml(ctx, schemaRegistry(), service.schemaId, pos, service.product) : null;
  }

  /** CodeLenses: run a query, run a rule test, … (core/codeLens.ts gathers them). */
  codeLenses(doc: TextDocumentLike): CodeLens[] {
    return codeLenses(this.context(doc));
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

  /** The outline of a rule file: groups → rules. */
  symbols(doc: TextDocumentLike): DocumentSymbol[] {
    const ctx = this.context(doc);
    return ctx.kind === 'rules' ? ruleSymbols(ctx) : [];
  }

  /** The recording rules producing the metric under the cursor, workspace-wide. */
  definition(doc: TextDocumentLike, pos: Position): Location[] {
    const ctx = this.context(doc);
    const template = templateDefinition(ctx, ctx.lines.offsetAt(pos));
    return template.length > 0 ? template : nav.definition(this.rules, ctx.path ?? ctx.uri, ctx.lines.offsetAt(pos));
  }

  references(doc: TextDocumentLike, pos: Position, includeDeclaration: boolean): Location[] {
    const ctx = this.context(doc);
    return nav.references(this.rules, ctx.path ?? ctx.uri, ctx.lines.offsetAt(pos), includeDeclaration);
  }

  prepareRename(doc: TextDocumentLike, pos: Position): nav.RenameCheck {
    const ctx = this.context(doc);
    return nav.prepareRename(this.rules, ctx.path ?? ctx.uri, ctx.lines.offsetAt(pos));
  }

  rename(doc: TextDocumentLike, pos: Position, newName: string): WorkspaceEdit | { error: string } {
    const ctx = this.context(doc);
    return nav.rename(this.rules, ctx.path ?? ctx.uri, ctx.lines.offsetAt(pos), newName);
  }

  /** Keys (paths) of the files a rename at this position would edit. */
  renameFiles(doc: TextDocumentLike, pos: Position): string[] {
    const ctx = this.context(doc);
    return nav.renameFiles(this.rules, ctx.path ?? ctx.uri, ctx.lines.offsetAt(pos));
  }

  /** The YAML parse of an open document's new text: from its previous parse when an edit retyped one scalar. */
  private yamlDocs(path: string, text: string, previous: ParsedVersion | undefined): ParsedDocument[] {
    const edited = previous && previous.ctx.docs.length > 0 ? reparseScalarEdit(previous.text, previous.ctx.docs, text) : undefined;
    return edited ?? this.indexedParse(path, text) ?? parseYaml(text);
  }

  /** The parse `indexFile` made of this text, handed over once. */
  private indexedParse(path: string, text: string): ParsedDocument[] | undefined {
    const hit = this.lastIndexed;
    this.lastIndexed = undefined;
    return hit && hit.path === path && hit.text === text ? hit.docs : undefined;
  }

  private rawProblems(ctx: DocumentContext): Problem[] {
    const found = [...this.validation.problems(ctx), ...this.indexedProblems(ctx)];
    return this.live ? withLiveProblems(ctx, found, this.live, this.rules) : found;
  }

  /** The problems the workspace indexes tell (cross-file findings, rule-test failures); the live ones aside. */
  private indexedProblems(ctx: DocumentContext): Problem[] {
    const found = crossFileProblems(this.rules, ctx.path ?? ctx.uri);
    found.push(...(ctx.kind === 'rules' ? ruleRoutingProblems(ctx) : ctx.kind === 'alertmanagerConfig' ? alertmanagerRoutingProblems(ctx) : []));
    if (ctx.kind === 'ruleTests') {
      found.push(...this.ruleTestFailures.problems(ctx.uri, ctx.text, ctx.docs[0]?.root));
    }
    return found;
  }

  private metricSource(): MetricSource {
    return this.live ? mergedSource(this.metrics.source(), this.live.source()) : this.metrics.source();
  }

  /** Reads a file that is not open into the rules index; returns its YAML parse when it needed one. */
  private indexRuleFile(path: string, text: string): ParsedDocument[] | undefined {
    if (!text.includes('expr')) {
      this.rules.delete(path);
      return undefined;
    }
    const relPath = relative(path, this.workspaceRoot);
    const json = /\.json$/i.test(relPath);
    // Dashboards are scanned for "expr" strings without a parse; a JSON rule file needs one.
    const docs = json ? (text.includes('"groups"') ? parseJson(text) : []) : parseYaml(text);
    const kind = detectFileKind(relPath, docs, this.settings.fileAssociations);
    this.indexRules({ key: path, uri: pathToUri(path), relPath, kind, text, lines: new LineIndex(text), docs });
    return json ? undefined : docs;
  }

  /** Reads a rule-test file that is not open into the rule-test index; returns the YAML parse it has or made. */
  private indexRuleTests(path: string, text: string, docs: ParsedDocument[] | undefined): ParsedDocument[] | undefined {
    const relPath = relative(path, this.workspaceRoot);
    if (!text.includes('alert_rule_test') || /\.json$/i.test(relPath)) {
      this.ruleTests.delete(path);
      return docs;
    }
    const parsed = docs ?? parseYaml(text);
    const kind = detectFileKind(relPath, parsed, this.settings.fileAssociations);
    this.ruleTests.set(path, ruleTestFacts(path, pathToUri(path), kind, parsed, new LineIndex(text)));
    return parsed;
  }

  private indexRules(src: FileSource): void {
    const file = readRuleFile(src, this.rules.file(src.key));
    if (file) {
      this.rules.set(file);
    } else {
      this.rules.delete(src.key);
    }
    this.routing.noteRules(src.key, file);
  }

  /** Reads a file that is not open into the routing index (Alertmanager routing, Prometheus labels); returns its YAML parse when it has or made one. */
  private indexRouting(path: string, text: string, docs: ParsedDocument[] | undefined): ParsedDocument[] | undefined {
    const relPath = relative(path, this.workspaceRoot);
    const candidate = text.includes('route') || text.includes('external_labels') || text.includes('target_label') || text.includes('static_configs');
    if (/\.json$/i.test(relPath) || !candidate) {
      this.routing.delete(path);
      return docs;
    }
    const parsed = docs ?? parseYaml(text);
    const kind = detectFileKind(relPath, parsed, this.settings.fileAssociations);
    this.routing.set(path, routingFacts({ key: path, uri: pathToUri(path), relPath, kind, text, lines: new LineIndex(text), docs: parsed }, alertmanagerVersion(this.settings)));
    return parsed;
  }
}

function relative(path: string, root: string | undefined): string {
  const p = path.replace(/\\/g, '/');
  const r = root?.replace(/\\/g, '/').replace(/\/$/, '');
  return r && p.startsWith(r + '/') ? p.slice(r.length + 1) : p.split('/').pop()!;
}
