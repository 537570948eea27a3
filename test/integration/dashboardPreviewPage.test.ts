// The dashboard preview in headless Chromium against a real Prometheus: the page (media/dist, under the webview's
// CSP) with test/helpers/dashboardPreviewPage.ts in the host's place, rendering test/fixtures/dashboards/preview.json
// through the real preview code. Prometheus itself is the oracle for series counts and values. Screenshots go to
// test-results/ (and to media/screenshots/ for the README with O11Y_UPDATE_SCREENSHOTS=1).
//
// Run: node scripts/build.mjs && node --import tsx --test test/integration/dashboardPreviewPage.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PrometheusClient } from '../../server/src/core/prometheus/client';
import { launchChromium, openPreview } from '../helpers/dashboardPreviewPage';
import { REPO } from '../helpers/lspClient';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { waitForHistory } from '../helpers/promHistory';

const FIXTURE = join(REPO, 'test/fixtures/dashboards/preview.json');
const TEXT = readFileSync(FIXTURE, 'utf8');
const RESULTS = join(REPO, 'test-results');
let prom: RunningPrometheus;
let api: PrometheusClient;
let browser: Browser;

before(async () => {
  [prom, browser] = await Promise.all([startPrometheus(), launchChromium()]);
  api = new PrometheusClient({ url: prom.url });
  await waitForHistory(prom.url, 8);
  mkdirSync(RESULTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await api?.close();
  await prom?.stop();
});

/** Prometheus's own answer for an instant query, as the oracle. */
async function instant(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const body = (await (await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return body.data.result;
}

function panel(page: Page, title: string): ReturnType<Page['locator']> {
  return page.locator('section.panel', { has: page.locator('.panel-title', { hasText: title }) });
}

/** Waits (up to 30 s: CI machines are busy) until the host has rendered `n` times, and not more. */
async function waitForHostRenders(host: { renders: number }, n: number): Promise<void> {
  for (let i = 0; host.renders < n && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(host.renders, n, `renders by the host`);
}

const ENV = () => ({ api, scrapeSeconds: 1, source: `test (${prom.url})` });

test('renders every panel of the dashboard with data from Prometheus', async () => {
  const { page, errors } = await openPreview(browser, TEXT, ENV());
  await page.waitForSelector('[data-chart="drawn"]');
  // 9 panels before the collapsed row, the row bar itself; the row's panel stays hidden.
  assert.equal(await page.locator('section.panel').count(), 9);
  assert.equal(await page.locator('.row').count(), 1);
  const jobs = [...prom.jobs].sort();
  assert.equal(await page.textContent('h1'), `Preview of All`);
  // The stat is the sum of `up` over the selected (all) jobs, as Prometheus computes it.
  const up = await instant('sum(up)');
  assert.equal(await panel(page, 'Targets up').locator('.stat-number').textContent(), up[0].value[1]);
  // One line per handler Prometheus has a rate for; the legend names them by legendFormat.
  const handlers = await instant('sum by (handler) (rate(prometheus_http_requests_total[1h]))');
  const legend = await panel(page, 'HTTP requests of All').locator('.legend-item').allTextContents();
  assert.equal(legend.length, handlers.length);
  assert.deepEqual([...legend].sort(), handlers.map((h) => h.metric.handler).sort());
  // The table: one row per target with the label columns and the value.
  assert.deepEqual(await panel(page, 'Targets').locator('th').allTextContents(), ['__name__', 'instance', 'job', 'Value']);
  assert.equal(await panel(page, 'Targets').locator('tbody tr').count(), jobs.length);
  assert.deepEqual((await panel(page, 'Scrape duration').locator('.bar-name').allTextContents()).sort(), jobs);
  assert.match((await panel(page, 'Heap in use').locator('.gauge-text').textContent()) ?? '', /^\d+(\.\d+)? MiB$/);
  assert.equal(await panel(page, 'Samples scraped').locator('tr.legend-item').count(), jobs.length);
  // The variable dropdown lists Prometheus's jobs (sorted), with All selected as saved.
  assert.deepEqual(await page.locator('#var-job option').allTextContents(), ['All', ...jobs]);
  assert.deepEqual(await page.$eval("#var-job", (s) => Array.from((s as unknown as { selectedOptions: ArrayLike<{ value: string }> }).selectedOptions, (o) => o.value)), ["$__all"]);
  assert.deepEqual(await page.locator('#var-handler_re option').allTextContents(), ['all', 'api']);
  assert.equal(await page.locator('#var-ds_min').count(), 0, 'a constant is hidden');
  // An unknown panel type is a clear box; a broken query marks its panel's corner with Prometheus's message.
  assert.match((await panel(page, 'Share of scrapes').textContent()) ?? '', /Unsupported panel type "piechart"/);
  assert.match((await panel(page, 'Broken query').locator('.panel-error').getAttribute('title')) ?? '', /parse error/);
  await page.screenshot({ path: join(RESULTS, 'dashboard-preview.png'), fullPage: true });
  if (process.env.O11Y_UPDATE_SCREENSHOTS) {
    mkdirSync(join(REPO, 'media/screenshots'), { recursive: true });
    copyFileSync(join(RESULTS, 'dashboard-preview.png'), join(REPO, 'media/screenshots/dashboard-preview.png'));
  }
  assert.deepEqual(errors, []);
});

test('strings of the dashboard are text: a <script> title or Markdown runs nothing', async () => {
  const { page, errors } = await openPreview(browser, TEXT, ENV());
  const text = panel(page, 'notes');
  assert.equal(await text.locator('.panel-title').textContent(), '<script>window.pwned = 1</script> notes');
  assert.equal(await text.locator('h2').textContent(), 'About All');
  assert.equal(await text.locator('li').first().textContent(), 'one <script>window.pwned = 2</script>');
  assert.equal(await page.locator('.grid script, .grid img').count(), 0);
  assert.equal(await page.evaluate('window.pwned'), undefined);
  assert.deepEqual(errors, []);
});

test('choosing a variable value, a row and a title goes to the host, which re-renders only what changed', async () => {
  const { page, host, errors } = await openPreview(browser, TEXT, ENV());
  const sentBefore = host.session.sent;
  const instance = host.last!.variables[2].current;
  await page.selectOption('#var-job', ['prometheus']);
  await waitForHostRenders(host, 2);
  assert.deepEqual(host.received.at(-1), { type: 'variables', values: { job: ['prometheus'], handler_re: ['.*'], instance, ds_min: ['1s'] } });
  assert.equal(await page.textContent('h1'), 'Preview of prometheus');
  assert.equal(await panel(page, 'Targets up').locator('.stat-number').textContent(), '1');
  assert.deepEqual(await page.locator('#var-instance option').allTextContents(), [prom.url.replace('http://', '')]);
  const requery = host.session.sent - sentBefore;
  // Every panel whose query uses $job, and no other (the gauge's and the broken one's text did not change).
  assert.equal(requery, 5);
  // Expanding the collapsed row shows its panel, queried now.
  await page.click('.row-toggle');
  await waitForHostRenders(host, 3);
  assert.deepEqual(host.received.at(-1), { type: 'rows', rows: { 'id:10': false } });
  assert.equal(await panel(page, 'Goroutines').locator('.legend-item').count(), 1);
  await panel(page, 'Heap in use').locator('.panel-title').click();
  const reveal = host.received.at(-1) as { type: string; offset: number; length: number };
  assert.equal(reveal.type, 'reveal');
  assert.equal(JSON.parse(TEXT.slice(reveal.offset, reveal.offset + reveal.length)).title, 'Heap in use');
  assert.deepEqual(errors, []);
});

test('an edit re-renders in place: scroll kept, unchanged panels not re-queried; broken JSON keeps the last render', async () => {
  const { page, host, errors } = await openPreview(browser, TEXT, ENV(), { width: 1400, height: 400 });
  await page.evaluate('window.scrollTo(0, 200)');
  const sent = host.session.sent;
  host.text = TEXT.replace('"title": "Heap in use"', '"title": "Heap bytes"').replace('go_memstats_heap_inuse_bytes{', 'go_memstats_heap_alloc_bytes{');
  await host.render();
  assert.equal(host.session.sent - sent, 1, 'only the edited panel asks Prometheus');
  assert.equal(await page.evaluate('window.scrollY'), 200);
  assert.equal(await panel(page, 'Heap bytes').count(), 1);
  host.text = host.text.slice(0, 500);
  await host.render();
  assert.match((await page.textContent('.problems')) ?? '', /^The JSON does not parse at line \d+, column \d+: .* The preview shows the last version that parsed\.$/);
  assert.equal(await page.locator('section.panel').count(), 9);
  assert.deepEqual(errors, []);
});

test('o11y render writes one static page with the data inlined, which draws without a host or network', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-render-'));
  const out = join(dir, 'page.html');
  const r = spawnSync(process.execPath, [join(REPO, 'bin/o11y.js'), 'render', FIXTURE, '--out', out, '--url', prom.url, '--scrape-interval', '1s'], { encoding: 'utf8', env: { ...process.env, O11Y_PROMETHEUS_URL: '' } });
  assert.equal(r.status, 1, `the broken query fails the run; stderr: ${r.stderr}`);
  assert.match(r.stdout, /^wrote .*page\.html: 10 panels, 1 with errors\n$/);
  assert.match(r.stderr, /panel "Broken query": .*parse error/);
  const html = readFileSync(out, 'utf8');
  assert.ok(!/<script>window\.pwned/.test(html), 'dashboard strings never appear unescaped in the page');
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  page.on('request', (q) => requests.push(q.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${out}`);
  await page.waitForSelector('body[data-renders="1"]');
  assert.equal(await page.locator('section.panel').count(), 9);
  assert.ok(await page.isDisabled('#var-job'));
  // Every panel's data is in the file: the collapsed row opens without a host.
  await page.click('.row-toggle');
  await page.waitForSelector('body[data-renders="2"]');
  assert.equal(await panel(page, 'Goroutines').locator('.legend-item').count(), prom.jobs.length);
  assert.deepEqual(requests, [`file://${out}`]);
  await page.screenshot({ path: join(RESULTS, 'dashboard-render-static.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('a heatmap of histogram buckets has one row per le Prometheus returns, sorted, +Inf on top', async () => {
  const durations = 'sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[$__rate_interval]))';
  const text = JSON.stringify({
    title: 'Heatmaps',
    time: { from: 'now-5m', to: 'now' },
    panels: [
      { id: 1, type: 'heatmap', title: 'Request durations', gridPos: { x: 0, y: 0, w: 24, h: 10 }, targets: [{ refId: 'A', expr: durations, format: 'heatmap', legendFormat: '{{le}}' }] },
      { id: 2, type: 'heatmap', title: 'Not buckets', gridPos: { x: 0, y: 10, w: 12, h: 6 }, targets: [{ refId: 'A', expr: 'up', format: 'heatmap' }] },
    ],
  });
  const { page, errors } = await openPreview(browser, text, ENV());
  const heatmap = panel(page, 'Request durations');
  await heatmap.locator('canvas[data-chart="drawn"]').waitFor();
  const les = (await instant('count by (le) (prometheus_http_request_duration_seconds_bucket)')).map((r) => r.metric.le);
  const bound = (le: string) => (le === '+Inf' ? Infinity : Number(le));
  const expected = [...les].sort((a, b) => bound(a) - bound(b)).map((le) => (le === '+Inf' ? le : String(Number(le))));
  assert.ok(expected.length > 3 && expected.at(-1) === '+Inf');
  assert.equal(await heatmap.locator('canvas').getAttribute('data-rows'), String(expected.length));
  // Labels read top to bottom: the highest bucket first.
  assert.deepEqual((await heatmap.locator('.heatmap-label').allTextContents()).reverse(), expected);
  // Prometheus answered its own queries meanwhile: some cells have a count and are painted.
  type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
  const painted = await heatmap.locator('canvas').evaluate((node) => {
    const c = node as unknown as Canvas;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) {
      n += d[i] > 0 ? 1 : 0;
    }
    return n;
  });
  assert.ok(painted > 0, 'cells are drawn');
  assert.match((await panel(page, 'Not buckets').locator('.panel-error').getAttribute('title')) ?? '', /^Query A returns series without an "le" label/);
  await page.screenshot({ path: join(RESULTS, 'dashboard-preview-heatmap.png') });
  assert.deepEqual(errors, []);
});

test('the page tells the host its width: a narrower page gets a larger $__interval and step', async () => {
  const text = JSON.stringify({
    time: { from: 'now-1h', to: 'now' },
    panels: [{ id: 1, type: 'timeseries', title: 'Rate', gridPos: { x: 0, y: 0, w: 24, h: 8 }, targets: [{ expr: 'rate(prometheus_http_requests_total[$__interval])' }] }],
  });
  const { page, host, errors } = await openPreview(browser, text, ENV(), { width: 1400, height: 600 });
  // 3600 s over about 1400 px: 2.6 s rounds to 2 s (above the 1 s scrape interval).
  assert.ok(host.request.width! > 1300 && host.request.width! <= 1400, String(host.request.width));
  assert.deepEqual(host.last!.panels[0].queries, ['rate(prometheus_http_requests_total[2s])']);
  await page.setViewportSize({ width: 500, height: 600 });
  await waitForHostRenders(host, 2);
  const sent = host.received.at(-1) as { type: string; width: number };
  assert.equal(sent.type, 'width');
  assert.ok(sent.width > 400 && sent.width <= 500, String(sent.width));
  // 3600 s over about 500 px: 7.2 s rounds to 5 s, so fewer, wider steps.
  assert.deepEqual(host.last!.panels[0].queries, ['rate(prometheus_http_requests_total[5s])']);
  assert.deepEqual(errors, []);
});
