/** The page as HTML, from real queries on the seeded embedded database (no browser). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, seed, type SqlEngine } from '../../src/db/index.js';
import { openTestPglite } from '../support/pglite.js';
import { previewPage } from '../../src/preview/index.js';
import type { CheckOptions } from '../../src/check/run/check.js';
import type { PreviewPageOptions } from '../../src/preview/page.js';

type Obj = Record<string, unknown>;

const benchmark = JSON.parse(readFileSync(new URL('../../generated/grafana_dashboard.json', import.meta.url), 'utf8')) as Obj;
const gallery = JSON.parse(readFileSync(new URL('../../generated/panel-gallery.json', import.meta.url), 'utf8')) as Obj;

let engine: SqlEngine;

beforeAll(async () => {
  engine = await openTestPglite();
  await migrate(engine);
  await seed(engine, {});
});

afterAll(async () => {
  await engine.close();
});

describe('preview page of the benchmark dashboard (seeded data)', () => {
  it('has every panel and row title, every query answered, and one chart per bar chart and time series', async () => {
    const { html, preview } = await previewPage(benchmark, { sql: engine });
    for (const p of benchmark.panels as Obj[]) expect(html).toContain(`${p.type === 'row' ? 'data-row' : 'data-title'}="${String(p.title)}"`);
    const results = preview.panels.flatMap((p) => p.results);
    expect(results.filter((r) => r.state !== 'data')).toEqual([]);
    const chartPanels = (benchmark.panels as Obj[]).filter((p) => p.type === 'barchart' || p.type === 'timeseries');
    const charts = JSON.parse(/<script type="application\/json" id="preview-charts">(.*?)<\/script>/s.exec(html)![1]!) as Array<{ id: string }>;
    expect(charts).toHaveLength(chartPanels.length);
    const grid = html.slice(0, html.indexOf('<script'));
    expect(grid).not.toContain('class="panel-error"');
    // Self-contained: uPlot and its CSS inline, nothing fetched.
    expect(html).toContain('uPlot');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
  });
});

describe('errors and missing backends show in place', () => {
  it('a failing query is a red box with the database error and its position', async () => {
    const broken = structuredClone(benchmark);
    const panel = (broken.panels as Obj[]).find((p) => p.title === 'First eager forward pass')!;
    (panel.targets as Obj[])[0]!.rawSql = 'SELECT nope FROM benchmarks';
    const { html, preview } = await previewPage(broken, { sql: engine });
    const section = /<section[^>]*data-title="First eager forward pass"[^]*?<\/section>/.exec(html)![0];
    expect(section).toContain('class="panel-error"');
    expect(section).toContain('column &quot;nope&quot; does not exist');
    expect(section).toMatch(/at position \d+/);
    expect(preview.panels.filter((p) => p.results.some((r) => r.state === 'error'))).toHaveLength(1);
  });

  it('PromQL panels without --prometheus-url say so; a collapsed row shows its header and panel count', async () => {
    const { html } = await previewPage(gallery, { sql: engine });
    const stat = /<section[^>]*data-title="Active requests"[^]*?<\/section>/.exec(html)![0];
    expect(stat).toContain('PromQL: no Prometheus given, so this panel is not drawn');
    expect(stat).not.toContain('--prometheus-url');
    expect(html).toMatch(/class="grid-row collapsed"[^>]*data-row="Traces \(Tempo\)"[^]*?\(2 panels\)/);
    expect(html).not.toContain('data-title="Slow generations"');
    expect(html).toContain('Every panel kind, built with <strong>dashcode</strong>.');
  });

  it('a dashboard whose time range cannot be read says so', async () => {
    const { html } = await previewPage({ ...benchmark, time: { from: 'yesterday', to: 'now' } }, { sql: engine });
    expect(html).toContain('cannot read the time range yesterday');
  });
});

// Issue 16: preview's SQL limits come from the same home as check's (QueryLimits); a raw engine is queried read-only either way.
const rowsPerFrame = (p: Awaited<ReturnType<typeof previewPage>>): number[] =>
  p.preview.panels.flatMap((panel) => panel.results.flatMap((r) => (r.state === 'data' ? r.frames.map((f) => Math.max(0, ...f.fields.map((x) => x.values.length))) : [])));

describe('preview SQL limits', () => {
  it('takes the same limit options as check', () => {
    const limits: Pick<CheckOptions, 'maxRows' | 'queryTimeoutMs'> = { maxRows: 2, queryTimeoutMs: 5000 };
    const options: PreviewPageOptions = { ...limits };
    expect(options.maxRows).toBe(2);
  });

  it('maxRows caps every query of a raw engine, as check does', async () => {
    const unlimited = rowsPerFrame(await previewPage(benchmark, { sql: engine }));
    expect(Math.max(...unlimited)).toBeGreaterThan(2);
    const capped = rowsPerFrame(await previewPage(benchmark, { sql: engine, maxRows: 2 }));
    expect(capped.length).toBeGreaterThan(0);
    expect(Math.max(...capped)).toBeLessThanOrEqual(2);
  });

  it('a raw engine is queried read-only: a writing query is refused and the table stays', async () => {
    const broken = structuredClone(benchmark) as { panels: Array<{ title: string; targets?: Array<Record<string, unknown>> }> };
    const panel = broken.panels.find((p) => p.targets?.some((t) => typeof t.rawSql === 'string'))!;
    panel.targets![0]!.rawSql = 'DELETE FROM benchmarks RETURNING 1';
    const { preview } = await previewPage(broken, { sql: engine });
    const result = preview.panels.find((p) => p.item.kind === 'panel' && p.results.some((r) => r.state === 'error'));
    expect(result?.results.find((r) => r.state === 'error')).toMatchObject({ message: expect.stringMatching(/refused, and nothing ran/) });
    expect((await engine.query('SELECT count(*)::int AS n FROM benchmarks')).rows[0]).toMatchObject({ n: expect.any(Number) });
    expect(((await engine.query('SELECT count(*)::int AS n FROM benchmarks')).rows[0] as { n: number }).n).toBeGreaterThan(0);
  });
});

describe('values that depend on "now" are formatted at the query time', () => {
  it('a dateTimeFromNow stat reads "3 days ago" against the preview time, not the wall clock', async () => {
    const at = Date.UTC(2020, 0, 4);
    const dash = {
      uid: 'since',
      title: 'Since',
      schemaVersion: 39,
      panels: [
        {
          type: 'stat',
          title: 'Last run',
          gridPos: { x: 0, y: 0, w: 6, h: 4 },
          fieldConfig: { defaults: { unit: 'dateTimeFromNow' }, overrides: [] },
          targets: [{ refId: 'A', datasource: { type: 'grafana-postgresql-datasource', uid: 'db' }, format: 'table', rawSql: `SELECT ${Date.UTC(2020, 0, 1)}::bigint AS value` }],
        },
      ],
    };
    const { html } = await previewPage(dash, { sql: engine, now: new Date(at) });
    const stat = /<section[^>]*data-title="Last run"[^]*?<\/section>/.exec(html)![0];
    expect(stat).toContain('3 days ago');
    expect(html).toBe((await previewPage(dash, { sql: engine, now: new Date(at) })).html);
  });
});
