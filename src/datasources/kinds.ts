import type { DatasourceSpec } from './datasource.js';
import { PROMETHEUS_TYPE } from './prometheus/options.js';
import { TEMPO_TYPE } from './tempo/options.js';

/**
 * Which datasources each query language runs on, as types (so
 * `sqlQuery({ datasource: prometheus })` does not compile) and as the run-time
 * test behind the same rule for untyped callers. The two must agree: the
 * template literals below accept exactly the lower-case ids `languageOf` sends
 * to SQL.
 *
 * SQL: Grafana's PostgreSQL plugin (`grafana-postgresql-datasource`, formerly
 * `postgres`), and `mysql` / `mssql` for datasources declared with
 * `externalDatasource`.
 */
export type SqlDatasourceType = `${string}postgres${string}` | `${string}sql${string}`;
export type SqlDatasource = DatasourceSpec<SqlDatasourceType>;
export type PromDatasource = DatasourceSpec<typeof PROMETHEUS_TYPE>;
export type TraceDatasource = DatasourceSpec<typeof TEMPO_TYPE>;

/** The query language a datasource of plugin `type` answers; undefined for kinds dashcode has no query builder for. */
export function languageOf(type: string): 'sql' | 'promql' | 'traceql' | undefined {
  if (/postgres|sql/i.test(type)) return 'sql';
  if (type === PROMETHEUS_TYPE) return 'promql';
  if (type === TEMPO_TYPE) return 'traceql';
  return undefined;
}
