/**
 * SQL queries (panel `rawSql`, SQL variable queries): variables interpolated
 * safely for where they stand (the judgement is shared with the `sql` tag:
 * languages/sql/interpolation.ts), a time condition on time series, nothing
 * after the terminating `;`.
 */
import { findVariableReferences, type VariableReference } from '../../languages/variables/references.js';
import { joinPath, type IssuePath } from '../../model/issue-path.js';
import type { Report } from '../report.js';
import { lexSql, textAfterTerminator, withoutComments, type SqlSegment } from '../../languages/sql/lexer.js';
import { isRestrictedVariable, unsafeSqlReference, type SqlVariableInfo } from '../../languages/sql/interpolation.js';
import { isSqlPlugin } from '../../model/datasource-plugins.js';
import { classifyRef, resolveRef, type LintDatasource } from './datasources.js';
import { isObject, panelLabel, targetsOf, type DashboardModel, type VariableEntry } from './model.js';
import { isBuiltinName } from './variables.js';

/** Panels that always draw a time axis, whatever the query's format. */
const TIME_PANELS = new Set(['timeseries', 'state-timeline', 'status-history', 'candlestick']);
// `now() - interval` bounds a query too (a "current state" panel reading the last minutes on purpose).
/** A SQL time condition: Grafana's time macros, `${__from}`/`${__to}`, or `now() - …`. Shared by dashboard and alert-rule lint. */
export const TIME_CONDITION = /\$__(timeFilter|timeFrom|timeTo|unixEpochFilter|unixEpochNanoFilter|unixEpochFrom|unixEpochTo|unixEpochNanoFrom|unixEpochNanoTo)\b|\$\{?__(from|to)\b|\bnow\(\)\s*-/i;

interface SqlText {
  readonly sql: string;
  readonly path: IssuePath;
  readonly panel?: string;
  /** Whether the result is drawn on a time axis (the time filter rule applies). */
  readonly timeSeries: boolean;
}

export function checkSql(model: DashboardModel, datasources: readonly LintDatasource[] | undefined, report: Report): void {
  const variables = new Map(model.variables.map((v) => [v.name, v]));
  for (const q of sqlTexts(model, datasources)) {
    const segments = lexSql(q.sql);
    checkInterpolation(q, segments, variables, report);
    const after = textAfterTerminator(q.sql, segments);
    if (after) {
      report('sql-trailing-comment', q.path, `text after the terminating ";": ${JSON.stringify(short(after.rest))}; a comment there hides whatever is appended to the line, and a second statement is not what the panel shows; remove it`, q.panel);
    }
    if (q.timeSeries && !TIME_CONDITION.test(withoutComments(q.sql, segments))) {
      report('sql-time-filter', q.path, 'time-series query without $__timeFilter(column) (or $__timeFrom()/$__timeTo()): it reads every row ever written and ignores the dashboard time range', q.panel);
    }
  }
}

function sqlTexts(model: DashboardModel, datasources: readonly LintDatasource[] | undefined): SqlText[] {
  const out: SqlText[] = [];
  for (const panel of model.panels) {
    for (const t of targetsOf(panel)) {
      if (typeof t.target.rawSql !== 'string') continue;
      const timeSeries = t.target.format === 'time_series' || TIME_PANELS.has(panel.type);
      out.push({ sql: t.target.rawSql, path: joinPath(t.path, 'rawSql'), panel: panelLabel(panel), timeSeries });
    }
  }
  for (const v of model.variables) {
    if (v.type !== 'query') continue;
    if (isObject(v.def.query) && typeof v.def.query.rawSql === 'string') {
      out.push({ sql: v.def.query.rawSql, path: joinPath(v.path, 'query', 'rawSql'), timeSeries: false });
    } else if (typeof v.def.query === 'string' && isSqlDatasource(v.def.datasource, datasources)) {
      out.push({ sql: v.def.query, path: joinPath(v.path, 'query'), timeSeries: false });
    }
  }
  return out;
}

function isSqlDatasource(value: unknown, datasources: readonly LintDatasource[] | undefined): boolean {
  const ref = classifyRef(value);
  const type = 'type' in ref && ref.type !== undefined ? ref.type : resolveRef(ref, datasources ?? [])?.type;
  return type !== undefined && isSqlPlugin(type);
}

function checkInterpolation(q: SqlText, segments: readonly SqlSegment[], variables: ReadonlyMap<string, VariableEntry>, report: Report): void {
  const seen = new Set<string>();
  const refs = findVariableReferences(q.sql);
  for (const ref of refs) {
    const v = variables.get(ref.name);
    if (!v || isBuiltinName(ref.name)) continue;
    const problem = unsafeSqlReference(ref, sqlVariable(v), q.sql, segments, refs);
    if (problem === undefined || seen.has(ref.match)) continue;
    seen.add(ref.match);
    report('sql-unsafe-interpolation', q.path, problem, q.panel);
  }
}

export function sqlVariable(v: VariableEntry): SqlVariableInfo {
  return { name: v.name, multi: v.multi, includeAll: v.includeAll, allValue: v.allValue, restricted: isRestrictedVariable(v.type, v.def.allowCustomValue) };
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}
