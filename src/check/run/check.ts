import { calculateInterval, type TimeRange, type VariableValue } from '../interpolate/index.js';
import { parsePromQL } from '../promql/index.js';
import { parseTraceQL } from '../traceql/index.js';
import type { DashboardCheck, QueryCheck } from './model.js';
import { extractTargets, type TargetRef } from './extract.js';
import type { PromRunner, SqlRunner } from './runners.js';
import { shapeProblem } from './shape.js';
import { parseTime } from './time-range.js';
import { DEFAULT_MAX_DATA_POINTS, executePromQL, executeSql } from './execute.js';
import { resolveVariables } from './variables.js';
import { asReadOnly } from '../../db/read-only.js';

export interface CheckOptions {
  sql?: SqlRunner;
  prometheus?: PromRunner;
  /** Override the dashboard's time range (Grafana syntax: `now-7d`, ISO dates, epoch ms). */
  from?: string;
  to?: string;
  now?: Date;
  file?: string;
  /** Per-query timeout for SQL, in ms (default 10 000); see queryReadOnly. */
  queryTimeoutMs?: number;
  /** Rows kept per SQL query (default 100 000). */
  maxRows?: number;
}

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
  // An SqlEngine is only ever queried read-only, in one statement, with a timeout and a row cap.
  options = { ...options, sql: asReadOnly(options.sql, { timeoutMs: options.queryTimeoutMs, maxRows: options.maxRows }) };
  const dashboardInterval = calculateInterval(range, DEFAULT_MAX_DATA_POINTS).intervalMs;
  const variables = await resolveVariables(dashboard, range, dashboardInterval, options.sql, options.prometheus);
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
  switch (t.language) {
    case 'sql':
      return checkSql(t, vars, range, o.sql);
    case 'promql':
      return checkPromQL(t, vars, range, o.prometheus);
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

async function checkSql(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, sql?: SqlRunner): Promise<Partial> {
  const e = await executeSql(t, vars, range, sql);
  if (e.kind === 'error') return { status: 'error', message: e.message, expanded: e.expanded };
  if (e.kind !== 'sql') return { status: 'skipped', message: 'no database given', expanded: e.expanded };
  const columns = e.fields.map((f) => f.name);
  if (e.rows.length === 0) return { status: 'empty', message: 'the query returned no rows for this time range and these variable values', expanded: e.expanded, rows: 0, columns };
  const problem = shapeProblem(t.panelType, e.fields, t.format);
  if (problem) return { status: 'wrong-shape', message: problem, expanded: e.expanded, rows: e.rows.length, columns };
  if (e.truncated) return { status: 'ok', message: `more rows than the row cap: only the first ${e.rows.length} were read`, expanded: e.expanded, rows: e.rows.length, columns };
  return { status: 'ok', expanded: e.expanded, rows: e.rows.length, columns };
}

async function checkPromQL(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, prom?: PromRunner): Promise<Partial> {
  const parsed = parsePromQL(t.text);
  if (!parsed.ok) return { status: 'error', message: `PromQL syntax: ${parsed.errors.map((e) => e.message).join('; ')}` };
  const e = await executePromQL(t, vars, range, prom);
  switch (e.kind) {
    case 'error':
      return { status: 'error', message: e.message, expanded: e.expanded };
    case 'not-run':
      return { status: 'skipped', message: 'syntax ok; give --prometheus-url to run it', expanded: e.expanded };
    case 'prom-instant': {
      const n: number = e.data.resultType === 'matrix' || e.data.resultType === 'vector' ? e.data.result.length : 1;
      return n === 0 ? { status: 'empty', message: 'no series at the end of the time range', expanded: e.expanded, rows: 0 } : { status: 'ok', expanded: e.expanded, rows: n };
    }
    case 'prom-range': {
      const samples = e.series.reduce((n, s) => n + s.values.length, 0);
      if (samples === 0) return { status: 'empty', message: 'no series in the time range (is the metric name right?)', expanded: e.expanded, rows: 0 };
      return { status: 'ok', expanded: e.expanded, rows: e.series.length };
    }
    default:
      return { status: 'error', message: `unexpected result ${e.kind}` };
  }
}
