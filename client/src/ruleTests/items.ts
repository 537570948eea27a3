import * as vscode from 'vscode';
import type { Range } from 'vscode-languageserver-types';

// Test item ids: the file's URI, `URI#GROUP` for a test group, `URI#GROUP/alertN` or `URI#GROUP/exprN` for a case.

export function groupId(fileId: string, group: number): string {
  return `${fileId}#${group}`;
}

export function caseId(fileId: string, group: number, kind: 'alert' | 'expr', index: number): string {
  return `${groupId(fileId, group)}/${kind}${index}`;
}

export type ItemRef =
  | { level: 'file'; fileId: string }
  | { level: 'group'; fileId: string; group: number }
  | { level: 'case'; fileId: string; group: number; kind: 'alert' | 'expr'; index: number };

/** What an item id points at (the URI itself may hold `#` only percent-encoded, so the last `#` splits). */
export function parseId(id: string): ItemRef {
  const hash = id.lastIndexOf('#');
  const m = hash >= 0 ? /^(\d+)(?:\/(alert|expr)(\d+))?$/.exec(id.slice(hash + 1)) : null;
  if (!m) {
    return { level: 'file', fileId: id };
  }
  const fileId = id.slice(0, hash);
  return m[2] ? { level: 'case', fileId, group: Number(m[1]), kind: m[2] as 'alert' | 'expr', index: Number(m[3]) } : { level: 'group', fileId, group: Number(m[1]) };
}

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
