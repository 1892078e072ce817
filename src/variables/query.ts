import { describes } from '../validate/describes.js';
import { z } from 'zod';
import { isDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import { isQueryText, type QueryText } from '../queries/text.js';
import { languageOf, type PromDatasource, type SqlDatasource } from '../datasources/kinds.js';
import { issue } from '../model/issue.js';
import { inputIssues } from '../validate/zod-issues.js';
import { COMMON_VARIABLE_CHECKS, commonVariableShape, isOptionalCurrent } from './schema.js';
import { lazySchema } from '../validate/lazy-schema.js';
import { isBoolean, isString, oneOf, strictObjectLooksValid, type Check } from '../validate/input-checks.js';
import { invalidVariable, makeVariable, currentOption, type CommonVariableOptions, type VariableSpec } from './variable.js';
import { neverThrows } from '../validate/guard.js';

/**
 * The query and its datasource, paired: SQL (`sql` tag) for SQL datasources,
 * PromQL (`promql` tag, e.g. `label_values(up, job)`) for Prometheus. A
 * `promql` query on a SQL datasource is a compile error, and an issue at run time.
 */
export type QueryVariableSource =
  | { datasource: SqlDatasource; query: QueryText<'sql'> }
  | { datasource: PromDatasource; query: QueryText<'promql'> };

export type QueryVariableOptions = QueryVariableSettings & QueryVariableSource;

export interface QueryVariableSettings extends CommonVariableOptions {
  multi?: boolean;
  includeAll?: boolean;
  /** Value used for "All" instead of every option joined; inserted unformatted by Grafana, so keep it a constant. */
  allValue?: string;
  /** When to re-run the query: on dashboard load (default) or when the time range changes. */
  refresh?: 'load' | 'timeRange';
  /** Option order. `none` keeps the query's order, which is how "default to the latest" works: order by time descending. */
  sort?: 'none' | 'alphaAsc' | 'alphaDesc' | 'numAsc' | 'numDesc' | 'alphaCaseInsensitiveAsc' | 'alphaCaseInsensitiveDesc' | 'naturalAsc' | 'naturalDesc';
  regex?: string;
  /** Selected value(s) saved with the dashboard. Omit to let Grafana select the first option. */
  current?: string | string[];
}

const SORT = { none: 0, alphaAsc: 1, alphaDesc: 2, numAsc: 3, numDesc: 4, alphaCaseInsensitiveAsc: 5, alphaCaseInsensitiveDesc: 6, naturalAsc: 7, naturalDesc: 8 } as const;

/** Built on first use (validate/lazy-schema.ts): valid options never ask zod. */
export const queryVariableInputSchema = lazySchema(() =>
  describes<QueryVariableOptions>()(
    z
      .object({
        ...commonVariableShape(),
        datasource: z.custom<DatasourceSpec>(isDatasource, { message: 'is required: a datasource object (e.g. from datasources/)' }),
        query: z.custom<QueryText>(isQueryText, { message: 'must be query text written with the sql`` or promql`` tag' }),
        multi: z.boolean().optional(),
        includeAll: z.boolean().optional(),
        allValue: z.string().optional(),
        refresh: z.enum(['load', 'timeRange']).optional(),
        sort: z.enum(Object.keys(SORT) as [keyof typeof SORT]).optional(),
        regex: z.string().optional(),
        current: z.union([z.string(), z.array(z.string())]).optional(),
      })
      .strict(),
  ),
);

const QUERY_CHECKS: Readonly<Record<string, Check>> = {
  ...COMMON_VARIABLE_CHECKS,
  datasource: isDatasource,
  query: isQueryText,
  multi: isBoolean,
  includeAll: isBoolean,
  allValue: isString,
  refresh: oneOf('load', 'timeRange'),
  sort: oneOf(...Object.keys(SORT)),
  regex: isString,
  current: isOptionalCurrent,
};

/** The hand-written check of `queryVariableInputSchema` (input-checks.ts): true only for options zod accepts. */
export function queryVariableInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, QUERY_CHECKS, ['name', 'datasource', 'query']);
}

/** The query's language must be the one its datasource answers (the type says so too; this is for untyped callers). */
function languageIssues(options: QueryVariableOptions) {
  const { datasource, query } = options as { datasource: unknown; query: unknown };
  if (!isDatasource(datasource) || !isQueryText(query)) return [];
  const expected = languageOf(datasource.type);
  if (expected === query.language) return [];
  const want = expected === undefined ? 'a SQL or Prometheus datasource' : `${expected} text`;
  return [issue('query-datasource-type', ['query'], `a ${query.language} query on datasource "${datasource.name}" (type "${datasource.type}"): a query variable needs ${want}`)];
}

/** A variable whose options come from a query (SQL or PromQL). */
function buildQueryVariable(options: QueryVariableOptions): VariableSpec {
  const { query, multi = false, includeAll = false } = options;
  const text = isQueryText(query) ? query.text : '';
  const model: Record<string, unknown> = {
    definition: text,
    query: text,
    includeAll,
    multi,
    options: [],
    refresh: options.refresh === 'timeRange' ? 2 : 1,
    regex: options.regex ?? '',
    sort: SORT[options.sort ?? 'none'],
  };
  if (options.allValue !== undefined) model.allValue = options.allValue;
  if (options.current !== undefined) model.current = currentOption(options.current);
  return makeVariable({
    type: 'query',
    common: options,
    model: model as VariableSpec['model'],
    multi,
    includeAll,
    datasource: options.datasource,
    dependsOn: isQueryText(query) ? query.variables : [],
    issues: [...inputIssues(queryVariableInputSchema, options, queryVariableInputLooksValid), ...languageIssues(options), ...(isQueryText(query) ? query.issues : [])],
  });
}

/** `queryVariable`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const queryVariable = neverThrows('queryVariable', buildQueryVariable, (i) => invalidVariable('query', i));
