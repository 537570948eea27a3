// A small Markdown reader for text panels: headings, paragraphs, lists, code blocks, quotes, rules, and inline
// bold, italics, code and links. It builds DOM nodes from text: nothing in the content is ever parsed as HTML.
import { el } from '../dom';

/** Inline Markdown: `code`, **bold**, *italics* / _italics_, [links](url) (shown as text: the page has no network). */
export function inline(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  const re = /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|\[([^\]]+)\]\(([^)\s]*)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(text.slice(last, m.index));
    if (m[1] !== undefined) {
      out.push(el('code', { text: m[1] }));
    } else if (m[2] !== undefined || m[3] !== undefined) {
      out.push(el('strong', {}, ...inline(m[2] ?? m[3])));
    } else if (m[4] !== undefined || m[5] !== undefined) {
      out.push(el('em', {}, ...inline(m[4] ?? m[5])));
    } else {
      out.push(el('span', { className: 'link', title: m[7] }, ...inline(m[6])));
    }
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out.filter((n) => n !== '');
}

function list(lines: string[], ordered: boolean): HTMLElement {
  const items = lines.map((l) => el('li', {}, ...inline(l.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, ''))));
  return ordered ? el('ol', {}, ...items) : el('ul', {}, ...items);
}

export function renderMarkdown(source: string): HTMLElement[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: HTMLElement[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    const take = (test: (l: string) => boolean): string[] => {
      const block: string[] = [];
      while (i < lines.length && test(lines[i])) {
        block.push(lines[i++]);
      }
      return block;
    };
    if (/^```/.test(line)) {
      i++;
      const code = take((l) => !/^```/.test(l));
      i++;
      out.push(el('pre', {}, el('code', { text: code.join('\n') })));
    } else if (/^#{1,6}\s/.test(line)) {
      const level = /^#+/.exec(line)![0].length;
      out.push(el(`h${level}` as 'h1', {}, ...inline(line.slice(level).trim())));
      i++;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push(el('hr'));
      i++;
    } else if (/^\s*[-*+]\s+/.test(line)) {
      out.push(list(take((l) => /^\s*[-*+]\s+/.test(l)), false));
    } else if (/^\s*\d+[.)]\s+/.test(line)) {
      out.push(list(take((l) => /^\s*\d+[.)]\s+/.test(l)), true));
    } else if (/^>/.test(line)) {
      out.push(el('blockquote', {}, ...inline(take((l) => /^>/.test(l)).map((l) => l.replace(/^>\s?/, '')).join(' '))));
    } else if (line.trim() === '') {
      i++;
    } else {
      const para = take((l) => l.trim() !== '' && !/^(#{1,6}\s|```|>|\s*[-*+]\s+|\s*\d+[.)]\s+)/.test(l));
      out.push(el('p', {}, ...inline(para.join(' '))));
    }
  }
  return out;
}
