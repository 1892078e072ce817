/**
 * Issue 17 as a maintainer sees it: the rendered preview pages (real queries
 * on the seeded embedded database, no browser) show trends, the injected
 * regression (SEED_REGRESSION_COMMIT) highlighted as "worse", the A/B view
 * with aligned device curves, and the benchmark_v2 key metrics.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, seed, SEED_REGRESSION_COMMIT, type SqlEngine } from '../../src/db/index.js';
import { previewPage } from '../../src/preview/index.js';
import { openTestPglite } from '../support/pglite.js';

type Obj = Record<string, unknown>;

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../generated/${name}`, import.meta.url), 'utf8')) as Obj;
const SHORT = SEED_REGRESSION_COMMIT.slice(0, 7);
const RED = '#F2495C';

/** The <section> of the panel titled `title` (the first one). */
function section(html: string, title: string): string {
  const m = new RegExp(`<section[^>]*data-title="${title.replace(/[()$]/g, '\\$&')}"[^]*?</section>`).exec(html);
  expect(m, `panel "${title}" on the page`).not.toBeNull();
  return m![0];
}

function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => c[1]!));
}

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestPglite();
  await migrate(engine);
  await seed(engine, {});
});
afterAll(() => engine.close());

describe('Transformers benchmarks: trend, baseline, verdict', () => {
  it('every query answers with data, and the regression commit is highlighted as worse', async () => {
    const { html, preview } = await previewPage(load('grafana_dashboard.json'), { sql: engine });
    expect(preview.panels.flatMap((p) => p.results).filter((r) => r.state !== 'data')).toEqual([]);

    // The change table: the newest main commit is the regression, so every tracked measurement says worse, worst first.
    const rows = tableRows(section(html, 'Change against baseline')).slice(1);
    const byKey = new Map(rows.map((r) => [r[0], r]));
    for (const key of ['first_eager_forward_pass_time_secs', 'time_to_first_token_secs', 'first_compile_generate_time_secs', 'model_load_time']) {
      const row = byKey.get(key)!;
      expect(row, key).toBeDefined();
      expect(row[1]).toBe(SHORT);
      expect(row.at(-1)).toBe('worse');
    }
    expect(rows[0]!.at(-1)).toBe('worse');
    expect(rows.filter((r) => r.at(-1) === 'worse').length).toBeGreaterThanOrEqual(8);

    // The stat next to the trend: named "… · worse", red background.
    const stat = /<div class="stat" style="background:([^;]+);[^"]*">(?:(?!<div class="stat").)*?title="First forward pass · worse"/s.exec(html);
    expect(stat, 'stat "First forward pass · worse"').not.toBeNull();
    expect(stat![1]).toBe(RED);

    // Trend: the bars are the last runs of main, the selected (latest) commit marked ▶ and in its own series.
    expect(html).toContain(`▶ ${SHORT}`);
    expect(html).toContain('First forward pass (selected commit)');
  });
});

describe('Benchmark A/B comparison', () => {
  it('shows B = the regression against A = the commit before, and device curves aligned at the epoch', async () => {
    const dash = load('benchmark-compare.json');
    const { html, preview } = await previewPage(dash, { sql: engine });
    expect(preview.panels.flatMap((p) => p.results).filter((r) => r.state !== 'data')).toEqual([]);
    expect(preview.variables.find((v) => v.name === 'commit_b')?.value).toEqual(SEED_REGRESSION_COMMIT);
    const rows = tableRows(section(html, 'Every measurement, A and B')).slice(1);
    expect(rows[0]!.at(-1)).toBe('worse');
    expect(rows.filter((r) => r.at(-1) === 'worse').length).toBeGreaterThanOrEqual(8 + 12);
    expect(preview.range.fromMs).toBe(0);
    // Both runs drawn on the same 0–10 s axis: both series have samples in range.
    const charts = /<script type="application\/json" id="preview-charts">(.*?)<\/script>/s.exec(html)![1]!;
    expect(charts).toMatch(/A [0-9a-f]{7}/);
    expect(charts).toContain(`B ${SHORT}`);
  });
});

describe('Benchmark v2 key metrics', () => {
  it('answers every panel with All selected, and the latest commit per config is worse', async () => {
    const { html, preview } = await previewPage(load('benchmark-v2.json'), { sql: engine });
    expect(preview.panels.flatMap((p) => p.results).filter((r) => r.state !== 'data')).toEqual([]);
    const rows = tableRows(section(html, 'Latest commit per config against the baseline')).slice(1);
    expect(rows.length).toBe(2 * 3 * 4);
    for (const r of rows) {
      expect(r[0]).toBe(SHORT);
      expect(r.at(-1)).toBe('worse');
    }
  });
});
