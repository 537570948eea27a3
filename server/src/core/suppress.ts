import type { LineIndex } from './text';
import type { Problem } from './problem';

/** A `# o11y-disable…` comment: `-next-line` (the following line), `-line` (its own line) or file-wide. */
export interface Suppression {
  scope: 'next-line' | 'line' | 'file';
  /** Codes, or `area/*`; empty means every code. */
  codes: string[];
  reason?: string;
  /** The line the comment is on (0-based) and its range, for "unused suppression" reports. */
  line: number;
  offset: number;
  length: number;
}

const DIRECTIVE = /(?:^|\s)#\s*o11y-(disable-next-line|disable-line|disable)(?=\s|$)([^\n\r]*)/;

export function parseSuppressions(lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  const text = lines.text;
  if (!text.includes('o11y-disable')) {
    return out;
  }
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    const m = DIRECTIVE.exec(lineText);
    if (!m) {
      continue;
    }
    const [body, reason] = m[2].split(/\s--\s?/, 2);
    const scope = m[1] === 'disable' ? 'file' : m[1] === 'disable-line' ? 'line' : 'next-line';
    const start = lines.lineStart(line) + m.index + (m[0].startsWith('#') ? 0 : 1);
    out.push({
      scope,
      codes: body.split(/[\s,]+/).filter(Boolean),
      reason: reason?.trim() || undefined,
      line,
      offset: start,
      length: lines.lineStart(line) + lineText.length - start,
    });
  }
  return out;
}

function covers(s: Suppression, code: string): boolean {
  return s.codes.length === 0 || s.codes.some((c) => c === code || (c.endsWith('/*') && code.startsWith(c.slice(0, -1))));
}

/** Drops the problems a suppression covers; returns the suppressions that covered nothing. */
export function applySuppressions(
  problems: Problem[],
  suppressions: Suppression[],
  lines: LineIndex,
): { kept: Problem[]; unused: Suppression[] } {
  if (!suppressions.length) {
    return { kept: problems, unused: [] };
  }
  const used = new Set<Suppression>();
  const kept = problems.filter((p) => {
    const line = lines.positionAt(p.offset).line;
    const hit = suppressions.find(
      (s) =>
        covers(s, p.code) &&
        (s.scope === 'file' || (s.scope === 'line' && s.line === line) || (s.scope === 'next-line' && s.line + 1 === line)),
    );
    if (hit) {
      used.add(hit);
    }
    return !hit;
  });
  return { kept, unused: suppressions.filter((s) => !used.has(s)) };
}
