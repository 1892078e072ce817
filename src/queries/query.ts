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

export const REF_ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
