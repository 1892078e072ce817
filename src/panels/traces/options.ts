/** The traces panel has no options in Grafana's schema; it draws the trace the query returns. */
export type TracesOptions = Record<string, never>;

export const defaultTracesOptions = () => ({});
