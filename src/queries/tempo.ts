import { z } from 'zod';
import type { TraceDatasource } from '../datasources/kinds.js';
import { defineQuery, type CommonQueryOptions } from './define.js';
import type { QueryText } from './text.js';

export interface TempoQueryOptions extends CommonQueryOptions {
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
}

/** A TraceQL search against Tempo; total (see define.ts). */
export const tempoQuery = defineQuery<TempoQueryOptions>({
  name: 'tempoQuery',
  language: 'traceql',
  textOption: 'query',
  textKey: 'query',
  needs: 'a TraceQL query needs a Tempo datasource',
  fallbackDatasourceType: 'tempo',
  options: () => ({
    limit: z.number().int().positive().max(10_000).optional(),
    spss: z.number().int().positive().optional(),
    tableType: z.enum(['traces', 'spans']).optional(),
    type: z.enum(['traceql', 'traceId']).optional(),
  }),
  model: (options, text) => {
    const model: Record<string, unknown> = {
      filters: [],
      limit: options.limit ?? 20,
      query: text,
      queryType: options.type ?? 'traceql',
      tableType: options.tableType ?? 'traces',
    };
    if (options.spss) model.spss = options.spss;
    return model;
  },
});
