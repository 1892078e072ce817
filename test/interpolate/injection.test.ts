// Does interpolation keep a value inside one SQL literal? Checked with a tiny parser of
// PostgreSQL standard string literals ('' is a quote, backslash is an ordinary character
// as standard_conforming_strings is on) and against a real PostgreSQL (PGlite).
import fc from 'fast-check';
import { anyCodePoint } from '../support/code-points.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVariableValue, interpolateVariables, type VariableValue } from '../../src/check/interpolate/index.js';
import type { SqlEngine } from '../../src/db/engine.js';
import { openTestPglite } from '../support/pglite.js';

/** Replaces each standard string literal by `?`; returns the skeleton and the literal values. */
function splitLiterals(sql: string): { skeleton: string; values: string[] } {
  let skeleton = '';
  const values: string[] = [];
  let i = 0;
  while (i < sql.length) {
    if (sql[i] !== "'") {
      skeleton += sql[i];
      i++;
      continue;
    }
    let v = '';
    i++;
    for (;;) {
      if (i >= sql.length) throw new Error(`unterminated literal in ${sql}`);
      if (sql[i] === "'") {
        if (sql[i + 1] === "'") {
          v += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      v += sql[i];
      i++;
    }
    values.push(v);
    skeleton += '?';
  }
  return { skeleton, values };
}

const NASTY = ["'", '\\', ';', '--', "'; DROP TABLE t; --", "\\'", "a\\", "x' OR '1'='1", "''", '$$', 'é"ü', '\n', '/* */'];
const nastyString = fc.string({ unit: fc.constantFrom("'", '"', '\\', ';', '-', ' ', 'a', 'é', '\n', '$', '{', ',') });
const anyString = fc.oneof(nastyString, fc.string({ unit: anyCodePoint }));
const v = (value: string | string[], extra: Partial<VariableValue> = {}): VariableValue => ({ name: 'v', value, ...extra });
const pg = (sql: string, value: VariableValue) => interpolateVariables(sql, new Map([['v', value]]), { datasource: 'postgres' }).text;

describe('sqlstring format', () => {
  it.each(NASTY)('%j stays one literal', (s) => {
    const { skeleton, values } = splitLiterals(formatVariableValue(s, 'sqlstring', v(s)));
    expect(skeleton).toBe('?');
    expect(values).toEqual([s.replaceAll('"', '\\"')]);
  });

  it('any string: one literal that reads back as the value (with " turned into \\" by Grafana)', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const { skeleton, values } = splitLiterals(formatVariableValue(s, 'sqlstring', v(s)));
        expect(skeleton).toBe('?');
        expect(values).toEqual([s.replaceAll('"', '\\"')]);
      }),
    );
  });

  it('any list: one literal per value, separated by commas', () => {
    fc.assert(
      fc.property(fc.array(anyString, { minLength: 1, maxLength: 6 }), (arr) => {
        const { skeleton, values } = splitLiterals(formatVariableValue(arr, 'sqlstring', v(arr)));
        expect(skeleton).toBe(arr.map(() => '?').join(','));
        expect(values).toEqual(arr.map((s) => s.replaceAll('"', '\\"')));
      }),
    );
  });
});

describe('Postgres default formatting', () => {
  it('multi values: every value a literal, exactly as selected', () => {
    fc.assert(
      fc.property(fc.array(anyString, { minLength: 1, maxLength: 6 }), (arr) => {
        const { skeleton, values } = splitLiterals(pg('SELECT 1 FROM t WHERE x IN ($v)', v(arr, { multi: true })));
        expect(skeleton).toBe(`SELECT 1 FROM t WHERE x IN (${arr.map(() => '?').join(',')})`);
        expect(values).toEqual(arr);
      }),
    );
  });

  it("a single value is safe inside manual quotes ('$v')", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const { skeleton, values } = splitLiterals(pg("SELECT 1 FROM t WHERE x = '$v'", v(s)));
        expect(skeleton).toBe('SELECT 1 FROM t WHERE x = ?');
        expect(values).toEqual([s]);
      }),
    );
  });

  it('a single value without quotes is spliced in raw, as Grafana does (the dashboard must quote it)', () => {
    expect(pg('SELECT 1 FROM t WHERE x = $v', v("x' OR '1'='1"))).toBe("SELECT 1 FROM t WHERE x = x'' OR ''1''=''1");
    expect(pg('SELECT 1 FROM t WHERE x = $v', v('1; DROP TABLE t; --'))).toBe('SELECT 1 FROM t WHERE x = 1; DROP TABLE t; --');
  });
});

describe('against PostgreSQL (PGlite)', () => {
  let db: SqlEngine;
  beforeAll(async () => {
    db = await openTestPglite();
  });
  afterAll(async () => {
    await db.close();
  });

  const selectList = async (literals: string): Promise<string[]> => {
    const r = await db.query<{ v: string }>(`SELECT v FROM unnest(ARRAY[${literals}]::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n`);
    return r.rows.map((row) => row.v);
  };
  const noNul = (s: string) => !s.includes('\u0000'); // PostgreSQL text cannot hold NUL

  it('default multi-value quoting reads back exactly; sqlstring adds a backslash before "', async () => {
    expect(await selectList(pg('$v', v(NASTY, { multi: true })))).toEqual(NASTY);
    expect(await selectList(formatVariableValue(NASTY, 'sqlstring', v(NASTY)))).toEqual(NASTY.map((s) => s.replaceAll('"', '\\"')));
    const one = await db.query<{ v: string }>(`SELECT ${formatVariableValue('a"b', 'sqlstring', v('a"b'))} AS v`);
    expect(one.rows[0]?.v).toBe('a\\"b');
  });

  it('property: SELECT of the interpolated literals returns the values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyString.filter(noNul), { minLength: 1, maxLength: 5 }), async (arr) => {
        expect(await selectList(pg('$v', v(arr, { multi: true })))).toEqual(arr);
        const single = arr[0] ?? '';
        const r = await db.query<{ v: string }>(pg("SELECT '$v' AS v", v(single)));
        expect(r.rows[0]?.v).toBe(single);
      }),
      { numRuns: 60 },
    );
  });
});
