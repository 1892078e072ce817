import { query as promInstant, queryRange, PrometheusError, type QueryData, type MatrixSeries } from '../prometheus-client.js';
import { expandPostgresMacros, expandPrometheusBuiltins, interpolateVariables, type TimeRange, type VariableValue } from '../interpolate/index.js';
import type { TargetRef } from './extract.js';
import type { PromRunner, SqlRunner } from './runners.js';
import { errorText } from './variables.js';
import { maxDataPointsOf, targetInterval } from './intervals.js';
import { sqlLegacyQuoting } from '../interpolate/grafana-version.js';

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

export { DEFAULT_MAX_DATA_POINTS } from './intervals.js';

/** What Grafana does differently between releases (see docs/interpolation.md). */
export interface ExecuteOptions {
  /** The Grafana release to imitate, e.g. `12.3.1` (default: the current release). */
  grafanaVersion?: string;
}

export async function executeSql(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, sql?: SqlRunner, options: ExecuteOptions = {}): Promise<Execution> {
  const interval = targetInterval(t, range, vars);
  const interpolated = interpolateVariables(t.text, vars, { datasource: 'postgres', range, interval, sqlLegacyQuoting: sqlLegacyQuoting(options.grafanaVersion) });
  if (interpolated.expansionErrors.length > 0) return { kind: 'error', message: interpolated.expansionErrors.join('; ') };
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
  const interval = targetInterval(t, range, vars, prom?.scrapeInterval);
  const interpolated = interpolateVariables(t.text, vars, { datasource: 'prometheus', range, interval });
  if (interpolated.expansionErrors.length > 0) return { kind: 'error', message: interpolated.expansionErrors.join('; ') };
  if (interpolated.unknown.length > 0) return { kind: 'error', message: undefinedVariables(interpolated.unknown) };
  const expanded = expandPrometheusBuiltins(interpolated.text, {
    range,
    intervalMs: interval.intervalMs,
    scrapeInterval: prom?.scrapeInterval,
    minStep: t.minStep,
    maxDataPoints: maxDataPointsOf(t),
  });
  if (expanded.errors.length > 0) return { kind: 'error', message: expanded.errors.join('; '), expanded: expanded.expr };
  if (!prom) return { kind: 'not-run', reason: 'no-backend', expanded: expanded.expr };
  try {
    if (t.instant) return { kind: 'prom-instant', expanded: expanded.expr, data: (await promInstant(prom.url, expanded.expr, { time: range.to }, prom)).data };
    const r = await queryRange(prom.url, expanded.expr, { start: range.from, end: range.to, step: Math.max(1, expanded.stepMs / 1000) }, prom);
    return { kind: 'prom-range', expanded: expanded.expr, series: r.data.result };
  } catch (err) {
    return { kind: 'error', message: err instanceof PrometheusError ? err.message : String(err), expanded: expanded.expr };
  }
}

function undefinedVariables(names: readonly string[]): string {
  return `uses ${names.map((n) => `$${n}`).join(', ')}, which the dashboard does not define`;
}
