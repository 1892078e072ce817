import type { DatasourceSpec } from '../datasources/datasource.js';
import type { JsonObject } from '../model/loose.js';
import type { Issue } from '../validate/issues.js';
import type { QueryText } from './text.js';

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

/** The strict refId alerting expressions use (they name queries in math such as `$A`). */
export const REF_ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/**
 * A panel query's refId. Grafana's schema has `refId: string` and panels name
 * queries freely (`HTTP P95`, `busy wait`); dashcode accepts that, but not an
 * empty one, control characters (a newline would split the diff and lint
 * output), or over 128 characters.
 */
export const QUERY_REF_ID = /^[^\p{Cc}]{1,128}$/u;
export const QUERY_REF_ID_MESSAGE = 'refId must be 1 to 128 characters, with no control characters';
