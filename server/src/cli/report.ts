import type { Severity } from '../core/problem';

/** One finding as `o11y check` reports it (1-based lines and columns). */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

export function cliSeverity(s: Severity): Finding['severity'] {
  return s === 'hint' ? 'info' : s;
}

export function formatText(findings: Finding[], checked: number): string {
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.code}]`);
  const count = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
  const files = new Set(findings.map((f) => f.file)).size;
  const summary =
    findings.length === 0
      ? `✓ ${checked} file${checked === 1 ? '' : 's'} checked, no problems`
      : `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info in ${files} of ${checked} file(s) checked`;
  return [...lines, summary].join('\n') + '\n';
}

export function formatJson(findings: Finding[]): string {
  return JSON.stringify(findings, null, 2) + '\n';
}

/** SARIF 2.1.0, as code-scanning UIs read it. */
export function formatSarif(findings: Finding[], version: string): string {
  const rules = [...new Set(findings.map((f) => f.code))].sort().map((id) => ({ id, shortDescription: { text: id } }));
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'o11y', version, rules } },
        results: findings.map((f) => ({
          ruleId: f.code,
          level: level[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.replace(/\\/g, '/') },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
