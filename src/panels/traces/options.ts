import type { Loose } from '../../model/loose.js';

/** The traces panel has no options in Grafana's schema; it draws the trace the query returns. */
export type TracesOptions = Record<string, never>;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultTracesOptions = () => ({}) satisfies Loose<TracesOptions>;
