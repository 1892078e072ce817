import { z } from 'zod';
import { isDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import { languageOf, type PromDatasource } from '../datasources/kinds.js';
import { issuesFromZod, parseInput } from '../validate/zod-issues.js';
import { issue } from '../validate/issues.js';
import { deepMerge } from '../model/merge.js';
import { invalidQuery, QUERY_REF_ID, QUERY_REF_ID_MESSAGE, type QuerySpec } from './query.js';
import { isQueryText, type QueryText } from './text.js';
import { neverThrows } from '../validate/guard.js';

export interface PromQueryOptions {
  /** A datasource of this query's kind; another kind is a compile error (and an issue for untyped callers). */
  datasource: PromDatasource;
  expr: QueryText<'promql'>;
  /** Series name template, e.g. `p95` or `{{instance}}`. */
  legendFormat?: string;
  /** `range` (default) for graphs, `instant` for stat/gauge/table, `both`. */
  type?: 'range' | 'instant' | 'both';
  /** Lower bound for the query step, e.g. `15s`. */
  minInterval?: string;
  exemplar?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  refId?: string;
  hide?: boolean;
  /** Escape hatch: keys merged verbatim into the target JSON; listed by `dashcode build`. */
  raw?: Record<string, unknown>;
}

const schema = z
  .object({
    datasource: z.custom<DatasourceSpec>(isDatasource, { message: 'is required: a datasource object (e.g. from datasources/)' }),
    expr: z.custom<QueryText>(isQueryText, { message: 'must be query text written with the promql`` tag' }),
    legendFormat: z.string().optional(),
    type: z.enum(['range', 'instant', 'both']).optional(),
    minInterval: z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$|^\$\w+$/, 'must be a duration such as "15s"').optional(),
    exemplar: z.boolean().optional(),
    format: z.enum(['time_series', 'table', 'heatmap']).optional(),
    refId: z.string().regex(QUERY_REF_ID, QUERY_REF_ID_MESSAGE).optional(),
    hide: z.boolean().optional(),
    raw: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** A PromQL target. */
function buildPromQuery(options: PromQueryOptions): QuerySpec {
  const r = parseInput(schema, options);
  const issues = r.success ? [] : issuesFromZod(r.error, 'query', '', '', schema);
  const { expr } = options;
  if (isQueryText(expr) && expr.language !== 'promql') issues.push(issue('query.language', 'expr', `expected promql text, got ${expr.language}`));
  if (isDatasource(options.datasource) && languageOf(options.datasource.type) !== 'promql') {
    issues.push(issue('query.datasource-type', 'datasource', `a PromQL query needs a Prometheus datasource, got "${options.datasource.type}" (${options.datasource.name})`));
  }
  const type = options.type ?? 'range';
  const model: Record<string, unknown> = {
    editorMode: 'code',
    exemplar: options.exemplar ?? false,
    expr: isQueryText(expr) ? expr.text : '',
    instant: type !== 'range',
    legendFormat: options.legendFormat ?? '__auto',
    range: type !== 'instant',
  };
  if (options.format) model.format = options.format;
  if (options.minInterval) model.interval = options.minInterval;
  if (options.hide) model.hide = true;
  return Object.freeze({
    kind: 'query',
    datasource: options.datasource,
    text: expr,
    refId: options.refId,
    model: (options.raw ? deepMerge(model, options.raw) : model) as QuerySpec['model'],
    rawKeys: Object.keys(options.raw ?? {}),
    issues: [...issues, ...(isQueryText(expr) ? expr.issues.map((i) => ({ ...i, path: 'expr' })) : [])],
  });
}

/** `promQuery`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const promQuery = neverThrows('promQuery', buildPromQuery, (i) => invalidQuery('promql', 'prometheus', i));
