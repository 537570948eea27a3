// Fault injection for the Prometheus HTTP client: a small node:http (and https) server misbehaves on purpose —
// never answers, drips, sends HTML, truncated JSON, huge bodies, 401/403, redirects — and every failure must come
// back quickly as a PrometheusError whose kind and message say what happened. Real answers are tested against a
// real Prometheus in test/integration/prometheusClient.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusClient } from '../../server/src/core/prometheus/client';
import type { PrometheusConnectionConfig } from '../../server/src/core/prometheus/connection';
import { PrometheusError } from '../../server/src/core/prometheus/errors';
import { checkConnection } from '../../server/src/core/prometheus/status';
import { freePort } from '../helpers/prometheus';

const PASSWORD = 's3cret-pa55';
const ok = (data: unknown) => JSON.stringify({ status: 'success', data });
/** What the server saw of the last request to /echo. */
interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let seen: Seen = { headers: {}, body: '' };

/** Scenario by first path segment: the client's base URL is `http://host/<scenario>`. */
const scenarios: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
  hang: () => undefined,
  drip: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 50);
    res.on('close', () => clearInterval(timer));
  },
  err500json: (_req, res) =>
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: 'error', errorType: 'internal', error: 'chunk 42 is corrupt' })),
  err500text: (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded\n'),
  html: (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!DOCTYPE html><html><head><title>Sign in - Corp SSO</title></head><body>…</body></html>'),
  truncated: (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":["a",'),
  dropped: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"status":"success","data":[');
    setTimeout(() => res.socket?.destroy(), 20);
  },
  wrongshape: (_req, res) => res.end(ok({ not: 'a list' })),
  hugedeclared: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
    res.write('{"status":"success","data":[');
  },
  hugechunked: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, '"x",');
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) {
        // keep writing until the socket pushes back
      }
    };
    res.on('drain', pump);
    res.write('{"status":"success","data":[');
    pump();
  },
  auth: (req, res) => {
    const expected = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
    if (!req.headers.authorization) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="prometheus"' }).end('Unauthorized\n');
    } else if (req.headers.authorization !== expected) {
      res.writeHead(403).end('Forbidden\n');
    } else {
      res.end(ok({ version: '2.53.0' }));
    }
  },
  redirect: (_req, res) => res.writeHead(302, { location: 'http://elsewhere.example/api/v1/labels?x=1' }).end(),
  nobuildinfo: (req, res) =>
    req.url!.endsWith('/status/buildinfo')
      ? res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n')
      : res.end(ok({ resultType: 'scalar', result: [1, '1'] })),
  echo: (req, res, body) => {
    seen = { method: req.method, url: req.url, headers: req.headers, body };
    res.end(req.url!.includes('query') ? ok({ resultType: 'vector', result: [] }) : ok(['a']));
  },
};

function handler(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.setEncoding('utf8').on('data', (d: string) => (body += d));
  req.on('end', () => {
    const scenario = scenarios[req.url!.split('/')[1]];
    if (scenario) {
      scenario(req, res, body);
    } else {
      res.writeHead(404).end();
    }
  });
}

let http: Server;
let https: Server;
let base: string;
let tlsBase: string;
let tmp: string;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'o11y-tls-'));
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1']
      .concat(['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'])
      .concat(['-keyout', join(tmp, 'key.pem'), '-out', join(tmp, 'cert.pem')]),
    { encoding: 'utf8' },
  );
  assert.equal(made.status, 0, made.stderr);
  http = createHttpServer(handler);
  const tls = { key: readFileSync(join(tmp, 'key.pem')), cert: readFileSync(join(tmp, 'cert.pem')) };
  https = createHttpsServer(tls, handler);
  base = `http://127.0.0.1:${await listen(http)}`;
  tlsBase = `https://127.0.0.1:${await listen(https)}/echo`;
});

after(() => {
  for (const server of [http, https]) {
    server.closeAllConnections();
    server.close();
  }
  rmSync(tmp, { recursive: true, force: true });
});

const clients: PrometheusClient[] = [];
after(() => Promise.all(clients.map((c) => c.close())));

function client(config: Partial<PrometheusConnectionConfig> & { url: string }): PrometheusClient {
  const c = new PrometheusClient({ timeout: '2s', ...config });
  clients.push(c);
  return c;
}

/** Runs `p`, which must fail with a PrometheusError within `ms`; returns the error. */
async function fails(p: Promise<unknown>, ms = 1500): Promise<PrometheusError> {
  const started = Date.now();
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof PrometheusError, `expected a PrometheusError, got ${String(e)}`);
    assert.ok(Date.now() - started < ms, `took ${Date.now() - started} ms`);
    assert.ok(!e.message.includes(PASSWORD), 'no credentials in messages');
    return e;
  }
  assert.fail('expected the request to fail');
}

