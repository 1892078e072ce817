/**
 * The datasources this repository provisions. Each has one stable uid,
 * defined here and nowhere else: dashboards import these objects.
 */
import { env, postgresDatasource, prometheusDatasource, tempoDatasource } from 'dashcode';

/** The benchmark metrics database written by transformers' MetricsRecorder. */
export const metricsDb = postgresDatasource({
  name: 'Transformers metrics database',
  uid: 'transformers-metrics-db',
  url: env('GRAFANA_POSTGRES_DATASOURCE_URL'),
  user: env('GRAFANA_POSTGRES_DATASOURCE_USER'),
  password: env('GRAFANA_POSTGRES_DATASOURCE_PWD'),
  database: 'metrics',
  sslmode: 'disable',
  maxOpenConns: 100,
  maxIdleConns: 100,
  maxIdleConnsAuto: true,
  connMaxLifetime: 14400,
  postgresVersion: 1000,
  timescaledb: false,
});

/** Live serving metrics exported over OpenTelemetry (OTLP receiver enabled in Prometheus). */
export const prometheus = prometheusDatasource({
  name: 'Prometheus',
  uid: 'transformers-prometheus',
  url: 'http://prometheus:9090',
  isDefault: true,
  timeInterval: '15s',
  prometheusType: 'Prometheus',
});

/** Generation spans. */
export const tempo = tempoDatasource({
  name: 'Tempo',
  uid: 'transformers-tempo',
  url: 'http://tempo:3200',
  tracesToMetrics: {
    datasource: prometheus,
    tags: [{ key: 'service.name', value: 'service' }],
    queries: [{ name: 'Request latency p95', query: 'histogram_quantile(0.95, sum by (le) (rate(request_latency_milliseconds_bucket[$__rate_interval])))' }],
  },
  serviceMap: { datasource: prometheus },
});
