// Inline query runs in the real workbench: `▶ Run` lenses on every expression; a run with nothing listening says
// so; a run against a real Prometheus (started here by the test harness) returns its summary and opens the results
// panel.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { QueryResponse } from '../../../server/src/core/query/types';
import { freePort, startPrometheus, type RunningPrometheus } from '../../helpers/prometheus';
import { openFile, waitFor } from './helpers';

const FILE = 'live/query-run.yml';

async function runLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return lenses.filter((l) => l.command?.command === 'o11y.runQuery');
}

/** Points the extension at `url` and waits until a run of the first expression reaches it (or fails as `until` wants). */
async function connectTo(url: string | undefined, uri: vscode.Uri, until: (r: QueryResponse) => boolean): Promise<QueryResponse> {
  await vscode.workspace.getConfiguration('o11y').update('prometheus.url', url, vscode.ConfigurationTarget.Workspace);
  const lens = (await runLenses(uri))[0];
  return waitFor(`a run through ${url}`, async () => {
    const r = await vscode.commands.executeCommand<QueryResponse | undefined>('o11y.runQuery', ...lens.command!.arguments!);
    return r && until(r) && r;
  });
}

function resultsPanelOpen(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('o11y.queryResults')));
}

describe('inline query runs', function () {
  this.timeout(90_000);
  let prom: RunningPrometheus | undefined;

  before(async () => {
    prom = await startPrometheus({ nodeExporter: false });
  });

  after(async () => {
    // Other cases must not see a live connection (its lints would change their diagnostics).
    await vscode.workspace.getConfiguration('o11y').update('prometheus.url', undefined, vscode.ConfigurationTarget.Workspace);
    await prom?.stop();
  });

  it('shows ▶ Run above every expression', async () => {
    const editor = await openFile(FILE);
    const lenses = await waitFor('Run lenses', async () => {
      const l = await runLenses(editor.document.uri);
      return l.length === 2 && l;
    });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command!.title]),
      [
        [4, '▶ Run'],
        [6, '▶ Run'],
      ],
    );
  });

  it('says clearly that nothing answers when no Prometheus listens', async () => {
    const editor = await openFile(FILE);
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await connectTo(url, editor.document.uri, (x) => !x.ok && x.url === url);
    assert.ok(!r.ok);
    assert.equal(r.kind, 'unreachable');
    assert.match(r.message, /^Prometheus "127\.0\.0\.1:\d+": cannot connect to http:\/\/127\.0\.0\.1:\d+: connection refused/);
    assert.match(r.summary, /^✗ Prometheus "127\.0\.0\.1:\d+": cannot connect/);
  });

  it('runs an expression on a real Prometheus: the summary inline and the results panel', async () => {
    const editor = await openFile(FILE);
    const r = await connectTo(prom!.url, editor.document.uri, (x) => x.ok);
    assert.ok(r.ok);
    assert.equal(r.query, 'sum by (job) (up)');
    assert.deepEqual(r.series.map((s) => s.labels), [{ job: 'prometheus' }]);
    assert.match(r.summary, /^→ 1 series · max 1 · \d+ ms$/);
    await waitFor('the results panel', () => resultsPanelOpen());
    // The second lens, an alert expression: no target is down.
    const second = (await runLenses(editor.document.uri))[1];
    const down = await vscode.commands.executeCommand<QueryResponse>('o11y.runQuery', ...second.command!.arguments!);
    assert.ok(down.ok);
    assert.match(down.summary, /^→ no data · \d+ ms$/);
  });
});
