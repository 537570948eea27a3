import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { completionLabels, openFile, positionAfter, waitFor } from './helpers';

describe('PromQL inside a rule file', () => {
  it('completes functions inside an expr', async () => {
    const editor = await openFile('rules/api-alerts.yml');
    const at = positionAfter(editor.document, 'expr: sum by (job) (ra');
    const labels = await waitFor('PromQL function completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
      const l = completionLabels(list);
      return l.includes('rate') && l;
    });
    assert.ok(labels.includes('irate'), labels.join(', '));
  });

  it('documents a function on hover', async () => {
    const editor = await openFile('rules/api-alerts.yml');
    const at = positionAfter(editor.document, 'record: job:http_requests:rate5m\n        expr: sum by (job) (ra');
    const hovers = await waitFor('a hover on rate', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      return h.length > 0 && h;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /rate\(/);
  });

  it('reports a PromQL error where it is', async () => {
    const editor = await openFile('rules/api-alerts.yml');
    const at = positionAfter(editor.document, 'expr: sum by (job) (rate(http_requests_total[5m])');
    await editor.edit((e) => e.insert(at, 'offset'));
    const diags = await waitFor('a PromQL diagnostic', async () => {
      const d = vscode.languages.getDiagnostics(editor.document.uri).filter((x) => String(typeof x.code === 'object' ? x.code.value : x.code).startsWith('promql/'));
      return d.length > 0 && d;
    });
    assert.equal(diags[0].range.start.line, at.line);
    await vscode.commands.executeCommand('undo');
  });
});
