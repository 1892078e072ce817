/**
 * Inserts benchmark runs, shared by the CSV loader and the seed generator.
 *
 * Idempotent per benchmark: a benchmark_id already in `benchmarks` is skipped
 * (ON CONFLICT DO NOTHING), and measurements are skipped for every benchmark_id
 * that already has rows in that table. A benchmark's measurements therefore
 * arrive all at once or not at all, which is how the recorder's exports and our
 * single-transaction loads produce them. We do not add a unique key on
 * (benchmark_id, time): the recorder writes to the same tables and may record two
 * samples in the same microsecond; a constraint it does not expect would fail its
 * inserts.
 *
 * Rows travel as one JSON parameter per chunk through jsonb_to_recordset: one
 * round trip per few thousand rows on both engines, values typed by the column
 * list, timestamps passed as text so their microseconds survive.
 */
import type { SqlEngine } from './engine.js';

/** Timestamps are UTC wall-clock text, `YYYY-MM-DD HH:MM:SS[.ffffff]`. */
export interface BenchmarkRow {
  benchmark_id: string;
  repository: string | null;
  branch: string | null;
  commit_id: string | null;
  commit_message: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
}

export interface DeviceRow {
  benchmark_id: string;
  cpu_util: number | null;
  mem_megabytes: number | null;
  gpu_util: number | null;
  gpu_mem_megabytes: number | null;
  time: string;
}

export interface ModelRow {
  benchmark_id: string;
  measurements: Record<string, number>;
  time: string;
}

export interface MetricsRows {
  benchmarks: BenchmarkRow[];
  device: DeviceRow[];
  model: ModelRow[];
}

export interface RowCounts {
  benchmarks: number;
  deviceMeasurements: number;
  modelMeasurements: number;
}

const CHUNK = 5000;

/** Serialises writers: two concurrent loads must not both decide "not loaded yet". */
export const WRITE_LOCK_KEY = 0x64617369;

export async function writeMetrics(tx: SqlEngine, rows: MetricsRows): Promise<{ inserted: RowCounts; skipped: RowCounts }> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);

  let benchmarks = 0;
  for (const chunk of chunks(rows.benchmarks)) {
    const r = await tx.query(
      `INSERT INTO benchmarks (benchmark_id, repository, branch, commit_id, commit_message, metadata, created_at)
       SELECT benchmark_id, repository, branch, commit_id, commit_message, metadata, created_at
         FROM jsonb_to_recordset($1::jsonb) AS r(benchmark_id text, repository text, branch text, commit_id text,
                                                commit_message text, metadata jsonb, created_at timestamp)
       ON CONFLICT (benchmark_id) DO NOTHING
       RETURNING benchmark_id`,
      [JSON.stringify(chunk)],
    );
    benchmarks += r.rows.length;
  }

  const device = await withoutLoaded(tx, 'device_measurements', rows.device);
  for (const chunk of chunks(device)) {
    // ORDER BY n: measurement_id follows the input (time) order, as when the
    // recorder inserts samples one by one.
    await tx.query(
      `INSERT INTO device_measurements (benchmark_id, cpu_util, mem_megabytes, gpu_util, gpu_mem_megabytes, time)
       SELECT benchmark_id, cpu_util, mem_megabytes, gpu_util, gpu_mem_megabytes, time
         FROM jsonb_to_recordset($1::jsonb) AS r(benchmark_id text, cpu_util float8, mem_megabytes float8,
                                                gpu_util float8, gpu_mem_megabytes float8, time timestamp, n integer)
        ORDER BY n`,
      [numbered(chunk)],
    );
  }

  const model = await withoutLoaded(tx, 'model_measurements', rows.model);
  for (const chunk of chunks(model)) {
    await tx.query(
      `INSERT INTO model_measurements (benchmark_id, measurements, time)
       SELECT benchmark_id, measurements, time
         FROM jsonb_to_recordset($1::jsonb) AS r(benchmark_id text, measurements jsonb, time timestamp, n integer)
        ORDER BY n`,
      [numbered(chunk)],
    );
  }

  return {
    inserted: { benchmarks, deviceMeasurements: device.length, modelMeasurements: model.length },
    skipped: {
      benchmarks: rows.benchmarks.length - benchmarks,
      deviceMeasurements: rows.device.length - device.length,
      modelMeasurements: rows.model.length - model.length,
    },
  };
}

/** Drops rows of benchmarks that already have measurements in `table`. */
async function withoutLoaded<R extends { benchmark_id: string }>(tx: SqlEngine, table: 'device_measurements' | 'model_measurements', rows: R[]): Promise<R[]> {
  if (rows.length === 0) return rows;
  const ids = [...new Set(rows.map((r) => r.benchmark_id))];
  const { rows: loaded } = await tx.query<{ benchmark_id: string }>(
    `SELECT DISTINCT benchmark_id FROM ${table} WHERE benchmark_id = ANY($1::text[])`,
    [ids],
  );
  if (loaded.length === 0) return rows;
  const skip = new Set(loaded.map((r) => r.benchmark_id));
  return rows.filter((r) => !skip.has(r.benchmark_id));
}

/** JSON rows with their position, so INSERT ... SELECT can keep the order. */
function numbered(rows: object[]): string {
  return JSON.stringify(rows.map((r, n) => ({ ...r, n })));
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}
