import { isQuery, type QuerySpec } from '../../queries/query.js';
import { issue, underPath, type Issue } from '../../model/issue.js';
import { parseDuration } from '../duration.js';
import type { AlertQuerySpec } from '../model.js';

export interface AlertQueryOptions {
  /** A query built with `sqlQuery`, `promQuery`, … — the same builders and tags as panels. */
  query: QuerySpec;
  /** How far back from each evaluation the query looks, e.g. `10m` (Grafana's relativeTimeRange.from). */
  range: string;
  /** Where the window ends before the evaluation time (relativeTimeRange.to); default `0s`. */
  rangeEnd?: string;
  refId?: string;
}

/** A datasource query inside an alert rule. */
export function alertQuery(options: AlertQueryOptions): AlertQuerySpec {
  const issues: Issue[] = [];
  if (!isQuery(options?.query)) issues.push(issue('alert-query-required', ['query'], 'is required: a query built with sqlQuery, promQuery, …'));
  const from = parseDuration(String(options?.range ?? ''));
  const to = parseDuration(String(options?.rangeEnd ?? '0s'));
  if (from === undefined || from <= 0) issues.push(issue('alert-query-range', ['range'], `must be a duration such as "10m" (got ${JSON.stringify(options?.range)})`));
  if (to === undefined) issues.push(issue('alert-query-range', ['rangeEnd'], `must be a duration such as "0s" (got ${JSON.stringify(options?.rangeEnd)})`));
  else if (from !== undefined && to >= from) issues.push(issue('alert-query-range', ['rangeEnd'], `must be shorter than range (${options.rangeEnd} ≥ ${options.range}): the window would be empty`));
  if (isQuery(options?.query)) issues.push(...underPath(['query'], options.query.issues));
  return Object.freeze({ kind: 'alert-query', query: options?.query, refId: options?.refId ?? options?.query?.refId, range: options?.range, rangeEnd: options?.rangeEnd ?? '0s', issues });
}
