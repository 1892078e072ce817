import { z } from 'zod';
import { isDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import { languageOf, type TraceDatasource } from '../datasources/kinds.js';
import { issuesFromZod, parseInput } from '../validate/zod-issues.js';
import { issue } from '../validate/issues.js';
import { deepMerge } from '../model/merge.js';
import { invalidQuery, QUERY_REF_ID, QUERY_REF_ID_MESSAGE, type QuerySpec } from './query.js';
import { isQueryText, type QueryText } from './text.js';
import { neverThrows } from '../validate/guard.js';

export interface TempoQueryOptions {
  /** A datasource of this query's kind; another kind is a compile error (and an issue for untyped callers). */
  datasource: TraceDatasource;
  query: QueryText<'traceql'>;
  /** Maximum traces returned. */
  limit?: number;
  /** Spans per span set. */
  spss?: number;
  /** Show one row per trace or per span. */
  tableType?: 'traces' | 'spans';
  /** `traceql` searches (default); `traceId` looks one trace up by id, e.g. traceql`${traceIdVariable}` for a traces panel. */
  type?: 'traceql' | 'traceId';
  refId?: string;
  hide?: boolean;
  /** Escape hatch: keys merged verbatim into the target JSON; listed by `dashcode build`. */
  raw?: Record<string, unknown>;
}

const schema = z
  .object({
    datasource: z.custom<DatasourceSpec>(isDatasource, { message: 'is required: a datasource object (e.g. from datasources/)' }),
    query: z.custom<QueryText>(isQueryText, { message: 'must be query text written with the traceql`` tag' }),
    limit: z.number().int().positive().max(10_000).optional(),
    spss: z.number().int().positive().optional(),
    tableType: z.enum(['traces', 'spans']).optional(),
    type: z.enum(['traceql', 'traceId']).optional(),
    refId: z.string().regex(QUERY_REF_ID, QUERY_REF_ID_MESSAGE).optional(),
    hide: z.boolean().optional(),
    raw: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** A TraceQL search against Tempo. */
function buildTempoQuery(options: TempoQueryOptions): QuerySpec {
  const r = parseInput(schema, options);
  const issues = r.success ? [] : issuesFromZod(r.error, 'query', '', '', schema);
  const { query } = options;
  if (isQueryText(query) && query.language !== 'traceql') issues.push(issue('query.language', 'query', `expected traceql text, got ${query.language}`));
  if (isDatasource(options.datasource) && languageOf(options.datasource.type) !== 'traceql') {
    issues.push(issue('query.datasource-type', 'datasource', `a TraceQL query needs a Tempo datasource, got "${options.datasource.type}" (${options.datasource.name})`));
  }
  const model: Record<string, unknown> = {
    filters: [],
    limit: options.limit ?? 20,
    query: isQueryText(query) ? query.text : '',
    queryType: options.type ?? 'traceql',
    tableType: options.tableType ?? 'traces',
  };
  if (options.spss) model.spss = options.spss;
  if (options.hide) model.hide = true;
  return Object.freeze({
    kind: 'query',
    datasource: options.datasource,
    text: query,
    refId: options.refId,
    model: (options.raw ? deepMerge(model, options.raw) : model) as QuerySpec['model'],
    rawKeys: Object.keys(options.raw ?? {}),
    issues: [...issues, ...(isQueryText(query) ? query.issues.map((i) => ({ ...i, path: 'query' })) : [])],
  });
}

/** `tempoQuery`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const tempoQuery = neverThrows('tempoQuery', buildTempoQuery, (i) => invalidQuery('traceql', 'tempo', i));
