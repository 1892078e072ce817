/**
 * Runs a rule's datasource queries for `check` and `backtest`, as Grafana's
 * alert evaluation sends them: SQL with the rule's window as the time range
 * and `$__interval` from maxDataPoints 43200 / intervalMs 1000 (the model
 * every Grafana-managed rule query carries); PromQL as a range query over
 * the window at that step, or an instant query at its end when the query
 * says `instant`.
 */
import type { Needs } from '../model/needs.js';
import { calculateInterval, expandPostgresMacros, expandPrometheusBuiltins } from '../check/interpolate/index.js';
import { query as promInstant, queryRange } from '../check/prometheus-client.js';
import type { PromRunner, SqlRunner } from '../check/run/runners.js';
import { framesFromProm, framesFromSql } from './engine/frames.js';
import type { QueryRunner } from './engine/backtest.js';
import type { NodeResult } from './engine/values.js';

const ALERT_MAX_DATA_POINTS = 43200;

export interface AlertBackends {
  sql?: SqlRunner;
  prometheus?: PromRunner;
}

export type AlertLanguage = 'sql' | 'promql';

/** The query text as it would be sent for this window. */
export function expandAlertQuery(text: string, language: AlertLanguage, window: { from: Date; to: Date }, scrapeInterval?: string): { text: string; stepMs: number; errors: string[] } {
  const interval = calculateInterval(window, ALERT_MAX_DATA_POINTS, '1s');
  if (language === 'sql') {
    const r = expandPostgresMacros(text, { range: window, intervalMs: interval.intervalMs });
    return { text: r.sql, stepMs: interval.intervalMs, errors: r.errors.map((e) => `${e.macro}: ${e.message}`) };
  }
  const r = expandPrometheusBuiltins(text, { range: window, intervalMs: interval.intervalMs, scrapeInterval, maxDataPoints: ALERT_MAX_DATA_POINTS });
  return { text: r.expr, stepMs: r.stepMs, errors: r.errors };
}

export interface AlertQueryRun {
  expanded: string;
  /** The values the expressions get, or why there are none. */
  result: NodeResult | Error;
  /** Rows (SQL) or series (PromQL) returned; undefined when nothing ran. */
  rows?: number;
  columns?: string[];
  /** Nothing ran: no backend for this language. */
  notRun?: string;
  /** Not run for want of this backend. */
  needs?: Needs;
}

export async function runAlertQueryText(text: string, language: AlertLanguage, instant: boolean, window: { from: Date; to: Date }, backends: AlertBackends): Promise<AlertQueryRun> {
  const expanded = expandAlertQuery(text, language, window, backends.prometheus?.scrapeInterval);
  if (expanded.errors.length > 0) return { expanded: expanded.text, result: new Error(expanded.errors.join('; ')) };
  try {
    if (language === 'sql') {
      if (!backends.sql) return { expanded: expanded.text, result: new Error('no database to run SQL against'), notRun: 'no database' };
      const r = await backends.sql.query(expanded.text);
      return { expanded: expanded.text, result: framesFromSql(r), rows: r.rows.length, columns: r.fields.map((f) => f.name) };
    }
    if (!backends.prometheus) return { expanded: expanded.text, result: new Error('no Prometheus to run PromQL against'), notRun: 'no Prometheus given', needs: 'prometheus' };
    let result: NodeResult | Error;
    if (instant) {
      const data = (await promInstant(backends.prometheus.url, expanded.text, { time: window.to }, backends.prometheus)).data;
      if (data.resultType === 'vector') result = framesFromProm(data.result as never);
      else if (data.resultType === 'scalar') result = { values: [{ kind: 'number', labels: {}, value: Number((data.result as readonly [number, string])[1]) }] };
      else result = new Error(`an instant query returned a ${data.resultType}, not numbers`);
    } else {
      result = framesFromProm((await queryRange(backends.prometheus.url, expanded.text, { start: window.from, end: window.to, step: Math.max(1, expanded.stepMs / 1000) }, backends.prometheus)).data.result as never);
    }
    return { expanded: expanded.text, result, rows: result instanceof Error ? undefined : result.values.length };
  } catch (e) {
    return { expanded: expanded.text, result: e instanceof Error ? e : new Error(String(e)) };
  }
}

export function alertQueryRunner(backends: AlertBackends): QueryRunner {
  return async (node, window) => {
    const q = node.query;
    const language = q.text.language === 'sql' || q.text.language === 'promql' ? q.text.language : undefined;
    if (!language) return new Error(`${q.text.language} queries are not evaluated by dashcode's backtest`);
    return (await runAlertQueryText(q.text.text, language, (q.model as { instant?: boolean }).instant === true, window, backends)).result;
  };
}
