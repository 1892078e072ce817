/** Threshold predicates, as pkg/expr/threshold.go (NewThresholdCommand and the *Predicate types). */
import type { ThresholdType } from '../model.js';
import type { Value } from './values.js';

export function predicate(type: ThresholdType, params: readonly number[]): (f: number) => boolean {
  const [a = 0, b = 0] = params;
  switch (type) {
    case 'gt': return (f) => f > a;
    case 'lt': return (f) => f < a;
    case 'eq': return (f) => f === a;
    case 'ne': return (f) => f !== a;
    case 'gte': return (f) => f >= a;
    case 'lte': return (f) => f <= a;
    case 'within_range': return (f) => f > a && f < b;
    case 'outside_range': return (f) => f < a || f > b;
    case 'within_range_included': return (f) => f >= a && f <= b;
    case 'outside_range_included': return (f) => f <= a || f >= b;
  }
}

/** ThresholdCommand.Execute: nil stays nil; otherwise 1 or 0 (inverted for an unload evaluator). */
export function applyThreshold(v: Value, test: (f: number) => boolean, invert = false): Value {
  const evalOne = (x: number | null): number | null => (x === null ? null : (test(x) !== invert ? 1 : 0));
  if (v.kind === 'number') return { ...v, value: evalOne(v.value) };
  return { ...v, points: v.points.map(([t, x]) => [t, evalOne(x)] as const) };
}
