import { z } from 'zod';
import { isDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import { languageOf, type SqlDatasource } from '../datasources/kinds.js';
import { issuesFromZod, parseInput } from '../validate/zod-issues.js';
import { issue } from '../validate/issues.js';
import { deepMerge } from '../model/merge.js';
import { QUERY_REF_ID, QUERY_REF_ID_MESSAGE, type QuerySpec } from './query.js';
import { isQueryText, type QueryText } from './text.js';
import { neverThrows } from '../validate/guard.js';
import { invalidQuery } from '../validate/invalid.js';
import { POSTGRES_TYPE } from '../datasources/postgres/options.js';
import { markChecked } from '../validate/typed.js';
import { sqlQueryInputLooksValid } from './input-fast-path.js';

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

/** The options' schema; `sqlQueryInputLooksValid` (input-fast-path.ts) skips it for input it accepts. */
export const sqlQuerySchema = z
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
  const r = sqlQueryInputLooksValid(options) ? undefined : parseInput(sqlQuerySchema, options);
  const issues = r === undefined || r.success ? [] : issuesFromZod(r.error, 'query', '', '', sqlQuerySchema);
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
  const spec: QuerySpec = Object.freeze({
    kind: 'query',
    datasource: options.datasource,
    text,
    refId: options.refId,
    model: (options.raw ? deepMerge(model, options.raw) : model) as QuerySpec['model'],
    rawKeys: Object.keys(options.raw ?? {}),
    issues: [...issues, ...(isQueryText(text) ? text.issues.map((i) => ({ ...i, path: 'rawSql' })) : [])],
  });
  // Without `raw`, the target's JSON is what the builder wrote (see validate/typed.ts).
  return options.raw ? spec : markChecked(spec);
}

/** `sqlQuery`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const sqlQuery = neverThrows('sqlQuery', buildSqlQuery, (i) => invalidQuery('sql', POSTGRES_TYPE, i));
