/** The client against a stub HTTP server on 127.0.0.1: every failure mode, no real Prometheus needed. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusError, buildInfo, endpoint, query, queryRange, ready } from '../../src/check/prometheus-client.js';
import { checkDashboard } from '../../src/check/run/index.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
let server: Server;
let base: string;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const route = routes.get(path);
      if (route) route(req, body, res);
      else res.writeHead(404).end('404 page not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(p: Promise<unknown>): Promise<PrometheusError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PrometheusError);
  return err as PrometheusError;
}

describe('prometheus client', () => {
  it('posts range queries as a form and returns the matrix and warnings', async () => {
    let seen: URLSearchParams | undefined;
    routes.set('/api/v1/query_range', (_req, body, res) => {
      seen = new URLSearchParams(body);
      json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[1, '2']] }] }, warnings: ['w'] });
    });
    const r = await queryRange(base, 'up', { start: new Date('2026-10-31T22:00:00Z'), end: '2026-11-01T00:00:00Z', step: 60 });
    expect(r).toEqual({ data: { resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[1, '2']] }] }, warnings: ['w'] });
    expect(Object.fromEntries(seen ?? [])).toEqual({ query: 'up', start: '1793484000', end: '2026-11-01T00:00:00Z', step: '60' });
  });

  it('sends instant queries with an optional time', async () => {
    let seen: URLSearchParams | undefined;
    routes.set('/api/v1/query', (_req, body, res) => {
      seen = new URLSearchParams(body);
      json(res, 200, { status: 'success', data: { resultType: 'scalar', result: [1, '1'] } });
    });
    expect((await query(base, '1', { time: 1793491200 })).data).toEqual({ resultType: 'scalar', result: [1, '1'] });
    expect(seen?.get('time')).toBe('1793491200');
  });

  it('reads build info and keeps a base path', async () => {
    routes.set('/prom/api/v1/status/buildinfo', (_req, _b, res) => json(res, 200, { status: 'success', data: { version: '2.42.0' } }));
    expect(await buildInfo(`${base}/prom/`)).toEqual({ version: '2.42.0' });
    expect(endpoint('http://h:9090/prom', '-/ready')).toBe('http://h:9090/prom/-/ready');
  });

  it('reports readiness: true on 200, false on 503, an error otherwise', async () => {
    routes.set('/-/ready', (_req, _b, res) => res.writeHead(200).end('Prometheus Server is Ready.'));
    expect(await ready(base)).toBe(true);
    routes.set('/-/ready', (_req, _b, res) => res.writeHead(503).end('Service Unavailable'));
    expect(await ready(base)).toBe(false);
    routes.set('/-/ready', (_req, _b, res) => res.writeHead(500).end('boom'));
    const err = await failure(ready(base));
    expect(err).toMatchObject({ kind: 'http', status: 500, url: `${base}/-/ready` });
    expect(err.message).toBe(`GET ${base}/-/ready failed: HTTP 500 Internal Server Error`);
  });

  it("passes on Prometheus' own error and errorType", async () => {
    routes.set('/api/v1/query', (_req, _b, res) =>
      json(res, 400, { status: 'error', errorType: 'bad_data', error: '1:11: parse error: unclosed left parenthesis' }),
    );
    const err = await failure(query(base, 'rate(x[5m]'));
    expect(err).toMatchObject({ kind: 'prometheus', status: 400, errorType: 'bad_data' });
    expect(err.message).toBe(`POST ${base}/api/v1/query failed: Prometheus bad_data (HTTP 400): 1:11: parse error: unclosed left parenthesis`);
  });

  it('says HTTP status and body when the answer is not the API (wrong URL, proxy page)', async () => {
    const err = await failure(buildInfo(`${base}/nothing-here`));
    expect(err).toMatchObject({ kind: 'http', status: 404 });
    expect(err.message).toBe(`GET ${base}/nothing-here/api/v1/status/buildinfo failed: HTTP 404 Not Found: 404 page not found`);
  });

  it('rejects a 200 that is not a Prometheus response', async () => {
    routes.set('/api/v1/status/buildinfo', (_req, _b, res) => json(res, 200, { hello: 'world' }));
    expect(await failure(buildInfo(base))).toMatchObject({ kind: 'invalid-response', status: 200 });
  });

  it('times out with the URL and the limit in the message', async () => {
    routes.set('/api/v1/query', () => undefined); // never answers
    const err = await failure(query(base, 'up', {}, { timeoutMs: 200 }));
    expect(err).toMatchObject({ kind: 'timeout' });
    expect(err.message).toBe(`POST ${base}/api/v1/query failed: no answer within 200 ms`);
  });

  it('hostile: stops reading an answer larger than the cap, announced or streamed, and says so', async () => {
    const big = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: Array.from({ length: 2000 }, (_, i) => ({ metric: { i: String(i) }, value: [1, '1'] })) } });
    let written = 0;
    routes.set('/api/v1/query', (_req, _b, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) }).end(big));
    const announced = await failure(query(base, 'up', {}, { maxResponseBytes: 10_000 }));
    expect(announced).toMatchObject({ kind: 'too-large', status: 200 });
    expect(announced.message).toBe(`POST ${base}/api/v1/query failed: the answer is larger than 10,000 bytes, the most check reads from Prometheus (a narrower query or time range?)`);
    // Chunked, with no length: reading stops at the cap, and the server is not read to the end.
    routes.set('/api/v1/query', (_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(4096);
      const more = () => {
        while (written < 64 * 2 ** 20 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => undefined);
      more();
    });
    expect(await failure(query(base, 'up', {}, { maxResponseBytes: 10_000 }))).toMatchObject({ kind: 'too-large' });
    expect(written).toBeLessThan(64 * 2 ** 20);
    // Under the cap it reads as before.
    routes.set('/api/v1/query', (_req, _b, res) => json(res, 200, JSON.parse(big)));
    expect((await query(base, 'up', {}, { maxResponseBytes: 1_000_000 })).data.result).toHaveLength(2000);
  });

  it('says connection refused when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(ready(`http://127.0.0.1:${port}`));
    expect(err).toMatchObject({ kind: 'connection', url: `http://127.0.0.1:${port}/-/ready` });
    expect(err.message).toBe(`GET http://127.0.0.1:${port}/-/ready failed: connection refused (is Prometheus running there?)`);
  });

  it('rejects a base URL that is not a URL', async () => {
    const err = await failure(ready('localhost:9090'));
    expect(err.message).toBe('invalid Prometheus URL "localhost:9090": expected http://host:port or https://host:port');
  });
});

describe('the limits of a check\'s Prometheus runner', () => {
  it('timeoutMs and maxResponseBytes reach every request: a variable\'s and a panel\'s', async () => {
    routes.set('/api/v1/label/instance/values', () => undefined); // never answers
    routes.set('/api/v1/query_range', (_req, _b, res) => json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [{ metric: { instance: 'a'.repeat(500) }, values: [[1, '2']] }] } }));
    const dashboard = {
      title: 'Limits',
      templating: { list: [{ name: 'instance', type: 'query', datasource: { type: 'prometheus', uid: 'p' }, query: 'label_values(instance)' }] },
      panels: [{ type: 'timeseries', title: 'Up', targets: [{ refId: 'A', datasource: { type: 'prometheus', uid: 'p' }, expr: 'up' }] }],
    };
    const c = await checkDashboard(dashboard, { prometheus: { url: base, timeoutMs: 200, maxResponseBytes: 300 } });
    expect(c.variables[0]).toMatchObject({ name: 'instance', status: 'error' });
    expect(c.variables[0]!.message).toContain(`GET ${base}/api/v1/label/instance/values`);
    expect(c.variables[0]!.message).toContain('failed: no answer within 200 ms');
    expect(c.queries[0]).toMatchObject({ status: 'error' });
    expect(c.queries[0]!.message).toBe(`POST ${base}/api/v1/query_range failed: the answer is larger than 300 bytes, the most check reads from Prometheus (a narrower query or time range?)`);
  });
});

