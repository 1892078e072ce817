/**
 * This repository's benchmark-regression rule (alerts/index.ts), backtested
 * on the seeded metrics database, whose newest main commit carries a
 * deliberate 25 % slowdown (SEED_REGRESSION_COMMIT) while every other run
 * stays within SEED_NOISE_BOUND_PCT of its typical value. The rule must fire
 * for that commit, for every model and tracked measurement, and nowhere else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestRule, type BacktestResult } from '../../src/alerting/index.js';
import { alertQueryRunner } from '../../src/alerting/runners.js';
import { migrate } from '../../src/db/migrations/index.js';
import { seed, SEED_BASE_TIME, SEED_MODELS, SEED_REGRESSION_COMMIT } from '../../src/db/seed.js';
import type { SqlEngine } from '../../src/db/engine.js';
import { benchmarks, TRACKED_MEASUREMENTS } from '../../alerts/index.js';
import { openTestPglite } from '../support/pglite.js';

let engine: SqlEngine;
let result: BacktestResult;
let regressionAt: number;

beforeAll(async () => {
  engine = await openTestPglite();
  await migrate(engine);
  const report = await seed(engine, { baseTime: SEED_BASE_TIME });
  const rows = await engine.query<{ at: Date }>('SELECT min(created_at) AS at FROM benchmarks WHERE commit_id = $1', [SEED_REGRESSION_COMMIT]);
  regressionAt = new Date(`${String(rows.rows[0]!.at instanceof Date ? rows.rows[0]!.at.toISOString() : rows.rows[0]!.at).replace(' ', 'T').replace(/Z?$/, 'Z')}`).getTime();
  const rule = benchmarks.rules[0]!;
  result = await backtestRule(rule, { interval: benchmarks.interval, from: report.from, to: new Date(report.to.getTime() + 6 * 3_600_000), run: alertQueryRunner({ sql: engine }) });
}, 240_000);
afterAll(() => engine?.close());

describe('benchmark regression rule on the seeded database', () => {
  it('fires for the regression commit, once per model and tracked measurement', () => {
    const fired = result.firing.map((f) => `${f.labels.model} · ${f.labels.measurement} · ${f.labels.commit}`).sort();
    const expected = SEED_MODELS.flatMap((m) => Object.keys(TRACKED_MEASUREMENTS).map((k) => `${m} · ${k} · ${SEED_REGRESSION_COMMIT.slice(0, 12)}`)).sort();
    expect(fired).toEqual(expected);
  });
  it('fires at the first evaluation after the regressed run, not before, with the slowdown as its value', () => {
    for (const f of result.firing) {
      expect(f.from).toBeGreaterThanOrEqual(regressionAt);
      expect(f.from - regressionAt).toBeLessThan(3_600_000);
      expect(f.to).toBeUndefined();
      expect(f.values.A).toBeGreaterThan(15);
    }
  });
  it('is otherwise quiet: no Pending, Error or other transition before the regression', () => {
    const before = result.transitions.filter((t) => t.at < regressionAt && (t.to === 'Alerting' || t.to === 'Pending' || t.to === 'Error'));
    expect(before).toEqual([]);
  });
});
