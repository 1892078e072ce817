/**
 * The spans `preview` marks (firingSpans) agree with the backtest's own
 * firing periods: for any sequence of condition results, every firing period
 * is exactly one span (same instance, same start of firing, same end), each
 * span starts at or before it fires, and an instance's spans never overlap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { env, postgresDatasource, sql, sqlQuery } from '../../src/index.js';
import { alertQuery, alertRule, backtestRule, thresholdExpression } from '../../src/alerting/index.js';
import { firingSpans } from '../../src/alerting/marks.js';

const db = postgresDatasource({ name: 'Metrics', uid: 'metrics', url: env('PG_URL'), database: 'metrics', user: env('PG_USER'), password: env('PG_PASSWORD') });
const q = alertQuery({ query: sqlQuery({ datasource: db, sql: sql`SELECT 1` }), range: '1m' });
const high = thresholdExpression({ input: q, above: 0 });

describe('firingSpans', () => {
  it('match the backtest firing periods one to one', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Per minute, per instance: the value the query returns (null: no value, undefined: the series is missing).
        fc.array(fc.tuple(fc.constantFrom(0, 1, 1, null, undefined), fc.constantFrom(0, 1, undefined)), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('0s', '1m', '3m'),
        fc.constantFrom(undefined, '2m'),
        fc.constantFrom('OK', 'Alerting', 'NoData', 'KeepLast') as fc.Arbitrary<'OK'>,
        async (ticks, forDuration, keepFiringFor, noDataState) => {
          const rule = alertRule({ uid: 'p', title: 'p', nodes: [q, high], condition: high, for: forDuration, ...(keepFiringFor ? { keepFiringFor } : {}), noDataState });
          const start = Date.UTC(2026, 10, 1);
          const result = await backtestRule(rule, {
            interval: '1m',
            from: new Date(start),
            to: new Date(start + (ticks.length - 1) * 60_000),
            run: async (_node, window) => {
              const [a, b] = ticks[Math.round((window.to.getTime() - start) / 60_000)]!;
              const values = [['a', a], ['b', b]].filter(([, v]) => v !== undefined).map(([i, v]) => ({ kind: 'number' as const, labels: { i: String(i) }, value: v as number | null }));
              return { values };
            },
          });
          const spans = firingSpans(result.transitions);
          const key = (l: Readonly<Record<string, string>>) => JSON.stringify(l);
          expect(spans.map((s) => [key(s.labels), s.firingFrom, s.to]).sort()).toEqual(result.firing.map((f) => [key(f.labels), f.from, f.to]).sort());
          for (const s of spans) {
            expect(s.from).toBeLessThanOrEqual(s.firingFrom);
            if (s.to !== undefined) expect(s.to).toBeGreaterThan(s.firingFrom);
          }
          const byInstance = new Map<string, typeof spans>();
          for (const s of spans) byInstance.set(key(s.labels), [...(byInstance.get(key(s.labels)) ?? []), s]);
          for (const list of byInstance.values()) for (let i = 1; i < list.length; i++) expect(list[i]!.from).toBeGreaterThanOrEqual(list[i - 1]!.to ?? Infinity);
        },
      ),
      { numRuns: 150 },
    );
  });
});
