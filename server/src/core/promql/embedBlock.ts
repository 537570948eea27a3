/**
 * Block scalars (`|` literal, `>` folded, chomping `-`/`+`, indentation indicators), decoded line for line as the
 * `yaml` package's compose/resolve-block-scalar.js does, recording where each character comes from.
 */

/** What the decoder writes to: the offset-map builder of embed.ts. */
export interface BlockSink {
  readonly doc: string;
  /** The scalar's end offset. */
  readonly to: number;
  readonly text: string;
  verbatim(from: number, to: number): void;
  fold(chars: string, breaks: number[]): void;
}

export interface BlockHeader {
  folded: boolean;
  chomp: '' | '-' | '+';
  /** The indentation indicator (`|2`), 0 when absent. */
  indent: number;
}

export interface BlockLine {
  start: number;
  /** Leading spaces. */
  indent: number;
  /** Content end: the line break, or the scalar's end. */
  end: number;
}

export function blockHeader(doc: string, from: number, to: number): BlockHeader {
  const header: BlockHeader = { folded: doc[from] === '>', chomp: '', indent: 0 };
  for (let i = from + 1; i < to && !' \t\r\n#'.includes(doc[i]); i++) {
    const ch = doc[i];
    if (!header.chomp && (ch === '-' || ch === '+')) {
      header.chomp = ch;
    } else if (!header.indent && ch >= '1' && ch <= '9') {
      header.indent = Number(ch);
    }
  }
  return header;
}

/** Lines as the `yaml` package splits them (on `\n`, indentation counted in spaces only). */
export function blockLines(doc: string, from: number, to: number): BlockLine[] {
  const lines: BlockLine[] = [];
  if (from >= to) {
    return lines;
  }
  for (let start = from; ; ) {
    let i = start;
    while (i < to && doc[i] === ' ') {
      i++;
    }
    const nl = doc.indexOf('\n', i);
    const end = nl < 0 || nl >= to ? to : nl;
    lines.push({ start, indent: i - start, end });
    if (end === to) {
      return lines;
    }
    start = end + 1;
  }
}

export function decodeBlock(b: BlockSink, header: BlockHeader, lines: BlockLine[], base: number): void {
  const doc = b.doc;
  const content = (l: BlockLine): string => doc.slice(l.start + l.indent, l.end);
  const isEmpty = (l: BlockLine): boolean => l.end === l.start + l.indent || content(l) === '\r';
  const lineBreak = (l: BlockLine): number => (l.end < b.to && doc[l.end - 1] === '\r' ? l.end - 1 : l.end);
  let chompStart = lines.length;
  while (chompStart > 0 && isEmpty(lines[chompStart - 1])) {
    chompStart--;
  }
  if (chompStart === 0) {
    if (header.chomp === '+' && lines.length > 0) {
      const n = Math.max(1, lines.length - 1);
      b.fold('\n'.repeat(n), lines.slice(0, lines.length - 1).map(lineBreak));
    }
    return;
  }
  let trimIndent = base + header.indent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    if (!isEmpty(lines[i])) {
      trimIndent = header.indent === 0 ? lines[i].indent : trimIndent;
      contentStart = i;
      break;
    }
    if (header.indent === 0 && lines[i].indent > trimIndent) {
      trimIndent = lines[i].indent;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i].indent > trimIndent) {
      chompStart = i + 1;
    }
  }
  for (let i = 0; i < contentStart; ++i) {
    b.verbatim(lines[i].start + Math.min(trimIndent, lines[i].indent), lines[i].start + lines[i].indent);
    b.fold('\n', [lineBreak(lines[i])]);
  }
  const ctx: BlockContext = { b, header, trimIndent, lineBreak };
  blockBody(ctx, lines.slice(contentStart, chompStart));
  if (header.chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) {
      b.fold('\n', [lineBreak(lines[i - 1])]);
      b.verbatim(lines[i].start + Math.min(trimIndent, lines[i].indent), lines[i].start + lines[i].indent);
    }
    if (!b.text.endsWith('\n')) {
      b.fold('\n', [lineBreak(lines[lines.length - 1])]);
    }
  } else if (header.chomp === '') {
    b.fold('\n', [lineBreak(lines[chompStart - 1])]);
  }
}

interface BlockContext {
  b: BlockSink;
  header: BlockHeader;
  trimIndent: number;
  lineBreak(l: BlockLine): number;
}

/** The content lines of a block scalar: `sep` and the gap are the `yaml` package's, with their line breaks. */
function blockBody({ b, header, trimIndent, lineBreak }: BlockContext, lines: BlockLine[]): void {
  const doc = b.doc;
  let sep = '';
  let gap = '';
  let breaks: number[] = [];
  let prevMoreIndented = false;
  for (const line of lines) {
    const contentFrom = line.start + line.indent;
    const contentTo = lineBreak(line) < line.end ? line.end - 1 : line.end;
    const hasContent = contentTo > contentFrom;
    // A content line less indented than the block is an error; the parser keeps its text without indentation.
    const indent = hasContent && line.indent < trimIndent ? 0 : line.indent;
    const extra = (): void => b.verbatim(line.start + Math.min(trimIndent, indent), line.start + indent);
    if (!header.folded) {
      b.fold(sep, breaks);
      extra();
      b.verbatim(contentFrom, contentTo);
      sep = '\n';
      breaks = [];
    } else if (indent > trimIndent || doc[contentFrom] === '\t') {
      if (sep === ' ') {
        sep = '\n';
      } else if (!prevMoreIndented && sep === '\n') {
        sep = '\n\n';
      }
      b.fold(gap + sep, breaks);
      extra();
      b.verbatim(contentFrom, contentTo);
      [sep, gap, breaks, prevMoreIndented] = ['\n', '', [], true];
    } else if (!hasContent) {
      if (sep === '\n') {
        gap += '\n';
      } else {
        sep = '\n';
      }
    } else {
      b.fold(gap + sep, breaks);
      b.verbatim(contentFrom, contentTo);
      [sep, gap, breaks, prevMoreIndented] = [' ', '', [], false];
    }
    breaks.push(lineBreak(line));
  }
}
