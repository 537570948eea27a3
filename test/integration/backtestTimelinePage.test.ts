// The backtest view of the results panel (media/dist/queryResults.js, as bundled for the webview) in headless
// Chromium under the extension's strict CSP: a row per alert with its firing intervals drawn where they fall in the
// window, "Generate unit test" posting its message to the host, and label values, notes and queries that look like
// HTML shown as text. A stand-in `acquireVsCodeApi` records what the page sends.
//
// Run: node scripts/build.mjs && node --import tsx --test test/integration/backtestTimelinePage.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { BacktestSuccess } from '../../server/src/core/backtest/types';
import { launchChromium, openResultsPage, postToPage } from '../helpers/queryResultsPage';

let browser: Browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const openPage = () => openResultsPage(browser, 1000);
const post = postToPage;

/** A 600 s window (one SVG unit per second of the 600-unit-wide bar) with two alerts. */
function backtest(overrides: Partial<BacktestSuccess> = {}): BacktestSuccess {
  return {
    ok: true,
    connection: 'local',
    url: 'http://127.0.0.1:9090',
    alertname: 'HighLoad',
    query: 'node_load1 > 1',
    window: { start: 1000, end: 1600, step: 15 },
    forSeconds: 60,
    keepFiringForSeconds: 0,
    intervalSource: "the group's interval (15s)",
    aligned: true,
    firings: 3,
    firingSeconds: 250,
    series: [
      {
        labels: { alertname: 'HighLoad', instance: 'a:9100', severity: 'page' },
        intervals: [
          { start: 1100, end: 1200, open: false },
          { start: 1500, end: 1600, open: true },
        ],
        firingSeconds: 200,
      },
      { labels: { alertname: 'HighLoad', instance: 'b:9100', severity: 'page' }, intervals: [{ start: 1300, end: 1350, open: false }], firingSeconds: 50 },
    ],
    seriesCount: 2,
    evaluations: 40,
    ms: 12,
    notes: [],
    summary: '→ fired 3× · 4 min 10 s in total · 12 ms',
    at: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } },
    ...overrides,
  };
}

/** Each row's labels, count and bars (x, width, class, tooltip). */
function rows(page: Page): Promise<{ labels: string; count: string; bars: string[][] }[]> {
  return page.$$eval('table.timeline tbody tr:not(.muted)', (trs) =>
    trs.map((tr) => ({
      labels: tr.querySelector('.timeline-labels')!.textContent!,
      count: tr.querySelector('.timeline-count')!.textContent!,
      bars: [...tr.querySelectorAll('rect.timeline-firing')].map((r) => [r.getAttribute('x')!, r.getAttribute('width')!, r.getAttribute('class')!, r.querySelector('title')!.textContent!]),
    })),
  );
}

