import type { CommonDatasourceOptions } from '../datasource.js';

export const PROMETHEUS_TYPE = 'prometheus';

export interface PrometheusDatasourceOptions extends CommonDatasourceOptions {
  url: string;
  /** The scrape interval Grafana assumes for `$__rate_interval`, e.g. `15s`. */
  timeInterval?: string;
  httpMethod?: 'GET' | 'POST';
  /** Prometheus flavour and version, so Grafana enables the right features. */
  prometheusType?: 'Prometheus' | 'Mimir' | 'Cortex' | 'Thanos';
  prometheusVersion?: string;
  /**
   * Traces linked from exemplars: the exemplar label holding the trace id, and
   * either a tracing datasource (`datasourceUid`) or an external link (`url`,
   * with `urlDisplayLabel`), as Grafana's ExemplarTraceIdDestination allows
   * (packages/grafana-prometheus/src/types.ts); `datasourceUid` wins when both are set.
   */
  exemplarTraceIdDestinations?: Array<{ name: string; datasourceUid?: string; url?: string; urlDisplayLabel?: string }>;
}
