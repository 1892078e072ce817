/**
 * Indexes for the queries the benchmark dashboards run. PostgreSQL indexes
 * primary keys (benchmarks.benchmark_id) but not foreign keys.
 *
 * - benchmarks (branch, created_at): every panel filters `WHERE branch = $branch`,
 *   the `branch` variable lists DISTINCT branch, and the StartTime/EndTime
 *   variables pick a branch's runs by time.
 * - device_measurements (benchmark_id, time): the usage panels join
 *   benchmarks → device_measurements and plot by time; it is also the foreign key
 *   lookup (deleting a benchmark, the loader's "already loaded?" check).
 * - device_measurements USING brin (time): `$__timeFilter(d.time)` across all
 *   runs. This table grows fastest (10 rows/s per run) and is appended in time
 *   order, where a BRIN index is a few pages instead of a B-tree as big as the data.
 * - model_measurements (benchmark_id): the forward-pass panels' join.
 */
export const name = 'indexes for branch, benchmark_id and time';

export const sql = `
CREATE INDEX IF NOT EXISTS benchmarks_branch_created_at_idx ON benchmarks (branch, created_at);
CREATE INDEX IF NOT EXISTS device_measurements_benchmark_id_time_idx ON device_measurements (benchmark_id, time);
CREATE INDEX IF NOT EXISTS device_measurements_time_brin_idx ON device_measurements USING brin (time);
CREATE INDEX IF NOT EXISTS model_measurements_benchmark_id_idx ON model_measurements (benchmark_id);
`;
