// The completion cache's rules (fresh, stale-while-revalidate, shared loads, remembered failures, LRU order),
// with a hand-driven clock and loads the test resolves itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusError } from '../../server/src/core/prometheus/errors';
import { SwrCache } from '../../server/src/core/prometheus/swrCache';

function setup(capacity = 10) {
  const clock = { t: 0 };
  const cache = new SwrCache<string>({ capacity, freshMs: 100, staleMs: 1000, errorMs: 50, now: () => clock.t });
  const calls: string[] = [];
  /** A load that answers `value` (or fails with it when it is an Error) and counts its calls. */
  const load = (key: string, value: string | Error) => () => {
    calls.push(key);
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  };
  return { clock, cache, calls, load };
}

test('a fresh value is served without loading again', async () => {
  const { cache, calls, load, clock } = setup();
  assert.equal(await cache.get('k', load('k', 'v1')), 'v1');
  clock.t = 100;
  assert.equal(await cache.get('k', load('k', 'v2')), 'v1');
  assert.deepEqual(calls, ['k']);
});

test('a stale value is served at once and refreshed once in the background', async () => {
  const { cache, calls, load, clock } = setup();
  await cache.get('k', load('k', 'v1'));
  clock.t = 500;
  let release!: (v: string) => void;
  const slow = () => {
    calls.push('slow');
    return new Promise<string>((r) => (release = r));
  };
  assert.equal(await cache.get('k', slow), 'v1');
  assert.equal(await cache.get('k', slow), 'v1', 'still stale, no second refresh');
  assert.deepEqual(calls, ['k', 'slow']);
  release('v2');
  await new Promise((r) => setImmediate(r));
  assert.equal(await cache.get('k', load('k', 'v3')), 'v2');
});

test('a value older than fresh + stale is loaded while the caller waits', async () => {
  const { cache, load, clock } = setup();
  await cache.get('k', load('k', 'v1'));
  clock.t = 1101;
  assert.equal(await cache.get('k', load('k', 'v2')), 'v2');
});

test('concurrent callers share one load', async () => {
  const { cache, calls, load } = setup();
  const [a, b] = await Promise.all([cache.get('k', load('k', 'v1')), cache.get('k', load('k', 'v2'))]);
  assert.deepEqual([a, b, calls], ['v1', 'v1', ['k']]);
});

test('a failure is remembered for errorMs, then tried again', async () => {
  const { cache, calls, load, clock } = setup();
  const down = new PrometheusError('unreachable', 'down');
  await assert.rejects(cache.get('k', load('k', down)), down);
  clock.t = 50;
  await assert.rejects(cache.get('k', load('k', 'v1')), down);
  assert.deepEqual(calls, ['k']);
  clock.t = 51;
  assert.equal(await cache.get('k', load('k', 'v1')), 'v1');
});

test('a failed background refresh keeps serving the stale value', async () => {
  const { cache, load, clock } = setup();
  await cache.get('k', load('k', 'v1'));
  clock.t = 500;
  assert.equal(await cache.get('k', load('k', new PrometheusError('timeout', 'slow'))), 'v1');
  await new Promise((r) => setImmediate(r));
  assert.equal(await cache.get('k', load('k', 'v2')), 'v1');
});

test('the least recently used entry goes first', async () => {
  const { cache, calls, load } = setup(2);
  await cache.get('a', load('a', 'A'));
  await cache.get('b', load('b', 'B'));
  await cache.get('a', load('a', 'A'));
  await cache.get('c', load('c', 'C'));
  await cache.get('a', load('a', 'A'));
  await cache.get('b', load('b', 'B'));
  assert.deepEqual(calls, ['a', 'b', 'c', 'b']);
});

test("a caller's cancellation stops only its wait; the shared load still fills the cache", async () => {
  const { cache, calls } = setup();
  let release!: (v: string) => void;
  const slow = () => {
    calls.push('slow');
    return new Promise<string>((r) => (release = r));
  };
  const controller = new AbortController();
  const waiting = cache.get('k', slow, controller.signal);
  controller.abort();
  await assert.rejects(waiting, (e) => e instanceof PrometheusError && e.kind === 'cancelled');
  release('v1');
  assert.equal(await cache.get('k', slow), 'v1');
  assert.deepEqual(calls, ['slow']);
});
