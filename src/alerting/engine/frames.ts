/**
 * Query results as the expression engine sees them (pkg/expr/converter.go):
 * a SQL table without a time column is "numeric data", one Number per row,
 * labelled by its string columns, valued by its one numeric column; a SQL
 * result with a time column, and a Prometheus range query, are series
 * labelled the same way; a Prometheus instant query gives Numbers.
 */
import type { NodeResult, Point, Value } from './values.js';

const NUMERIC = new Set([20, 21, 23, 700, 701, 1700]);
const TIME = new Set([1082, 1114, 1184]);

export interface SqlResult {
  rows: ReadonlyArray<Record<string, unknown>>;
  fields: ReadonlyArray<{ name: string; dataTypeID: number }>;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v));

export function framesFromSql(r: SqlResult): NodeResult | Error {
  if (r.rows.length === 0) return { values: [] };
  const time = r.fields.find((f) => TIME.has(f.dataTypeID) || f.name === 'time');
  const numeric = r.fields.filter((f) => f !== time && NUMERIC.has(f.dataTypeID));
  const labels = r.fields.filter((f) => f !== time && !NUMERIC.has(f.dataTypeID));
  if (numeric.length === 0) return new Error('the query returns no numeric column to alert on');
  const labelsOf = (row: Record<string, unknown>) => Object.fromEntries(labels.map((f) => [f.name, String(row[f.name] ?? '')]));
  if (!time) {
    if (numeric.length > 1) return new Error(`a table without a time column needs exactly one numeric column; got ${numeric.map((f) => f.name).join(', ')}`);
    return { values: r.rows.map((row): Value => ({ kind: 'number', labels: labelsOf(row), value: num(row[numeric[0]!.name]) })) };
  }
  const series = new Map<string, { labels: Record<string, string>; points: Point[] }>();
  for (const row of r.rows) {
    const t = row[time.name];
    const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(String(t));
    for (const f of numeric) {
      const l = numeric.length > 1 ? { ...labelsOf(row), __field__: f.name } : labelsOf(row);
      const key = JSON.stringify(l);
      const s = series.get(key) ?? { labels: l, points: [] };
      s.points.push([ms, num(row[f.name])]);
      series.set(key, s);
    }
  }
  return { values: [...series.values()].map((s) => ({ kind: 'series', labels: s.labels, points: s.points.sort((a, b) => a[0] - b[0]) })) };
}

export interface PromSeries {
  metric: Record<string, string>;
  values?: ReadonlyArray<readonly [number, string]>;
  value?: readonly [number, string];
}

export function framesFromProm(result: readonly PromSeries[]): NodeResult {
  return {
    values: result.map((s): Value =>
      s.values
        ? { kind: 'series', labels: { ...s.metric }, points: s.values.map(([t, v]) => [t * 1000, Number(v)] as Point) }
        : { kind: 'number', labels: { ...s.metric }, value: s.value ? Number(s.value[1]) : null },
    ),
  };
}
