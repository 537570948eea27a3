import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { completionLabels, openFile, positionAfter, waitFor } from './helpers';

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('A rule file', () => {
  it('warns where an annotation uses a label the aggregation removed', async () => {
    const editor = await openFile('rules/checkout-alerts.yml');
    const diags = await waitFor('the removed-label warning', () => {
      const d = vscode.languages.getDiagnostics(editor.document.uri).filter((x) => codeOf(x) === 'rules/template-label-removed');
      return d.length > 0 && d;
    });
    const at = positionAfter(editor.document, '{{ $labels.');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, editor.document.positionAt(editor.document.getText().lastIndexOf('$labels.instance')).line);
    assert.notEqual(diags[0].range.start.line, at.line, 'the kept label "job" must not be reported');
  });

  it('reports a rule that is both an alert and a recording rule, as promtool does', async () => {
    const editor = await openFile('rules/checkout-alerts.yml');
    const at = positionAfter(editor.document, '      - alert: CheckoutSlow\n');
    await editor.edit((e) => e.insert(at, '        record: checkout:slow\n'));
    const diags = await waitFor('the alert-and-record error', () => {
      const d = vscode.languages.getDiagnostics(editor.document.uri).filter((x) => codeOf(x) === 'rules/alert-and-record');
      return d.length > 0 && d;
    });
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(diags[0].message, /only one of 'record' and 'alert' must be set/);
    await vscode.commands.executeCommand('undo');
  });

  it('completes $labels. with the labels the expression keeps', async () => {
    const editor = await openFile('rules/checkout-alerts.yml');
    const at = positionAfter(editor.document, 'summary: "Checkout p95 above 2s on {{ $labels.');
    const labels = await waitFor('label completions after $labels.', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at, '.');
      const l = completionLabels(list);
      return l.includes('job') && l;
    });
    assert.ok(!labels.includes('instance'), `"instance" is aggregated away, yet offered: ${labels.join(', ')}`);
    assert.ok(!labels.includes('le'), `"le" is consumed by histogram_quantile, yet offered: ${labels.join(', ')}`);
  });
});
