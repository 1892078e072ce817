/**
 * Makes `pg` return values the way PGlite does, so code and tests see the same
 * rows from either engine:
 *
 * - int8 (count(*), sum of ints): a number, or a bigint past 2^53 (pg: a string);
 * - timestamp without time zone: a `Date` read as UTC (pg: local time, which
 *   shifts every row by the machine's offset: this database stores UTC);
 * - date: UTC midnight (pg: local midnight).
 *
 * Applied per pool, never through pg's global `types.setTypeParser`, so other
 * users of `pg` in the same process are unaffected.
 */
import type pg from 'pg';

type Parser = (value: string) => unknown;

const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TEXT_ARRAY = 1009;
const ARRAYS: Record<number, number> = { 1016: INT8, 1182: DATE, 1115: TIMESTAMP };

function int8(value: string): number | bigint {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : BigInt(value);
}

function utcTimestamp(value: string): Date | number {
  if (value === 'infinity') return Infinity;
  if (value === '-infinity') return -Infinity;
  // "2025-07-29 20:08:07.875408": Date keeps milliseconds only, like PGlite.
  const bc = value.endsWith(' BC');
  const text = `${(bc ? value.slice(0, -3) : value).replace(' ', 'T')}Z`;
  const d = new Date(text);
  if (bc) d.setUTCFullYear(1 - d.getUTCFullYear());
  return d;
}

const SCALARS: Record<number, Parser> = { [INT8]: int8, [DATE]: utcTimestamp, [TIMESTAMP]: utcTimestamp };

type Nested = null | string | Nested[];

function mapNested(v: Nested, parse: Parser): unknown {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map((x) => mapNested(x, parse));
  return parse(v);
}

export function utcTypes(types: typeof pg.types): pg.CustomTypesConfig {
  const textArray = types.getTypeParser(TEXT_ARRAY, 'text') as (value: string) => Nested[];
  const getTypeParser = (oid: number, format?: 'text' | 'binary') => {
    if (format === undefined || format === 'text') {
      const scalar = SCALARS[oid];
      if (scalar) return scalar;
      const element = ARRAYS[oid];
      const parse = element === undefined ? undefined : SCALARS[element];
      if (parse) return (value: string) => mapNested(textArray(value), parse);
    }
    return types.getTypeParser(oid, format);
  };
  return { getTypeParser } as pg.CustomTypesConfig;
}
