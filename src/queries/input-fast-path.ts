/**
 * promQuery's and sqlQuery's zod fast paths (issue 15; see
 * validate/input-checks.ts): true only for options their schema accepts, so
 * the builder skips zod for them. test/core/query-fast-path.test.ts checks
 * "valid here ⇒ valid for zod" on random input.
 */
import { isDatasource } from '../datasources/datasource.js';
import { isBoolean, isOptionalRecord, isString, matching, oneOf, strictObjectLooksValid, type Check } from '../validate/input-checks.js';
import { QUERY_REF_ID } from './query.js';
import { isQueryText } from './text.js';

/** promQuery's `minInterval` (its schema's regex). */
export const PROM_MIN_INTERVAL = /^(\d+(ms|s|m|h|d|w|y))+$|^\$\w+$/;

const COMMON: Readonly<Record<string, Check>> = {
  datasource: isDatasource,
  refId: matching(QUERY_REF_ID),
  hide: isBoolean,
  raw: isOptionalRecord,
};

const PROM: Readonly<Record<string, Check>> = {
  ...COMMON,
  expr: isQueryText,
  legendFormat: isString,
  type: oneOf('range', 'instant', 'both'),
  minInterval: matching(PROM_MIN_INTERVAL),
  exemplar: isBoolean,
  format: oneOf('time_series', 'table', 'heatmap'),
};

const SQL: Readonly<Record<string, Check>> = {
  ...COMMON,
  sql: isQueryText,
  format: oneOf('table', 'time_series'),
};

export function promQueryInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, PROM, ['datasource', 'expr']);
}

export function sqlQueryInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, SQL, ['datasource', 'sql']);
}
