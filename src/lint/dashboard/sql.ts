/**
 * SQL queries (panel `rawSql`, SQL variable queries): variables interpolated
 * safely for where they stand, a time condition on time series, nothing after
 * the terminating `;`.
 *
 * Grafana's SQL formatter (SqlDatasource.interpolateVariable) doubles `'` in a
 * single value but does not add quotes; a multi-value variable becomes
 * `'a','b'`. `:sqlstring` always quotes and escapes. So: bare value →
 * `${v:sqlstring}`; inside '…' → plain `$v` of a single-value variable;
 * inside IN (…) → `${v:sqlstring}`, or plain `$v` of a multi-value variable.
 */
import { findVariableReferences, type VariableReference } from '../../check/interpolate/index.js';
import { joinPath } from '../../validate/issues.js';
import type { Report } from '../report.js';
import { contextAt, inListAt, lexSql, textAfterTerminator, withoutComments, type SqlSegment } from '../sql/lexer.js';
import { canonicalType, classifyRef, resolveRef, type LintDatasource } from './datasources.js';
import { isObject, panelLabel, targetsOf, type DashboardModel, type VariableEntry } from './model.js';
import { isBuiltinName } from './variables.js';

const SQL_TYPES = new Set(['grafana-postgresql-datasource', 'mysql', 'mssql']);
/** Panels that always draw a time axis, whatever the query's format. */
const TIME_PANELS = new Set(['timeseries', 'state-timeline', 'status-history', 'candlestick']);
// `now() - interval` bounds a query too (a "current state" panel reading the last minutes on purpose).
const TIME_CONDITION = /\$__(timeFilter|timeFrom|timeTo|unixEpochFilter|unixEpochNanoFilter|unixEpochFrom|unixEpochTo|unixEpochNanoFrom|unixEpochNanoTo)\b|\$\{?__(from|to)\b|\bnow\(\)\s*-/i;

interface SqlText {
  readonly sql: string;
  readonly path: string;
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
      out.push({ sql: v.def.query.rawSql, path: joinPath(v.path, 'query.rawSql'), timeSeries: false });
    } else if (typeof v.def.query === 'string' && isSqlDatasource(v.def.datasource, datasources)) {
      out.push({ sql: v.def.query, path: joinPath(v.path, 'query'), timeSeries: false });
    }
  }
  return out;
}

function isSqlDatasource(value: unknown, datasources: readonly LintDatasource[] | undefined): boolean {
  const ref = classifyRef(value);
  const type = 'type' in ref && ref.type !== undefined ? ref.type : resolveRef(ref, datasources ?? [])?.type;
  return type !== undefined && SQL_TYPES.has(canonicalType(type));
}

function checkInterpolation(q: SqlText, segments: readonly SqlSegment[], variables: ReadonlyMap<string, VariableEntry>, report: Report): void {
  const seen = new Set<string>();
  for (const ref of findVariableReferences(q.sql)) {
    const v = variables.get(ref.name);
    if (!v || isBuiltinName(ref.name) || restricted(v)) continue;
    const problem = unsafeBecause(ref, v, q.sql, segments);
    if (problem === undefined || seen.has(ref.match)) continue;
    seen.add(ref.match);
    report('sql-unsafe-interpolation', q.path, problem, q.panel);
  }
}

/** Values a viewer cannot choose freely (no URL override), so they cannot inject. */
function restricted(v: VariableEntry): boolean {
  if (v.type === 'constant' || v.type === 'interval' || v.type === 'datasource') return true;
  return v.type === 'custom' && v.def.allowCustomValue === false;
}

/** Why this reference is unsafe where it stands, or undefined when it is safe. */
export function unsafeBecause(ref: VariableReference, v: VariableEntry, sql: string, segments: readonly SqlSegment[]): string | undefined {
  const context = contextAt(segments, ref.start);
  const format = ref.format?.split(':')[0];
  const several = v.multi || (v.includeAll && v.allValue === undefined);
  const safe = `\${${v.name}:sqlstring}`;
  switch (context) {
    case 'comment':
      return undefined;
    case 'identifier':
      return `${ref.match} inside a "…" identifier: Grafana cannot escape identifiers, so a value containing " breaks out; use a constant or a custom variable with allowCustomValue: false`;
    case 'string':
      if (format === undefined) {
        return several ? `'${ref.match}' with a multi-value variable: Grafana writes 'a','b' inside the quotes; use IN (${safe}) without quotes` : undefined;
      }
      if (format === 'sqlstring') return `'${ref.match}': sqlstring adds its own quotes, so the value ends up in ''…''; drop the surrounding quotes`;
      return `'${ref.match}': the ${format} format does not escape ', so a value with a quote ends the string and can inject SQL; write ${safe} without the quotes`;
    case 'code': {
      if (format === 'sqlstring') return undefined;
      const inList = inListAt(sql, segments, ref.start);
      if (format === undefined) {
        if (inList && v.multi) return undefined;
        if (several) return `${ref.match} with a multi-value variable outside IN (…): Grafana writes 'a','b' here; use IN (${safe})`;
        return `${ref.match} is inserted unquoted: Grafana doubles ' in a single value but adds no quotes, so text values break the query and can inject SQL; write ${safe}`;
      }
      if (format === 'raw') return `${ref.match} inserts the value exactly as given (a URL parameter can set it): SQL injection; write ${safe}`;
      return `${ref.match}: the ${format} format neither quotes nor escapes for SQL; write ${safe}`;
    }
  }
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}
