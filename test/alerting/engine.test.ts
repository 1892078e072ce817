import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reduceValue } from '../../src/alerting/engine/reduce.js';
import { predicate } from '../../src/alerting/engine/threshold.js';
import { evaluateMath, parseMath, MathError } from '../../src/alerting/engine/math.js';
import { nextState, StateTracker } from '../../src/alerting/engine/state.js';
import { resampleSeries } from '../../src/alerting/engine/resample.js';
import { framesFromSql } from '../../src/alerting/engine/frames.js';
import type { NodeResult, SeriesValue } from '../../src/alerting/engine/values.js';

const series = (values: Array<number | null>, labels = {}): SeriesValue => ({ kind: 'series', labels, points: values.map((v, i) => [i * 1000, v] as const) });
const reduce = (values: Array<number | null>, fn: Parameters<typeof reduceValue>[1], mode: Parameters<typeof reduceValue>[2] = 'strict', w = 0) => reduceValue(series(values), fn, mode, w).value;

describe('reduce, as pkg/expr/mathexp/reduce.go', () => {
  it('strict: one NaN or null makes sum/mean/min/max NaN; last returns the last point as it is', () => {
    for (const fn of ['sum', 'mean', 'min', 'max'] as const) {
      expect(reduce([1, NaN, 3], fn)).toBeNaN();
      expect(reduce([1, null, 3], fn)).toBeNaN();
    }
    expect(reduce([1, 2, null], 'last')).toBeNull();
    expect(reduce([1, NaN, 3], 'count')).toBe(3);
  });
  it('empty series: sum 0, count 0, mean/min/max/last NaN', () => {
    expect(reduce([], 'sum')).toBe(0);
    expect(reduce([], 'count')).toBe(0);
    for (const fn of ['mean', 'min', 'max', 'last'] as const) expect(reduce([], fn)).toBeNaN();
  });
  it('dropNN drops null, NaN and ±Inf, and an empty result is no data (null)', () => {
    expect(reduce([1, NaN, null, Infinity, 3], 'mean', 'dropNN')).toBe(2);
    expect(reduce([NaN, null], 'mean', 'dropNN')).toBeNull();
    expect(reduce([NaN, null], 'count', 'dropNN')).toBe(0);
  });
  it('replaceNN replaces them with the value', () => {
    expect(reduce([1, NaN, null, 3], 'sum', 'replaceNN', 10)).toBe(24);
    expect(reduce([], 'mean', 'replaceNN', -1)).toBe(-1);
  });
  it('dropNN mean equals the mean of the finite values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constant(NaN), fc.constant(null))), (xs) => {
        const finite = xs.filter((x): x is number => x !== null && Number.isFinite(x));
        const got = reduce(xs, 'mean', 'dropNN');
        if (finite.length === 0) expect(got).toBeNull();
        else expect(got).toBeCloseTo(finite.reduce((a, b) => a + b, 0) / finite.length, 6);
      }),
    );
  });
});

describe('thresholds, as pkg/expr/threshold.go', () => {
  it.each([
    ['gt', [5], 5, false], ['gt', [5], 5.1, true], ['lt', [5], 4, true], ['gte', [5], 5, true], ['lte', [5], 5, true],
    ['eq', [5], 5, true], ['ne', [5], 5, false],
    ['within_range', [1, 5], 1, false], ['within_range', [1, 5], 3, true], ['within_range_included', [1, 5], 1, true],
    ['outside_range', [1, 5], 5, false], ['outside_range', [1, 5], 6, true], ['outside_range_included', [1, 5], 5, true],
  ] as const)('%s %j on %d is %s', (type, params, value, expected) => {
    expect(predicate(type, params)(value)).toBe(expected);
  });
});

describe('math expressions', () => {
  const vars = (m: Record<string, NodeResult>) => new Map(Object.entries(m));
  const n = (value: number | null, labels = {}) => ({ kind: 'number' as const, labels, value });
  it('precedence: * before +, comparison before &&, unary minus', () => {
    expect(evaluateMath('1 + 2 * 3', vars({})).values[0]).toMatchObject({ value: 7 });
    expect(evaluateMath('1 + 2 > 2 && 0 || 1', vars({})).values[0]).toMatchObject({ value: 1 });
    expect(evaluateMath('-2 ** 2', vars({})).values[0]).toMatchObject({ value: 4 });
    expect(evaluateMath('abs(-3) + ceil(1.2)', vars({})).values[0]).toMatchObject({ value: 5 });
  });
  it('joins numbers by labels (equal or subset), keeping the larger label set', () => {
    const r = evaluateMath('$A / ${B} - 1', vars({
      A: { values: [n(12, { model: 'gpt2', m: 'ttft' }), n(30, { model: 'llama', m: 'ttft' })] },
      B: { values: [n(10, { model: 'gpt2' }), n(30, { model: 'llama' })] },
    }));
    expect(r.values).toEqual([n(12 / 10 - 1, { model: 'gpt2', m: 'ttft' }), n(0, { model: 'llama', m: 'ttft' })]);
  });
  it('null operands give null; NaN compares false', () => {
    expect(evaluateMath('$A > 1', vars({ A: { values: [n(null)] } })).values[0]).toMatchObject({ value: null });
    expect(evaluateMath('nan() > 1', vars({})).values[0]).toMatchObject({ value: 0 });
  });
  it('reports syntax errors and unknown refIds', () => {
    expect(() => parseMath('1 +')).toThrow(MathError);
    expect(() => parseMath('foo(1)')).toThrow(/unknown function foo/);
    expect(() => evaluateMath('$Z + 1', vars({}))).toThrow(/\$Z is not a node/);
  });
});

