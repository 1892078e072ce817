import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { inferPromUnit, inferSqlUnit } from '../../src/lint/dashboard/units.js';
import { codes, dashboard, lint, promPanel, sqlPanel } from './support.js';

describe('unit inference', () => {
  it.each([
    ['histogram_quantile(0.95, sum by (le) (rate(ttft_milliseconds_bucket[$__rate_interval])))', 'ms'],
    ['histogram_quantile(0.5, sum by (le) (rate(batch_fill_percentage_percent_bucket[$__rate_interval])))', 'percent'],
    ['kv_cache_memory_bytes', 'bytes'],
    ['rate(request_latency_seconds_sum[5m]) / rate(request_latency_seconds_count[5m])', 's'],
    ['sum(rate(ttft_milliseconds_bucket[$__rate_interval])) by (le)', undefined], // a heatmap of counts per bucket
    ['rate(request_latency_seconds_count[5m])', undefined],
    ['rate(node_network_receive_bytes_total[5m])', undefined],
    ['decode_prefill_ratio', undefined],
  ])('PromQL %s → %s', (expr, unit) => {
    expect(inferPromUnit(expr)?.unit).toBe(unit);
  });

  it.each([
    ['SELECT d.gpu_util, d.time FROM device_measurements d WHERE d.cpu_util > 0', 'percent'],
    ['SELECT d.mem_megabytes FROM d', 'decmbytes'],
    ["SELECT (m.measurements->>'time_to_first_token_secs')::float AS \"First token\" FROM m", 's'],
    ['SELECT branch, count(*) FROM benchmarks WHERE cpu_util > 50 GROUP BY branch', undefined], // WHERE is not output
    ['SELECT extract(epoch FROM created_at) AS t FROM benchmarks', undefined],
  ])('SQL %s → %s', (sql, unit) => {
    expect(inferSqlUnit(sql)?.unit).toBe(unit);
  });

  it('skips hidden columns', () => {
    expect(inferSqlUnit('SELECT branch, 1000 * extract(epoch FROM created_at) AS from_ms FROM b', new Set(['from_ms']))).toBeUndefined();
  });
});

describe('panel-unit', () => {
  it('names the value and suggests the unit', () => {
    const issues = lint(dashboard([promPanel('TTFT', 'histogram_quantile(0.9, sum by (le) (rate(ttft_milliseconds_bucket[$__rate_interval])))', { fieldConfig: { defaults: {} } })]));
    expect(issues.map((i) => [i.code, renderPath(i.path), i.message])).toEqual([
      ['panel-unit', 'panels[0].fieldConfig.defaults.unit', 'no unit, but the values are durations ("ttft_milliseconds_bucket"); set unit "ms"'],
    ]);
  });

  it('a unit in an override, or hiding the column, is enough', () => {
    const override = { fieldConfig: { defaults: {}, overrides: [{ matcher: { id: 'byName', options: 'gpu_util' }, properties: [{ id: 'unit', value: 'percent' }] }] } };
    expect(lint(dashboard([sqlPanel('GPU', 'SELECT branch, gpu_util FROM d', override)]))).toEqual([]);
    const hidden = { fieldConfig: { defaults: {}, overrides: [{ matcher: { id: 'byName', options: 'gpu_util' }, properties: [{ id: 'custom.hidden', value: true }] }] } };
    expect(lint(dashboard([sqlPanel('GPU', 'SELECT branch, gpu_util FROM d', hidden)]))).toEqual([]);
    const organized = { transformations: [{ id: 'organize', options: { excludeByName: { gpu_util: true } } }] };
    expect(lint(dashboard([sqlPanel('GPU', 'SELECT branch, gpu_util FROM d', organized)]))).toEqual([]);
  });
});

describe('panel-duplicate-query', () => {
  it('ignores whitespace and names the first panel', () => {
    const issues = lint(dashboard([sqlPanel('Third pass', 'SELECT a FROM t'), sqlPanel('Fourth pass', 'SELECT a\n  FROM t')]));
    expect(issues.map((i) => [i.code, renderPath(i.path), i.message])).toEqual([
      ['panel-duplicate-query', 'panels[1].targets', 'runs the same queries as "Third pass" (panels[0]); a copied panel whose query was never changed?'],
    ]);
  });

  it('hidden queries and different datasources make different panels', () => {
    const hidden = sqlPanel('B', 'SELECT a FROM t', { targets: [{ refId: 'A', datasource: { type: 'grafana-postgresql-datasource', uid: 'pg' }, format: 'table', rawSql: 'SELECT a FROM t' }, { refId: 'B', hide: true, format: 'table', rawSql: 'SELECT b FROM t' }] });
    expect(codes(lint(dashboard([sqlPanel('A', 'SELECT a FROM t'), hidden])))).toEqual(['panel-duplicate-query']);
    const other = promPanel('B', 'up', { datasource: { type: 'prometheus', uid: 'prom-lt' }, targets: [{ refId: 'A', expr: 'up' }] });
    expect(lint(dashboard([promPanel('A', 'up'), other]))).toEqual([]);
  });
});

describe('panel-title and panel-no-queries', () => {
  it('library panels keep their queries elsewhere', () => {
    expect(lint(dashboard([{ type: 'timeseries', title: 'Shared', libraryPanel: { uid: 'lib', name: 'Shared' } }]))).toEqual([]);
  });

  it('an untitled panel is named by its type in messages', () => {
    const issues = lint(dashboard([{ ...promPanel('', 'up') }]));
    expect(issues[0]?.source?.panel).toBe('(untitled timeseries)');
  });
});
