import { neverThrows } from '../validate/guard.js';
import type { DatasourceSpec } from '../datasources/datasource.js';
import type { JsonObject } from '../model/loose.js';
import { invalidQuery, type QuerySpec } from './query.js';
import { rawQueryText } from './text.js';

export interface RawQueryOptions {
  datasource: DatasourceSpec;
  /** Default: A, B, C… in order, like every query builder. */
  refId?: string;
  /** The target as Grafana stores it, without `datasource` and `refId`. */
  model: JsonObject;
}

/**
 * A query for a datasource dashcode has no builder for (Loki, MySQL, ...),
 * written as Grafana stores the target. Nothing in it is checked or
 * interpolated: prefer `sqlQuery`, `promQuery` or `tempoQuery` where one fits.
 */
function buildRawQuery(options: RawQueryOptions): QuerySpec {
  const { datasource, refId, model } = options;
  return Object.freeze({ kind: 'query', datasource, refId, text: rawQueryText('sql', ''), model: { ...model }, issues: [] });
}

/** `rawQuery`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const rawQuery = neverThrows('rawQuery', buildRawQuery, (i) => invalidQuery('sql', 'datasource', i));
