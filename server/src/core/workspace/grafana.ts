import { detectFileKind, type FileAssociations, type FileKind } from '../fileKind';
import { getValue, items, type AstNode, type ParsedDocument } from '../syntax/ast';
import { parseJson } from '../syntax/jsonParse';
import { parseYaml } from '../syntax/parseYaml';

/** A data source a provisioning file declares. */
export interface ProvisionedDatasource {
  name: string;
  uid?: string;
  type?: string;
  orgId: number;
  isDefault: boolean;
}

/** What one file tells the Grafana checks of other files. */
export interface GrafanaFacts {
  /** Workspace-relative path. */
  relPath: string;
  /** Uids of the dashboards the file holds. */
  dashboardUids: string[];
  datasources: ProvisionedDatasource[];
}

/**
 * Dashboards and provisioned data sources of the workspace, kept per file so a change re-reads only that file:
 * duplicate dashboard uids, data source references, provider paths and default data sources are checked against it.
 */
export class GrafanaIndex {
  private readonly byFile = new Map<string, GrafanaFacts>();

  set(key: string, facts: GrafanaFacts | undefined): void {
    if (facts && (facts.dashboardUids.length || facts.datasources.length)) {
      this.byFile.set(key, facts);
    } else {
      this.byFile.delete(key);
    }
  }

  delete(key: string): void {
    this.byFile.delete(key);
  }

  /** Other files holding a dashboard with this uid. */
  dashboardsWithUid(uid: string, except: string): string[] {
    return [...this.byFile.entries()].filter(([key, f]) => key !== except && f.dashboardUids.includes(uid)).map(([, f]) => f.relPath);
  }

  /** Every data source provisioned outside the given file, with the file that declares it. */
  datasources(except?: string): (ProvisionedDatasource & { relPath: string })[] {
    return [...this.byFile.entries()].filter(([key]) => key !== except).flatMap(([, f]) => f.datasources.map((d) => ({ ...d, relPath: f.relPath })));
  }

  /** Folders holding dashboards (paths of files, URIs of documents that are not files). */
  dashboardFolders(): string[] {
    const dirs = [...this.byFile.entries()].filter(([, f]) => f.dashboardUids.length).map(([key]) => key.replace(/\\/g, '/').split('/').slice(0, -1).join('/'));
    return [...new Set(dirs)];
  }
}

/** The facts of a parsed file of a Grafana kind; undefined for other kinds. */
export function grafanaFacts(kind: FileKind, docs: ParsedDocument[], relPath: string): GrafanaFacts | undefined {
  if (kind === 'grafanaDashboard') {
    const uids = docs.map((d) => dashboardUid(d.root)).filter((u): u is string => !!u);
    return { relPath, dashboardUids: uids, datasources: [] };
  }
  if (kind === 'grafanaProvisioning') {
    return { relPath, dashboardUids: [], datasources: docs.flatMap((d) => items(getValue(d.root, 'datasources')).flatMap(datasourceOf)) };
  }
  return undefined;
}

/** Texts worth parsing for the index when a file is read from disk (cheap tests before a parse). */
function mayHoldGrafanaFacts(text: string, json: boolean): boolean {
  return json ? text.includes('"panels"') || text.includes('"schemaVersion"') : text.includes('datasources:') || text.includes('GrafanaDashboard');
}

/** The dashboard object of a document: the document itself, the `dashboard` of an API payload, or an operator's `spec.json`. */
function dashboardUid(root: AstNode | undefined): string | undefined {
  const dash = getValue(root, 'dashboard') ?? embeddedDashboard(root) ?? root;
  const uid = getValue(dash, 'uid');
  return uid?.type === 'string' && uid.value ? String(uid.value) : undefined;
}

function embeddedDashboard(root: AstNode | undefined): AstNode | undefined {
  const json = getValue(getValue(root, 'spec'), 'json');
  return json?.type === 'string' ? parseJson(String(json.value))[0].root : undefined;
}

function datasourceOf(node: AstNode): ProvisionedDatasource[] {
  const name = getValue(node, 'name');
  if (name?.type !== 'string') {
    return [];
  }
  const text = (key: string): string | undefined => {
    const v = getValue(node, key);
    return v?.type === 'string' ? String(v.value) : undefined;
  };
  const org = getValue(node, 'orgId');
  return [
    {
      name: String(name.value),
      uid: text('uid'),
      type: text('type'),
      orgId: org?.type === 'number' ? Number(org.value) : 1,
      isDefault: getValue(node, 'isDefault')?.value === true,
    },
  ];
}

/** Reads a file as it is on disk into the index (a cheap test first: most files hold no Grafana facts). */
export function indexGrafanaText(index: GrafanaIndex, key: string, relPath: string, text: string, associations: FileAssociations): void {
  const json = /\.json$/i.test(relPath);
  if (!mayHoldGrafanaFacts(text, json)) {
    index.delete(key);
    return;
  }
  const docs = json ? parseJson(text) : parseYaml(text);
  index.set(key, grafanaFacts(detectFileKind(relPath, docs, associations), docs, relPath));
}
