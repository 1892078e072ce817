/**
 * What flows between nodes of a rule, as in Grafana's pkg/expr/mathexp
 * (types.go): a Series (labelled time series), a Number (labelled single
 * value, what reduce returns), or NoData. `null` is Go's nil *float64.
 */
export type Labels = Readonly<Record<string, string>>;
export type Point = readonly [timeMs: number, value: number | null];

export interface SeriesValue {
  readonly kind: 'series';
  readonly labels: Labels;
  readonly points: readonly Point[];
}

export interface NumberValue {
  readonly kind: 'number';
  readonly labels: Labels;
  readonly value: number | null;
}

export type Value = SeriesValue | NumberValue;

/** One node's result: its values, or no data (the query returned nothing). */
export interface NodeResult {
  readonly values: readonly Value[];
  readonly noData?: boolean;
}

/** Grafana's label string, `{a=1, b=2}` (data.Labels.String: keys sorted). */
export function labelKey(l: Labels): string {
  return `{${Object.keys(l)
    .sort()
    .map((k) => `${k}=${l[k]}`)
    .join(', ')}}`;
}

export function isSubset(a: Labels, b: Labels): boolean {
  return Object.keys(a).every((k) => Object.hasOwn(b, k) && b[k] === a[k]);
}
