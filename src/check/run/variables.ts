import { expandPostgresMacros, interpolateVariables, type TimeRange, type VariableValue } from '../interpolate/index.js';
import type { CheckStatus } from './model.js';
import { asArray } from './extract.js';
import { prometheusVariableOptions } from './prom-variables.js';
import type { PromRunner, SqlRunner } from './runners.js';

type Obj = Record<string, unknown>;

export interface ResolvedVariables {
  values: Map<string, VariableValue>;
  report: Array<{ name: string; value: string | string[]; status: CheckStatus; message?: string }>;
}

/**
 * Gives every dashboard variable the value Grafana would select on load:
 * query variables run their query (SQL on the engine; PromQL ones need a
 * Prometheus and are otherwise left unresolved), in dashboard order so chained
 * variables see their parents. Selection follows Grafana: the saved current
 * value if it is among the options, else the first option (which is "All" for
 * include-all variables).
 */
export async function resolveVariables(dashboard: Obj, range: TimeRange, intervalMs: number, sql?: SqlRunner, prom?: PromRunner): Promise<ResolvedVariables> {
  const values = new Map<string, VariableValue>();
  const report: ResolvedVariables['report'] = [];
  const list = asArray((dashboard.templating as Obj | undefined)?.list);
  for (const v of list) {
    const name = String(v.name ?? '');
    const type = String(v.type ?? '');
    const base = { name, multi: v.multi === true, includeAll: v.includeAll === true, allValue: typeof v.allValue === 'string' && v.allValue ? v.allValue : undefined, type };
    let options: string[] = [];
    let status: CheckStatus = 'ok';
    let message: string | undefined;
    if (type === 'query') {
      const dsType = String((v.datasource as Obj | undefined)?.type ?? '');
      const query = typeof v.query === 'string' ? v.query : typeof (v.query as Obj | undefined)?.query === 'string' ? String((v.query as Obj).query) : '';
      if (/postgres/.test(dsType) && sql) {
        const r = await runVariableQuery(query, values, range, intervalMs, sql);
        options = r.options;
        status = r.error ? 'error' : options.length === 0 ? 'empty' : 'ok';
        message = r.error ?? (options.length === 0 ? 'the query returned no rows: every panel that uses this variable will be empty' : undefined);
      } else if (dsType === 'prometheus' && prom) {
        try {
          options = await prometheusVariableOptions(query, values, range, prom);
          status = options.length === 0 ? 'empty' : 'ok';
          message = options.length === 0 ? 'the query returned no values: every panel that uses this variable will be empty' : undefined;
        } catch (err) {
          status = 'error';
          message = err instanceof Error ? err.message : String(err);
        }
      } else {
        status = 'skipped';
        message = dsType === 'prometheus' ? 'give --prometheus-url to resolve it' : `a ${dsType || 'datasource'} variable query is not run here`;
      }
    } else if (type === 'custom' || type === 'interval') {
      options = asArray(v.options).map((o) => String(o.value));
      if (options.length === 0 && typeof v.query === 'string') options = v.query.split(/(?<!\\),/).map((s) => s.split(' : ').pop()!.trim());
    } else if (type === 'constant' || type === 'textbox') {
      options = [typeof v.query === 'string' ? v.query : ''];
    } else if (type === 'datasource') {
      const current = (v.current as Obj | undefined)?.value;
      options = current ? [String(current)] : [];
    }
    const value = select(v, options, base.includeAll, base.multi);
    values.set(name, { ...base, value, options, isAll: value === '$__all' || (Array.isArray(value) && value[0] === '$__all') });
    report.push({ name, value, status, message });
  }
  return { values, report };
}

function select(v: Obj, options: string[], includeAll: boolean, multi: boolean): string | string[] {
  const current = (v.current as Obj | undefined)?.value;
  const wanted = Array.isArray(current) ? current.map(String) : current !== undefined ? [String(current)] : [];
  const valid = wanted.filter((w) => w === '$__all' || options.includes(w));
  if (valid.length > 0) return multi ? valid : valid[0]!;
  const first = includeAll ? '$__all' : options[0];
  if (first === undefined) return multi ? [] : '';
  return multi ? [first] : first;
}

async function runVariableQuery(query: string, vars: Map<string, VariableValue>, range: TimeRange, intervalMs: number, sql: SqlRunner): Promise<{ options: string[]; error?: string }> {
  const interpolated = interpolateVariables(query, vars, { datasource: 'postgres', range }).text;
  const expanded = expandPostgresMacros(interpolated, { range, intervalMs });
  try {
    const r = await sql.query(expanded.sql);
    const names = r.fields.map((f) => f.name);
    // Grafana's SQL metricFindQuery: __text/__value columns if present, else every value of every column.
    const valueCol = names.includes('__value') ? '__value' : undefined;
    const cols = valueCol ? [valueCol] : names;
    const seen = new Set<string>();
    for (const row of r.rows) for (const c of cols) if (row[c] !== null && row[c] !== undefined) seen.add(stringify(row[c]));
    return { options: [...seen] };
  } catch (err) {
    return { options: [], error: errorText(err, expanded.sql) };
  }
}

export function stringify(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function errorText(err: unknown, query: string): string {
  const e = err as { message?: string; position?: number | string };
  const position = Number(e.position);
  if (Number.isFinite(position) && position > 0) {
    const before = query.slice(0, position - 1);
    const line = before.split('\n').length;
    const col = position - before.lastIndexOf('\n') - 1;
    const snippet = query.slice(Math.max(0, position - 21), position + 20).replace(/\s+/g, ' ');
    const message = (e.message ?? String(err)).replace(/ at position \d+$/, '');
    return `${message} at position ${position} (line ${line}, column ${col}: …${snippet}…)`;
  }
  return e.message ?? String(err);
}
