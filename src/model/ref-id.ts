/** The refId rules: what a query's name may be (query builders, the output schema, alerting expressions). */

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
