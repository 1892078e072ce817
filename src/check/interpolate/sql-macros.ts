/**
 * The backend half for PostgreSQL: what Grafana's server does to `rawSql` after the
 * frontend has replaced variables, in this order:
 *
 * 1. sqleng `Interpolate` (pkg/tsdb/grafana-postgresql-datasource/sqleng/sql_engine.go):
 *    plain text replacement of `$__interval_ms`, `$__interval`, `$__unixEpochFrom()`,
 *    `$__unixEpochTo()`;
 * 2. the postgres macro engine (pkg/tsdb/grafana-postgresql-datasource/macros.go): every
 *    match of `\$([_a-zA-Z0-9]+)\(([^\)]*)\)`, arguments split at `,` and trimmed of spaces.
 *
 * Faithful limits of that regex: arguments cannot contain `)` (so
 * `$__timeFilter(date_trunc('day', t))` passes `date_trunc('day'` as the column, and a
 * `)` is left over), nor a `,` inside a column expression. Any other `$name(...)` is an
 * "unknown macro" error. `$__timeGroup(...)` directly followed by `,` (at its first
 * occurrence in the query) gets `AS "time"` appended, for pre-5.3 dashboards.
 */
import {
  formatGtimeInterval,
  goFixed3,
  goFormatFloat,
  goSeconds,
  goUnix,
  goUnixNano,
  parseGtimeInterval,
  rfc3339Nano,
} from './go-time.js';
import type { TimeRange } from './types.js';
import { isWordCode } from '../../languages/variables/references.js';
import { trimRuns } from '../../model/trim-runs.js';

export interface PostgresMacroContext {
  range: TimeRange;
  /** The query's interval (the frontend `intervalMs` sent with the request). */
  intervalMs: number;
  /** The data source's `timescaledb` option: `$__timeGroup` becomes `time_bucket(...)`. */
  timescaledb?: boolean;
  /** For `NM` / `Ny` intervals, which Go measures from the wall clock; defaults to `range.to`. */
  now?: Date;
}

/**
 * The third `$__timeGroup` argument. It changes no SQL: Grafana stores it on the query
 * (sqleng SetupFillmode) and fills missing buckets in the result frame afterwards.
 */
export interface FillMode {
  mode: 'null' | 'previous' | 'value';
  value?: number;
  intervalSeconds: number;
}

export interface PostgresMacroResult {
  sql: string;
  /** Grafana fails the whole query on the first of these. */
  errors: Array<{ macro: string; message: string }>;
  fill?: FillMode;
}

/**
 * The macros of a query, as sqleng's regex `\$([_a-zA-Z0-9]+)\(([^\)]*)\)` finds
 * them, in one pass: with no `)` left, the regex would run to the end of the
 * text from every `$name(` (quadratic on `$a(` repeated).
 */
export function macroMatches(text: string): Array<{ match: string; name: string; args: string; index: number }> {
  const out: Array<{ match: string; name: string; args: string; index: number }> = [];
  let close = -1;
  for (let i = text.indexOf('$'); i !== -1; ) {
    let end = i + 1;
    while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
    if (end === i + 1 || text[end] !== '(') {
      i = text.indexOf('$', i + 1);
      continue;
    }
    if (close <= end) close = text.indexOf(')', end + 1);
    if (close === -1) break; // no macro can close after here
    out.push({ match: text.slice(i, close + 1), name: text.slice(i + 1, end), args: text.slice(end + 1, close), index: i });
    i = text.indexOf('$', close + 1);
  }
  return out;
}


/** sqleng.Interpolate: global substitutions shared by the SQL data sources. */
export function interpolateSqlGlobals(sql: string, range: TimeRange, intervalMs: number): string {
  return sql
    .replaceAll('$__interval_ms', String(Math.trunc(intervalMs)))
    .replaceAll('$__interval', formatGtimeInterval(intervalMs))
    .replaceAll('$__unixEpochFrom()', String(goUnix(range.from)))
    .replaceAll('$__unixEpochTo()', String(goUnix(range.to)));
}

