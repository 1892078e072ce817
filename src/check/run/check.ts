import { query as promInstant, queryRange, PrometheusError } from '../prometheus-client.js';
import { calculateInterval, expandPostgresMacros, expandPrometheusBuiltins, interpolateVariables, type TimeRange, type VariableValue } from '../interpolate/index.js';
import { parsePromQL } from '../promql/index.js';
import { parseTraceQL } from '../traceql/index.js';
import type { DashboardCheck, QueryCheck } from './model.js';
import { extractTargets, type TargetRef } from './extract.js';
import type { PromRunner, SqlRunner } from './runners.js';
import { shapeProblem } from './shape.js';
import { parseTime } from './time-range.js';
import { errorText, resolveVariables } from './variables.js';

export interface CheckOptions {
  sql?: SqlRunner;
  prometheus?: PromRunner;
  /** Override the dashboard's time range (Grafana syntax: `now-7d`, ISO dates, epoch ms). */
  from?: string;
  to?: string;
  now?: Date;
  file?: string;
}

/** Grafana's default when a panel sets no max data points (roughly the panel's width in pixels). */
const DEFAULT_MAX_DATA_POINTS = 1000;

/**
 * Runs every query of a dashboard the way Grafana would (variables selected
 * and interpolated, macros expanded, over the dashboard's time range) and
 * judges each result against its panel. Never throws for a broken query: a
 * broken query is the finding.
 */
export async function checkDashboard(dashboard: Record<string, unknown>, options: CheckOptions = {}): Promise<DashboardCheck> {
  const now = options.now ?? new Date();
  const time = (dashboard.time as { from?: string; to?: string } | undefined) ?? {};
  const fromText = options.from ?? time.from ?? 'now-6h';
  const toText = options.to ?? time.to ?? 'now';
  const from = parseTime(fromText, now);
  const to = parseTime(toText, now, true);
  const title = typeof dashboard.title === 'string' ? dashboard.title : '(untitled)';
  const result: DashboardCheck = {
    file: options.file,
    dashboard: title,
    uid: typeof dashboard.uid === 'string' ? dashboard.uid : undefined,
    range: { from: fromText, to: toText },
    variables: [],
    queries: [],
  };
  if (!from || !to) {
    result.queries.push({ dashboard: title, panel: '(dashboard)', path: 'time', language: 'unknown', status: 'error', message: `cannot read the time range ${fromText} → ${toText}`, ms: 0 });
    return result;
  }
  const range: TimeRange = { from, to };
  const dashboardInterval = calculateInterval(range, DEFAULT_MAX_DATA_POINTS).intervalMs;
  const variables = await resolveVariables(dashboard, range, dashboardInterval, options.sql);
  result.variables = variables.report;
  for (const target of extractTargets(dashboard)) {
    const started = performance.now();
    const check = await checkTarget(target, variables.values, range, options);
    result.queries.push({ ...check, dashboard: title, panel: target.panelTitle, path: target.path, refId: target.refId, language: target.language, ms: Math.round(performance.now() - started) });
  }
  return result;
}

type Partial = Omit<QueryCheck, 'dashboard' | 'panel' | 'path' | 'refId' | 'language' | 'ms'>;

async function checkTarget(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, o: CheckOptions): Promise<Partial> {
  const interval = calculateInterval(range, t.maxDataPoints ?? DEFAULT_MAX_DATA_POINTS, t.minInterval?.startsWith('$') ? undefined : t.minInterval);
  switch (t.language) {
    case 'sql':
      return checkSql(t, vars, range, interval, o.sql);
    case 'promql':
      return checkPromQL(t, vars, range, interval, o.prometheus);
    case 'traceql': {
      const parsed = parseTraceQL(t.text);
      return parsed.ok ? { status: 'ok', message: 'TraceQL syntax ok' } : { status: 'error', message: `TraceQL: ${parsed.errors.map((e) => e.message).join('; ')}` };
    }
    case 'traceid':
      // A trace lookup: a hex id, or a variable the viewer fills in (e.g. from a data link).
      return /^\s*([0-9a-fA-F]{16,32}|\$\{?\w+(:\w+)?\}?)\s*$/.test(t.text)
        ? { status: 'ok', message: 'trace id lookup' }
        : { status: 'error', message: `a trace id lookup needs a hex trace id or a variable, got ${JSON.stringify(t.text)}` };
    default:
      return { status: 'skipped', message: 'no SQL, PromQL or TraceQL in this target' };
  }
}

