/**
 * Issue 14, lint precision: the false alarms public dashboards showed, with the
 * issue's concrete inputs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { lintDashboard } from '../../src/lint/index.js';
import { metricTypes } from '../../src/check/prometheus-client.js';
import { run } from '../../src/cli/run.js';
import { captureIo, tempProject } from '../support/temp-project.js';

const prom = { type: 'prometheus', uid: 'prom' };
const dash = (targets: Array<Record<string, unknown>>, datasource: unknown = prom, variables: unknown[] = []) => ({
  uid: 'u',
  title: 't',
  panels: [{ id: 1, type: 'timeseries', title: 'P', gridPos: { x: 0, y: 0, w: 24, h: 8 }, datasource, fieldConfig: { defaults: { unit: 'short' } }, targets }],
  templating: { list: variables },
});
const codes = (d: unknown, ctx = {}) => lintDashboard(d, ctx).map((i) => `${i.code} ${renderPath(i.path)}`);

describe('promql-rate-counter: real counters without _total', () => {
  const exprs = ['rate(node_vmstat_pgfault[$__rate_interval])', 'rate(nv_inference_request_duration_us[$__rate_interval])', 'rate(tgi_request_success[$__rate_interval])'];

  it('does not fire on node_exporter vmstat, Triton nv_inference_*_us or TGI tgi_request_success', () => {
    expect(codes(dash(exprs.map((expr, i) => ({ refId: String.fromCharCode(65 + i), expr }))))).toEqual([]);
  });

  it('still fires on a gauge by name, and follows Prometheus metadata when given', () => {
    const d = dash([{ refId: 'A', expr: 'rate(go_memstats_heap_alloc_bytes[$__rate_interval])' }, { refId: 'B', expr: 'rate(my_requests[$__rate_interval])' }]);
    expect(codes(d)).toEqual(['promql-rate-counter panels[0].targets[0].expr', 'promql-rate-counter panels[0].targets[1].expr']);
    const types = new Map([
      ['my_requests', 'counter'],
      ['go_memstats_heap_alloc_bytes', 'gauge'],
    ]);
    expect(lintDashboard(d, { metricTypes: types }).map((i) => i.message)).toEqual([
      'rate(go_memstats_heap_alloc_bytes[…]): "go_memstats_heap_alloc_bytes" is a gauge (Prometheus metadata); rate of a gauge is meaningless, use the gauge itself or deriv()',
    ]);
  });

  it('does not fire on rate() of a native histogram inside histogram_quantile (nor promql-histogram-le)', () => {
    expect(codes(dash([{ refId: 'A', expr: 'histogram_quantile(0.99, sum(rate(tempo_request_duration_seconds[$__rate_interval])))' }]))).toEqual([]);
  });
});

describe('lint --prometheus-url reads /api/v1/metadata', () => {
  let url = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(req.url?.startsWith('/api/v1/metadata') ? JSON.stringify({ status: 'success', data: { my_requests: [{ type: 'counter', help: '', unit: '' }] } }) : '{}');
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('maps families to types, and the CLI uses them', async () => {
    expect(await metricTypes(url)).toEqual(new Map([['my_requests', 'counter']]));
    const dir = tempProject({ 'd.json': JSON.stringify(dash([{ refId: 'A', expr: 'rate(my_requests[$__rate_interval])' }])) });
    const without = captureIo(dir);
    await run(['lint', 'd.json'], without);
    expect(without.out).toContain('promql-rate-counter');
    const withMeta = captureIo(dir);
    await run(['lint', 'd.json', '--prometheus-url', url], withMeta);
    expect(withMeta.out).not.toContain('promql-rate-counter');
  });
});

describe('variable-undefined: only what Grafana would run', () => {
  it('does not fire on $B inside a server-side expression (a refId)', () => {
    const d = dash(
      [
        { refId: 'A', datasource: prom, expr: 'up' },
        { refId: 'B', datasource: prom, expr: 'up' },
        { refId: 'C', datasource: { type: '__expr__', uid: '__expr__' }, type: 'math', expression: '$A / $B' },
      ],
      { type: 'datasource', uid: '-- Mixed --' },
    );
    expect(codes(d).filter((c) => c.startsWith('variable-undefined'))).toEqual([]);
  });

  it('ignores leftover query-builder state beside rawSql with rawQuery: true', () => {
    const pg = { type: 'grafana-postgresql-datasource', uid: 'pg' };
    const target = { refId: 'A', rawQuery: true, rawSql: "SELECT $__time(t), v FROM m WHERE $__timeFilter(t) AND h = '$host'", select: [[{ type: 'field', params: ['$old_column'] }]], where: [{ type: 'macro', name: '$__timeFilter', params: [] }], alias: '$tag_host', tags: [{ key: 'x', value: '$gone' }], format: 'time_series' };
    const d = dash([target], pg, [{ name: 'host', type: 'custom', query: 'a,b' }]);
    expect(codes(d).filter((c) => c.startsWith('variable-undefined'))).toEqual([]);
  });

  it('still fires on an undefined variable in the query itself', () => {
    expect(codes(dash([{ refId: 'A', expr: 'up{job="$job"}', tags: [{ value: '$nothing' }] }]))).toEqual(['variable-undefined panels[0].targets[0].expr']);
  });
});
