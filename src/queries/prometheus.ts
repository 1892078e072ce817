import { z } from 'zod';
import type { PromDatasource } from '../datasources/kinds.js';
import { lazySchema } from '../validate/lazy-schema.js';
import { defineQuery, queryOptionsSchema, type CommonQueryOptions, type QueryKind } from './define.js';
import { PROM_MIN_INTERVAL, promQueryInputLooksValid } from './input-fast-path.js';
import type { QueryText } from './text.js';

export interface PromQueryOptions extends CommonQueryOptions {
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
}

const PROM_QUERY: QueryKind<PromQueryOptions> = {
  name: 'promQuery',
  language: 'promql',
  textOption: 'expr',
  textKey: 'expr',
  needs: 'a PromQL query needs a Prometheus datasource',
  fallbackDatasourceType: 'prometheus',
  options: () => ({
    legendFormat: z.string().optional(),
    type: z.enum(['range', 'instant', 'both']).optional(),
    minInterval: z.string().regex(PROM_MIN_INTERVAL, 'must be a duration such as "15s"').optional(),
    exemplar: z.boolean().optional(),
    format: z.enum(['time_series', 'table', 'heatmap']).optional(),
  }),
  model: (options, text) => {
    const type = options.type ?? 'range';
    const model: Record<string, unknown> = {
      editorMode: 'code',
      exemplar: options.exemplar ?? false,
      expr: text,
      instant: type !== 'range',
      legendFormat: options.legendFormat ?? '__auto',
      range: type !== 'instant',
    };
    if (options.format) model.format = options.format;
    if (options.minInterval) model.interval = options.minInterval;
    return model;
  },
  looksValid: promQueryInputLooksValid,
};

/** The options' schema; `promQueryInputLooksValid` (input-fast-path.ts) skips it for input it accepts. */
export const promQuerySchema = lazySchema(() => queryOptionsSchema(PROM_QUERY));

/** A PromQL target; total (see define.ts). */
export const promQuery = defineQuery(PROM_QUERY);
