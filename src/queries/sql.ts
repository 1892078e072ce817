import { z } from 'zod';
import type { SqlDatasource } from '../datasources/kinds.js';
import { POSTGRES_TYPE } from '../datasources/postgres/options.js';
import { defineQuery, queryOptionsSchema, type CommonQueryOptions, type QueryKind } from './define.js';
import { sqlQueryInputLooksValid } from './input-fast-path.js';
import { lazySchema } from '../validate/lazy-schema.js';
import type { QueryText } from './text.js';

export interface SqlQueryOptions extends CommonQueryOptions {
  /** A datasource of this query's kind; another kind is a compile error (and an issue for untyped callers). */
  datasource: SqlDatasource;
  sql: QueryText<'sql'>;
  /** `time_series` needs a `time` column and numeric columns; `table` takes any result. */
  format?: 'table' | 'time_series';
}

const SQL_QUERY: QueryKind<SqlQueryOptions> = {
  name: 'sqlQuery',
  language: 'sql',
  textOption: 'sql',
  textKey: 'rawSql',
  needs: 'a SQL query needs a SQL datasource',
  fallbackDatasourceType: POSTGRES_TYPE,
  options: () => ({ format: z.enum(['table', 'time_series']).optional() }),
  model: (options, text) => ({ editorMode: 'code', format: options.format ?? 'table', rawQuery: true, rawSql: text }),
  looksValid: sqlQueryInputLooksValid,
};

/** The options' schema; `sqlQueryInputLooksValid` (input-fast-path.ts) skips it for input it accepts. */
export const sqlQuerySchema = lazySchema(() => queryOptionsSchema(SQL_QUERY));

/** A raw-SQL target for Grafana's PostgreSQL datasource, in code editor mode; total (see define.ts). */
export const sqlQuery = defineQuery(SQL_QUERY);
