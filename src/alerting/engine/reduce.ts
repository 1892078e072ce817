/**
 * Reduce, as pkg/expr/mathexp/reduce.go (Sum, Avg, Min, Max, Count, Last,
 * Series.Reduce) and its modes (DropNonNumber, ReplaceNonNumberWithValue):
 * strict: a null or NaN anywhere makes sum/mean/min/max NaN; last returns the
 * last point as it is; an empty series is NaN (count: 0, sum: 0).
 * dropNN: drops null, NaN and ±Inf first, and a NaN result becomes null (no data).
 * replaceNN: replaces them (and a NaN result) with the given value.
 */
import type { ReduceFunction, ReduceMode } from '../model.js';
import type { NumberValue, Value } from './values.js';

type Vec = ReadonlyArray<number | null>;

const isNonNumber = (v: number | null): boolean => v === null || Number.isNaN(v) || !Number.isFinite(v);

function sum(v: Vec): number {
  let s = 0;
  for (const x of v) {
    if (x === null || Number.isNaN(x)) return NaN;
    s += x;
  }
  return s;
}

function extreme(v: Vec, better: (a: number, b: number) => boolean): number {
  if (v.length === 0) return NaN;
  let f = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x === null || Number.isNaN(x)) return NaN;
    if (i === 0 || better(x, f)) f = x;
  }
  return f;
}

export function reduceVector(v: Vec, fn: ReduceFunction): number | null {
  switch (fn) {
    case 'sum':
      return sum(v);
    case 'mean':
      return sum(v) / v.length;
    case 'min':
      return extreme(v, (a, b) => a < b);
    case 'max':
      return extreme(v, (a, b) => a > b);
    case 'count':
      return v.length;
    case 'last':
      return v.length === 0 ? NaN : v[v.length - 1]!;
  }
}

export function reduceValue(value: Value, fn: ReduceFunction, mode: ReduceMode, replaceWith = 0): NumberValue {
  // A number is already reduced: Grafana passes it through (numeric data from SQL tables).
  if (value.kind === 'number') return value;
  let vec: Vec = value.points.map((p) => p[1]);
  if (mode === 'dropNN') vec = vec.filter((x) => !isNonNumber(x));
  if (mode === 'replaceNN') vec = vec.map((x) => (isNonNumber(x) ? replaceWith : x));
  let out = reduceVector(vec, fn);
  if (out !== null && Number.isNaN(out)) {
    if (mode === 'dropNN') out = null;
    if (mode === 'replaceNN') out = replaceWith;
  }
  return { kind: 'number', labels: value.labels, value: out };
}
