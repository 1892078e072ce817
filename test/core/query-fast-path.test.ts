/**
 * Issue 15: promQuery and sqlQuery skip zod when a hand-written check says the
 * options are valid, as buildPanel does. Sound only if "valid here" implies
 * "valid for zod"; checked on random input, near-valid and arbitrary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { promQueryInputLooksValid, sqlQueryInputLooksValid } from '../../src/queries/input-fast-path.js';
import { promQuerySchema } from '../../src/queries/prometheus.js';
import { sqlQuerySchema } from '../../src/queries/sql.js';
import { promQuery, promql, sql, sqlQuery } from '../../src/index.js';
import { testDatasources } from '../support/fixtures.js';

const { prom, db: pg } = testDatasources();

const odd = fc.oneof(
  fc.integer({ min: -3, max: 30 }),
  fc.string({ maxLength: 8 }),
  fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true, withObjectString: true, withDate: true, withMap: true }),
  fc.constantFrom(undefined, null, '', 0, true, false, NaN, 'A', 'B_2', '\u0007', 'x'.repeat(129), '15s', '1m30s', '$__interval', '15', 'range', 'instant', 'both', 'table', 'time_series', 'heatmap', {}, { a: 1 }, []),
  fc.constantFrom(prom, pg, promql`up`, sql`SELECT 1`, { kind: 'query-text' }, { kind: 'datasource' }),
);

const cases = [
  { name: 'promQuery', looksValid: promQueryInputLooksValid, schema: promQuerySchema, base: { datasource: prom, expr: promql`rate(x[5m])`, legendFormat: '{{instance}}', type: 'range', format: 'time_series', minInterval: '15s', refId: 'A' }, keys: ['datasource', 'expr', 'legendFormat', 'type', 'minInterval', 'exemplar', 'format', 'refId', 'hide', 'raw', 'sql', 'typo', '__proto__'] },
  { name: 'sqlQuery', looksValid: sqlQueryInputLooksValid, schema: sqlQuerySchema, base: { datasource: pg, sql: sql`SELECT 1`, format: 'table', refId: 'B' }, keys: ['datasource', 'sql', 'format', 'refId', 'hide', 'raw', 'expr', 'typo', 'constructor'] },
] as const;

describe.each(cases)('the $name options fast path never accepts what zod rejects', ({ looksValid, schema, base, keys }) => {
  it('accepts the common valid input (else it saves nothing)', () => {
    expect(looksValid(base)).toBe(true);
  });

  it('near-valid input: valid for the fast path ⇒ valid for zod', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), odd), { minLength: 1, maxLength: 2 }), (changes) => {
        const input: Record<string, unknown> = { ...base };
        for (const [k, v] of changes) Object.defineProperty(input, k, { value: v, enumerable: true, writable: true, configurable: true });
        if (looksValid(input)) expect(schema().safeParse(input).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary input: valid for the fast path ⇒ valid for zod', () => {
    fc.assert(
      fc.property(odd, (input) => {
        if (looksValid(input)) expect(schema().safeParse(input).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('invalid query options still get zod\'s issues', () => {
  it('promQuery', () => {
    const spec = promQuery({ datasource: prom, expr: promql`up`, minInterval: '15 s', refId: '' } as never);
    expect(spec.issues.map((i) => renderPath(i.path)).sort()).toEqual(['minInterval', 'refId']);
  });
  it('sqlQuery', () => {
    const spec = sqlQuery({ datasource: pg, sql: sql`SELECT 1`, format: 'csv' } as never);
    expect(spec.issues.map((i) => renderPath(i.path))).toEqual(['format']);
  });
});