test('no answer at all: a timeout, on time', async () => {
  const e = await fails(client({ url: `${base}/hang`, timeout: '300ms' }).labelNames());
  assert.equal(e.kind, 'timeout');
  assert.equal(e.message, `Prometheus at ${base}/hang (/api/v1/labels): no complete answer within 300ms`);
});

test('a per-request timeout overrides the connection one', async () => {
  const e = await fails(client({ url: `${base}/hang`, timeout: '1m' }).query('up', { timeoutMs: 200 }));
  assert.equal(e.kind, 'timeout');
});

test('a slow drip of bytes does not keep the request alive past its timeout', async () => {
  const e = await fails(client({ url: `${base}/drip`, timeout: '400ms' }).labelNames());
  assert.equal(e.kind, 'timeout');
});

test('cancelling while waiting rejects at once as cancelled', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const e = await fails(client({ url: `${base}/hang` }).labelNames({ signal: controller.signal }), 500);
  assert.equal(e.kind, 'cancelled');
});

test('500 with a Prometheus error body: errorType and error verbatim, with the status', async () => {
  const e = await fails(client({ url: `${base}/err500json` }).query('up'));
  assert.deepEqual([e.kind, e.status, e.errorType, e.apiError], ['api', 500, 'internal', 'chunk 42 is corrupt']);
  assert.equal(e.message, `Prometheus at ${base}/err500json (/api/v1/query): internal: chunk 42 is corrupt`);
});

test('500 without a JSON body: the status and what the server said', async () => {
  const e = await fails(client({ url: `${base}/err500text` }).labelNames());
  assert.deepEqual([e.kind, e.status], ['http', 500]);
  assert.match(e.message, /HTTP 500: upstream exploded$/);
});

test('an HTML page instead of JSON (a login page in front of Prometheus)', async () => {
  const e = await fails(client({ url: `${base}/html` }).labelNames());
  assert.equal(e.kind, 'badResponse');
  assert.match(e.message, /expected JSON from the Prometheus API but got an HTML page \("Sign in - Corp SSO"\)/);
});

test('truncated JSON is refused with the parser complaint', async () => {
  const e = await fails(client({ url: `${base}/truncated` }).labelNames());
  assert.equal(e.kind, 'badResponse');
  assert.match(e.message, /the answer is invalid JSON \(.+\): "\{"status":"success","data":\["a","/);
});

test('a connection dropped in the middle of the body', async () => {
  const e = await fails(client({ url: `${base}/dropped` }).labelNames());
  assert.equal(e.kind, 'unreachable');
  assert.match(e.message, /closed before the answer was complete/);
});

