/**
 * Runs a rule's datasource queries for `check` and `backtest`, as Grafana's
 * alert evaluation sends them: SQL with the rule's window as the time range
 * and `$__interval` from maxDataPoints 43200 / intervalMs 1000 (the model
 * every Grafana-managed rule query carries); PromQL as a range query over
 * the window at that step, or an instant query at its end when the query
 * says `instant`.
 */
import { calculateInterval, expandPostgresMacros, expandPrometheusBuiltins } from '../check/interpolate/index.js';
import { query as promInstant, queryRange } from '../check/prometheus-client.js';
import type { PromRunner, SqlRunner } from '../check/run/runners.js';
import { framesFromProm, framesFromSql } from './engine/frames.js';
import type { QueryRunner } from './engine/backtest.js';

const ALERT_MAX_DATA_POINTS = 43200;

export interface AlertBackends {
  sql?: SqlRunner;
  prometheus?: PromRunner;
}

/** The query text as it would be sent for this window (for error messages and `check`). */
export function expandAlertQuery(text: string, language: 'sql' | 'promql', window: { from: Date; to: Date }, scrapeInterval?: string): { text: string; stepMs: number; errors: string[] } {
  const interval = calculateInterval(window, ALERT_MAX_DATA_POINTS, '1s');
  if (language === 'sql') {
    const r = expandPostgresMacros(text, { range: window, intervalMs: interval.intervalMs });
    return { text: r.sql, stepMs: interval.intervalMs, errors: r.errors.map((e) => `${e.macro}: ${e.message}`) };
  }
  const r = expandPrometheusBuiltins(text, { range: window, intervalMs: interval.intervalMs, scrapeInterval, maxDataPoints: ALERT_MAX_DATA_POINTS });
  return { text: r.expr, stepMs: r.stepMs, errors: r.errors };
}

export function alertQueryRunner(backends: AlertBackends): QueryRunner {
  return async (node, window) => {
    const q = node.query;
    const language = q.text.language === 'sql' ? 'sql' : q.text.language === 'promql' ? 'promql' : undefined;
    if (!language) return new Error(`${q.text.language} queries are not evaluated by dashcode's backtest`);
    const expanded = expandAlertQuery(q.text.text, language, window, backends.prometheus?.scrapeInterval);
    if (expanded.errors.length > 0) return new Error(expanded.errors.join('; '));
    try {
      if (language === 'sql') {
        if (!backends.sql) return new Error('no database to run SQL against');
        return framesFromSql(await backends.sql.query(expanded.text));
      }
      if (!backends.prometheus) return new Error('no Prometheus to run PromQL against');
      if ((q.model as { instant?: boolean }).instant) {
        const r = await promInstant(backends.prometheus.url, expanded.text, { time: window.to });
        if (r.data.resultType === 'vector') return framesFromProm(r.data.result as never);
        if (r.data.resultType === 'scalar') return { values: [{ kind: 'number', labels: {}, value: Number((r.data.result as readonly [number, string])[1]) }] };
        return new Error(`an instant query returned a ${r.data.resultType}, not numbers`);
      }
      const r = await queryRange(backends.prometheus.url, expanded.text, { start: window.from, end: window.to, step: Math.max(1, expanded.stepMs / 1000) });
      return framesFromProm(r.data.result as never);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  };
}
