import type { Path } from '../syntax/ast';
import type { LineIndex } from '../text';

/**
 * Where the cursor is in a block-style YAML document. Worked out from the text's indentation rather than the
 * parse tree, because the line being typed is usually not valid YAML yet.
 */
export type YamlCursor =
  | { kind: 'key'; path: Path; siblings: string[]; replaceStart: number; replaceEnd: number; newItem: boolean }
  | { kind: 'value'; path: Path; replaceStart: number; replaceEnd: number; partial: string };

interface LineShape {
  blank: boolean;
  /** Columns of the `- ` sequence indicators that start the line. */
  dashes: number[];
  /** Column where the content after any dashes starts. */
  keyCol: number;
  key?: string;
  /** `key:` with nothing after it (but a comment or an anchor): its value is the block below. */
  opensBlock: boolean;
  docMarker: boolean;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#'"{[][^#]*?):(?:\s|$)/;

function unquote(key: string): string {
  return key.trim().replace(/^(["'])(.*)\1$/, '$2');
}

function shape(line: string): LineShape {
  let i = 0;
  while (line[i] === ' ') {
    i++;
  }
  const dashes: number[] = [];
  while (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
    dashes.push(i);
    i += 2;
    while (line[i] === ' ') {
      i++;
    }
  }
  const rest = line.slice(i);
  const m = KEY.exec(rest);
  const after = m ? rest.slice(m[0].length).trim() : '';
  return {
    blank: dashes.length === 0 && (rest === '' || rest.startsWith('#')),
    dashes,
    keyCol: i,
    key: m ? unquote(m[1]) : undefined,
    opensBlock: !!m && (after === '' || after.startsWith('#') || /^&\S+$/.test(after)),
    docMarker: /^(---|\.\.\.)(\s|$)/.test(line),
  };
}

/** The path of the mapping whose keys stand at column `col`, for a key on line `line`. */
function mappingPath(lines: LineIndex, line: number, col: number): Path | undefined {
  if (col === 0) {
    return [];
  }
  for (let l = line - 1; l >= 0; l--) {
    if (indentOf(lines, l) > col) {
      continue;
    }
    const s = shape(lines.lineText(l));
    if (s.docMarker) {
      return undefined;
    }
    if (s.blank || (s.keyCol >= col && !(s.keyCol === col && s.dashes.length))) {
      continue;
    }
    if (s.keyCol === col) {
      return itemPath(lines, l, s.dashes[s.dashes.length - 1]);
    }
    if (!s.key || !s.opensBlock) {
      return undefined;
    }
    const owner = s.dashes.length ? itemPath(lines, l, s.dashes[s.dashes.length - 1]) : mappingPath(lines, l, s.keyCol);
    return owner && [...owner, s.key];
  }
  return undefined;
}

/** Indentation of a line, or Infinity for a blank line: a cheap filter before `shape` in long upward scans. */
function indentOf(lines: LineIndex, line: number): number {
  const text = lines.text;
  const end = lines.lineEnd(line);
  let i = lines.lineStart(line);
  const start = i;
  while (i < end && text.charCodeAt(i) === 32) {
    i++;
  }
  return i === end ? Infinity : i - start;
}

/** The path of a sequence item whose dash stands at column `dashCol` on line `line`. */
function itemPath(lines: LineIndex, line: number, dashCol: number): Path | undefined {
  for (let l = line - 1; l >= 0; l--) {
    if (indentOf(lines, l) > dashCol) {
      continue;
    }
    const s = shape(lines.lineText(l));
    if (s.docMarker) {
      break;
    }
    if (s.blank || s.keyCol > dashCol || s.dashes[0] === dashCol) {
      continue;
    }
    if (!s.key || !s.opensBlock) {
      return undefined;
    }
    const owner = s.dashes.length ? itemPath(lines, l, s.dashes[s.dashes.length - 1]) : mappingPath(lines, l, s.keyCol);
    return owner && [...owner, s.key, 0];
  }
  return dashCol === 0 ? [0] : undefined;
}

/** Keys already present in the mapping whose keys stand at column `col` around `line`. */
function siblingKeys(lines: LineIndex, line: number, col: number): string[] {
  const out: string[] = [];
  for (const step of [-1, 1]) {
    for (let l = line + step; l >= 0 && l < lines.lineCount; l += step) {
      const s = shape(lines.lineText(l));
      if (s.docMarker || (!s.blank && s.keyCol < col)) {
        break;
      }
      if (s.blank || s.keyCol > col) {
        continue;
      }
      if (s.dashes.length && step > 0) {
        break;
      }
      if (s.key) {
        out.push(s.key);
      }
      if (s.dashes.length) {
        break;
      }
    }
  }
  return out;
}

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !/[\s:#,\]}]/.test(text[i])) {
    i++;
  }
  return i;
}

const VALUE = /^(\s*(?:-\s+)*)("[^"]*"|'[^']*'|[^\s#:'"-][^:#]*?):\s+([^\s#]*)$/;
const KEY_PREFIX = /^(\s*)((?:-\s+)*)([\w.\-/]*)$/;

export function yamlCursor(lines: LineIndex, line: number, character: number): YamlCursor | undefined {
  const text = lines.lineText(line);
  const before = text.slice(0, character);
  const lineStart = lines.lineStart(line);
  const v = VALUE.exec(before);
  if (v) {
    const s = shape(v[1] + 'k: ');
    const owner = s.dashes.length ? itemPath(lines, line, s.dashes[s.dashes.length - 1]) : mappingPath(lines, line, s.keyCol);
    const partial = v[3];
    return owner && {
      kind: 'value',
      path: [...owner, unquote(v[2])],
      replaceStart: lineStart + character - partial.length,
      replaceEnd: lineStart + wordEnd(text, character),
      partial,
    };
  }
  const k = KEY_PREFIX.exec(before);
  if (!k) {
    return undefined;
  }
  const s = shape(before);
  const col = k[1].length + k[2].length;
  const newItem = s.dashes.length > 0;
  const path = newItem ? itemPath(lines, line, s.dashes[s.dashes.length - 1]) : mappingPath(lines, line, col);
  return path && {
    kind: 'key',
    path,
    siblings: newItem ? [] : siblingKeys(lines, line, col),
    replaceStart: lineStart + character - k[3].length,
    replaceEnd: lineStart + wordEnd(text, character),
    newItem,
  };
}
