// Default (no `:format`) formatting per data source.
// SQL: packages/grafana-sql/src/datasource/variable-interpolation.test.ts and
//      public/app/plugins/datasource/grafana-postgresql-datasource/interpolationTruthTable.test.ts.
// Prometheus: packages/grafana-prometheus/src/datasource.test.ts ("Prometheus regular escaping",
//      "Prometheus regexes escaping", "When interpolating variables").
import { describe, expect, it } from 'vitest';
import {
  interpolateVariables,
  prometheusInterpolateQueryExpr,
  prometheusRegularEscape,
  prometheusSpecialRegexEscape,
  sqlInterpolateVariable,
  type VariableValue,
} from '../../src/check/interpolate/index.js';

const v = (multi?: boolean, includeAll?: boolean) => ({ name: 'name1', multi, includeAll });

describe('SqlDatasource.interpolateVariable (current)', () => {
  it('single strings: quotes doubled, never wrapped, whatever multi/includeAll say', () => {
    for (const variable of [v(true), v(false, true), v(false, false), v(true, true)]) {
      expect(sqlInterpolateVariable('value1', variable)).toBe('value1');
      expect(sqlInterpolateVariable("O'Brien", variable)).toBe("O''Brien");
    }
    expect(sqlInterpolateVariable('', v())).toBe('');
  });

  it('numbers are left alone', () => {
    expect(sqlInterpolateVariable(42, v(true))).toBe(42);
  });

  it('arrays: each quoted, joined with commas', () => {
    expect(sqlInterpolateVariable(['value1', 'value2', 'value3'], v(true))).toBe("'value1','value2','value3'");
    expect(sqlInterpolateVariable(["O'Brien", 'Smith', "D'Angelo"], v(true))).toBe("'O''Brien','Smith','D''Angelo'");
    expect(sqlInterpolateVariable([], v(true))).toBe('');
    expect(sqlInterpolateVariable(['value1'], v(true, true))).toBe("'value1'");
  });

  it('legacy releases quoted a single string of a multi or includeAll variable', () => {
    expect(sqlInterpolateVariable("O'Brien", v(true), true)).toBe("'O''Brien'");
    expect(sqlInterpolateVariable("O'Brien", v(false, false), true)).toBe("O''Brien");
  });
});

describe('Postgres interpolation truth table (whole queries)', () => {
  const run = (sql: string, vars: VariableValue[]) =>
    interpolateVariables(sql, new Map(vars.map((x) => [x.name, x])), { datasource: 'postgres' }).text;

  it.each([
    ['SELECT * FROM host_status WHERE host = $host', [{ name: 'host', value: 'server01' }], 'SELECT * FROM host_status WHERE host = server01'],
    ["SELECT * FROM host_status WHERE host = '$host'", [{ name: 'host', value: 'server01' }], "SELECT * FROM host_status WHERE host = 'server01'"],
    ['SELECT * FROM host_status WHERE host IN ($host)', [{ name: 'host', value: ['srv1', 'srv2'], multi: true }], "SELECT * FROM host_status WHERE host IN ('srv1','srv2')"],
    ['SELECT * FROM host_status WHERE host IN (${host:sqlstring})', [{ name: 'host', value: ['srv1', 'srv2'], multi: true }], "SELECT * FROM host_status WHERE host IN ('srv1','srv2')"],
    ["SELECT * FROM host_status WHERE host IN ('$host')", [{ name: 'host', value: ['srv1', 'srv2'], multi: true }], "SELECT * FROM host_status WHERE host IN (''srv1','srv2'')"],
    ['SELECT * FROM hosts WHERE hostname = $hostname', [{ name: 'hostname', value: ['app1'], multi: true }], "SELECT * FROM hosts WHERE hostname = 'app1'"],
    ['SELECT * FROM regions WHERE region IN ($region)', [{ name: 'region', value: '$__all', includeAll: true, allValue: '*', options: ['us'] }], 'SELECT * FROM regions WHERE region IN (*)'],
    ["SELECT * FROM regions WHERE region IN ('$region')", [{ name: 'region', value: '$__all', includeAll: true, allValue: '*' }], "SELECT * FROM regions WHERE region IN ('*')"],
    ['SELECT * FROM regions WHERE region IN ($region)', [{ name: 'region', value: '$__all', includeAll: true, options: ['us', 'eu'] }], "SELECT * FROM regions WHERE region IN ('us','eu')"],
    ['SELECT * FROM devices d JOIN regions r ON d.region = ANY(ARRAY[$region])', [{ name: 'region', value: ['us', 'eu'], multi: true }], "SELECT * FROM devices d JOIN regions r ON d.region = ANY(ARRAY['us','eu'])"],
    ['SELECT * FROM "$schema"."$table"', [{ name: 'schema', value: 'public' }, { name: 'table', value: 'orders' }], 'SELECT * FROM "public"."orders"'],
    ['SELECT * FROM metrics WHERE $__timeFilter(ts) AND region IN ($region)', [{ name: 'region', value: ['us', 'eu'], multi: true }], "SELECT * FROM metrics WHERE $__timeFilter(ts) AND region IN ('us','eu')"],
    ['SELECT $__timeGroupAlias(ts, $bucket) AS time', [{ name: 'bucket', value: '5m' }], 'SELECT $__timeGroupAlias(ts, 5m) AS time'],
    ['SELECT * FROM hosts WHERE hostname ~ $host', [{ name: 'host', value: '$__all', includeAll: true, allValue: '.*' }], 'SELECT * FROM hosts WHERE hostname ~ .*'],
    ["SELECT * FROM users WHERE name = '$user'", [{ name: 'user', value: "O'Brien", multi: true }], "SELECT * FROM users WHERE name = 'O''Brien'"],
    ["SELECT * FROM logs WHERE message = '$msg'", [{ name: 'msg', value: "It's a test's message" }], "SELECT * FROM logs WHERE message = 'It''s a test''s message'"],
    ['SELECT * FROM users WHERE name IN ($names)', [{ name: 'names', value: ["O'Brien", 'user.name', "test's"], multi: true }], "SELECT * FROM users WHERE name IN ('O''Brien','user.name','test''s')"],
  ] as Array<[string, VariableValue[], string]>)('%s', (sql, vars, expected) => {
    expect(run(sql, vars)).toBe(expected);
  });
});

