// Text panels: Markdown through the small reader, HTML through an allow-list (tags rebuilt without attributes,
// scripts and styles dropped), code as it is.
import type { PanelContent } from '../../../server/src/core/dashboardPreview/types';
import { el } from '../dom';
import { renderMarkdown } from './markdown';

const ALLOWED = new Set(['p', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'code', 'pre', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'small', 'sub', 'sup']);
const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math']);

/** A copy of parsed HTML with only allowed tags and no attributes; links and images become their text. */
function sanitized(node: Node): Node[] {
  if (node.nodeType === Node.TEXT_NODE) {
    return [document.createTextNode(node.textContent ?? '')];
  }
  if (node.nodeType !== Node.ELEMENT_NODE) {
    return [];
  }
  const tag = (node as Element).tagName.toLowerCase();
  if (DROPPED.has(tag)) {
    return [];
  }
  const children = [...node.childNodes].flatMap(sanitized);
  if (!ALLOWED.has(tag)) {
    return children;
  }
  const copy = document.createElement(tag);
  copy.append(...children);
  return [copy];
}

export function renderText(c: Extract<PanelContent, { kind: 'text' }>): HTMLElement {
  if (c.mode === 'code') {
    return el('pre', { className: 'text-panel' }, el('code', { text: c.content }));
  }
  if (c.mode === 'html') {
    // DOMParser builds an inert document: nothing in it runs or loads.
    const doc = new DOMParser().parseFromString(c.content, 'text/html');
    return el('div', { className: 'text-panel' }, ...[...doc.body.childNodes].flatMap(sanitized));
  }
  return el('div', { className: 'text-panel markdown' }, ...renderMarkdown(c.content));
}
