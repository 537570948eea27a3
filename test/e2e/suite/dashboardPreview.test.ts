// The dashboard preview in the real workbench: `O11y: Preview dashboard` on a dashboard JSON opens the preview
// webview beside the editor, and its panels render with data from a real Prometheus (started here).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { PreviewModel } from '../../../server/src/core/dashboardPreview/types';
import { startPrometheus, type RunningPrometheus } from '../../helpers/prometheus';
import { openFile, waitFor } from './helpers';

const FILE = 'dashboards/preview.json';

function previewTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('o11y.dashboardPreview'));
}

function seriesCount(m: PreviewModel, title: string): number {
  const c = m.panels.find((p) => p.title === title)?.content;
  return c?.kind === 'timeseries' ? c.series.length : -1;
}

describe('dashboard preview', function () {
  this.timeout(90_000);
  let prom: RunningPrometheus | undefined;

  before(async () => {
    prom = await startPrometheus({ nodeExporter: false });
    await vscode.workspace.getConfiguration('o11y').update('prometheus.url', prom.url, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('o11y').update('prometheus.url', undefined, vscode.ConfigurationTarget.Workspace);
    await prom?.stop();
  });

  it('opens beside the dashboard and renders its panels with data', async () => {
    const editor = await openFile(FILE);
    const model = await waitFor('a render with data', async () => {
      const m = await vscode.commands.executeCommand<PreviewModel>('o11y.previewDashboard', editor.document.uri);
      return m && seriesCount(m, 'Samples scraped (legacy graph)') === 1 && m;
    }, 60_000);
    const tab = await waitFor('the preview tab', () => previewTab());
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview opens beside the editor');
    assert.equal(model.title, 'Preview of All');
    assert.equal(model.panels.filter((p) => p.type !== 'row' && p.row === undefined).length, 9);
    assert.deepEqual(model.variables[0].options.map((o) => o.value), ['prometheus']);
    const stat = model.panels.find((p) => p.title === 'Targets up')?.content;
    assert.ok(stat?.kind === 'stat');
    assert.equal(stat.values[0].text, '1');
    assert.match(model.panels.find((p) => p.title === 'Broken query')?.error ?? '', /parse error/);
  });
});