test('one row per alert, each firing interval drawn where it falls in the window; Generate unit test posts its message', async () => {
  const { page, sent, errors } = await openPage();
  await post(page, { type: 'backtest', view: { source: 'alerts.yml:4', response: backtest() } });
  await page.waitForSelector('table.timeline');
  assert.equal(await page.textContent('header .muted'), 'Backtest of HighLoad · alerts.yml:4 · local (http://127.0.0.1:9090)');
  assert.equal(await page.textContent('header .summary'), '→ fired 3× · 4 min 10 s in total · 12 ms');
  assert.deepEqual(await rows(page), [
    {
      labels: '{instance="a:9100", severity="page"}',
      count: '2× · 200 s',
      bars: [
        ['100', '100', 'timeline-firing', 'firing 1970-01-01 00:18:20Z → 1970-01-01 00:20:00Z (100 s)'],
        ['500', '100', 'timeline-firing open', 'firing 1970-01-01 00:25:00Z → still firing at the end (100 s)'],
      ],
    },
    { labels: '{instance="b:9100", severity="page"}', count: '1× · 50 s', bars: [['300', '50', 'timeline-firing', 'firing 1970-01-01 00:21:40Z → 1970-01-01 00:22:30Z (50 s)']] },
  ]);
  assert.deepEqual(await page.$$eval('.timeline-axis span', (s) => s.map((x) => x.textContent)), ['1970-01-01 00:16:40Z', '1970-01-01 00:26:40Z']);
  assert.match((await page.textContent('section.backtest > p.muted'))!, /^every 15 s \(the group's interval \(15s\), on the server’s own evaluation times\) · for 60 s/);
  // The bars are really laid out: the firing rect of the first row starts a sixth of the way along its track.
  const [track, bar] = await page.$$eval('table.timeline tbody tr:first-child rect', (r) => r.slice(0, 2).map((x) => { const b = x.getBoundingClientRect(); return { x: b.x, width: b.width }; }));
  assert.ok(track.width > 100 && Math.abs(bar.x - track.x - track.width / 6) < 2, `track ${JSON.stringify(track)} bar ${JSON.stringify(bar)}`);
  await page.click('button:has-text("Generate unit test")');
  assert.deepEqual(await sent(), [{ type: 'ready' }, { type: 'generateTest' }]);
  assert.deepEqual(errors, []);
});

test('label values, notes and the query that look like HTML are shown as text, never run', async () => {
  const { page, errors } = await openPage();
  const evil = '<script>window.pwned = 1</script>';
  const img = '<img src=x onerror="window.pwned = 2">';
  const r = backtest({
    alertname: `A${img}`,
    query: `up{job="${evil}"} == 0`,
    series: [{ labels: { alertname: 'A', job: evil, note: img }, intervals: [{ start: 1000, end: 1100, open: false }], firingSeconds: 100 }],
    seriesCount: 5,
    notes: [`Prometheus warned: ${img}`],
  });
  await post(page, { type: 'backtest', view: { source: `${evil}.yml:1`, response: r } });
  await page.waitForSelector('table.timeline');
  assert.equal((await rows(page))[0].labels, `{job="${evil}", note="${img}"}`);
  assert.equal(await page.textContent('header pre.query'), `up{job="${evil}"} == 0`);
  assert.deepEqual(await page.$$eval('ul.notes li', (l) => l.map((x) => x.textContent)), [`Prometheus warned: ${img}`, '5 alerts fired; 1 are shown.']);
  assert.equal(await page.$$eval('#app script, #app img', (n) => n.length), 0, 'no element was made from the data');
  assert.equal(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned), undefined);
  assert.deepEqual(errors, []);
});

test('bad input: an empty window and an alert that never fired draw nothing broken; a failure has no Generate button', async () => {
  const { page, errors } = await openPage();
  const empty = backtest({ window: { start: 1000, end: 1000, step: 15 }, series: [{ labels: {}, intervals: [{ start: 1000, end: 1000, open: true }], firingSeconds: 0 }], seriesCount: 1 });
  await post(page, { type: 'backtest', view: { source: '', response: empty } });
  await page.waitForSelector('table.timeline');
  const [only] = await rows(page);
  assert.equal(only.labels, '{}');
  assert.ok(only.bars[0].slice(0, 2).every((v) => Number.isFinite(Number(v))), `finite geometry: ${only.bars[0].join(' ')}`);
  await post(page, { type: 'backtest', view: { source: '', response: backtest({ series: [], seriesCount: 0, firings: 0, firingSeconds: 0 }) } });
  await page.waitForSelector('text=The alert never fired in this window.');
  assert.equal(await page.$$eval('table.timeline', (t) => t.length), 0);
  await post(page, {
    type: 'backtest',
    view: { source: 'alerts.yml:4', response: { ok: false, kind: 'prometheus', message: 'cannot connect to http://127.0.0.1:1: connection refused', summary: '✗ unreachable' } },
  });
  await page.waitForSelector('header .summary.failed');
  assert.equal(await page.textContent('.error'), 'cannot connect to http://127.0.0.1:1: connection refused');
  assert.equal(await page.$$eval('button:has-text("Generate unit test")', (b) => b.length), 0);
  assert.deepEqual(errors, []);
});
