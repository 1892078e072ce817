import { z } from 'zod';
import { isDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import { languageOf, type SqlDatasource } from '../datasources/kinds.js';
import { issuesFromZod, parseInput } from '../validate/zod-issues.js';
import { issue } from '../validate/issues.js';
import { deepMerge } from '../model/merge.js';
import { invalidQuery, QUERY_REF_ID, QUERY_REF_ID_MESSAGE, type QuerySpec } from './query.js';
import { isQueryText, type QueryText } from './text.js';
import { neverThrows } from '../validate/guard.js';
import { POSTGRES_TYPE } from '../datasources/postgres/options.js';

export interface SqlQueryOptions {
  /** A datasource of this query's kind; another kind is a compile error (and an issue for untyped callers). */
  datasource: SqlDatasource;
  sql: QueryText<'sql'>;
  /** `time_series` needs a `time` column and numeric columns; `table` takes any result. */
  format?: 'table' | 'time_series';
  refId?: string;
  hide?: boolean;
  /** Escape hatch: keys merged verbatim into the target JSON; listed by `dashcode build`. */
  raw?: Record<string, unknown>;
}

const schema = z
  .object({
    datasource: z.custom<DatasourceSpec>(isDatasource, { message: 'is required: a datasource object (e.g. from datasources/)' }),
    sql: z.custom<QueryText>(isQueryText, { message: 'must be query text written with the sql`` tag' }),
    format: z.enum(['table', 'time_series']).optional(),
    refId: z.string().regex(QUERY_REF_ID, QUERY_REF_ID_MESSAGE).optional(),
    hide: z.boolean().optional(),
    raw: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** A raw-SQL target for Grafana's PostgreSQL datasource, in code editor mode. */
function buildSqlQuery(options: SqlQueryOptions): QuerySpec {
  const r = parseInput(schema, options);
  const issues = r.success ? [] : issuesFromZod(r.error, 'query', '', '', schema);
  const text = options.sql;
  if (isQueryText(text) && text.language !== 'sql') issues.push(issue('query.language', 'rawSql', `expected sql text, got ${text.language}`));
  if (isDatasource(options.datasource) && languageOf(options.datasource.type) !== 'sql') {
    issues.push(issue('query.datasource-type', 'datasource', `a SQL query needs a SQL datasource, got "${options.datasource.type}" (${options.datasource.name})`));
  }
  const model: Record<string, unknown> = {
    editorMode: 'code',
    format: options.format ?? 'table',
    rawQuery: true,
    rawSql: isQueryText(text) ? text.text : '',
  };
  if (options.hide) model.hide = true;
  return Object.freeze({
    kind: 'query',
    datasource: options.datasource,
    text,
    refId: options.refId,
    model: (options.raw ? deepMerge(model, options.raw) : model) as QuerySpec['model'],
    rawKeys: Object.keys(options.raw ?? {}),
    issues: [...issues, ...(isQueryText(text) ? text.issues.map((i) => ({ ...i, path: 'rawSql' })) : [])],
  });
}

/** `sqlQuery`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const sqlQuery = neverThrows('sqlQuery', buildSqlQuery, (i) => invalidQuery('sql', POSTGRES_TYPE, i));
