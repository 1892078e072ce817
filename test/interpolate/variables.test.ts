// interpolateVariables follows @grafana/scenes sceneInterpolator.ts; cases marked "scenes"
// come from packages/scenes/src/variables/interpolation/sceneInterpolator.test.ts and
// packages/scenes/src/variables/macros/timeMacros.test.ts.
import { describe, expect, it } from 'vitest';
import { interpolateVariables, type InterpolateOptions, type VariableValue } from '../../src/check/interpolate/index.js';

const vars = (...list: VariableValue[]) => new Map(list.map((x) => [x.name, x]));
const other: InterpolateOptions = { datasource: 'other' };
const run = (text: string, list: VariableValue[], opts: InterpolateOptions = other) => interpolateVariables(text, vars(...list), opts);

describe('interpolateVariables', () => {
  it('scenes: multi values default to glob', () => {
    expect(run('test.${test}.asd', [{ name: 'test', value: ['hello', 'world'] }]).text).toBe('test.{hello,world}.asd');
  });

  it('scenes: text format joins texts with " + "', () => {
    expect(run('${test:text}', [{ name: 'test', value: ['1', '2'], text: ['hello', 'world'] }]).text).toBe('hello + world');
  });

  it('scenes: a custom all value is not escaped, even with :regex', () => {
    expect(run('${test:regex}', [{ name: 'test', value: '$__all', allValue: '.*', includeAll: true }]).text).toBe('.*');
  });

  it('custom all value: text gives All, percentencode encodes, and the value is interpolated again', () => {
    const all: VariableValue = { name: 'a', value: ['$__all'], multi: true, includeAll: true, allValue: '$b|x y' };
    const b: VariableValue = { name: 'b', value: ['p', 'q'], multi: true };
    expect(run('${a:text}', [all, b]).text).toBe('All');
    expect(run('${a:percentencode}', [all, b]).text).toBe('%24b%7Cx%20y');
    expect(run('${a:csv}', [all, b]).text).toBe('{p,q}|x y'); // nested $b gets the default glob format
  });

  it('All without a custom value expands to every option', () => {
    const host: VariableValue = { name: 'host', value: '$__all', isAll: true, includeAll: true, multi: true, options: ['a', 'b.c'] };
    expect(run('${host:regex}', [host]).text).toBe('(a|b\\.c)');
    expect(run('${host:text}', [host]).text).toBe('All');
    expect(run('$host', [host], { datasource: 'postgres' }).text).toBe("'a','b.c'");
    expect(run('up{host=~"$host"}', [host], { datasource: 'prometheus' }).text).toBe('up{host=~"(a|b\\\\.c)"}');
    expect(run('${host:queryparam}', [host]).text).toBe('var-host=$__all');
  });

  it('reports unknown variables and leaves them as written', () => {
    const r = run('$known ${missing} [[also_missing:csv]] $known', [{ name: 'known', value: 'k' }]);
    expect(r.text).toBe('k ${missing} [[also_missing:csv]] k');
    expect(r.unknown).toEqual(['missing', 'also_missing']);
  });

  it('does not report backend variables of the target, only in the syntax the backend replaces', () => {
    const prom = run('rate(x[$__rate_interval]) [${__range}] [[__rate_interval]] ${__range_s:raw}', [], { datasource: 'prometheus' });
    expect(prom.unknown).toEqual(['__rate_interval', '__range_s']);
    const pg = run('WHERE $__timeFilter(t) AND $__timeGroup AND $__interval', [], { datasource: 'postgres' });
    expect(pg.unknown).toEqual(['__timeGroup']); // a macro without "(" stays as text in the SQL
    expect(run('$__timeFilter(t)', [], { datasource: 'tempo' }).unknown).toEqual(['__timeFilter']);
  });

  it('Grafana macros without a supplied value are "unresolved", not unknown', () => {
    const r = run('${__user.login} $__from', []);
    expect(r).toMatchObject({ text: '${__user.login} $__from', unknown: [], unresolved: ['__user', '__from'] });
  });

  it('$__from / $__to: milliseconds, date formats (scenes timeMacros.test.ts)', () => {
    const range = { from: new Date('2023-05-23T06:09:57.073Z'), to: new Date('2023-05-23T07:09:57.073Z') };
    const opts: InterpolateOptions = { datasource: 'other', range };
    expect(run('$__from', [], opts).text).toBe('1684822197073');
    expect(run('$__to', [], opts).text).toBe('1684825797073');
    expect(run('${__to:date:YYYY}', [], opts).text).toBe('2023');
    expect(run('${__from:text}', [], opts).text).toBe('2023-05-23 06:09:57');
    expect(run('${__from:date:iso} ${__from:date:seconds} ${__from:date:YYYY-MM-DD HH:mm}', [], opts).text).toBe(
      '2023-05-23T06:09:57.073Z 1684822197 2023-05-23 06:09',
    );
    // The SQL formatter receives a number and returns it unchanged.
    expect(run('t > $__from', [], { ...opts, datasource: 'postgres' }).text).toBe('t > 1684822197073');
  });

  it('scoped variables win, come out as strings, and honour field paths (scenes)', () => {
    const opts: InterpolateOptions = {
      datasource: 'other',
      scopedVars: { __from: { value: 'a', text: 'b' }, __data: { value: { name: 'Main org' }, text: '' }, host: { value: ['x', 'y'] } },
    };
    expect(run('${__from} ${__from:text} ${__data.name}', [], opts).text).toBe('a b Main org');
    // ScopedVarsVariable.getValue stringifies: an array becomes "x,y" (not a glob) and shadows the dashboard variable.
    expect(run('$host', [{ name: 'host', value: ['z'] }], opts).text).toBe('x,y');
  });

  it('$__interval comes from the frontend interval, except for Prometheus which leaves it to the backend', () => {
    const interval = { interval: '1m', intervalMs: 60000 };
    expect(run('$__interval $__interval_ms ${__interval}', [], { datasource: 'postgres', interval }).text).toBe('1m 60000 1m');
    const prom = run('[$__interval] [${__interval}] [[__interval_ms]]', [], { datasource: 'prometheus', interval });
    expect(prom.text).toBe('[$__interval] [$__interval] $__interval_ms'); // [[...]] is replaced whole
    expect(prom.unknown).toEqual([]);
  });

  it('builtins: __user, __org, __dashboard with field paths', () => {
    const opts: InterpolateOptions = {
      datasource: 'other',
      builtins: { __user: { value: '1', fields: { login: 'admin' } }, __dashboard: { value: 'My board', fields: { uid: 'abc' } } },
    };
    expect(run('${__user} ${__user.login} ${__dashboard} ${__dashboard.uid} ${__user.email}', [], opts).text).toBe(
      '1 admin My board abc ${__user.email}',
    );
  });

  it('hostile: a field path reads own properties only, never a prototype\'s (constructor, __proto__, toString)', () => {
    const opts: InterpolateOptions = {
      datasource: 'other',
      scopedVars: { __data: { value: { name: 'Main org', nested: { deep: 'd' } }, text: '' } },
      builtins: { __dashboard: { value: 'My board', fields: { uid: 'abc' } } },
    };
    // Inherited members are not fields: as a missing field (ScopedVarsVariable: String(undefined)), never native code.
    expect(run('${__data.constructor}|${__data.toString}|${__data.__proto__}|${__data.nested.constructor}|${__data.nested.deep}', [], opts).text).toBe(
      'undefined|undefined|undefined|undefined|d',
    );
    // A builtin's missing field is left as written, like ${__user.email} above.
    expect(run('${__dashboard.constructor} ${__dashboard.__proto__} ${__dashboard.hasOwnProperty} ${__dashboard.uid}', [], opts).text).toBe(
      '${__dashboard.constructor} ${__dashboard.__proto__} ${__dashboard.hasOwnProperty} abc',
    );
  });

  it('Tempo formats with pipe by default', () => {
    expect(run('{ .svc =~ "$svc" }', [{ name: 'svc', value: ['a', 'b'], multi: true }], { datasource: 'tempo' }).text).toBe('{ .svc =~ "a|b" }');
  });

  it('Prometheus interpolates twice, so a value holding $x is expanded again', () => {
    const r = run('up{a="$a"}', [{ name: 'a', value: '$b' }, { name: 'b', value: 'B' }], { datasource: 'prometheus' });
    expect(r.text).toBe('up{a="B"}');
    expect(run('up{a="$a"}', [{ name: 'a', value: '$b' }, { name: 'b', value: 'B' }]).text).toBe('up{a="$b"}');
  });

  it('an explicit format beats the data source formatter; unknown formats are reported', () => {
    const host: VariableValue = { name: 'host', value: ['a', 'b'], multi: true };
    expect(run('${host:csv} ${host:bogus}', [host], { datasource: 'postgres' })).toMatchObject({ text: 'a,b {a,b}', unknownFormats: ['bogus'] });
  });

  it('[[var]] works like ${var}', () => {
    expect(run('[[host]] [[host:pipe]]', [{ name: 'host', value: ['a', 'b'], multi: true }]).text).toBe('{a,b} a|b');
  });
});
