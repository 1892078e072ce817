/**
 * Issue 16: preview's SQL limits come from the same home as check's. A
 * library caller gives `maxRows` / `queryTimeoutMs` to previewPage exactly
 * as to checkDashboard, and a raw engine is queried read-only either way.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, seed, type SqlEngine } from '../../src/db/index.js';
import { openTestPglite } from '../support/pglite.js';
import { previewPage } from '../../src/preview/index.js';
import type { CheckOptions } from '../../src/check/run/check.js';
import type { PreviewPageOptions } from '../../src/preview/page.js';

const benchmark = JSON.parse(readFileSync(new URL('../../generated/grafana_dashboard.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestPglite();
  await migrate(engine);
  await seed(engine, {});
});
afterAll(async () => {
  await engine.close();
});

const rowsPerFrame = (p: Awaited<ReturnType<typeof previewPage>>) =>
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
