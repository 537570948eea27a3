import type { Environment } from '../environment';
import type { FileKind } from '../fileKind';
import type { ProjectSettings } from '../settings';
import type { ParsedDocument } from '../syntax/ast';
import type { LineIndex } from '../text';
import type { WorkspaceMetrics } from '../workspace/index';
import type { GrafanaIndex } from '../workspace/grafana';
import type { RuleTestIndex } from '../workspace/ruleTestIndex';
import type { RoutingIndex } from '../workspace/routing';

/** One parse of one document version, shared by every feature. */
export interface DocumentContext {
  uri: string;
  /** File system path, when the document is a file. */
  path?: string;
  /** Workspace-relative path (forward slashes), used for associations and ignores. */
  relPath: string;
  text: string;
  lines: LineIndex;
  docs: ParsedDocument[];
  kind: FileKind;
  settings: ProjectSettings;
  env: Environment;
  /** What the rest of the workspace tells (recorded metrics, the scrape interval), when known. */
  workspace?: WorkspaceMetrics;
  /** Dashboards and provisioned data sources of the workspace, when known. */
  grafana?: GrafanaIndex;
  /** The alert cases of the workspace's rule-test files, when known. */
  ruleTests?: RuleTestIndex;
  /** The workspace's Alertmanager routing and the alerts it routes, when known. */
  routing?: RoutingIndex;
  /**
   * Only errors are read (a one-shot run such as `o11y routes` prints nothing else): checks that can only find
   * warnings or infos may be skipped. Never set when the project's lints raise a problem to an error.
   */
  errorsOnly?: boolean;
  /** Checked once (a CLI run): what checks keep for the next version of the document would only cost. */
  oneShot?: boolean;
  /** The name of the Prometheus connection in use while it answers (read at call time: it changes without edits). */
  liveConnection?: () => string | undefined;
}
