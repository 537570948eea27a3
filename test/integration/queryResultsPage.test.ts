// The results panel's page (media/dist/queryResults.js, as bundled for the webview) in headless Chromium, under
// the same CSP the extension sets: it renders what the host posts (a table, a uPlot graph for a range, an error
// with its place marked) and posts back the time controls and copy requests. The host side is VS Code's; here a
// stand-in `acquireVsCodeApi` records what the page sends.
//
// Run: node scripts/build.mjs && node --import tsx --test test/integration/queryResultsPage.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ResultView } from '../../client/src/queryResults/messages';
import { DEFAULT_TIME_CHOICE } from '../../client/src/queryResults/messages';
import { launchChromium, openResultsPage, postToPage } from '../helpers/queryResultsPage';

let browser: Browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const openPage = () => openResultsPage(browser, 900);
const post = postToPage;

const BASE = { ok: true as const, connection: 'local', url: 'http://127.0.0.1:9090', ms: 12, warnings: [], infos: [], substituted: [] };

test('an instant result: the table of labels and values, the summary, the copy buttons', async () => {
  const { page, sent, errors } = await openPage();
  const view: ResultView = {
    source: 'rules.yml:5',
    choice: DEFAULT_TIME_CHOICE,
    response: {
      ...BASE,
      query: 'up',
      resultType: 'vector',
      series: [
        { labels: { __name__: 'up', job: 'api' }, value: [1700000000, '1'] },
        { labels: { __name__: 'up', job: '<b>db</b>' }, value: [1700000000, '0'] },
      ],
      seriesCount: 2,
      time: 1700000000,
      summary: '→ 2 series · max 1 · 12 ms',
    },
  };
  await post(page, { type: 'show', view });
  await page.waitForSelector('table');
  assert.deepEqual(await page.$$eval('th', (t) => t.map((x) => x.textContent)), ['__name__', 'job', 'value']);
  assert.deepEqual(await page.$$eval('tbody tr', (r) => r.map((x) => [...x.children].map((c) => c.textContent))), [
    ['up', 'api', '1'],
    ['up', '<b>db</b>', '0'],
  ]);
  assert.equal(await page.textContent('.summary'), '→ 2 series · max 1 · 12 ms');
  assert.equal(await page.textContent('header .muted'), 'rules.yml:5 · local (http://127.0.0.1:9090)');
  await page.click('text=Copy CSV');
  await page.selectOption('#mode', 'range');
  assert.deepEqual((await sent()).slice(1), [
    { type: 'copy', format: 'csv' },
    { type: 'rerun', choice: { mode: 'range', last: '1h', from: '', to: '', step: '' } },
  ]);
  assert.deepEqual(errors, []);
});

test('a range result: a uPlot graph over the table; a custom range is sent when Run is pressed', async () => {
  const { page, sent, errors } = await openPage();
  const values = (f: (i: number) => number): [number, string][] => Array.from({ length: 30 }, (_, i) => [1700000000 + i * 15, String(f(i))]);
  await post(page, {
    type: 'show',
    view: {
      source: '',
      choice: { ...DEFAULT_TIME_CHOICE, mode: 'range', last: 'custom', from: 'now-2h', to: 'now-1h' },
      response: {
        ...BASE,
        query: 'rate(x[5m])',
        resultType: 'matrix',
        series: [
          { labels: { job: 'a' }, values: values((i) => i / 10) },
          { labels: { job: 'b' }, values: values((i) => (i % 2 ? NaN : i)) },
        ],
        seriesCount: 2,
        range: { start: 1700000000, end: 1700000435, step: 15 },
        summary: '→ 2 series · max 28 · 12 ms',
      },
    },
  });
  await page.waitForSelector('.graph canvas');
  assert.deepEqual(await page.$$eval('.u-legend th', (t) => t.map((x) => x.textContent)), ['Time', '{job="a"}', '{job="b"}']);
  assert.deepEqual(await page.$$eval('.table th', (t) => t.map((x) => x.textContent)), ['job', 'points', 'last']);
  assert.deepEqual(await page.$$eval('.table tbody td', (t) => t.map((x) => x.textContent)), ['a', '30', '2.9', 'b', '30', 'NaN']);
  await page.fill('#step', '1m');
  await page.click('text=Run');
  assert.deepEqual((await sent()).at(-1), { type: 'rerun', choice: { mode: 'range', last: 'custom', from: 'now-2h', to: 'now-1h', step: '1m' } });
  assert.deepEqual(errors, []);
});

test("a failure: Prometheus's message, the expression with the place marked; the host's complaints shown on top", async () => {
  const { page, errors } = await openPage();
  await post(page, {
    type: 'show',
    view: {
      source: 'rules.yml:7',
      choice: DEFAULT_TIME_CHOICE,
      response: {
        ok: false,
        kind: 'api',
        errorType: 'bad_data',
        message: 'invalid parameter "query": 1:7: parse error: unclosed left parenthesis',
        query: 'sum(up + 1',
        queryOffset: 4,
        summary: '✗ bad_data: …',
      },
    },
  });
  await page.waitForSelector('.error');
  assert.equal(await page.textContent('.error p'), 'bad_data: invalid parameter "query": 1:7: parse error: unclosed left parenthesis');
  assert.equal(await page.textContent('.error mark'), 'u');
  assert.ok(await page.isDisabled('text=Copy JSON'));
  await post(page, { type: 'invalid', message: 'step "x" is not a duration such as 15s, 1m or 1h' });
  assert.equal(await page.textContent('.status'), 'step "x" is not a duration such as 15s, 1m or 1h');
  assert.deepEqual(errors, []);
});
