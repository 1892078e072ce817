/** The reference dashboards under ../shared/ that import must round-trip. */
export const REFERENCE_DASHBOARDS = [
  'reference/transformers/benchmark/grafana_dashboard.json',
  'reference/transformers/examples/metrics-monitoring/continuous-batching-dashboard.json',
  'reference/transformers/examples/metrics-monitoring/kv-cache-dashboard.json',
];
