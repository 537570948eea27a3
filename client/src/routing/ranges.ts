import * as vscode from 'vscode';
import type { Range } from 'vscode-languageserver-types';

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
