import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, postgresDatasource, sql, sqlQuery } from '../../src/index.js';
import { alertQuery, alertRule, backtestRule, thresholdExpression } from '../../src/alerting/index.js';
import { alertQueryRunner } from '../../src/alerting/runners.js';
import type { SqlEngine } from '../../src/db/engine.js';
import { openTestPglite } from '../support/pglite.js';

/**
 * A backtest on a real PostgreSQL engine: 30 nightly benchmark runs, one a
 * day, with a 25% slowdown injected in the run of day 20 only. The rule
 * compares the newest run at each evaluation with the median of the 10
 * before it; it must fire at day 20 and resolve at day 21, and nowhere else.
 */
const db = postgresDatasource({ name: 'Metrics', uid: 'metrics', url: env('PG_URL'), database: 'metrics', user: env('PG_USER'), password: env('PG_PASSWORD') });
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1);
let engine: SqlEngine;

beforeAll(async () => {
  engine = await openTestPglite();
  await engine.exec('CREATE TABLE runs (commit_id text, created_at timestamptz, model text, seconds float8)');
  for (let d = 0; d < 30; d++) {
    for (const [model, base] of [['gpt2', 1.0], ['llama', 3.0]] as const) {
      const noise = 1 + 0.02 * Math.sin(d * 1.7 + base);
      const slow = d === 20 && model === 'gpt2' ? 1.25 : 1;
      await engine.query('INSERT INTO runs VALUES ($1, $2, $3, $4)', [`c${d}`, new Date(T0 + d * DAY + 3_600_000), model, base * noise * slow]);
    }
  }
});
afterAll(() => engine?.close());

function regressionRule(forDuration = '0s') {
  const change = alertQuery({
    range: '30d',
    query: sqlQuery({
      datasource: db,
      sql: sql`WITH ranked AS (
  SELECT model, seconds, row_number() OVER (PARTITION BY model ORDER BY created_at DESC) AS n
  FROM runs WHERE $__timeFilter(created_at))
SELECT model, 100 * (max(seconds) FILTER (WHERE n = 1) / percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE n BETWEEN 2 AND 11) - 1) AS change_pct
FROM ranked GROUP BY model HAVING count(*) FILTER (WHERE n BETWEEN 2 AND 11) >= 5`,
    }),
  });
  const slower = thresholdExpression({ input: change, above: 10 });
  return alertRule({ uid: 'regression', title: 'Regression', nodes: [change, slower], condition: slower, for: forDuration });
}

describe('alert backtest on PGlite', () => {
  it('fires for the regressed model at the regression commit, and only there', async () => {
    const r = await backtestRule(regressionRule(), { interval: '6h', from: new Date(T0 + 6 * DAY), to: new Date(T0 + 29 * DAY), run: alertQueryRunner({ sql: engine }) });
    expect(r.firing.map((f) => ({ model: f.labels.model, from: new Date(f.from).toISOString(), to: f.to && new Date(f.to).toISOString() }))).toEqual([
      { model: 'gpt2', from: '2026-10-21T06:00:00.000Z', to: '2026-10-22T06:00:00.000Z' },
    ]);
    expect(r.firing[0]!.values.B).toBe(1);
    expect(r.firing[0]!.values.A).toBeGreaterThan(20);
  });

  it('a `for` longer than the regression lasted keeps it Pending, never Firing', async () => {
    const r = await backtestRule(regressionRule('2d'), { interval: '6h', from: new Date(T0 + 6 * DAY), to: new Date(T0 + 29 * DAY), run: alertQueryRunner({ sql: engine }) });
    expect(r.firing).toEqual([]);
    expect(r.transitions.map((t) => `${t.from}→${t.to}`)).toEqual(['Normal→Pending', 'Pending→Normal']);
  });

  it('a failing query is an Error state with the database message', async () => {
    const broken = alertQuery({ range: '1d', query: sqlQuery({ datasource: db, sql: sql`SELECT model, seconds FROM no_such_table` }) });
    const t = thresholdExpression({ input: broken, above: 1 });
    const rule = alertRule({ uid: 'b', title: 'b', nodes: [broken, t], condition: t });
    const r = await backtestRule(rule, { interval: '1h', from: new Date(T0), to: new Date(T0 + 3_600_000), run: alertQueryRunner({ sql: engine }) });
    expect(r.transitions[0]).toMatchObject({ to: 'Error', reason: 'Error' });
    expect(r.transitions[0]!.error).toMatch(/no_such_table/);
  });
});
