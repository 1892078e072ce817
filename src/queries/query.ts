import { invalidDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import type { JsonObject } from '../model/loose.js';
import type { Issue } from '../model/issue.js';
import { rawQueryText, type QueryLanguage, type QueryText } from './text.js';

/** One panel target. `refId` and `datasource` are filled in at compile. */
export interface QuerySpec {
  readonly kind: 'query';
  readonly datasource: DatasourceSpec;
  readonly text: QueryText;
  /** Explicit refId; by default A, B, C… in order. */
  readonly refId?: string;
  /** The target's JSON without `refId` and `datasource`. */
  readonly model: JsonObject;
  /** Keys set through the `raw` escape hatch. */
  readonly rawKeys?: readonly string[];
  readonly issues: readonly Issue[];
}

export function isQuery(v: unknown): v is QuerySpec {
  return typeof v === 'object' && v !== null && (v as QuerySpec).kind === 'query';
}

export { QUERY_REF_ID, QUERY_REF_ID_MESSAGE, REF_ID } from '../model/ref-id.js';

/** Stand-in for a query builder that could not build (see invalidDatasource). */
export function invalidQuery(language: QueryLanguage, datasourceType: string, i: Issue): QuerySpec {
  return { kind: 'query', datasource: invalidDatasource(datasourceType, i), text: rawQueryText(language, ''), model: {}, issues: [i] };
}
