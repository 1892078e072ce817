/**
 * `variableValues` (the CLI's `--var NAME=VALUE`): values chosen as a
 * dashboard URL's `var-NAME=VALUE` chooses them on load, per @grafana/scenes
 * (MultiValueUrlSyncHandler.updateFromUrl, changeValueTo and the first
 * validation; TextBoxVariable and IntervalVariable.updateFromUrl).
 */
import { describe, expect, it } from 'vitest';
import { checkDashboard } from '../../src/check/run/index.js';
import { collectPreview } from '../../src/preview/index.js';
import { resolveVariables, type GivenVariableValues } from '../../src/check/run/variables.js';
import { variableValuesOption } from '../../src/cli/variable-values.js';
import { run } from '../../src/cli/run.js';
import { repoRoot } from '../support/shared.js';
import { captureIo } from '../support/temp-project.js';

const range = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-01T06:00:00Z') };

const dashboard = {
  title: 'Given values',
  templating: {
    list: [
      { name: 'note', type: 'textbox', query: 'saved' },
      { name: 'env', type: 'custom', query: 'Production : prod,Staging : staging', current: { value: 'staging', text: 'Staging' } },
      { name: 'inst', type: 'custom', query: 'a,b,c', multi: true, includeAll: true, allValue: '.*', current: { value: ['b'], text: ['b'] } },
      { name: 'hidden', type: 'custom', query: 'x,y', skipUrlSync: true },
      { name: 'fixed', type: 'constant', query: 'k' },
      { name: 'step', type: 'interval', query: '1m,10m', current: { value: '10m' } },
    ],
  },
};

async function selected(given: GivenVariableValues): Promise<Record<string, { value: unknown; given?: boolean; givenIgnored?: string }>> {
  const { report } = await resolveVariables(dashboard, range, 60_000, undefined, undefined, { given });
  return Object.fromEntries(report.map((r) => [r.name, { value: r.value, ...(r.given ? { given: true } : {}), ...(r.givenIgnored ? { givenIgnored: r.givenIgnored } : {}) }]));
}