async function checkSql(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, interval: { interval: string; intervalMs: number }, sql?: SqlRunner): Promise<Partial> {
  const interpolated = interpolateVariables(t.text, vars, { datasource: 'postgres', range, interval });
  if (interpolated.unknown.length > 0) {
    return { status: 'error', message: `uses ${interpolated.unknown.map((n) => `$${n}`).join(', ')}, which the dashboard does not define`, expanded: interpolated.text };
  }
  const expanded = expandPostgresMacros(interpolated.text, { range, intervalMs: interval.intervalMs });
  if (expanded.errors.length > 0) return { status: 'error', message: expanded.errors.map((e) => `${e.macro}: ${e.message}`).join('; '), expanded: expanded.sql };
  if (!sql) return { status: 'skipped', message: 'no database given', expanded: expanded.sql };
  try {
    const r = await sql.query(expanded.sql);
    const columns = r.fields.map((f) => f.name);
    if (r.rows.length === 0) return { status: 'empty', message: 'the query returned no rows for this time range and these variable values', expanded: expanded.sql, rows: 0, columns };
    const problem = shapeProblem(t.panelType, r.fields, t.format);
    if (problem) return { status: 'wrong-shape', message: problem, expanded: expanded.sql, rows: r.rows.length, columns };
    return { status: 'ok', expanded: expanded.sql, rows: r.rows.length, columns };
  } catch (err) {
    return { status: 'error', message: errorText(err, expanded.sql), expanded: expanded.sql };
  }
}

async function checkPromQL(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, interval: { interval: string; intervalMs: number }, prom?: PromRunner): Promise<Partial> {
  const parsed = parsePromQL(t.text);
  if (!parsed.ok) return { status: 'error', message: `PromQL syntax: ${parsed.errors.map((e) => e.message).join('; ')}` };
  const interpolated = interpolateVariables(t.text, vars, { datasource: 'prometheus', range, interval });
  if (interpolated.unknown.length > 0) return { status: 'error', message: `uses ${interpolated.unknown.map((n) => `$${n}`).join(', ')}, which the dashboard does not define` };
  const expanded = expandPrometheusBuiltins(interpolated.text, {
    range,
    intervalMs: interval.intervalMs,
    scrapeInterval: prom?.scrapeInterval,
    minStep: t.minInterval,
    maxDataPoints: t.maxDataPoints,
  });
  if (expanded.errors.length > 0) return { status: 'error', message: expanded.errors.join('; '), expanded: expanded.expr };
  if (!prom) return { status: 'skipped', message: 'syntax ok; give --prometheus-url to run it', expanded: expanded.expr };
  try {
    if (t.instant) {
      const r = await promInstant(prom.url, expanded.expr, { time: range.to });
      const n: number = r.data.resultType === 'matrix' || r.data.resultType === 'vector' ? r.data.result.length : 1;
      return n === 0 ? { status: 'empty', message: 'no series at the end of the time range', expanded: expanded.expr, rows: 0 } : { status: 'ok', expanded: expanded.expr, rows: n };
    }
    const r = await queryRange(prom.url, expanded.expr, { start: range.from, end: range.to, step: Math.max(1, expanded.stepMs / 1000) });
    const samples = r.data.result.reduce((n, s) => n + s.values.length, 0);
    if (samples === 0) return { status: 'empty', message: 'no series in the time range (is the metric name right?)', expanded: expanded.expr, rows: 0 };
    return { status: 'ok', expanded: expanded.expr, rows: r.data.result.length };
  } catch (err) {
    return { status: 'error', message: err instanceof PrometheusError ? err.message : String(err), expanded: expanded.expr };
  }
}
