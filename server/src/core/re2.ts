/**
 * Checks a regular expression the way Go's RE2 (`regexp/syntax`) would accept it, using the JavaScript engine
 * for the grammar both share and explicit checks for the constructs where they differ.
 * Returns undefined when valid, else a short reason.
 */
export function re2Error(source: string): string | undefined {
  const unsupported = /\(\?(?:=|!|<=|<!|#)/.exec(source);
  if (unsupported) {
    return `invalid or unsupported Perl syntax: \`${unsupported[0]}\``;
  }
  const backref = /(?<!\\)(?:\\\\)*\\([1-9])/.exec(source);
  if (backref) {
    return `invalid escape sequence: \`\\${backref[1]}\` (backreferences are not supported)`;
  }
  const repeat = /\{(\d+)(?:,(\d*))?\}/g;
  for (let m = repeat.exec(source); m; m = repeat.exec(source)) {
    if (Number(m[1]) > 1000 || (m[2] && Number(m[2]) > 1000)) {
      return `invalid repeat count: \`${m[0]}\``;
    }
  }
  let translated = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU]+\)/g, '')
    .replace(/\(\?[imsU]*-?[imsU]*:/g, '(?:')
    .replace(/\\[zA]/g, '')
    .replace(/\\Q(.*?)(?:\\E|$)/g, (_, lit: string) => lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .replace(/\\p([A-Z])/g, '\\p{$1}')
    .replace(/\\P([A-Z])/g, '\\P{$1}');
  const unicode = /\\[pP]\{/.test(translated);
  if (unicode) {
    translated = translated.replace(/\\x\{([0-9a-fA-F]+)\}/g, '\\u{$1}');
  }
  try {
    new RegExp(translated, unicode ? 'u' : '');
    return undefined;
  } catch (err) {
    const msg = String((err as Error).message);
    return msg.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '').toLowerCase();
  }
}
