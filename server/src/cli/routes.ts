import { parseMatchers } from '../core/alertmanager/matchers';
import { buildRouteTree, matchRoutes, routeMatches, routeSlug, type Route } from '../core/alertmanager/route';
import { alertmanagerVersion } from '../core/kinds/alertmanagerConfig/nodes';
import { getValue } from '../core/syntax/ast';
import { loadAlertmanagerConfig } from './alertmanagerFile';
import type { ParsedArgs } from './args';
import { UsageError } from './args';

export const ROUTES_HELP = `Usage: o11y routes [options] <alertmanager.yml>

Shows where Alertmanager sends alerts, like amtool config routes test / show.

Options:
  --labels 'a=b,c="d"'         the alert's labels: prints the receivers that get it, one line, comma-separated
  --tree                       print the routing tree (with --labels: the routes the alert takes)
  --alertmanager-version X     target Alertmanager version (default: from .o11y.yaml, else the newest known)
  --config FILE                project configuration (default: the nearest .o11y.yaml)

Exit status: 1 when the file has errors, 0 otherwise, 2 on bad usage.
`;

export function runRoutes(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): number {
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) {
    throw new UsageError('name one Alertmanager configuration file');
  }
  const labelsArg = args.flags.labels;
  if (labelsArg === true) {
    throw new UsageError('--labels needs a value such as severity=critical,service=api');
  }
  if (!labelsArg && !args.flags.tree) {
    throw new UsageError('give --labels, --tree or both');
  }
  const labels = labelsArg === undefined ? undefined : parseLabels(labelsArg);
  const config = args.flags.config;
  const version = args.flags['alertmanager-version'];
  const loaded = loadAlertmanagerConfig(file, typeof config === 'string' ? config : undefined, typeof version === 'string' ? version : undefined, err);
  if (!loaded) {
    return 1;
  }
  const { text, context, settings } = loaded;
  const route = getValue(context.docs[0]?.root, 'route')!;
  const tree = buildRouteTree(route, text, alertmanagerVersion(settings));
  if (args.flags.tree) {
    // amtool's layout, blank lines included.
    out(labels ? `Matching routes:\n${printTree(matchingTree(tree, labels))}\n\n` : `Routing tree:\n${printTree(fullTree(tree))}\n`);
  }
  if (labels) {
    out(matchRoutes(tree, labels).map((r) => r.options.receiver).join(',') + '\n');
  }
  return 0;
}

/** `a=b,c="d"` as amtool reads each label: a classic matcher with `=`. */
function parseLabels(s: string): Record<string, string> {
  const parsed = parseMatchers(s, 'classic');
  if (parsed.error) {
    throw new UsageError(`bad --labels: ${parsed.error.message}`);
  }
  const labels: Record<string, string> = {};
  for (const m of parsed.matchers) {
    if (m.op !== '=') {
      throw new UsageError('labels must be specified as key=value pairs');
    }
    labels[m.name] = m.value;
  }
  return labels;
}

interface TreeLine {
  text: string;
  children: TreeLine[];
}

function fullTree(route: Route): TreeLine {
  const text = `${routeSlug(route)}${route.continue ? '  continue: true' : ''}  receiver: ${route.options.receiver}`;
  return { text, children: route.routes.map(fullTree) };
}

/** The routes an alert goes through; the ones that take it show their receiver (amtool's getMatchingTree). */
function matchingTree(route: Route, labels: Record<string, string>): TreeLine {
  const children: TreeLine[] = [];
  for (const child of route.routes) {
    if (routeMatches(child, labels)) {
      children.push(matchingTree(child, labels));
      if (!child.continue) {
        break;
      }
    }
  }
  const text = children.length === 0 ? `${routeSlug(route)}  receiver: ${route.options.receiver}` : routeSlug(route);
  return { text, children };
}

/** The layout of github.com/xlab/treeprint, which amtool prints with. */
function printTree(root: TreeLine): string {
  const lines = ['.'];
  const walk = (node: TreeLine, prefix: string, last: boolean): void => {
    lines.push(`${prefix}${last ? '└── ' : '├── '}${node.text}`);
    node.children.forEach((c, i) => walk(c, prefix + (last ? '    ' : '│   '), i === node.children.length - 1));
  };
  walk(root, '', true);
  return lines.join('\n') + '\n';
}
