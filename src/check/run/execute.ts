import { query as promInstant, queryRange, PrometheusError, type QueryData, type MatrixSeries } from '../prometheus-client.js';
import { calculateInterval, expandPostgresMacros, expandPrometheusBuiltins, interpolateVariables, type TimeRange, type VariableValue } from '../interpolate/index.js';
import type { TargetRef } from './extract.js';
import type { PromRunner, SqlRunner } from './runners.js';
import { errorText } from './variables.js';

/**
 * Runs one target the way Grafana would: variables interpolated with the
 * datasource's rules, macros and built-ins expanded for the panel's interval,
 * then sent to the backend. The one place both `check` (which judges the
 * result) and `preview` (which draws it) run queries.
 */
export type Execution =
  | { kind: 'sql'; expanded: string; rows: Array<Record<string, unknown>>; fields: Array<{ name: string; dataTypeID: number }>; truncated?: boolean }
  | { kind: 'prom-instant'; expanded: string; data: QueryData }
  | { kind: 'prom-range'; expanded: string; series: readonly MatrixSeries[] }
  | { kind: 'error'; message: string; expanded?: string }
  | { kind: 'not-run'; reason: 'no-backend'; expanded: string };

export interface Backends {
  sql?: SqlRunner;
  prometheus?: PromRunner;
}

/** Grafana's default when a panel sets no max data points (roughly the panel's width in pixels). */
export const DEFAULT_MAX_DATA_POINTS = 1000;

export function panelInterval(t: TargetRef, range: TimeRange) {
  return calculateInterval(range, t.maxDataPoints ?? DEFAULT_MAX_DATA_POINTS, t.minInterval?.startsWith('$') ? undefined : t.minInterval);
}

export async function executeSql(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, sql?: SqlRunner): Promise<Execution> {
  const interval = panelInterval(t, range);
  const interpolated = interpolateVariables(t.text, vars, { datasource: 'postgres', range, interval });
  if (interpolated.unknown.length > 0) return { kind: 'error', message: undefinedVariables(interpolated.unknown), expanded: interpolated.text };
  const expanded = expandPostgresMacros(interpolated.text, { range, intervalMs: interval.intervalMs });
  if (expanded.errors.length > 0) return { kind: 'error', message: expanded.errors.map((e) => `${e.macro}: ${e.message}`).join('; '), expanded: expanded.sql };
  if (!sql) return { kind: 'not-run', reason: 'no-backend', expanded: expanded.sql };
  try {
    const r = await sql.query(expanded.sql);
    return { kind: 'sql', expanded: expanded.sql, rows: r.rows, fields: r.fields, ...(r.truncated ? { truncated: true } : {}) };
  } catch (err) {
    return { kind: 'error', message: errorText(err, expanded.sql), expanded: expanded.sql };
  }
}

export async function executePromQL(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, prom?: PromRunner): Promise<Execution> {
  const interval = panelInterval(t, range);
  const interpolated = interpolateVariables(t.text, vars, { datasource: 'prometheus', range, interval });
  if (interpolated.unknown.length > 0) return { kind: 'error', message: undefinedVariables(interpolated.unknown) };
  const expanded = expandPrometheusBuiltins(interpolated.text, {
    range,
    intervalMs: interval.intervalMs,
    scrapeInterval: prom?.scrapeInterval,
    minStep: t.minInterval,
    maxDataPoints: t.maxDataPoints,
  });
  if (expanded.errors.length > 0) return { kind: 'error', message: expanded.errors.join('; '), expanded: expanded.expr };
  if (!prom) return { kind: 'not-run', reason: 'no-backend', expanded: expanded.expr };
  try {
    if (t.instant) return { kind: 'prom-instant', expanded: expanded.expr, data: (await promInstant(prom.url, expanded.expr, { time: range.to })).data };
    const r = await queryRange(prom.url, expanded.expr, { start: range.from, end: range.to, step: Math.max(1, expanded.stepMs / 1000) });
    return { kind: 'prom-range', expanded: expanded.expr, series: r.data.result };
  } catch (err) {
    return { kind: 'error', message: err instanceof PrometheusError ? err.message : String(err), expanded: expanded.expr };
  }
}

function undefinedVariables(names: readonly string[]): string {
  return `uses ${names.map((n) => `$${n}`).join(', ')}, which the dashboard does not define`;
}
