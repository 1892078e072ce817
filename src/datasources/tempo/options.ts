import type { CommonDatasourceOptions, DatasourceSpec } from '../datasource.js';

export const TEMPO_TYPE = 'tempo';

export interface TempoDatasourceOptions extends CommonDatasourceOptions {
  url: string;
  /** Trace to metrics: from a span, jump to these PromQL queries on a Prometheus datasource. */
  tracesToMetrics?: {
    datasource: DatasourceSpec<'prometheus'>;
    /** Span attributes mapped to Prometheus labels, e.g. `{ key: 'service.name', value: 'service' }`. */
    tags?: Array<{ key: string; value?: string }>;
    queries?: Array<{ name: string; query: string }>;
    spanStartTimeShift?: string;
    spanEndTimeShift?: string;
  };
  /** Service graph, from the metrics Tempo's metrics-generator remote-writes to Prometheus. */
  serviceMap?: { datasource: DatasourceSpec<'prometheus'> };
  nodeGraph?: boolean;
  /** Streaming search results (Tempo 2.2+). */
  streamingEnabled?: boolean;
}
