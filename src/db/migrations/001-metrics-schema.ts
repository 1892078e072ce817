/**
 * The metrics database exactly as transformers' MetricsRecorder writes it
 * (shared/reference/README.md). `IF NOT EXISTS` so that migrating a database the
 * recorder (or upstream's init_db.sql) already created adopts it; `migrate` then
 * verifies the columns, so an older layout is reported instead of accepted.
 *
 * `created_at` and `time` are NOT NULL like upstream's init_db.sql: every row the
 * recorder writes has them, and a measurement without a time cannot be plotted.
 */
export const name = 'metrics schema: benchmarks, device_measurements, model_measurements';

export const sql = `
CREATE TABLE IF NOT EXISTS benchmarks (
  benchmark_id text PRIMARY KEY,
  repository text,
  branch text,
  commit_id text,
  commit_message text,
  metadata jsonb,
  created_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
);

CREATE TABLE IF NOT EXISTS device_measurements (
  measurement_id serial PRIMARY KEY,
  benchmark_id text REFERENCES benchmarks (benchmark_id),
  cpu_util double precision,
  mem_megabytes double precision,
  gpu_util double precision,
  gpu_mem_megabytes double precision,
  time timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
);

CREATE TABLE IF NOT EXISTS model_measurements (
  measurement_id serial PRIMARY KEY,
  benchmark_id text REFERENCES benchmarks (benchmark_id),
  measurements jsonb,
  time timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
);
`;
