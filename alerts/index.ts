/**
 * This repository's alert rules, provisioned with the dashboards
 * (generated/provisioning/alerting/dashcode.yaml) and backtested with
 * `dashcode alert backtest` on the seeded metrics database and the
 * Prometheus fixture. See docs/alerting.md and docs/alerts/.
 */
import { env, lit, promql, promQuery, sql, sqlQuery } from 'dashcode';
import {
  alertQuery,
  alertRule,
  contactPoint,
  notificationPolicy,
  reduceExpression,
  ruleGroup,
  thresholdExpression,
  type ThresholdCondition,
} from 'dashcode/alerting';
import { metricsDb, prometheus } from '../datasources/index.js';
import { UIDS } from '../dashboards/_uids.js';

/** The MetricsRecorder measurements the regression rule watches, by what the benchmark dashboard calls them. */
export const TRACKED_MEASUREMENTS = {
  'forward pass': 'first_eager_forward_pass_time_secs',
  'time to first token': 'time_to_first_token_secs',
  'compiled generate': 'second_compile_generate_time_secs',
  'model load': 'model_load_time',
} as const;

export interface BenchmarkRegressionOptions {
  repository: string;
  branch: string;
  /** Fire when the newest run is more than this many percent slower than the baseline. */
  slowerByPercent: number;
  /** Baseline: the median of this many previous runs on main, for the same model. */
  baselineRuns: number;
}

/**
 * One instance per (model, measurement, commit): the newest run of `branch` against
 * the median of the `baselineRuns` runs on main before it. Every value is a
 * time, so larger is slower.
 */
export function benchmarkRegressionRule(o: BenchmarkRegressionOptions) {
  const keys = Object.entries(TRACKED_MEASUREMENTS);
  const tracked = keys.map(([label, key], i) => sql`${i === 0 ? sql`` : sql`, `}(${lit(label)}, ${lit(key)})`);
  const change = alertQuery({
    range: '30d',
    query: sqlQuery({
      datasource: metricsDb,
      sql: sql`WITH tracked(measurement, key) AS (VALUES ${tracked.reduce((a, b) => sql`${a}${b}`)}),
runs AS (
  SELECT b.branch, b.repository, b.commit_id, b.created_at, b.metadata->>'model_name' AS model, m.measurements
  FROM benchmarks b JOIN model_measurements m USING (benchmark_id)
  WHERE $__timeFilter(b.created_at)
),
latest AS (
  SELECT DISTINCT ON (model) model, commit_id, created_at, measurements FROM runs
  WHERE repository = ${lit(o.repository)} AND branch = ${lit(o.branch)}
  ORDER BY model, created_at DESC
),
baseline AS (
  SELECT l.model, t.measurement, t.key,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY (p.measurements->>t.key)::float8) AS median,
         count(*) AS runs
  FROM latest l CROSS JOIN tracked t
  JOIN LATERAL (
    SELECT measurements FROM runs r
    WHERE r.branch = 'main' AND r.model = l.model AND r.created_at < l.created_at AND r.measurements ? t.key
    ORDER BY r.created_at DESC LIMIT ${o.baselineRuns}
  ) p ON true
  GROUP BY l.model, t.measurement, t.key
)
SELECT b.model, b.measurement, left(l.commit_id, 12) AS commit,
       100 * ((l.measurements->>b.key)::float8 / b.median - 1) AS slower_pct
FROM baseline b JOIN latest l USING (model)
WHERE b.runs >= 3 AND l.measurements ? b.key`,
    }),
  });
  const slower = thresholdExpression({ input: change, above: o.slowerByPercent });
  return alertRule({
    uid: 'benchmark-regression',
    title: 'Benchmark regression',
    nodes: [change, slower],
    condition: slower,
    // One benchmark run is one measurement, not a noisy sample: fire on the run that regressed.
    for: '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    labels: { team: 'transformers-perf', severity: 'warning' },
    annotations: {
      summary: `{{ $labels.model }}: {{ $labels.measurement }} at commit {{ $labels.commit }} is {{ humanize $values.A.Value }}% slower on ${o.branch} than the median of the last ${o.baselineRuns} runs on main`,
      description: `The newest ${o.repository}@${o.branch} benchmark run is more than ${o.slowerByPercent}% slower than its baseline.`,
      runbook_url: 'https://github.com/huggingface/transformers/tree/main/benchmark',
    },
    panel: { dashboardUid: UIDS.benchmarks, panelTitle: 'First eager forward pass' },
  });
}