describe('state machine, as pkg/services/ngalert/state/state.go', () => {
  const t = { forMs: 120_000, keepFiringForMs: 0, intervalMs: 60_000 };
  const rule = { noDataState: 'NoData' as const, execErrState: 'Error' as const };
  it('Pending until `for` has passed since the first true evaluation, then Alerting', () => {
    const s = new StateTracker(rule, t);
    const fire = (at: number) => s.apply(at, [{ labels: { a: '1' }, state: 'Alerting', values: {} }]).map((x) => x.to);
    expect(fire(0)).toEqual(['Pending']);
    expect(fire(60_000)).toEqual([]);
    expect(fire(120_000)).toEqual(['Alerting']);
    expect(s.apply(180_000, [{ labels: { a: '1' }, state: 'Normal', values: {} }]).map((x) => x.to)).toEqual(['Normal']);
  });
  it('keepFiringFor holds a cleared alert in Recovering, and a new true result goes straight back to Alerting', () => {
    const timing = { forMs: 0, keepFiringForMs: 120_000, intervalMs: 60_000 };
    const base = { labels: {}, startsAt: 0, lastEvaluation: 0 };
    expect(nextState({ ...base, state: 'Alerting' }, 'Normal', rule, timing, 60_000)).toBe('Recovering');
    expect(nextState({ ...base, state: 'Recovering', startsAt: 60_000 }, 'Normal', rule, timing, 120_000)).toBe('Recovering');
    expect(nextState({ ...base, state: 'Recovering', startsAt: 60_000 }, 'Normal', rule, timing, 180_000)).toBe('Normal');
    expect(nextState({ ...base, state: 'Recovering', startsAt: 60_000 }, 'Alerting', rule, { ...timing, forMs: 300_000 }, 120_000)).toBe('Alerting');
  });
  it('no data and errors follow noDataState and execErrState', () => {
    const base = { labels: {}, state: 'Normal' as const, startsAt: 0, lastEvaluation: 0 };
    expect(nextState(base, 'NoData', { noDataState: 'NoData', execErrState: 'Error' }, t, 0)).toBe('NoData');
    expect(nextState(base, 'NoData', { noDataState: 'Alerting', execErrState: 'Error' }, t, 0)).toBe('Pending');
    expect(nextState(base, 'NoData', { noDataState: 'OK', execErrState: 'Error' }, t, 0)).toBe('Normal');
    expect(nextState({ ...base, state: 'Alerting' }, 'Error', { noDataState: 'NoData', execErrState: 'KeepLast' }, t, 0)).toBe('Alerting');
    expect(nextState(base, 'Error', { noDataState: 'NoData', execErrState: 'Error' }, t, 0)).toBe('Error');
  });
  it('an instance missing for two intervals is resolved', () => {
    const s = new StateTracker(rule, { ...t, forMs: 0 });
    s.apply(0, [{ labels: { a: '1' }, state: 'Alerting', values: {} }]);
    expect(s.apply(60_000, [])).toEqual([]);
    expect(s.apply(120_000, []).map((x) => [x.to, x.reason])).toEqual([['Normal', 'MissingSeries']]);
  });
});

describe('resample and frames', () => {
  it('downsamples each window and fills empty ones', () => {
    const s = { kind: 'series' as const, labels: {}, points: [[500, 1], [900, 3], [2500, 5]] as const };
    expect(resampleSeries(s, 1000, 1000, 3000, 'mean', 'pad').points).toEqual([[1000, 2], [2000, 3], [3000, 5]]);
    // resample.go: an empty window is nil (null) for fillna, and for pad or backfilling with nothing to copy.
    expect(resampleSeries(s, 1000, 1000, 3000, 'max', 'fillna').points).toEqual([[1000, 3], [2000, null], [3000, 5]]);
    expect(resampleSeries(s, 1000, 0, 3000, 'max', 'pad').points).toEqual([[0, null], [1000, 3], [2000, 3], [3000, 5]]);
    expect(resampleSeries(s, 1000, 1000, 4000, 'max', 'backfilling').points).toEqual([[1000, 3], [2000, 5], [3000, 5], [4000, null]]);
  });
  it('the first step takes every point up to it, as resample.go\'s bookmark does; one point is taken as it is', () => {
    const s = { kind: 'series' as const, labels: {}, points: [[0, 7], [500, 1], [900, 3], [1500, NaN]] as const };
    expect(resampleSeries(s, 1000, 1000, 2000, 'sum', 'fillna').points).toEqual([[1000, 11], [2000, NaN]]);
  });
  it('a time range shorter than the window is an error, as in Grafana', () => {
    expect(() => resampleSeries(series([1, 2]), 60_000, 0, 30_000, 'mean', 'pad')).toThrow('the series cannot be sampled further; the time range is shorter than the interval');
  });
  it('hostile: a 1 ms window over 30 days is refused at once, not stepped through (2.6 billion points)', () => {
    const day = 86_400_000;
    expect(() => resampleSeries(series([1, 2, 3]), 1, 0, 30 * day, 'mean', 'pad')).toThrow(
      'resampling to a 1ms window over 30d would make 2,592,000,001 points per series; dashcode evaluates at most 1,000,000',
    );
  });
  it('a SQL table without a time column is one number per row, labelled by its text columns', () => {
    const r = framesFromSql({ rows: [{ model: 'gpt2', change: 0.2 }], fields: [{ name: 'model', dataTypeID: 25 }, { name: 'change', dataTypeID: 701 }] });
    expect(r).toEqual({ values: [{ kind: 'number', labels: { model: 'gpt2' }, value: 0.2 }] });
    const bad = framesFromSql({ rows: [{ a: 1, b: 2 }], fields: [{ name: 'a', dataTypeID: 23 }, { name: 'b', dataTypeID: 23 }] });
    expect(bad).toBeInstanceOf(Error);
  });
});
