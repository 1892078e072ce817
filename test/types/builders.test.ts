/**
 * Type tests: mistakes the compiler must catch, and the correct forms that must
 * keep compiling. `npm run typecheck` (tsc over test/) checks every
 * `@ts-expect-error` line: if the line stops being an error, tsc fails with
 * "Unused '@ts-expect-error' directive". The run-time assertions cover callers
 * without types (plain JavaScript, `as any`).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  env,
  overrideByName,
  overrideByRegex,
  pluginPanel,
  postgresDatasource,
  prometheusDatasource,
  promql,
  promQuery,
  queryVariable,
  sql,
  sqlQuery,
  tablePanel,
  tempoDatasource,
  tempoQuery,
  timeseriesPanel,
  traceql,
  type Override,
  type Unit,
} from '../../src/index.js';
import type { Loose } from '../../src/model/loose.js';
import { defaultPiechartOptions, type PiechartOptions } from '../../src/panels/piechart/options.js';
import { defaultStatOptions, type StatOptions } from '../../src/panels/stat/options.js';
import { defaultTimeseriesOptions, type TimeseriesFieldConfig, type TimeseriesOptions } from '../../src/panels/timeseries/options.js';

const db = postgresDatasource({ name: 'DB', uid: 'types-db', url: 'db:5432', user: 'u', password: env('PW'), database: 'm' });
const prom = prometheusDatasource({ name: 'Prom', uid: 'types-prom', url: 'http://prom:9090' });
const tempo = tempoDatasource({ name: 'Tempo', uid: 'types-tempo', url: 'http://tempo:3200' });

describe('Unit is a closed type', () => {
  it('accepts known ids and the custom prefixes getValueFormat parses', () => {
    expectTypeOf<'percent'>().toExtend<Unit>();
    expectTypeOf<'\u00b5s'>().toExtend<Unit>();
    expectTypeOf<'suffix:req'>().toExtend<Unit>();
    expectTypeOf<'prefix:$'>().toExtend<Unit>();
    expectTypeOf<'si:B'>().toExtend<Unit>();
    expectTypeOf<'count:tok'>().toExtend<Unit>();
    expectTypeOf<'currency:financial:€'>().toExtend<Unit>();
    expectTypeOf<'time:YYYY-MM-DD'>().toExtend<Unit>();
    expectTypeOf<'bool:yes/no'>().toExtend<Unit>();
    timeseriesPanel({ title: 't', unit: 'percent' });
  });

  it('rejects typos and unknown prefixes', () => {
    expectTypeOf<'percnt'>().not.toExtend<Unit>();
    expectTypeOf<'secs'>().not.toExtend<Unit>();
    expectTypeOf<'suffx:req'>().not.toExtend<Unit>();
    expectTypeOf<string>().not.toExtend<Unit>();
    // @ts-expect-error a misspelt unit
    timeseriesPanel({ title: 't', unit: 'percnt' });
    // @ts-expect-error a misspelt unit in an override
    overrideByName('x', { unit: 'secs' });
  });
});

describe('query builders accept only their own datasource kind', () => {
  it('compiles with the matching kind', () => {
    sqlQuery({ datasource: db, sql: sql`SELECT 1` });
    promQuery({ datasource: prom, expr: promql`up` });
    tempoQuery({ datasource: tempo, query: traceql`{}` });
  });

  it('rejects another kind, at compile time and at run time', () => {
    // @ts-expect-error a SQL query on Prometheus
    const a = sqlQuery({ datasource: prom, sql: sql`SELECT 1` });
    // @ts-expect-error a PromQL query on PostgreSQL
    const b = promQuery({ datasource: db, expr: promql`up` });
    // @ts-expect-error a TraceQL query on Prometheus
    const c = tempoQuery({ datasource: prom, query: traceql`{}` });
    for (const q of [a, b, c]) expect(q.issues.map((i) => i.code)).toContain('query-datasource-type');
  });
});

describe("a query variable's query matches its datasource", () => {
  it('compiles sql on SQL and promql on Prometheus', () => {
    const v = queryVariable({ name: 'run', datasource: db, query: sql`SELECT 1` });
    const w = queryVariable({ name: 'job', datasource: prom, query: promql`label_values(up, job)` });
    expect([...v.issues, ...w.issues]).toEqual([]);
  });

  it('rejects promql on SQL, sql on Prometheus, and a Tempo datasource', () => {
    // @ts-expect-error a promql query on a SQL datasource
    const a = queryVariable({ name: 'a', datasource: db, query: promql`label_values(up, job)` });
    // @ts-expect-error a sql query on Prometheus
    const b = queryVariable({ name: 'b', datasource: prom, query: sql`SELECT 1` });
    // @ts-expect-error Tempo has no query variables here
    const c = queryVariable({ name: 'c', datasource: tempo, query: sql`SELECT 1` });
    for (const v of [a, b, c]) expect(v.issues.map((i) => i.code)).toContain('query-datasource-type');
    expect(a.issues.find((i) => i.code === 'query-datasource-type')?.message).toContain('"DB"');
  });
});

describe('custom field options are typed from @grafana/schema', () => {
  it('accepts the kind’s own options, inline and apart, and an explicitly kinded override', () => {
    timeseriesPanel({ title: 't', custom: { lineWidth: 2 }, overrides: [overrideByName('a', { custom: { lineWidth: 2, lineStyle: { fill: 'dash', dash: [10, 10] } } })] });
    tablePanel({ title: 't', overrides: [overrideByName('a', { custom: { cellOptions: { type: 'color-background' }, hidden: true } })] });
    const apart = overrideByRegex('^p9', { custom: { lineWidth: 3 } });
    timeseriesPanel({ title: 't', overrides: [apart] });
    expectTypeOf(overrideByName<TimeseriesFieldConfig>('a', { custom: { fillOpacity: 20 } })).toEqualTypeOf<Override<TimeseriesFieldConfig>>();
    timeseriesPanel({ title: 't', overrides: [overrideByName<TimeseriesFieldConfig>('a', { custom: { fillOpacity: 20 } })] });
    // Another kind's key in an override compiles (Grafana keeps overrides across a change of visualization and ignores it).
    timeseriesPanel({ title: 't', overrides: [overrideByName('a', { custom: { cellOptions: { type: 'color-background' } } })] });
    // Plugin panels are untyped: any custom key goes.
    pluginPanel({ type: 'xychart', title: 'p', custom: { anything: 1 }, overrides: [overrideByName('a', { custom: { anything: 1 } }), apart] });
  });

  it('rejects a key no kind has, a wrong value, and a foreign key when the kind is named', () => {
    // @ts-expect-error lineWidthh is no panel kind's option
    overrideByName('n', { custom: { lineWidthh: 2 } });
    // @ts-expect-error lineWidthh in the panel's own defaults
    timeseriesPanel({ title: 't', custom: { lineWidthh: 2 } });
    // @ts-expect-error lineWidthh inline in a panel's override
    timeseriesPanel({ title: 't', overrides: [overrideByName('a', { custom: { lineWidthh: 2 } })] });
    // @ts-expect-error a wrong value type
    timeseriesPanel({ title: 't', overrides: [overrideByName('a', { custom: { lineWidth: 'thick' } })] });
    // @ts-expect-error named kind, foreign key
    overrideByName<TimeseriesFieldConfig>('a', { custom: { cellOptions: {} } });
  });
});

describe('default factories are checked against @grafana/schema', () => {
  it('return options of their kind, fresh on every call', () => {
    expectTypeOf(defaultStatOptions()).toExtend<Loose<StatOptions>>();
    expectTypeOf(defaultPiechartOptions()).toExtend<Loose<PiechartOptions>>();
    expectTypeOf(defaultTimeseriesOptions()).toExtend<Loose<TimeseriesOptions>>();
    // A misspelt key or a value outside Grafana's enum fails the same check the factories use.
    // @ts-expect-error colorMode has no value "valu"
    void ({ ...defaultStatOptions(), colorMode: 'valu' } satisfies Loose<StatOptions>);
    // @ts-expect-error graphMod is no stat option
    void ({ graphMod: 'area' } satisfies Loose<StatOptions>);
    expect(defaultStatOptions()).not.toBe(defaultStatOptions());
  });
});
