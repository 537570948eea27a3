import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { makeNode, type AstNode, type ParsedDocument } from './ast';
import { parseJsonFast } from './jsonFast';

/** Deeper JSON is never a dashboard; beyond it jsonc-parser's recursion would exhaust the stack. */
const MAX_DEPTH = 500;

/** Parses a JSON document (comments and trailing commas reported, as Grafana's JSON parser rejects them). */
export function parseJson(text: string): ParsedDocument[] {
  const fast = parseJsonFast(text, MAX_DEPTH);
  if (fast) {
    return [{ root: fast, errors: [], offset: 0, length: text.length }];
  }
  const depth = nestingDepth(text);
  if (depth > MAX_DEPTH) {
    const message = `The document is nested more than ${MAX_DEPTH} levels deep; it is not analysed.`;
    return [{ root: undefined, errors: [{ offset: 0, length: 0, message, code: 'json/too-deep' }], offset: 0, length: text.length }];
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return [
    {
      root: tree && convert(tree, undefined),
      errors: errors.map((e) => ({ offset: e.offset, length: e.length, message: describe(e), code: 'json/syntax' })),
      offset: 0,
      length: text.length,
    },
  ];
}

function describe(e: ParseError): string {
  const name = printParseErrorCode(e.error);
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()) + '.';
}

/** Brackets nesting, skipping strings: a cheap scan before the recursive parser. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) {
        i++;
      } else if (c === 34) {
        inString = false;
      }
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      max = Math.max(max, ++depth);
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return max;
}

function convert(n: JsonNode, parent: AstNode | undefined): AstNode {
  const node = makeNode(n.type, n.offset, n.length, parent, n.type === 'object' || n.type === 'array' || n.type === 'property' ? undefined : n.value, n.type === 'string' ? 'json' : undefined);
  if (n.children) {
    node.children = n.children.map((c) => convert(c, node));
  }
  return node;
}
