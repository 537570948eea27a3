// Building the page from data without ever parsing data as HTML: text goes in as text, SVG by its DOM API.
export { el } from '../queryResults/dom';

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (numbers and fixed strings of this code only, never dashboard text). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: SVGElement[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, String(v));
  }
  node.append(...children);
  return node;
}
