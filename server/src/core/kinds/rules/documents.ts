import { getProperty, getValue, properties, propertyKey, type AstNode, type ParsedDocument } from '../../syntax/ast';
import type { Problem } from '../../problem';
import type { DocumentContext } from '../context';

// Which documents of a YAML file hold rules, and the checks of a document's shape.
//
// Prometheus reads a rule file with gopkg.in/yaml.v3 (model/rulefmt/rulefmt.go Parse): ONE document, decoded with
// KnownFields, so a plain rule file holds nothing but `groups`, later documents are never read, and a `%YAML`
// directive other than 1.1 is refused. Files of Kubernetes resources are read by the Prometheus Operator instead:
// every `kind: PrometheusRule` document counts, the ConfigMaps and Deployments beside them are none of ours.

const RESOURCE_KEYS = ['apiVersion', 'kind', 'metadata', 'spec'];

function kindOf(root: AstNode | undefined): unknown {
  return getValue(root, 'kind')?.value;
}

/** A Kubernetes resource other than a PrometheusRule (a `kind` and no rule groups of its own). */
function isForeignResource(root: AstNode | undefined): boolean {
  const kind = kindOf(root);
  return kind !== undefined && kind !== 'PrometheusRule' && !getProperty(root, 'groups');
}

function isResourceFile(docs: ParsedDocument[]): boolean {
  return docs.some((d) => kindOf(d.root) === 'PrometheusRule' || isForeignResource(d.root));
}

/** The documents whose rules are checked: all but foreign resources in a resource file, the first of a plain file. */
export function ruleDocuments(docs: ParsedDocument[]): ParsedDocument[] {
  return isResourceFile(docs) ? docs.filter((d) => !isForeignResource(d.root)) : docs.slice(0, 1);
}

function problem(node: AstNode, code: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { offset: node.offset, length: node.length, code, message, severity };
}

/** Keys that belong to the other shape (Kubernetes keys in a plain file, top-level `groups` in a resource). */
export function shapeProblems(root: AstNode | undefined, ctx: DocumentContext): Problem[] {
  if (root?.type !== 'object') {
    return [];
  }
  if (kindOf(root) === 'PrometheusRule') {
    const groups = getProperty(root, 'groups');
    const message = 'A PrometheusRule holds its rule groups under spec.groups, not at the top.';
    return groups ? [problem(groups.children![0], 'rules/misplaced-groups', message)] : [];
  }
  const out = properties(root)
    .filter((p) => RESOURCE_KEYS.includes(propertyKey(p)))
    .map((p) =>
      problem(
        p.children![0],
        'rules/unknown-key',
        `Unknown key "${propertyKey(p)}": a plain rule file holds only "groups" (a Kubernetes resource needs kind: PrometheusRule).`,
      ),
    );
  return [...out, ...directiveProblems(root, ctx)];
}

/** A `%YAML 1.2` (or any version but 1.1) directive before a plain rule file, which yaml.v3 refuses. */
function directiveProblems(root: AstNode, ctx: DocumentContext): Problem[] {
  const out: Problem[] = [];
  for (const m of ctx.text.slice(0, root.offset).matchAll(/^%YAML[ \t]+([^\s#]*)/gm)) {
    if (m[1] !== '1.1') {
      out.push({
        offset: m.index!,
        length: m[0].length,
        severity: 'error',
        code: 'rules/yaml-version',
        message: `Prometheus reads rule files as YAML 1.1 and refuses "${m[0]}" (found incompatible YAML document); remove the directive.`,
      });
    }
  }
  return out;
}

/** Documents after the first of a plain rule file: Prometheus never reads them. */
export function ignoredDocumentProblems(ctx: DocumentContext): Problem[] {
  if (isResourceFile(ctx.docs)) {
    return [];
  }
  return ctx.docs
    .slice(1)
    .filter((d) => d.root)
    .map((d) => {
      const firstKey = d.root!.children?.[0]?.children?.[0] ?? d.root!;
      const message = 'Prometheus reads only the first YAML document of a rule file; this one is ignored.';
      return problem(firstKey, 'rules/ignored-document', message, 'warning');
    });
}
