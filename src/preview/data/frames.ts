/**
 * Query results as Grafana's data frames: columns ("fields") with a type,
 * times as epoch milliseconds. Only plain JSON, because the frames travel into
 * the preview page.
 */
import { fieldKind, type FieldKind } from '../../check/run/shape.js';

export type CellValue = number | string | boolean | null;

export interface Field {
  name: string;
  type: FieldKind;
  values: CellValue[];
  /** Series labels (Prometheus labels, or the text columns of a long SQL time series). */
  labels?: Record<string, string>;
}

export interface Frame {
  refId?: string;
  fields: Field[];
}

export interface SqlRows {
  rows: Array<Record<string, unknown>>;
  fields: Array<{ name: string; dataTypeID: number }>;
}

/**
 * Grafana's SQL datasources: `table` is the result as it is; `time_series`
 * sorts by time and splits a long result (text columns beside the values)
 * into one series per distinct text combination and value column, named by the
 * `metric` column when there is one. Each series is its own [time, value]
 * frame holding only its own rows, so a series never gets gaps from another
 * series' timestamps.
 */
export function sqlFrames(result: SqlRows, format: string | undefined, refId?: string): Frame[] {
  const kinds = result.fields.map((f) => fieldKind(f.dataTypeID, f.name));
  const columns: Field[] = result.fields.map((f, i) => ({
    name: f.name,
    type: kinds[i]!,
    values: result.rows.map((row) => cell(row[f.name], kinds[i]!)),
  }));
  if (format !== 'time_series') return [{ refId, fields: columns }];
  return timeSeriesFrames(columns, refId);
}

function timeSeriesFrames(columns: Field[], refId: string | undefined): Frame[] {
  const time = columns.find((c) => c.type === 'time');
  if (!time) return [{ refId, fields: columns }];
  const labelColumns = columns.filter((c) => c.type === 'string');
  const valueColumns = columns.filter((c) => c.type === 'number');
  const order = time.values.map((_, i) => i).sort((a, b) => Number(time.values[a]) - Number(time.values[b]));
  const series = new Map<string, { time: Field; value: Field }>();
  for (const i of order) {
    const labels = Object.fromEntries(labelColumns.map((c) => [c.name, String(c.values[i] ?? '')]));
    for (const v of valueColumns) {
      const key = JSON.stringify([v.name, labels]);
      let s = series.get(key);
      if (!s) {
        s = { time: { name: time.name, type: 'time', values: [] }, value: { name: seriesName(v.name, labels, valueColumns.length), type: 'number', values: [], labels } };
        series.set(key, s);
      }
      s.time.values.push(time.values[i] ?? null);
      s.value.values.push(v.values[i] ?? null);
    }
  }
  return [...series.values()].map((s) => ({ refId, fields: [s.time, s.value] }));
}

function seriesName(valueColumn: string, labels: Record<string, string>, valueCount: number): string {
  const { metric, ...rest } = labels;
  if (metric !== undefined) return valueCount > 1 ? `${metric} ${valueColumn}` : metric;
  const text = Object.entries(rest).map(([k, v]) => `${k}=${v}`).join(', ');
  return text ? `${valueColumn} ${text}` : valueColumn;
}

/** One cell as JSON: Dates and epoch numbers in time columns become epoch ms. */
export function cell(value: unknown, kind: FieldKind): CellValue {
  if (value === null || value === undefined) return null;
  if (kind === 'time') return epochMs(value);
  if (kind === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Grafana reads an epoch number by its size: seconds, ms, µs or ns. */
export function epochMs(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'string') {
    const d = Date.parse(value.includes('T') || value.endsWith('Z') ? value : `${value.replace(' ', 'T')}Z`);
    return Number.isNaN(d) ? null : d;
  }
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  const abs = Math.abs(n);
  if (abs >= 1e17) return Math.round(n / 1e6);
  if (abs >= 1e14) return Math.round(n / 1e3);
  if (abs >= 1e11) return n;
  return n * 1000;
}

/** The fields a chart can draw against time. */
export function numberFields(frame: Frame): Field[] {
  return frame.fields.filter((f) => f.type === 'number');
}

export function rowCount(frames: readonly Frame[]): number {
  return frames.reduce((n, f) => n + (f.fields[0]?.values.length ?? 0), 0);
}
