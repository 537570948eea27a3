import picomatch from 'picomatch';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Problem, Severity } from './problem';
import { lintLevel, type ProjectSettings } from './settings';
import type { LineIndex } from './text';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Applies the project's lint levels and path ignores: drops what is off, re-levels the rest. */
export function applyLintSettings(problems: Problem[], settings: ProjectSettings, relPath: string): Problem[] {
  const ignores = settings.ignore.filter((i) => picomatch(i.path, { dot: true })(relPath));
  const out: Problem[] = [];
  for (const p of problems) {
    if (ignores.some((i) => !i.codes || i.codes.some((c) => c === p.code || (c.endsWith('/*') && p.code.startsWith(c.slice(0, -1)))))) {
      continue;
    }
    const level = lintLevel(settings, p.code);
    if (level === 'off') {
      continue;
    }
    out.push(level ? { ...p, severity: level } : p);
  }
  return out;
}

export function toDiagnostic(p: Problem, lines: LineIndex): Diagnostic {
  return {
    range: lines.range(p.offset, p.length),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: 'o11y',
    message: p.message,
    data: p.fix ? { fix: { title: p.fix.title, replacement: p.fix.replacement, range: p.fix.offset === undefined ? undefined : lines.range(p.fix.offset, p.fix.length ?? 0) } } : undefined,
  };
}
