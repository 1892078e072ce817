// Expected text from pkg/tsdb/grafana-postgresql-datasource/macros_test.go (TestMacroEngine)
// unless marked otherwise.
import { describe, expect, it } from 'vitest';
import { expandPostgresMacros, type PostgresMacroContext } from '../../src/check/interpolate/index.js';

const from = new Date(Date.UTC(2018, 3, 12, 18, 0, 0));
const to = new Date(from.getTime() + 5 * 60_000);
const ctx: PostgresMacroContext = { range: { from, to }, intervalMs: 60_000 };
const ts: PostgresMacroContext = { ...ctx, timescaledb: true };
const sql = (text: string, c: PostgresMacroContext = ctx) => {
  const r = expandPostgresMacros(text, c);
  expect(r.errors).toEqual([]);
  return r.sql;
};

describe('postgres macros (2018-04-12 18:00 to 18:05 UTC)', () => {
  it('$__time, also inside an aggregate', () => {
    expect(sql('select $__time(time_column)')).toBe('select time_column AS "time"');
    expect(sql('select min($__time(time_column))')).toBe('select min(time_column AS "time")');
  });

  it('$__timeEpoch', () => {
    expect(sql('select $__timeEpoch(time_column)')).toBe('select extract(epoch from time_column) as "time"');
  });

  it('$__timeFilter, $__timeFrom, $__timeTo: RFC3339 in UTC', () => {
    expect(sql('WHERE $__timeFilter(time_column)')).toBe("WHERE time_column BETWEEN '2018-04-12T18:00:00Z' AND '2018-04-12T18:05:00Z'");
    expect(sql('select $__timeFrom()')).toBe("select '2018-04-12T18:00:00Z'");
    expect(sql('select $__timeTo()')).toBe("select '2018-04-12T18:05:00Z'");
  });

  it('$__timeGroup and its pre-5.3 alias when a comma follows', () => {
    expect(sql("SELECT $__timeGroup(time_column,'5m'), value")).toBe('SELECT floor(extract(epoch from time_column)/300)*300 AS "time", value');
    expect(sql("SELECT $__timeGroup(time_column,'5m') as time, value")).toBe('SELECT floor(extract(epoch from time_column)/300)*300 as time, value');
    expect(sql("SELECT $__timeGroup(time_column,'5m')")).toBe('SELECT floor(extract(epoch from time_column)/300)*300');
    expect(sql("SELECT $__timeGroupAlias(time_column,'5m')")).toBe('SELECT floor(extract(epoch from time_column)/300)*300 AS "time"');
    expect(sql("$__timeGroup(time_column , '5m')")).toBe('floor(extract(epoch from time_column)/300)*300');
  });

  it('$__timeGroup with TimescaleDB', () => {
    expect(sql("GROUP BY $__timeGroup(time_column,'5m')", ts)).toBe("GROUP BY time_bucket('300.000s',time_column)");
    expect(sql("GROUP BY $__timeGroup(time_column , '12d')", ts)).toBe("GROUP BY time_bucket('1036800.000s',time_column)");
    expect(sql("GROUP BY $__timeGroup(time_column , '20ms')", ts)).toBe("GROUP BY time_bucket('0.020s',time_column)");
  });

  it('$__timeGroup seconds are printed with Go %v: exponent form from 1e6 (not from macros_test.go)', () => {
    expect(sql("GROUP BY $__timeGroup(t, '12d')")).toBe('GROUP BY floor(extract(epoch from t)/1.0368e+06)*1.0368e+06');
    expect(sql("GROUP BY $__timeGroup(t, '20ms')")).toBe('GROUP BY floor(extract(epoch from t)/0.02)*0.02');
    expect(sql('GROUP BY $__timeGroup(t, 1h30m)')).toBe('GROUP BY floor(extract(epoch from t)/5400)*5400');
    expect(sql('GROUP BY $__timeGroup(t, $__interval)')).toBe('GROUP BY floor(extract(epoch from t)/60)*60');
  });

  it('$__unixEpoch* macros', () => {
    expect(sql('select $__unixEpochFilter(time)')).toBe('select time >= 1523556000 AND time <= 1523556300');
    expect(sql('select $__unixEpochNanoFilter(time)')).toBe('select time >= 1523556000000000000 AND time <= 1523556300000000000');
    expect(sql('select $__unixEpochNanoFrom()')).toBe('select 1523556000000000000');
    expect(sql('select $__unixEpochNanoTo()')).toBe('select 1523556300000000000');
    expect(sql("SELECT $__unixEpochGroup(time_column+time_adjustment,'5m')")).toBe('SELECT floor((time_column+time_adjustment)/300)*300');
    expect(sql("SELECT $__unixEpochGroupAlias(time_column+time_adjustment,'5m')")).toBe('SELECT floor((time_column+time_adjustment)/300)*300 AS "time"');
  });

  it('sqleng globals: $__interval, $__interval_ms, $__unixEpochFrom(), $__unixEpochTo()', () => {
    expect(sql('$__interval $__interval_ms $__unixEpochFrom() $__unixEpochTo()')).toBe('1m 60000 1523556000 1523556300');
    expect(sql('$__interval', { ...ctx, intervalMs: 61_000 })).toBe('1m'); // gtime.FormatInterval truncates
  });
});

