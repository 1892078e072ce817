/**
 * The interval Grafana's frontend sends with a query (`intervalMs`, and
 * `$__interval` for frontend interpolation). Scenes SceneQueryRunner.prepareRequests:
 *
 *   lowerIntervalLimit = panel "Min interval" (interpolated) || ds.interval
 *   rangeUtil.calculateInterval(range, request.maxDataPoints, lowerIntervalLimit)
 *
 * where `ds.interval` is the datasource's `timeInterval`, defaulting to `1m` for the
 * SQL datasources (packages/grafana-sql SqlDatasource constructor) and `15s` for
 * Prometheus (packages/grafana-prometheus datasource.ts constructor). The same
 * `maxDataPoints` goes to the backend, which computes the Prometheus step from it.
 */
import { isSqlPlugin } from '../../model/datasource-plugins.js';
import { calculateInterval, interpolateVariables, type TimeRange, type VariableValue } from '../interpolate/index.js';
import type { TargetRef } from './extract.js';

/** Grafana's default when a panel sets no max data points (roughly the panel's width in pixels). */
export const DEFAULT_MAX_DATA_POINTS = 1000;


/** `ds.interval`: the datasource's own lower limit for `$__interval`. */
export function datasourceMinInterval(t: Pick<TargetRef, 'language' | 'datasourceType'>, timeInterval?: string): string | undefined {
  if (t.language === 'sql' || (t.datasourceType !== undefined && isSqlPlugin(t.datasourceType))) return timeInterval || '1m';
  if (t.language === 'promql' || t.datasourceType === 'prometheus') return timeInterval || '15s';
  return timeInterval || undefined;
}

export function maxDataPointsOf(t: Pick<TargetRef, 'maxDataPoints'>): number {
  return t.maxDataPoints ?? DEFAULT_MAX_DATA_POINTS;
}

/** `$__interval` / `intervalMs` of one target. A min interval that does not resolve to a duration falls back to the datasource's. */
export function targetInterval(t: TargetRef, range: TimeRange, vars: ReadonlyMap<string, VariableValue>, timeInterval?: string): { interval: string; intervalMs: number } {
  const dsLimit = datasourceMinInterval(t, timeInterval);
  let limit = dsLimit;
  if (t.minInterval) limit = interpolateVariables(t.minInterval, vars, { datasource: 'other', range }).text;
  try {
    return calculateInterval(range, maxDataPointsOf(t), limit);
  } catch {
    return calculateInterval(range, maxDataPointsOf(t), dsLimit);
  }
}
