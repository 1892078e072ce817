/**
 * Baselines and changes, shared by the benchmark dashboards and alert rules, so
 * "how much slower than usual" has one definition.
 *
 * - benchmark_values: every tracked number as (source, model, config,
 *   measurement, value) per run. v1: each key of model_measurements.measurements
 *   (seconds, lower is better). v2: the per-run medians of benchmark_v2_stats
 *   (`e2e_latency`, `ttft`, `itl` in seconds, lower is better; `tokens_per_second`,
 *   higher is better), config = the config's name.
 * - benchmark_changes(last_n, baseline_commit, noise_pct): each value against
 *   its baseline, the median of the `last_n` previous runs on branch `main`
 *   for the same model, config and measurement (or, when baseline_commit is
 *   given, the median of that commit's runs), with change_pct (positive =
 *   larger) and verdict: `worse` / `better` beyond ±noise_pct percent in the
 *   direction that matters, else `same`; `no baseline` without one.
 *   A LANGUAGE sql function of one SELECT, so PostgreSQL inlines it and a
 *   caller's WHERE on commit or model filters before the baselines are computed.
 * - benchmark_change: benchmark_changes(20, NULL, 10), for alert rules.
 * - benchmark_baseline: today's baseline per series: the median of the last 20
 *   runs on main.
 */
export const name = 'benchmark baselines: benchmark_values, benchmark_changes(), benchmark_change, benchmark_baseline';

export const sql = `
CREATE OR REPLACE VIEW benchmark_values AS
SELECT 'v1'::text AS source, b.benchmark_id AS run_key, b.repository, b.branch, b.commit_id, b.commit_message, b.created_at,
       b.metadata->>'model_name' AS model, ''::text AS config, kv.key AS measurement,
       (kv.value #>> '{}')::double precision AS value, true AS lower_is_better
  FROM benchmarks b
  JOIN model_measurements m ON m.benchmark_id = b.benchmark_id
  CROSS JOIN LATERAL jsonb_each(m.measurements) AS kv(key, value)
 WHERE jsonb_typeof(kv.value) = 'number'
UNION ALL
SELECT 'v2'::text, r.run_id::text, NULL::text, r.branch, r.commit_id, r.commit_message, r.created_at,
       r.model_id, coalesce(r.config_name, r.config_hash), x.measurement, x.value, x.lower_is_better
  FROM benchmark_v2_runs r
  JOIN benchmark_v2_stats s ON s.run_id = r.run_id
  CROSS JOIN LATERAL (VALUES ('e2e_latency', s.e2e_latency_median, true),
                             ('ttft', s.ttft_median, true),
                             ('itl', s.itl_median, true),
                             ('tokens_per_second', s.tokens_per_second_median, false)) AS x(measurement, value, lower_is_better)
 WHERE r.success AND x.value IS NOT NULL;

CREATE OR REPLACE FUNCTION benchmark_changes(last_n integer DEFAULT 20, baseline_commit text DEFAULT NULL, noise_pct double precision DEFAULT 10)
RETURNS TABLE (source text, run_key text, repository text, branch text, commit_id text, commit_message text, created_at timestamp without time zone,
               model text, config text, measurement text, value double precision, lower_is_better boolean,
               baseline double precision, baseline_runs integer, change_pct double precision, verdict text)
LANGUAGE sql STABLE AS $fn$
SELECT v.source, v.run_key, v.repository, v.branch, v.commit_id, v.commit_message, v.created_at,
       v.model, v.config, v.measurement, v.value, v.lower_is_better,
       bl.baseline, bl.runs,
       CASE WHEN bl.baseline > 0 THEN 100 * (v.value - bl.baseline) / bl.baseline END,
       CASE WHEN bl.baseline IS NULL OR bl.baseline <= 0 THEN 'no baseline'
            WHEN (CASE WHEN v.lower_is_better THEN 1 ELSE -1 END) * 100 * (v.value - bl.baseline) / bl.baseline > noise_pct THEN 'worse'
            WHEN (CASE WHEN v.lower_is_better THEN 1 ELSE -1 END) * 100 * (v.value - bl.baseline) / bl.baseline < -noise_pct THEN 'better'
            ELSE 'same' END
  FROM benchmark_values v
  CROSS JOIN LATERAL (
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY p.value) AS baseline, count(*)::integer AS runs
      FROM (SELECT q.value FROM benchmark_values q
             WHERE q.source = v.source AND q.model IS NOT DISTINCT FROM v.model AND q.config = v.config AND q.measurement = v.measurement
               AND CASE WHEN coalesce(baseline_commit, '') = '' THEN q.branch = 'main' AND q.created_at < v.created_at
                        ELSE q.commit_id = baseline_commit END
             ORDER BY q.created_at DESC
             LIMIT greatest(last_n, 1)) p
  ) bl
$fn$;

CREATE OR REPLACE VIEW benchmark_change AS SELECT * FROM benchmark_changes(20, NULL, 10);

CREATE OR REPLACE VIEW benchmark_baseline AS
SELECT source, model, config, measurement, lower_is_better,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS baseline, count(*)::integer AS runs, max(created_at) AS last_run
  FROM (SELECT v.*, row_number() OVER (PARTITION BY source, model, config, measurement ORDER BY created_at DESC) AS rn
          FROM benchmark_values v WHERE v.branch = 'main') t
 WHERE rn <= 20
 GROUP BY source, model, config, measurement, lower_is_better;
`;
