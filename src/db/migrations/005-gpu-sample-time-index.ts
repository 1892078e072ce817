/**
 * benchmark_v2_gpu_samples (run_id, time): the comparison dashboard aligns each
 * run's GPU samples on the run's first sample, `(SELECT min(f.time) FROM
 * benchmark_v2_gpu_samples f WHERE f.run_id = r.run_id)` for every sample
 * row. The primary key (run_id, iteration, sample) finds a run's rows but
 * not their earliest time, so each row scanned all of its run's samples
 * (quadratic in samples per run); with this index the minimum is one index
 * lookup. On the check fixtures that panel's query went from about 100 ms to
 * about 45 ms on PGlite.
 */
export const name = 'index benchmark_v2_gpu_samples (run_id, time)';

export const sql = `
CREATE INDEX IF NOT EXISTS benchmark_v2_gpu_samples_run_id_time_idx ON benchmark_v2_gpu_samples (run_id, time);
`;
