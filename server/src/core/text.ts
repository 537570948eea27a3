import type { Position, Range } from 'vscode-languageserver-types';

/** Offset ↔ position mapping over a text, computed once per text (lines as LSP counts them: UTF-16 units). */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // The usual text: indexOf scans natively, several times faster than a loop over a large file's characters.
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
        starts.push(nl + 1);
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) {
          starts.push(i + 1);
        } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) {
      return this.text.length;
    }
    const start = this.starts[Math.max(0, pos.line)];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  range(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    while (end > this.starts[line] && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) {
      end--;
    }
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
