import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { completionLabels, openFile, positionAfter, waitFor } from './helpers';

describe('completion and hover in prometheus.yml', () => {
  it('completes the top-level keys not yet written', async () => {
    const editor = await openFile('prometheus.yml');
    const end = new vscode.Position(editor.document.lineCount - 1, 0);
    // The first request may beat the server's start (only word completions come back): poll until ours arrive.
    const labels = await waitFor('the server\'s completion items', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
      const l = completionLabels(list);
      return l.includes('rule_files') && l;
    });
    for (const key of ['alerting', 'remote_write', 'rule_files']) {
      assert.ok(labels.includes(key), `${key} missing from ${labels.join(', ')}`);
    }
    assert.ok(!labels.includes('scrape_configs'), 'scrape_configs is already in the file');
  });

  it('completes the keys of a scrape job', async () => {
    const editor = await openFile('prometheus.yml');
    const at = positionAfter(editor.document, 'job_name: prometheus\n    ');
    const labels = await waitFor('scrape job keys', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
      const l = completionLabels(list);
      return l.includes('scrape_interval') && l;
    });
    assert.ok(labels.includes('metrics_path'));
  });

  it('explains a key on hover', async () => {
    const editor = await openFile('prometheus.yml');
    const at = positionAfter(editor.document, '  scrape_inter');
    const hovers = await waitFor('a hover on scrape_interval', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      return h.length > 0 && h;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*scrape_interval\*\*/);
    assert.match(text, /Default interval between two scrapes/);
  });
});
