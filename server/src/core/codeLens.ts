import type { CodeLens } from 'vscode-languageserver-types';
import type { DocumentContext } from './kinds/context';
import { ruleTestLenses } from './kinds/ruleTests/codeLens';
import { ruleTestDebugLenses } from './kinds/ruleTests/debugLens';
import { ruleTestCoverageLenses } from './kinds/rules/testLens';
import { generateTestLenses } from './kinds/rules/generateTestLens';
import { queryLenses } from './query/lens';
import { alertRouteLenses } from './kinds/rules/routeLens';
import { rootRouteLenses } from './kinds/alertmanagerConfig/routeLens';
import { backtestLenses } from './backtest/lens';

/**
 * The CodeLenses of a document, from every feature that offers some (runnable queries, rule tests, …). Each
 * provider looks at the parsed document and returns lenses whose commands the clients know (`o11y.*`); it must be
 * cheap, as editors ask after every edit.
 */
export type LensProvider = (ctx: DocumentContext) => CodeLens[];

const PROVIDERS: LensProvider[] = [ruleTestLenses, ruleTestDebugLenses, ruleTestCoverageLenses, generateTestLenses, queryLenses, backtestLenses, alertRouteLenses, rootRouteLenses];

export function codeLenses(ctx: DocumentContext): CodeLens[] {
  return PROVIDERS.flatMap((provide) => provide(ctx));
}
