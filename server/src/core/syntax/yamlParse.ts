import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar, YAMLMap } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { makeNode, type AstNode, type ParsedDocument, type ScalarStyle, type SyntaxError } from './ast';
import { MAX_ALIAS_NODES, MAX_DEPTH } from './yamlLimits';

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/**
 * Parses a YAML stream with the `yaml` package (YAML 1.1 scalars, as Go's yaml.v2 used by Prometheus and
 * Alertmanager reads them) into our node model. Aliases are expanded to copies of their anchored node, which keep
 * the anchor's offsets, so errors found after resolution point at the source; merge keys are applied.
 */
export function parseYamlReference(text: string): ParsedDocument[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { version: '1.1', prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    return [tooDeep(text, err)];
  }
  if (!Array.isArray(docs)) {
    return [{ root: undefined, errors: [], offset: 0, length: text.length }];
  }
  return docs.map((doc) => convertDocument(doc, text));
}

function tooDeep(text: string, err: unknown): ParsedDocument {
  const message = err instanceof RangeError ? 'The document is nested too deeply to analyse.' : String(err);
  return { root: undefined, errors: [{ offset: 0, length: 0, message, code: 'yaml/too-deep' }], offset: 0, length: text.length };
}

function convertDocument(doc: Document.Parsed, text: string): ParsedDocument {
  const errors: SyntaxError[] = doc.errors.map((e) => ({
    offset: e.pos[0],
    length: Math.max(0, e.pos[1] - e.pos[0]),
    message: firstLine(e.message),
    code: 'yaml/' + e.code.toLowerCase().replace(/_/g, '-'),
  }));
  const [start, , end] = doc.range;
  const converter = new Converter(doc, errors);
  let root: AstNode | undefined;
  try {
    root = doc.contents ? converter.convert(doc.contents as YamlNode, undefined, 0) : undefined;
  } catch (err) {
    return { ...tooDeep(text, err), offset: start, length: end - start };
  }
  return { root, errors, offset: start, length: Math.min(end, text.length) - start };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

class Converter {
  private reportedDepth = false;
  /** Alias expansions under way (nested), and the targets being expanded (to catch an alias inside its anchor). */
  private expanding = 0;
  private readonly active = new Set<YamlNode>();
  private aliasBudget = MAX_ALIAS_NODES;
  constructor(
    private readonly doc: Document.Parsed,
    private readonly errors: SyntaxError[],
  ) {}

  convert(node: YamlNode, parent: AstNode | undefined, depth: number): AstNode | undefined {
    if (depth > MAX_DEPTH) {
      this.reportDepth(node);
      return undefined;
    }
    if (isAlias(node)) {
      return this.expandAlias(node as Alias, parent, depth);
    }
    if (this.expanding > 0 && --this.aliasBudget < 0) {
      return undefined;
    }
    const [offset, valueEnd] = node.range ?? [0, 0];
    if (isMap(node)) {
      const out = makeNode('object', offset, valueEnd - offset, parent);
      out.children = [];
      this.convertPairs(node as YAMLMap, out, depth);
      return out;
    }
    if (isSeq(node)) {
      const out = makeNode('array', offset, valueEnd - offset, parent);
      out.children = [];
      for (const item of node.items) {
        const child = this.convert(item as YamlNode, out, depth + 1);
        if (child) {
          out.children!.push(child);
        }
      }
      return out;
    }
    return scalarNode(node as Scalar, parent);
  }

  private convertPairs(map: YAMLMap, out: AstNode, depth: number): void {
    const merges: AstNode[] = [];
    for (const pair of map.items) {
      if (!isPair(pair) || !isScalar(pair.key)) {
        continue;
      }
      const key = scalarNode(pair.key as Scalar, undefined);
      // With YAML 1.1 the package marks merge keys with a symbol value; its source text is still `<<`.
      const isMerge = (pair.key as Scalar).source === '<<' || key.value === '<<';
      if (isMerge && pair.value && (isAlias(pair.value) || isSeq(pair.value))) {
        merges.push(...this.mergeSources(pair.value as YamlNode, depth));
        continue;
      }
      const keyEnd = key.offset + key.length;
      const value = pair.value
        ? this.convert(pair.value as YamlNode, undefined, depth + 1)
        : makeNode('null', keyEnd + 1, 0, undefined, null);
      const end = value ? value.offset + value.length : keyEnd;
      const prop = makeNode('property', key.offset, Math.max(end, keyEnd) - key.offset, out);
      key.parent = prop;
      prop.children = value ? [key, value] : [key];
      if (value) {
        value.parent = prop;
      }
      out.children!.push(prop);
    }
    for (const source of merges) {
      for (const prop of source.children ?? []) {
        const name = prop.children?.[0]?.value;
        if (!out.children!.some((p) => p.children?.[0]?.value === name)) {
          const copy = makeNode('property', prop.offset, prop.length, out);
          copy.children = prop.children;
          copy.merged = true;
          out.children!.push(copy);
        }
      }
    }
  }

  private mergeSources(value: YamlNode, depth: number): AstNode[] {
    const sources = isSeq(value) ? (value.items as YamlNode[]) : [value];
    const out: AstNode[] = [];
    for (const src of sources) {
      const node = this.convert(src, undefined, depth + 1);
      if (node?.type === 'object') {
        out.push(node);
      }
    }
    return out;
  }

  private expandAlias(alias: Alias, parent: AstNode | undefined, depth: number): AstNode | undefined {
    const target = alias.resolve(this.doc) as YamlNode | undefined;
    const [offset, end] = alias.range ?? [0, 0];
    const fail = (code: string, message: string): undefined => {
      this.errors.push({ offset, length: end - offset, code, message });
      return undefined;
    };
    if (!target) {
      return fail('yaml/unknown-alias', `Unknown alias "*${alias.source}": no anchor of that name comes before it.`);
    }
    if (this.active.has(target)) {
      return fail('yaml/alias-cycle', `The alias "*${alias.source}" is inside the node it refers to.`);
    }
    if (this.aliasBudget < 0) {
      return undefined;
    }
    this.active.add(target);
    this.expanding++;
    const out = this.convert(target, parent, depth + 1);
    this.expanding--;
    this.active.delete(target);
    if (this.aliasBudget < 0 && this.expanding === 0) {
      return fail('yaml/alias-expansion', `Aliases here expand to more than ${MAX_ALIAS_NODES} nodes; the document is not analysed further.`);
    }
    return out;
  }

  private reportDepth(node: YamlNode): void {
    if (!this.reportedDepth) {
      this.reportedDepth = true;
      const offset = node.range?.[0] ?? 0;
      this.errors.push({
        offset,
        length: 0,
        message: `The document is nested more than ${MAX_DEPTH} levels deep; deeper content is not analysed.`,
        code: 'yaml/too-deep',
      });
    }
  }
}

function scalarNode(node: Scalar, parent: AstNode | undefined): AstNode {
  const [offset, valueEnd] = node.range ?? [0, 0];
  const v = node.value;
  const length = valueEnd - offset;
  if (v === null || v === undefined) {
    return makeNode('null', offset, length, parent, null);
  }
  if (typeof v === 'boolean') {
    return makeNode('boolean', offset, length, parent, v);
  }
  if (typeof v === 'number' || typeof v === 'bigint') {
    return makeNode('number', offset, length, parent, Number(v));
  }
  return makeNode('string', offset, length, parent, String(v), STYLES[node.type ?? 'PLAIN'] ?? 'plain');
}