describe('given variable values', () => {
  it('without any, every variable keeps its saved selection', async () => {
    expect(await selected({})).toEqual({
      note: { value: 'saved' },
      env: { value: 'staging' },
      inst: { value: ['b'] },
      hidden: { value: 'x' },
      fixed: { value: 'k' },
      step: { value: '10m' },
    });
  });

  it('a textbox takes one value; a repeated one is ignored, as its updateFromUrl takes only a string', async () => {
    expect((await selected({ note: 'typed' })).note).toEqual({ value: 'typed', given: true });
    expect((await selected({ note: ['a', 'b'] })).note).toEqual({
      value: 'saved',
      givenIgnored: 'the 2 values given are not taken: a textbox variable takes a single value (its updateFromUrl ignores a list), so the saved one stays',
    });
  });

  it('a single-value variable matches by value, else by label, else keeps the value as given', async () => {
    expect((await selected({ env: 'prod' })).env).toEqual({ value: 'prod', given: true });
    expect((await selected({ env: 'Production' })).env).toEqual({ value: 'prod', given: true });
    expect((await selected({ env: 'qa' })).env).toEqual({ value: 'qa', given: true });
  });

  it('a multi-value variable keeps its values, and All is spelled as Grafana reads it', async () => {
    expect((await selected({ inst: ['a', 'c'] })).inst).toEqual({ value: ['a', 'c'], given: true });
    expect((await selected({ inst: 'All' })).inst).toEqual({ value: '$__all', given: true }); // the legacy URL text
    expect((await selected({ inst: '.*' })).inst).toEqual({ value: '$__all', given: true }); // the custom all value
    expect((await selected({ inst: ['$__all', 'a'] })).inst).toEqual({ value: ['a'], given: true }); // All first with others: dropped
    expect((await selected({ inst: ['a', '$__all'] })).inst).toEqual({ value: ['$__all'], given: true }); // All last: All
  });

  it('skipUrlSync and constant variables have no URL value: what is given for them is ignored', async () => {
    const s = await selected({ hidden: 'y', fixed: 'other' });
    expect(s.hidden).toEqual({ value: 'x', givenIgnored: 'the value given is not taken: the variable has skipUrlSync, so Grafana reads no URL value for it' });
    expect(s.fixed).toEqual({ value: 'k', givenIgnored: 'the value given is not taken: a constant variable has no URL value (scenes ConstantVariable sets skipUrlSync and syncs none)' });
  });

  it('an interval keeps any value given, and $__auto_interval_… means auto', async () => {
    expect((await selected({ step: '5m' })).step).toEqual({ value: '5m', given: true });
    expect((await selected({ step: '$__auto_interval_step' })).step).toEqual({ value: '10m', given: true }); // 6h / 30 steps
  });

  it('interpolates the given values into the queries', async () => {
    const json = {
      ...dashboard,
      time: { from: '2026-01-01T00:00:00Z', to: '2026-01-01T06:00:00Z' },
      panels: [{ type: 'timeseries', title: 'P', datasource: { type: 'prometheus', uid: 'p' }, targets: [{ refId: 'A', expr: 'up{env="$env", inst=~"$inst", note="$note"}' }] }],
    };
    const c = await checkDashboard(json, { variableValues: { env: 'prod', inst: ['a', 'b'], note: 'n' } });
    expect(c.queries[0]!.expanded).toBe('up{env="prod", inst=~"(a|b)", note="n"}');
  });

  it('preview selects them through the same resolver', async () => {
    const p = await collectPreview(dashboard, { variableValues: { env: 'prod', inst: ['a', 'c'] }, from: '2026-01-01T00:00:00Z', to: '2026-01-01T06:00:00Z' });
    expect(Object.fromEntries(p.variables.map((v) => [v.name, v.value]))).toMatchObject({ env: 'prod', inst: 'a + c', note: 'saved' });
  });

  it('a variable named __proto__ is only a name', async () => {
    const json = { templating: { list: [{ name: '__proto__', type: 'textbox', query: '' }] } };
    const given = JSON.parse('{"__proto__": "polluted?"}') as GivenVariableValues;
    const { report } = await resolveVariables(json, range, 60_000, undefined, undefined, { given });
    expect(report).toEqual([{ name: '__proto__', value: 'polluted?', status: 'ok', given: true }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(variableValuesOption(['__proto__=x']))).toBeNull();
  });
});

describe('dashcode check --var', () => {
  it('parses NAME=VALUE, repeated names holding every value, values holding "="', () => {
    expect({ ...variableValuesOption(['a=1', 'b=x=y', 'a=2', 'c=']) }).toEqual({ a: ['1', '2'], b: 'x=y', c: '' });
    expect(variableValuesOption(undefined)).toBeUndefined();
  });

  it('checks a trace lookup with the trace id given, and says it was given', async () => {
    const io = captureIo(repoRoot);
    expect(await run(['check', 'generated/generation-traces.json', '--var', 'trace_id=4bf92f3577b34da6a3ce929d0e0e4736'], io)).toBe(0);
    expect(io.out).toContain('trace_id=4bf92f3577b34da6a3ce929d0e0e4736 (given)');
    expect(io.out).toContain('~ Trace › A  [traceid] trace id lookup; dashcode does not run Tempo queries');
  });

  it('without it, names the flag that would check the lookup', async () => {
    const io = captureIo(repoRoot);
    expect(await run(['check', 'generated/generation-traces.json'], io)).toBe(0);
    expect(io.out).toContain('give the variable a value to check it (choose one with --var NAME=VALUE)');
  });

  it('says when a value given is not taken (a textbox given two), and keeps the saved one', async () => {
    const io = captureIo(repoRoot);
    expect(await run(['check', 'generated/generation-traces.json', '--var', 'span_name=a', '--var', 'span_name=b'], io)).toBe(0);
    expect(io.out).toContain('span_name=.*generate.*  ');
    expect(io.out).toContain('  · variable span_name: the 2 values given are not taken: a textbox variable takes a single value (its updateFromUrl ignores a list), so the saved one stays\n');
  });

  it('a usage error for a malformed pair or a name no dashboard has', async () => {
    for (const [arg, message] of [
      ['trace_id', '--var must be NAME=VALUE (a dashboard variable\'s name, then the value to select), got "trace_id"'],
      ['=x', '--var must be NAME=VALUE (a dashboard variable\'s name, then the value to select), got "=x"'],
      ['traceid=1', '--var traceid: no dashboard checked has a variable of that name'],
    ] as const) {
      const io = captureIo(repoRoot);
      expect(await run(['check', 'generated/generation-traces.json', '--var', arg], io)).toBe(2);
      expect(io.err).toContain(message);
      expect(io.out).toBe('');
    }
  });
});