/** Go strconv.ParseFloat, close enough: decimal or hex floats, inf, infinity, nan. */
function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (/^[+-]?(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  return undefined;
}

/** sqleng SetupFillmode. */
function fillMode(intervalMs: number, arg: string): FillMode | string {
  const intervalSeconds = intervalMs / 1000;
  if (arg === 'NULL') return { mode: 'null', intervalSeconds };
  if (arg === 'previous') return { mode: 'previous', intervalSeconds };
  const value = parseGoFloat(arg);
  if (value === undefined) return `error parsing fill value ${arg}`;
  return { mode: 'value', value, intervalSeconds };
}

interface MacroState {
  ctx: PostgresMacroContext;
  fill?: FillMode;
}

function evaluate(state: MacroState, name: string, args: string[]): string | { error: string } {
  const { range, timescaledb } = state.ctx;
  const col = args[0] ?? '';
  const missingCol = { error: `missing time column argument for macro ${name}` };
  switch (name) {
    case '__time':
      return args.length === 0 ? missingCol : `${col} AS "time"`;
    case '__timeEpoch':
      return args.length === 0 ? missingCol : `extract(epoch from ${col}) as "time"`;
    case '__timeFilter':
      return args.length === 0 ? missingCol : `${col} BETWEEN '${rfc3339Nano(range.from)}' AND '${rfc3339Nano(range.to)}'`;
    case '__timeFrom':
      return `'${rfc3339Nano(range.from)}'`;
    case '__timeTo':
      return `'${rfc3339Nano(range.to)}'`;
    case '__timeGroup':
    case '__unixEpochGroup': {
      if (args.length < 2) return { error: `macro ${name} needs time column and interval and optional fill value` };
      const raw = args[1] ?? '';
      const ms = parseGtimeInterval(trimRuns(raw, "'"), state.ctx.now ?? range.to);
      if (ms === undefined) return { error: `error parsing interval ${raw}` };
      if (args.length === 3) {
        const fill = fillMode(ms, args[2] ?? '');
        if (typeof fill === 'string') return { error: fill };
        state.fill = fill;
      }
      const secs = goSeconds(ms);
      if (name === '__unixEpochGroup') return `floor((${col})/${goFormatFloat(secs)})*${goFormatFloat(secs)}`;
      if (timescaledb) return `time_bucket('${goFixed3(secs)}s',${col})`;
      return `floor(extract(epoch from ${col})/${goFormatFloat(secs)})*${goFormatFloat(secs)}`;
    }
    case '__timeGroupAlias':
    case '__unixEpochGroupAlias': {
      const tg = evaluate(state, name.replace('Alias', ''), args);
      return typeof tg === 'string' ? tg + ' AS "time"' : tg;
    }
    case '__unixEpochFilter':
      return args.length === 0 ? missingCol : `${col} >= ${goUnix(range.from)} AND ${col} <= ${goUnix(range.to)}`;
    case '__unixEpochNanoFilter':
      return args.length === 0 ? missingCol : `${col} >= ${goUnixNano(range.from)} AND ${col} <= ${goUnixNano(range.to)}`;
    case '__unixEpochNanoFrom':
      return String(goUnixNano(range.from));
    case '__unixEpochNanoTo':
      return String(goUnixNano(range.to));
    default:
      return { error: `unknown macro "${name}"` };
  }
}

/**
 * Expands the PostgreSQL macros exactly as Grafana's backend writes them. A failing
 * macro becomes `macro_error()` (the first) or nothing (later ones), as in macros.go;
 * every failure is listed in `errors`.
 */
export function expandPostgresMacros(sql: string, ctx: PostgresMacroContext): PostgresMacroResult {
  const original = interpolateSqlGlobals(sql, ctx.range, ctx.intervalMs);
  const state: MacroState = { ctx };
  const errors: PostgresMacroResult['errors'] = [];
  // macros.go looks at the first occurrence of a __timeGroup's text in the query: found once per text.
  const aliased = new Map<string, boolean>();
  let out = '';
  let last = 0;
  for (const { match, name: rawName, args: rawArgs, index } of macroMatches(original)) {
    let name = rawName;
    if (name === '__timeGroup') {
      let alias = aliased.get(match);
      if (alias === undefined) aliased.set(match, (alias = original[original.indexOf(match) + match.length] === ','));
      if (alias) name = '__timeGroupAlias';
    }
    const args = rawArgs.split(',').map((a) => trimRuns(a, ' '));
    const res = evaluate(state, name, args);
    let replacement: string;
    if (typeof res === 'string') replacement = res;
    else {
      errors.push({ macro: match, message: res.error });
      replacement = errors.length === 1 ? 'macro_error()' : '';
    }
    out += original.slice(last, index) + replacement;
    last = index + match.length;
  }
  out += original.slice(last);
  const result: PostgresMacroResult = { sql: out, errors };
  if (state.fill) result.fill = state.fill;
  return result;
}
