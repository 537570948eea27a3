import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, openFile, waitFor } from './helpers';

describe('activation', () => {
  it('activates on a prometheus.yml, within the 150 ms budget, and starts the language server', async () => {
    await openFile('prometheus.yml');
    const ext = await waitFor('the extension to activate', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(ext);
    const o11y = await api();
    await o11y.ready;
    console.log(`      activate() took ${o11y.activateMs.toFixed(1)} ms`);
    assert.ok(o11y.activateMs <= 150, `activate() took ${o11y.activateMs} ms`);
  });

  it('shows the file kind in the language status item', async () => {
    const editor = await openFile('prometheus.yml');
    const o11y = await api();
    assert.deepEqual(await o11y.fileKind(editor.document.uri), { kind: 'prometheusConfig', label: 'Prometheus configuration' });
    const status = await waitFor('the language status to show the kind', () => {
      const s = o11y.languageStatus();
      return s.text === 'Prometheus configuration' && s;
    });
    assert.equal(status.detail, 'o11y: validated');
    assert.equal(status.severity, 'information');
  });

  it('contributes its commands under the O11y category', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['o11y.restartServer', 'o11y.showOutput']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });
});
