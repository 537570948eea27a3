/**
 * `formatPromQL(text)`: a pretty-printer that writes what `promtool promql format` writes, following the rules of
 * promql/parser/prettier.go:
 * - a node whose one-line text (formatString.ts) is at most 100 bytes stays on one line;
 * - a longer aggregation, call or parenthesis opens on its line, puts its parameter and arguments one per line
 *   two spaces deeper (separated by `,`), and closes on a line of its own;
 * - a longer binary expression puts its operands two spaces deeper than the operator line between them;
 * - a longer subquery splits its inner expression and keeps its `[range:step]` suffix on the last line;
 * - selectors, literals and matrix selectors never split; a unary operator sticks to its (split) operand.
 * Comments are dropped, as promtool drops them.
 *
 * One deliberate difference (documented in test/integration/promtoolFormat.test.ts): prettier.go prints a
 * subquery that fits on a line without its indentation when its parent was split; we indent it like any node.
 */
import type { Expr } from './ast';
import { aggregateHead, binaryHead, exprText, subquerySuffix, type TextCache } from './formatString';
import { parsePromQL } from './parse';
import { utf8Length } from '../goStrconv';

export interface FormatOptions {
  /** Longest one-line node, in bytes of UTF-8 (prettier.go's maxCharactersPerLine, 100). */
  maxLineLength?: number;
}

const INDENT = '  ';

/** The formatted expression, or undefined when the text is not valid PromQL. */
export function formatPromQL(text: string, options: FormatOptions = {}): string | undefined {
  const { expr, problems } = parsePromQL(text);
  if (!expr || problems.some((p) => p.severity === 'error')) {
    return undefined;
  }
  return formatExpr(expr, options);
}

/** Pretty-prints an expression already parsed. */
export function formatExpr(expr: Expr, options: FormatOptions = {}): string {
  const printer = new Printer(options.maxLineLength ?? 100);
  return printer.pretty(expr, 0);
}

class Printer {
  private readonly texts: TextCache = new Map();
  private readonly sizes = new Map<Expr, number>();

  constructor(private readonly max: number) {}

  pretty(e: Expr, level: number): string {
    const indent = INDENT.repeat(level);
    if (!this.needsSplit(e)) {
      return indent + this.text(e);
    }
    switch (e.kind) {
      case 'aggregate': {
        const param = e.param ? `${this.pretty(e.param, level + 1)},\n` : '';
        return `${indent}${aggregateHead(e)}(\n${param}${this.pretty(e.expr!, level + 1)}\n${indent})`;
      }
      case 'binary':
        return `${this.pretty(e.lhs, level + 1)}\n${indent}${binaryHead(e)}\n${this.pretty(e.rhs, level + 1)}`;
      case 'call':
        return `${indent}${e.name}(\n${e.args.map((a) => this.pretty(a, level + 1)).join(',\n')}\n${indent})`;
      case 'paren':
        return `${indent}(\n${this.pretty(e.expr, level + 1)}\n${indent})`;
      case 'subquery':
        return this.pretty(e.expr, level) + subquerySuffix(e);
      case 'unary':
        // The operator takes the operand's place; the operand's own indentation goes.
        return `${indent}${e.op}${this.pretty(e.expr, level).trim()}`;
      default:
        return indent + this.text(e);
    }
  }

  private text(e: Expr): string {
    return exprText(e, this.texts);
  }

  /** prettier.go's needsSplit: the node's text is longer than the limit, counted in bytes as Go's len() does. */
  private needsSplit(e: Expr): boolean {
    let size = this.sizes.get(e);
    if (size === undefined) {
      const s = this.text(e);
      size = s.length > this.max || !/[^\x00-\x7f]/.test(s) ? s.length : utf8Length(s);
      this.sizes.set(e, size);
    }
    return size > this.max;
  }
}
