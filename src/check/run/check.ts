import { calculateInterval, interpolateVariables, type TimeRange, type VariableValue } from '../interpolate/index.js';
import { parsePromQL } from '../../languages/promql/index.js';
import type { DashboardCheck, QueryCheck } from './model.js';
import { extractTargets, type TargetRef } from './extract.js';
import type { PromRunner, SqlRunner } from './runners.js';
import { shapeProblem } from './shape.js';
import { dashboardRange } from './time-range.js';
import { DEFAULT_MAX_DATA_POINTS, executePromQL, executeSql } from './execute.js';
import { resolveVariables, type GivenVariableValues } from './variables.js';
import { repeatClones } from './repeat.js';
import { checkExpression } from './expression.js';
import { readOnlySql, type QueryLimits } from '../../db/read-only.js';
import { renderPath } from '../../model/issue-path.js';

/** `queryTimeoutMs`, `maxRows` and `maxResultBytes` (QueryLimits) are preview's too. */
export interface CheckOptions extends QueryLimits {
  sql?: SqlRunner;
  prometheus?: PromRunner;
  /** Override the dashboard's time range (Grafana syntax: `now-7d`, ISO dates, epoch ms). */
  from?: string;
  to?: string;
  now?: Date;
  file?: string;
  /** The Grafana release whose interpolation to imitate (e.g. `12.3.0`); default the current release. */
  grafanaVersion?: string;
  /** Variable values to select, as a dashboard URL's `var-<name>=<value>` selects them on load. */
  variableValues?: GivenVariableValues;
}

/**
 * Runs every query of a dashboard the way Grafana would (variables selected
 * and interpolated, macros expanded, over the dashboard's time range, repeated
 * panels once per value) and judges each result against its panel. Never
 * throws for a broken query: a broken query is the finding.
 */
export async function checkDashboard(dashboard: Record<string, unknown>, options: CheckOptions = {}): Promise<DashboardCheck> {
  const now = options.now ?? new Date();
  const { fromText, toText, range, error } = dashboardRange(dashboard, { from: options.from, to: options.to, now });
  const title = typeof dashboard.title === 'string' ? dashboard.title : '(untitled)';
  const result: DashboardCheck = {
    file: options.file,
    dashboard: title,
    uid: typeof dashboard.uid === 'string' ? dashboard.uid : undefined,
    range: { from: fromText, to: toText },
    variables: [],
    queries: [],
  };
  if (!range) {
    result.queries.push({ dashboard: title, panel: '(dashboard)', path: 'time', language: 'unknown', status: 'error', message: error!, ms: 0 });
    return result;
  }
  // An SqlEngine is only ever queried read-only, in one statement, with a timeout and a row cap.
  options = { ...options, sql: readOnlySql(options.sql, options) };
  const dashboardInterval = calculateInterval(range, DEFAULT_MAX_DATA_POINTS).intervalMs;
  const variables = await resolveVariables(dashboard, range, dashboardInterval, options.sql, options.prometheus, { grafanaVersion: options.grafanaVersion, given: options.variableValues });
  result.variables = variables.report;
  for (const target of extractTargets(dashboard)) {
    for (const clone of repeatClones(target, variables.values)) {
      const started = performance.now();
      const check = await checkTarget(target, clone.vars, range, options);
      const panel = clone.label ? `${target.panelTitle} (${clone.label})` : target.panelTitle;
      result.queries.push({ ...check, dashboard: title, panel, path: renderPath(target.path), refId: target.refId, language: target.language, ms: Math.round(performance.now() - started) });
    }
  }
  return result;
}

type Partial = Omit<QueryCheck, 'dashboard' | 'panel' | 'path' | 'refId' | 'language' | 'ms'>;

/** A parse-only result: the same words for every language, never "ok" (it did not run). */
function parsed(language: string, ok: boolean, errors: ReadonlyArray<{ message: string }>, why: string): Partial {
  return ok ? { status: 'syntax-ok', message: `${language} syntax ok; ${why}` } : { status: 'error', message: `${language} syntax: ${errors.map((e) => e.message).join('; ')}` };
}

async function checkTarget(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, o: CheckOptions): Promise<Partial> {
  // The datasources' filterQuery drops a query without text: Grafana runs nothing for it.
  if (t.language !== 'unknown' && t.language !== 'expression' && t.text.trim() === '') return { status: 'skipped', message: 'empty query: Grafana does not run it' };
  switch (t.language) {
    case 'sql':
      return checkSql(t, vars, range, o);
    case 'promql':
      return checkPromQL(t, vars, range, o.prometheus);
    case 'logql': {
      // Loaded on first use, like TraceQL's: a check of PromQL and SQL dashboards loads neither grammar.
      const { parseLogQL } = await import('../../languages/logql/index.js');
      const r = parseLogQL(t.text);
      return parsed('LogQL', r.ok, r.ok ? [] : r.errors, 'dashcode does not run Loki queries');
    }
    case 'traceql': {
      const { parseTraceQL } = await import('../../languages/traceql/index.js');
      const r = parseTraceQL(t.text);
      return parsed('TraceQL', r.ok, r.ok ? [] : r.errors, 'dashcode does not run Tempo queries');
    }
    case 'traceid':
      return checkTraceId(t, vars, range);
    case 'expression':
      return checkExpression(t);
    default:
      return { status: 'skipped', message: t.datasourceType ? `not checked (type ${t.datasourceType})` : 'not checked (no SQL, PromQL, LogQL or TraceQL in this target)' };
  }
}

/**
 * A trace lookup: the id after interpolation (Tempo's formatter is `pipe`). Grafana's
 * Tempo datasource fails the panel while it is empty, so an empty id is an error here
 * too, unless the panel is in a collapsed row: nothing there runs on load, and the
 * row is opened once an id is chosen (a data link, a textbox), which the check cannot
 * do; given a value (`variableValues`), the lookup is checked.
 */
function checkTraceId(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange): Partial {
  const id = interpolateVariables(t.text, vars, { datasource: 'tempo', range }).text.trim();
  const what = t.text.trim() || 'no query';
  if (id === '' && t.collapsed) return { status: 'skipped', message: `trace lookup with an empty trace id (${what}) in a collapsed row: Grafana runs it once the row is opened, after an id is chosen; give the variable a value to check it`, expanded: id, needs: 'variable' };
  if (id === '') return { status: 'error', message: `trace lookup with an empty trace id (${what}): Grafana shows an error on this panel until a trace id is chosen`, expanded: id };
  if (!/^[0-9a-fA-F]{1,32}$/.test(id)) return { status: 'error', message: `a trace lookup needs a hex trace id, got ${JSON.stringify(id)}`, expanded: id };
  return { status: 'syntax-ok', message: 'trace id lookup; dashcode does not run Tempo queries', expanded: id };
}

async function checkSql(t: TargetRef, vars: Map<string, VariableValue>, range: TimeRange, o: CheckOptions): Promise<Partial> {
  const e = await executeSql(t, vars, range, o.sql, { grafanaVersion: o.grafanaVersion });
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
  const syntax = parsePromQL(t.text);
  if (!syntax.ok) return parsed('PromQL', false, syntax.errors, '');
  const e = await executePromQL(t, vars, range, prom);
  switch (e.kind) {
    case 'error':
      return { status: 'error', message: e.message, expanded: e.expanded };
    case 'not-run':
      return { ...parsed('PromQL', true, [], 'not run: no Prometheus given'), needs: 'prometheus', expanded: e.expanded };
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
