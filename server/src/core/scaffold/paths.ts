/**
 * Path safety for generated files: every path the scaffold writes is relative, made of plain segments, and so
 * can never reach outside the folder it is written into (no `..`, no absolute paths, no drive letters).
 */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$|^\.[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Why a relative path is unsafe to write under a stack folder, or undefined when it is fine. */
export function unsafePathReason(path: string): string | undefined {
  if (path === '') {
    return 'the path is empty';
  }
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('\\')) {
    return `"${path}" is absolute; only paths inside the stack folder are written`;
  }
  if (path.includes('\\')) {
    return `"${path}" contains a backslash; use "/" between folders`;
  }
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) {
    return `"${path}" climbs out of the stack folder with ".."`;
  }
  const odd = segments.find((s) => !SEGMENT.test(s) || s.endsWith('.'));
  if (odd !== undefined) {
    return `"${path}" has an unusual segment "${odd}"; use letters, digits, ".", "-" and "_"`;
  }
  return undefined;
}
