import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { openFile, waitFor } from './helpers';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

describe('diagnostics', () => {
  it('reports a bad duration and a misspelt key where they are', async () => {
    const editor = await openFile('prometheus-broken.yml');
    const uri = editor.document.uri;
    const diags = await waitFor('diagnostics on prometheus-broken.yml', () => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.some((d) => codeOf(d) === 'schema/invalid-duration') && list;
    });
    const byCode = new Map(diags.map((d) => [codeOf(d), d]));
    const duration = byCode.get('schema/invalid-duration');
    assert.ok(duration, `no schema/invalid-duration in ${[...byCode.keys()].join(', ')}`);
    assert.equal(duration.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(duration.range), '15x');
    const unknown = byCode.get('schema/unknown-key');
    assert.ok(unknown);
    assert.match(unknown.message, /Did you mean "scrape_timeout"/);
  });

  it('clears a diagnostic once the mistake is fixed', async () => {
    const editor = await openFile('prometheus-broken.yml');
    const uri = editor.document.uri;
    const bad = editor.document.getText().indexOf('15x');
    const range = new vscode.Range(editor.document.positionAt(bad), editor.document.positionAt(bad + 3));
    assert.ok(await editor.edit((e) => e.replace(range, '15s')));
    await waitFor('schema/invalid-duration to go away', () =>
      vscode.languages.getDiagnostics(uri).every((d) => codeOf(d) !== 'schema/invalid-duration'),
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
