import type { CodeLens } from 'vscode-languageserver-types';
import { TEST_ROUTE_COMMAND, type TestRouteArgs } from '../../alertmanager/routeView';
import { getProperty, propertyValue } from '../../syntax/ast';
import type { DocumentContext } from '../context';

/** "Which receivers get this alert?" on the root route: asks for a label set and shows where it is routed. */
export function rootRouteLenses(ctx: DocumentContext): CodeLens[] {
  const route = ctx.kind === 'alertmanagerConfig' ? getProperty(ctx.docs[0]?.root, 'route') : undefined;
  if (!route || propertyValue(route)?.type !== 'object') {
    return [];
  }
  const at = ctx.lines.positionAt(route.offset);
  const args: TestRouteArgs = { uri: ctx.uri };
  return [{ range: { start: at, end: at }, command: { title: 'Which receivers get this alert?', command: TEST_ROUTE_COMMAND, arguments: [args] } }];
}
