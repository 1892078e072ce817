/** The page as HTML, from real queries on the seeded embedded database (no browser). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, seed, type SqlEngine } from '../../src/db/index.js';
import { openTestPglite } from '../support/pglite.js';
import { previewPage } from '../../src/preview/index.js';

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