describe('Prometheus escaping (classic, prometheusSpecialCharsInLabelValues off)', () => {
  it('regular escape', () => {
    expect(prometheusRegularEscape(12)).toBe(12);
    expect(prometheusRegularEscape('cryptodepression')).toBe('cryptodepression');
    expect(prometheusRegularEscape("looking'glass")).toBe("looking\\\\'glass");
    expect(prometheusRegularEscape('looking\\glass')).toBe('looking\\\\glass');
    expect(prometheusRegularEscape("'loo\\king'glass'")).toBe("\\\\'loo\\\\king\\\\'glass\\\\'");
  });

  it('regex escape', () => {
    expect(prometheusSpecialRegexEscape('looking{glass')).toBe('looking\\\\{glass');
    expect(prometheusSpecialRegexEscape('looking$glass')).toBe('looking\\\\$glass');
    expect(prometheusSpecialRegexEscape('looking\\glass')).toBe('looking\\\\\\\\glass');
    expect(prometheusSpecialRegexEscape('looking|glass')).toBe('looking\\\\|glass');
    expect(prometheusSpecialRegexEscape('+looking$glass?')).toBe('\\\\+looking\\\\$glass\\\\?');
  });

  it('interpolateQueryExpr', () => {
    expect(prometheusInterpolateQueryExpr("abc'$^*{}[]+?.()|", v(false, false))).toBe("abc\\\\'$^*{}[]+?.()|");
    expect(prometheusInterpolateQueryExpr(1000, v(false, false))).toBe(1000);
    for (const variable of [v(true), v(false, true)]) {
      expect(prometheusInterpolateQueryExpr('looking*glass', variable)).toBe('looking\\\\*glass');
      expect(prometheusInterpolateQueryExpr(['a|bc', 'de|f'], variable)).toBe('(a\\\\|bc|de\\\\|f)');
      expect(prometheusInterpolateQueryExpr(['looking*glass'], variable)).toBe('looking\\\\*glass');
    }
  });
});

describe('Prometheus escaping with prometheusSpecialCharsInLabelValues', () => {
  it('regular escape handles double quotes and whole matchers', () => {
    expect(prometheusRegularEscape('looking"glass', true)).toBe('looking\\"glass');
    expect(prometheusRegularEscape('looking\\glass', true)).toBe('looking\\\\glass');
    expect(prometheusRegularEscape('job="my\\"service"', true)).toBe('job="my\\"service"');
  });

  it('regex escape', () => {
    expect(prometheusSpecialRegexEscape('looking"glass', true)).toBe('looking\\\\\\"glass');
    expect(prometheusSpecialRegexEscape('+looking"$glass?', true)).toBe('\\\\+looking\\\\\\"\\\\$glass\\\\?');
    expect(prometheusInterpolateQueryExpr('abc\'"$^*{}[]+?.()|\\', v(false, false), true)).toBe('abc\'\\"$^*{}[]+?.()|\\\\');
  });
});
