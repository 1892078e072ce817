/**
 * transformers' benchmark_v2 results (benchmark_v2/framework/benchmark_runner.py
 * `save_results`: `<model>_benchmark_<timestamp>.json`, an object keyed by
 * config hash whose entries hold `metadata`, `measurements` and `config`).
 *
 * - benchmark_v2_runs: one row per run of one config (model, config hash and
 *   the metadata timestamp identify it, so loading the file again, or the
 *   larger file the runner rewrites after each config, adds nothing). The
 *   config's dimensions are columns, so dashboards filter on them; the whole
 *   config and hardware_info stay as jsonb.
 * - benchmark_v2_iterations: one row per measurement iteration: e2e latency,
 *   time to first token, inter-token latency (seconds, as the runner computes
 *   them) and tokens/s (batch_size × num_tokens_to_generate / e2e latency, as
 *   BenchmarkResult.get_throughput).
 * - benchmark_v2_gpu_samples: GPURawMetrics of each iteration (present when the
 *   file was saved with summarized=False): utilisation (percent) and memory
 *   used (GB) at `seconds` after the monitor's first sample.
 * - benchmark_v2_stats: mean, median, p95 and stddev per run, computed by the
 *   database (numpy's defaults: linear percentile, population stddev).
 */
export const name = 'benchmark_v2 results: runs, iterations, GPU samples, statistics';

export const sql = `
CREATE TABLE IF NOT EXISTS benchmark_v2_runs (
  run_id serial PRIMARY KEY,
  model_id text NOT NULL,
  config_hash text NOT NULL,
  created_at timestamp without time zone NOT NULL,
  branch text,
  commit_id text,
  commit_message text,
  success boolean NOT NULL,
  config_name text,
  attn_implementation text,
  sdpa_backend text,
  compile_mode text,
  batch_size integer,
  sequence_length integer,
  num_tokens_to_generate integer,
  continuous_batching boolean,
  kernelize boolean,
  warmup_iterations integer,
  measurement_iterations integer,
  gpu_name text,
  gpu_memory_total_gb double precision,
  config jsonb NOT NULL,
  hardware_info jsonb,
  source_file text NOT NULL,
  UNIQUE (model_id, config_hash, created_at)
);

CREATE TABLE IF NOT EXISTS benchmark_v2_iterations (
  run_id integer NOT NULL REFERENCES benchmark_v2_runs (run_id),
  iteration integer NOT NULL,
  e2e_latency double precision NOT NULL,
  time_to_first_token double precision,
  inter_token_latency double precision,
  tokens_per_second double precision,
  PRIMARY KEY (run_id, iteration)
);

CREATE TABLE IF NOT EXISTS benchmark_v2_gpu_samples (
  run_id integer NOT NULL REFERENCES benchmark_v2_runs (run_id),
  iteration integer NOT NULL,
  sample integer NOT NULL,
  seconds double precision NOT NULL,
  time timestamp without time zone NOT NULL,
  gpu_utilization double precision,
  gpu_memory_used_gb double precision,
  PRIMARY KEY (run_id, iteration, sample)
);

CREATE INDEX IF NOT EXISTS benchmark_v2_runs_branch_created_at_idx ON benchmark_v2_runs (branch, created_at);

CREATE OR REPLACE VIEW benchmark_v2_stats AS
SELECT r.run_id,
       count(i.iteration)::integer AS iterations,
       avg(i.e2e_latency) AS e2e_latency_mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY i.e2e_latency) AS e2e_latency_median,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY i.e2e_latency) AS e2e_latency_p95,
       stddev_pop(i.e2e_latency) AS e2e_latency_stddev,
       avg(i.time_to_first_token) AS ttft_mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY i.time_to_first_token) AS ttft_median,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY i.time_to_first_token) AS ttft_p95,
       stddev_pop(i.time_to_first_token) AS ttft_stddev,
       avg(i.inter_token_latency) AS itl_mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY i.inter_token_latency) AS itl_median,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY i.inter_token_latency) AS itl_p95,
       stddev_pop(i.inter_token_latency) AS itl_stddev,
       avg(i.tokens_per_second) AS tokens_per_second_mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY i.tokens_per_second) AS tokens_per_second_median,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY i.tokens_per_second) AS tokens_per_second_p95,
       stddev_pop(i.tokens_per_second) AS tokens_per_second_stddev
  FROM benchmark_v2_runs r
  LEFT JOIN benchmark_v2_iterations i ON i.run_id = r.run_id
 GROUP BY r.run_id;
`;