export interface ServingOptions {
  /** p95 request latency threshold, milliseconds. */
  p95LatencyMs: number;
  /** KV-cache usage threshold, fraction 0–1. */
  kvCacheUsage: number;
}

const SERVING_RUNBOOK = 'https://huggingface.co/docs/transformers/main/en/continuous_batching';

/**
 * The shape every serving rule has: a PromQL query over the last 5 minutes,
 * reduced per instance (dropping NaN), compared with a threshold.
 */
function servingRule(o: {
  uid: string;
  title: string;
  expr: ReturnType<typeof promql>;
  reducer: 'last' | 'mean';
  threshold: ThresholdCondition & { recoverWhen?: ThresholdCondition };
  for: string;
  severity: 'warning' | 'critical';
  summary: string;
  noDataState?: 'Alerting';
  panel?: { dashboardUid: string; panelTitle: string };
}) {
  const query = alertQuery({ range: '5m', query: promQuery({ datasource: prometheus, expr: o.expr }) });
  const reduced = reduceExpression({ input: query, reducer: o.reducer, mode: 'dropNN' });
  const condition = thresholdExpression({ input: reduced, ...o.threshold });
  return alertRule({
    uid: o.uid,
    title: o.title,
    nodes: [query, reduced, condition],
    condition,
    for: o.for,
    ...(o.noDataState ? { noDataState: o.noDataState } : {}),
    labels: { team: 'transformers-serving', severity: o.severity },
    annotations: { summary: o.summary, runbook_url: SERVING_RUNBOOK },
    ...(o.panel ? { panel: o.panel } : {}),
  });
}

export function servingRules(o: ServingOptions) {
  return [
    servingRule({
      uid: 'serving-p95-latency',
      title: 'Continuous batching p95 latency',
      expr: promql`histogram_quantile(0.95, sum by (le, instance) (rate(request_latency_milliseconds_bucket[5m])))`,
      reducer: 'last',
      threshold: { above: o.p95LatencyMs },
      for: '10m',
      severity: 'critical',
      summary: `p95 request latency on {{ $labels.instance }} is {{ humanize $values.B.Value }} ms (above ${o.p95LatencyMs} ms) for 10 minutes`,
      panel: { dashboardUid: UIDS.continuousBatching, panelTitle: 'Request latency percentiles' },
    }),
    servingRule({
      uid: 'serving-kv-cache-usage',
      title: 'KV cache almost full',
      expr: promql`max by (instance) (kv_cache_memory_bytes / (kv_cache_memory_bytes + kv_cache_free_memory_bytes))`,
      reducer: 'mean',
      threshold: { above: o.kvCacheUsage, recoverWhen: { below: o.kvCacheUsage - 0.05 } },
      for: '5m',
      severity: 'warning',
      summary: 'KV cache on {{ $labels.instance }} is {{ humanizePercentage $values.B.Value }} full',
      panel: { dashboardUid: UIDS.kvCache, panelTitle: 'KV cache used' },
    }),
    servingRule({
      uid: 'serving-scrape-silent',
      title: 'Serving metrics stopped arriving',
      expr: promql`sum by (instance) (count_over_time(active_requests_count[5m]))`,
      reducer: 'last',
      threshold: { below: 1 },
      for: '5m',
      // No series at all is the failure this rule exists for.
      noDataState: 'Alerting',
      severity: 'critical',
      summary: 'No continuous-batching metrics reached Prometheus for 5 minutes: the server or its OpenTelemetry export is down',
    }),
  ];
}

export const perfTeam = contactPoint({
  name: 'transformers-perf',
  receivers: [{ uid: 'transformers-perf-webhook', type: 'webhook', settings: { url: env('GRAFANA_ALERT_WEBHOOK_URL'), httpMethod: 'POST' } }],
});

export const benchmarks = ruleGroup({
  name: 'benchmarks',
  folder: 'Transformers',
  interval: '1h',
  rules: [benchmarkRegressionRule({ repository: 'huggingface/transformers', branch: 'main', slowerByPercent: 10, baselineRuns: 10 })],
});

export const serving = ruleGroup({
  name: 'serving',
  folder: 'Transformers',
  interval: '1m',
  rules: servingRules({ p95LatencyMs: 8000, kvCacheUsage: 0.9 }),
});

export const policy = notificationPolicy({ receiver: perfTeam, groupBy: ['alertname', 'grafana_folder'] });
