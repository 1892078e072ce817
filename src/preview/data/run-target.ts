/**
 * Runs one panel target exactly as `dashcode check` does (same interpolation,
 * macros, intervals and Prometheus step), but keeps the result rows as frames
 * so the preview can draw them.
 */
import { query as promInstant, queryRange, PrometheusError } from '../../check/prometheus-client.js';
import { calculateInterval, expandPostgresMacros, expandPrometheusBuiltins, interpolateVariables, type TimeRange, type VariableValue } from '../../check/interpolate/index.js';
import type { TargetRef } from '../../check/run/extract.js';
import type { PromRunner, SqlRunner } from '../../check/run/runners.js';
import { errorText } from '../../check/run/variables.js';
import { sqlFrames, type Frame } from './frames.js';
import { instantFrames, matrixFrames } from './prometheus-frames.js';

export interface Backends {
  sql?: SqlRunner;
  prometheus?: PromRunner;
}

export type TargetResult =
  | { state: 'data'; frames: Frame[]; query: string }
  | { state: 'error'; message: string; query?: string }
  /** Not run: no backend for it, or a language the preview cannot run (TraceQL). */
  | { state: 'skipped'; message: string };

type Interval = ReturnType<typeof calculateInterval>;

/** Grafana's default when a panel sets no max data points (as in the check engine). */
const DEFAULT_MAX_DATA_POINTS = 1000;

export async function runTarget(t: TargetRef, raw: Record<string, unknown>, vars: Map<string, VariableValue>, range: TimeRange, backends: Backends): Promise<TargetResult> {
  const interval = calculateInterval(range, t.maxDataPoints ?? DEFAULT_MAX_DATA_POINTS, t.minInterval?.startsWith('$') ? undefined : t.minInterval);
  switch (t.language) {
    case 'sql':
      return runSql(t, vars, range, interval, backends.sql);
    case 'promql':
      return runPromQL(t, raw, vars, range, interval, backends.prometheus);
    case 'traceql':
      return { state: 'skipped', message: 'the preview does not query Tempo: trace panels stay empty' };
    default:
      return { state: 'skipped', message: t.datasourceType === 'tempo' ? 'the preview does not query Tempo: trace panels stay empty' : 'no SQL or PromQL in this query' };
  }
}

async function runSql(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, interval: Interval, sql: SqlRunner | undefined): Promise<TargetResult> {
  const interpolated = interpolateVariables(t.text, vars, { datasource: 'postgres', range, interval });
  if (interpolated.unknown.length > 0) return { state: 'error', message: `uses ${interpolated.unknown.map((n) => `$${n}`).join(', ')}, which the dashboard does not define` };
  const expanded = expandPostgresMacros(interpolated.text, { range, intervalMs: interval.intervalMs });
  if (expanded.errors.length > 0) return { state: 'error', message: expanded.errors.map((e) => `${e.macro}: ${e.message}`).join('; '), query: expanded.sql };
  if (!sql) return { state: 'skipped', message: 'no database given' };
  try {
    const result = await sql.query(expanded.sql);
    return { state: 'data', frames: sqlFrames(result, t.format, t.refId), query: expanded.sql };
  } catch (err) {
    return { state: 'error', message: errorText(err, expanded.sql), query: expanded.sql };
  }
}

async function runPromQL(t: TargetRef, raw: Record<string, unknown>, vars: Map<string, VariableValue>, range: TimeRange, interval: Interval, prom: PromRunner | undefined): Promise<TargetResult> {
  const interpolated = interpolateVariables(t.text, vars, { datasource: 'prometheus', range, interval });
  if (interpolated.unknown.length > 0) return { state: 'error', message: `uses ${interpolated.unknown.map((n) => `$${n}`).join(', ')}, which the dashboard does not define` };
  const expanded = expandPrometheusBuiltins(interpolated.text, {
    range,
    intervalMs: interval.intervalMs,
    scrapeInterval: prom?.scrapeInterval,
    minStep: t.minInterval,
    maxDataPoints: t.maxDataPoints,
  });
  if (expanded.errors.length > 0) return { state: 'error', message: expanded.errors.join('; '), query: expanded.expr };
  if (!prom) return { state: 'skipped', message: 'PromQL: give --prometheus-url to draw this panel' };
  const legendFormat = typeof raw.legendFormat === 'string' ? raw.legendFormat : undefined;
  try {
    if (t.instant) {
      const r = await promInstant(prom.url, expanded.expr, { time: range.to });
      return { state: 'data', frames: instantFrames(r.data, legendFormat, expanded.expr, t.refId), query: expanded.expr };
    }
    const r = await queryRange(prom.url, expanded.expr, { start: range.from, end: range.to, step: Math.max(1, expanded.stepMs / 1000) });
    return { state: 'data', frames: matrixFrames(r.data.result, legendFormat, expanded.expr, t.refId), query: expanded.expr };
  } catch (err) {
    return { state: 'error', message: err instanceof PrometheusError ? err.message : String(err), query: expanded.expr };
  }
}
