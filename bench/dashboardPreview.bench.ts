import { pageHtml } from '../server/src/core/dashboardPreview/page';
import { PreviewSession } from '../server/src/core/dashboardPreview/session';
import { PrometheusClient } from '../server/src/core/prometheus/client';
import { launchChromium, post, previewAssets } from '../test/helpers/dashboardPreviewPage';
import { startPrometheus } from '../test/helpers/prometheus';
import { waitForHistory } from '../test/helpers/promHistory';
import { ms, percentile, verdict } from './stats';

const RUNS = 7;
const KINDS = ['timeseries', 'timeseries', 'timeseries', 'stat', 'gauge', 'bargauge', 'table', 'timeseries', 'stat', 'text'];

/** 30 panels of the drawn types, 4 to a line, over the metrics a test Prometheus has. */
function dashboard(): string {
  const panels = Array.from({ length: 30 }, (_, i) => ({
    id: i + 1,
    type: KINDS[i % KINDS.length],
    title: `Panel ${i + 1}`,
    gridPos: { x: (i % 4) * 6, y: Math.floor(i / 4) * 8, w: 6, h: 8 },
    options: { content: '## Notes\n\nSome **text**.' },
    targets: [{ refId: 'A', expr: i % 2 ? 'rate(prometheus_http_requests_total[$__rate_interval])' : 'scrape_duration_seconds', legendFormat: '{{job}} {{handler}}' }],
  }));
  return JSON.stringify({ title: 'Bench', time: { from: 'now-5m', to: 'now' }, panels });
}

/**
 * Issue 8's budget: the preview's first render after the data arrived ≤ 1 s for 30 panels in Chromium — from
 * posting the model to the page having drawn it (uPlot charts included), on a fresh page each run.
 */
export async function benchDashboardPreview(): Promise<string[]> {
  const prom = await startPrometheus();
  const browser = await launchChromium();
  const api = new PrometheusClient({ url: prom.url });
  try {
    await waitForHistory(prom.url, 10);
    const started = performance.now();
    const model = await new PreviewSession().render(dashboard(), { width: 1400 }, { api, scrapeSeconds: 1 });
    const dataMs = performance.now() - started;
    const html = pageHtml({ ...previewAssets(), nonce: 'bench', title: 'bench', before: 'window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });' });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.setContent(html);
      const t = performance.now();
      await post(page, { type: 'model', model, rows: {} });
      await page.waitForSelector('body[data-renders="1"]');
      times.push(performance.now() - t);
      await page.close();
    }
    const series = model.panels.reduce((n, p) => n + (p.content?.kind === 'timeseries' ? p.content.series.length : 0), 0);
    return [
      `30 panels (${series} time series lines), a real Prometheus; median of ${RUNS} fresh pages`,
      verdict('first render after data, 30 panels (p50)', percentile(times, 50), 1000),
      verdict('first render after data, 30 panels (max)', Math.max(...times), 1000),
      `     data for the 30 panels (queries, shaping)        ${ms(dataMs).padStart(10)}`,
    ];
  } finally {
    await browser.close();
    await api.close();
    await prom.stop();
  }
}