test('JSON of the wrong shape for the endpoint', async () => {
  const e = await fails(client({ url: `${base}/wrongshape` }).labelValues('job'));
  assert.equal(e.kind, 'badResponse');
  assert.match(e.message, /\(\/api\/v1\/label\/job\/values\): the answer's data does not have the shape/);
});

test('a body declared over the cap is refused before it is read', async () => {
  const e = await fails(client({ url: `${base}/hugedeclared` }).series(['up']), 500);
  assert.equal(e.kind, 'tooLarge');
  assert.match(e.message, /is 50\.0 MB, more than the 32\.0 MB allowed \(max_response_bytes\)/);
});

test('a streamed body is cut off as soon as it passes the cap', async () => {
  const e = await fails(client({ url: `${base}/hugechunked`, max_response_bytes: 1024 * 1024 }).series(['up']));
  assert.equal(e.kind, 'tooLarge');
  assert.match(e.message, /\(\/api\/v1\/series\) is larger than the 1\.0 MB allowed \(max_response_bytes\)/);
});

test('401 without credentials, 403 with wrong ones, success with the right basic_auth', async () => {
  const none = await fails(client({ url: `${base}/auth` }).buildInfo());
  assert.deepEqual([none.kind, none.status], ['auth', 401]);
  assert.match(none.message, /HTTP 401 Unauthorized: it needs credentials and none are set$/);
  const wrongCredentials = { username: 'alice', password: 'nope' };
  const wrong = await fails(client({ url: `${base}/auth`, basic_auth: wrongCredentials }).buildInfo());
  assert.deepEqual([wrong.kind, wrong.status], ['auth', 403]);
  assert.match(wrong.message, /HTTP 403 Forbidden: the credentials were refused$/);
  const right = client({ url: `${base}/auth`, basic_auth: { username: 'alice', password: PASSWORD } });
  assert.equal((await right.buildInfo()).version, '2.53.0');
  const inUrl = client({ url: `http://alice:${PASSWORD}@${base.slice('http://'.length)}/auth` });
  assert.equal((await inUrl.buildInfo()).version, '2.53.0');
  assert.equal(inUrl.url, `${base}/auth`, 'credentials in the url are never shown');
});

test('connection status: authFailed, unreachable, and connected without buildinfo', async () => {
  const auth = await checkConnection(client({ url: `${base}/auth` }));
  assert.equal(auth.state, 'authFailed');
  const port = await freePort();
  const down = await checkConnection(client({ url: `http://127.0.0.1:${port}` }));
  assert.equal(down.state, 'unreachable');
  assert.ok(down.state === 'unreachable' && /connection refused \(connect ECONNREFUSED/.test(down.message), down.state);
  assert.deepEqual(await checkConnection(client({ url: `${base}/nobuildinfo` })), {
    state: 'connected',
    url: `${base}/nobuildinfo`,
  });
  assert.equal((await checkConnection(client({ url: `${base}/html` }))).state, 'unreachable');
});

test('connection refused and an unknown host are unreachable, with the reason', async () => {
  const port = await freePort();
  const refused = await fails(client({ url: `http://127.0.0.1:${port}` }).labelNames());
  assert.equal(refused.kind, 'unreachable');
  assert.equal(refused.message.split(' (')[0], `cannot connect to http://127.0.0.1:${port}: connection refused`);
  const unknown = await fails(client({ url: 'http://no-such-host.invalid:9090' }).labelNames(), 5000);
  assert.equal(unknown.kind, 'unreachable');
  assert.match(unknown.message, /^cannot connect to http:\/\/no-such-host\.invalid:9090: unknown host/);
});

test('redirects are not followed, so no request goes to another host', async () => {
  const e = await fails(client({ url: `${base}/redirect` }).labelNames());
  assert.deepEqual([e.kind, e.status], ['http', 302]);
  assert.match(e.message, /HTTP 302 redirect to http:\/\/elsewhere\.example\/api\/v1\/labels not followed/);
});

test('queries are POSTed form-encoded, other reads are GETs; headers and bearer tokens are sent', async () => {
  const c = client({ url: `${base}/echo/`, bearer_token: 'tok', headers: { 'X-Scope-OrgID': 'team-a' } });
  await c.query('sum by (job) (up)', { time: 1_700_000_000_500 });
  assert.equal(seen.method, 'POST');
  assert.equal(seen.url, '/echo/api/v1/query');
  assert.equal(seen.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(seen.body)), {
    query: 'sum by (job) (up)',
    timeout: '2000ms',
    time: '1700000000.5',
  });
  assert.equal(seen.headers.authorization, 'Bearer tok');
  assert.equal(seen.headers['x-scope-orgid'], 'team-a');
  await c.labelValues('service.name', { match: ['up', 'process_cpu_seconds_total{job="a"}'] });
  assert.equal(seen.method, 'GET');
  assert.equal(
    decodeURIComponent(seen.url!),
    '/echo/api/v1/label/U__service_2e_name/values?match[]=up&match[]=process_cpu_seconds_total{job="a"}',
  );
});

test('TLS, self-signed certificate: refused without its CA, trusted with ca_file or insecure_skip_verify', async () => {
  const plain = await fails(client({ url: tlsBase }).labelNames());
  assert.equal(plain.kind, 'unreachable');
  assert.match(plain.message, /TLS certificate is not trusted \(self-signed certificate\); set tls_config\.ca_file/);
  const withCa = client({ url: tlsBase, tls_config: { ca_file: join(tmp, 'cert.pem') } });
  assert.deepEqual(await withCa.labelNames(), ['a']);
  const skip = client({ url: tlsBase, tls_config: { insecure_skip_verify: true } });
  assert.deepEqual(await skip.labelNames(), ['a']);
  const missing = await fails(client({ url: tlsBase, tls_config: { ca_file: join(tmp, 'nope.pem') } }).labelNames());
  assert.equal(missing.kind, 'config');
  assert.match(missing.message, /^cannot read tls_config\.ca_file .*nope\.pem: ENOENT/);
});

test('wrong connection settings are refused before anything is sent', () => {
  const bad = (config: PrometheusConnectionConfig, message: RegExp) =>
    assert.throws(
      () => new PrometheusClient(config),
      (e) => e instanceof PrometheusError && e.kind === 'config' && message.test(e.message),
    );
  bad({ url: 'localhost:9090' }, /must start with http:\/\/ or https:\/\//);
  bad({ url: 'http://[::1' }, /not a valid URL/);
  bad({ url: base, timeout: '10' }, /timeout must be a positive Prometheus duration such as 10s \(got "10"\)/);
  bad({ url: base, bearer_token: 't', basic_auth: { username: 'u', password: PASSWORD } }, /set only one of/);
  bad({ url: base, authorization: { type: 'Basic', credentials: 'x' } }, /use basic_auth/);
  bad({ url: base, headers: { 'X-Bad': 'a\r\nInjected: 1' } }, /must not contain line breaks/);
  bad({ url: base, max_response_bytes: 0 }, /max_response_bytes must be a positive whole number/);
});
