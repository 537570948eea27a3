/**
 * The quoted template name under a cursor: `{{ template "x" . }}`, `{{ define "x" }}`, `{{ block "x" . }}`.
 * Works on unfinished text (an unterminated string while typing).
 */
import type { Span } from '../../templates/ast';
import { actionAt } from '../../templates/cursor';

export interface NameSite {
  keyword: 'template' | 'define' | 'block';
  /** The name as typed so far (up to the closing quote, or up to the cursor when unterminated). */
  name: string;
  /** The string's contents, without quotes. */
  span: Span;
}

export function templateNameAt(text: string, offset: number): NameSite | undefined {
  const cur = actionAt(text, offset);
  if (!cur?.string) {
    return undefined;
  }
  // The string token is the last one when the string is closed; an unterminated one is not a token.
  const tokens = cur.before;
  const last = tokens[tokens.length - 1];
  const closed = last && (last.type === 'string' || last.type === 'rawString') && last.from + 1 === cur.string.from;
  const keyword = closed ? tokens[tokens.length - 2] : last;
  if (!keyword || (keyword.type !== 'template' && keyword.type !== 'define' && keyword.type !== 'block')) {
    return undefined;
  }
  const span = closed ? cur.string : { from: cur.string.from, to: offset };
  return { keyword: keyword.type, name: text.slice(span.from, span.to), span };
}
