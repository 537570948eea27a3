// The scaffold wizard in the real workbench: driven through its quick picks and input boxes it writes a stack into
// an empty folder of the workspace and opens its README; run again with answers given, it asks about (here: is told
// about) each existing file that would change; an unsafe folder is refused and nothing is written.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { ScaffoldStackArgs, ScaffoldStackResult } from '../../../client/src/scaffold/command';
import { api, waitFor, workspaceUri } from './helpers';

type Written = Extract<ScaffoldStackResult, { written: string[] }>;

async function read(relPath: string): Promise<string | undefined> {
  return vscode.workspace.fs.readFile(workspaceUri(relPath)).then((b) => new TextDecoder().decode(b), () => undefined);
}

describe('scaffold wizard', function () {
  this.timeout(90_000);

  it('writes a stack into an empty folder when every step is accepted, then opens its README', async () => {
    await (await api()).ready;
    assert.equal(await read('monitoring/README.md'), undefined);
    let settled = false;
    const run = Promise.resolve(vscode.commands.executeCommand<ScaffoldStackResult | undefined>('o11y.scaffoldStack')).finally(() => (settled = true));
    // Enter on each step as it comes: the folder (monitoring, since the workspace is not empty), the components,
    // no application, Slack, the retention, Compose, the ports.
    await waitFor('the wizard to finish', async () => {
      if (!settled) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      return settled;
    }, 60_000);
    const result = (await run) as Written;
    assert.ok(result && 'written' in result, JSON.stringify(result));
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.skipped, []);
    for (const p of ['docker-compose.yml', 'prometheus/prometheus.yml', 'prometheus/rules/node.yml', 'alertmanager/alertmanager.yml', '.env.example', 'README.md']) {
      assert.ok(result.written.includes(`monitoring/${p}`), `${p} not written: ${result.written.join(', ')}`);
      assert.ok(await read(`monitoring/${p}`), `${p} is not on disk`);
    }
    assert.ok(result.written.every((p) => p.startsWith('monitoring/')));
    const editor = await waitFor('the README in an editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/monitoring/README.md') && vscode.window.activeTextEditor);
    assert.match(editor.document.getText(), /^# /);
  });

  it('re-run with answers given: merges into an edited file as told, skips a file it was not told about', async () => {
    const readme = '# Our notes\n';
    await vscode.workspace.fs.writeFile(workspaceUri('monitoring/README.md'), new TextEncoder().encode(readme));
    const args: ScaffoldStackArgs = {
      folder: 'monitoring',
      options: { targets: [{ name: 'api', address: 'api:8000', metricsPath: '/metrics' }] },
      conflicts: { 'prometheus/prometheus.yml': 'write' },
    };
    const result = (await vscode.commands.executeCommand<ScaffoldStackResult>('o11y.scaffoldStack', args)) as Written;
    assert.ok('written' in result, JSON.stringify(result));
    assert.match((await read('monitoring/prometheus/prometheus.yml')) ?? '', /job_name: api/);
    assert.equal(await read('monitoring/README.md'), readme);
    assert.ok(result.skipped.includes('README.md'), result.skipped.join());
    assert.ok(result.written.includes('monitoring/prometheus/prometheus.yml'));
  });

  it('without answers for changed files, shows each one\'s diff and asks; Write replaces the file', async () => {
    await vscode.workspace.fs.writeFile(workspaceUri('monitoring/.gitignore'), new TextEncoder().encode('.env\n'));
    let settled = false;
    let diffShown = false;
    const run = Promise.resolve(vscode.commands.executeCommand<ScaffoldStackResult>('o11y.scaffoldStack', { folder: 'monitoring' } satisfies ScaffoldStackArgs)).finally(
      () => (settled = true),
    );
    // Each question's first choice is Write; the diff of the proposed text is open while it is asked.
    await waitFor('the review to finish', async () => {
      diffShown ||= vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'o11y-scaffold'));
      if (!settled && diffShown) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      return settled;
    }, 60_000);
    const result = (await run) as Written;
    assert.ok(diffShown, 'no diff of the proposed text was shown');
    assert.ok(result.written.includes('monitoring/.gitignore'), result.written.join());
    assert.match((await read('monitoring/.gitignore')) ?? '', /^# Secrets stay on this machine\./);
    // The review's diff editors are closed afterwards.
    assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)));
  });

  it('refuses a folder outside the workspace folder and writes nothing', async () => {
    const result = await vscode.commands.executeCommand<ScaffoldStackResult>('o11y.scaffoldStack', { folder: '../outside' } satisfies ScaffoldStackArgs);
    assert.deepEqual(result, { problems: [{ field: 'folder', message: '"../outside" climbs out of the stack folder with ".."' }] });
    const parent = vscode.Uri.joinPath(workspaceUri('.'), '..', 'outside');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(parent)));
  });
});