describe('dates far from now (macros_test.go)', () => {
  it('1960 to 1965', () => {
    const c = { range: { from: new Date(Date.UTC(1960, 1, 1, 7)), to: new Date(Date.UTC(1965, 1, 3, 8)) }, intervalMs: 1000 };
    expect(sql('WHERE $__timeFilter(time_column)', c)).toBe("WHERE time_column BETWEEN '1960-02-01T07:00:00Z' AND '1965-02-03T08:00:00Z'");
    // from.Unix() / to.Unix() in the Go test.
    expect(sql('select $__unixEpochFilter(time)', c)).toBe('select time >= -312915600 AND time <= -154886400');
  });

  it('half seconds keep a trimmed fraction', () => {
    const c = { range: { from: new Date(Date.UTC(1960, 1, 1, 7, 0, 0, 500)), to: new Date(Date.UTC(1980, 1, 3, 8, 0, 0, 500)) }, intervalMs: 1000 };
    expect(sql('WHERE $__timeFilter(time_column)', c)).toBe("WHERE time_column BETWEEN '1960-02-01T07:00:00.5Z' AND '1980-02-03T08:00:00.5Z'");
    // Go's Unix() rounds down, also before 1970: 07:00:00.5 gives the second of 07:00:00.
    expect(sql('select $__unixEpochFilter(time)', c)).toBe('select time >= -312915600 AND time <= 318412800');
  });
});

describe('parsing quirks and errors (macros.go)', () => {
  it('arguments cannot contain ")": the regex stops at the first one', () => {
    expect(sql("WHERE $__timeFilter(date_trunc('day', t))")).toBe(
      "WHERE date_trunc('day' BETWEEN '2018-04-12T18:00:00Z' AND '2018-04-12T18:05:00Z')",
    );
  });

  it('the alias check looks at the first occurrence of the same macro text', () => {
    expect(sql("SELECT $__timeGroup(t,'5m'), v FROM x GROUP BY $__timeGroup(t,'5m')")).toBe(
      'SELECT floor(extract(epoch from t)/300)*300 AS "time", v FROM x GROUP BY floor(extract(epoch from t)/300)*300 AS "time"',
    );
  });

  it('errors: unknown macro, missing interval, bad interval, bad fill value', () => {
    const r = expandPostgresMacros("$__nope(x) $__timeGroup(t) $__timeGroup(t, 'abc') $__timeGroup(t, '5m', null)", ctx);
    expect(r.errors.map((e) => e.message)).toEqual([
      'unknown macro "__nope"',
      'macro __timeGroup needs time column and interval and optional fill value',
      "error parsing interval 'abc'",
      'error parsing fill value null',
    ]);
    expect(r.sql).toBe('macro_error()   ');
  });

  it('fill changes no SQL; it is reported for the result', () => {
    const r = expandPostgresMacros("SELECT $__timeGroupAlias(t, '5m', NULL)", ctx);
    expect(r).toEqual({ sql: 'SELECT floor(extract(epoch from t)/300)*300 AS "time"', errors: [], fill: { mode: 'null', intervalSeconds: 300 } });
    expect(expandPostgresMacros("$__timeGroup(t, '1m', previous)", ctx).fill).toEqual({ mode: 'previous', intervalSeconds: 60 });
    expect(expandPostgresMacros("$__timeGroup(t, '1m', 0)", ctx).fill).toEqual({ mode: 'value', value: 0, intervalSeconds: 60 });
  });

  it('calendar units: 1M and 1y count from now (range.to by default), d and w are fixed', () => {
    const c = { ...ctx, now: new Date(Date.UTC(2024, 0, 15)) };
    expect(sql('$__timeGroup(t, 1M)', c)).toBe('floor(extract(epoch from t)/2.6784e+06)*2.6784e+06'); // January: 31 days
    expect(sql('$__timeGroup(t, 1w)', c)).toBe('floor(extract(epoch from t)/604800)*604800');
  });
});
