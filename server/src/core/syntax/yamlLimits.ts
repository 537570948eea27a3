/** Limits both YAML parsers keep (yamlParse.ts and yamlFast.ts), so that they agree on what they decline. */

/** Deeper documents are not analysed: they are never real configuration and would exhaust the stack. */
export const MAX_DEPTH = 500;

/**
 * Aliases are expanded to copies; a handful of nested aliases can stand for billions of nodes ("billion laughs").
 * Past this many copied nodes a document gets an error instead of an expansion.
 */
export const MAX_ALIAS_NODES = 100_000;
