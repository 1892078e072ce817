/**
 * Migrations, the MetricsRecorder CSV loader and the seed generator, the same
 * suite on embedded PGlite and on a real PostgreSQL (when DATABASE_URL is set;
 * always in CI: start one with `export "$(.ci/postgres.sh start)"`).
 *
 * Every test works in a fresh schema: one PGlite instance with `SET
 * search_path` per test (PGlite has a single session), or a pool whose
 * connections use that search_path on PostgreSQL.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CsvLoadError,
  METRICS_TABLES,
  MODEL_MEASUREMENT_KEYS,
  MigrationError,
  SEED_BASE_TIME,
  loadCsvDir,
  migrate,
  openPostgres,
  schemaIssues,
  seed,
  type SqlEngine,
} from '../../src/db/index.js';
import { formatIssues } from '../../src/validate/issues.js';
import { openTestPglite } from '../support/pglite.js';
import { POSTGRES_HOW, service } from '../support/services.js';
import { needShared, sharedPath } from '../support/shared.js';

const EXPORT_DIR = sharedPath('reference/transformers/benchmark/benchmark_results');
const STAMP = '20250729_200822';
const DEVICE_FILE = `device_measurements_${STAMP}.csv`;

interface Target {
  /** An engine on a new, empty schema. */
  fresh(): Promise<SqlEngine>;
  cleanup(): Promise<void>;
}

async function counts(db: SqlEngine) {
  const { rows } = await db.query<{ b: number; d: number; m: number }>(
    'SELECT (SELECT count(*) FROM benchmarks) AS b, (SELECT count(*) FROM device_measurements) AS d, (SELECT count(*) FROM model_measurements) AS m',
  );
  return rows[0];
}

/** A copy of the reference export in a temp dir, with `edit` applied to one file's lines (1-based). */
async function corruptedCopy(file: string, edit: (lines: string[]) => void): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dashcode-csv-'));
  await cp(EXPORT_DIR, dir, { recursive: true });
  const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n');
  edit(lines);
  await writeFile(path.join(dir, file), lines.join('\n'));
  return dir;
}

async function loadError(db: SqlEngine, dir: string): Promise<CsvLoadError> {
  try {
    await loadCsvDir(db, dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CsvLoadError);
    return e as CsvLoadError;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  throw new Error('expected a CsvLoadError');
}

function metricsSuite(name: string, t: Target) {
  describe(`metrics database on ${name}`, () => {
    afterAll(() => t.cleanup());

    describe('migrate', () => {
      it('creates the three tables with the README columns and types, and is idempotent', async () => {
        const db = await t.fresh();
        expect(await migrate(db)).toEqual({ applied: [1, 2, 3, 4, 5], version: 5 });
        expect(await migrate(db)).toEqual({ applied: [], version: 5 });
        const { rows } = await db.query<{ table_name: string; column_name: string; data_type: string }>(
          `SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name IN ('benchmarks', 'device_measurements', 'model_measurements')
            ORDER BY table_name, ordinal_position`,
        );
        const actual: Record<string, Record<string, string>> = {};
        for (const r of rows) (actual[r.table_name] ??= {})[r.column_name] = r.data_type;
        expect(actual).toEqual(METRICS_TABLES);
        const recorded = await db.query<{ id: number }>('SELECT id FROM dashcode_migrations ORDER BY id');
        expect(recorded.rows).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
        expect(await schemaIssues(db)).toEqual([]);
        await db.close();
      });

      it('defaults created_at and time to now in UTC, and references benchmarks', async () => {
        const db = await t.fresh();
        await migrate(db);
        const { rows } = await db.query<{ skew: number }>(
          `INSERT INTO benchmarks (benchmark_id) VALUES ('b1')
           RETURNING abs(extract(epoch FROM created_at - (now() AT TIME ZONE 'utc'))) AS skew`,
        );
        expect(rows[0]!.skew).toBeLessThan(1);
        await expect(db.query(`INSERT INTO device_measurements (benchmark_id, cpu_util) VALUES ('nope', 1)`)).rejects.toMatchObject({ code: '23503' });
        const idx = await db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`);
        expect(idx.rows.map((r) => r.indexname)).toEqual(
          expect.arrayContaining(['benchmarks_branch_created_at_idx', 'device_measurements_benchmark_id_time_idx', 'device_measurements_time_brin_idx', 'model_measurements_benchmark_id_idx']),
        );
        await db.close();
      });

      it('refuses the older layout (integer benchmark_id) with a clear message and changes nothing', async () => {
        const db = await t.fresh();
        await db.exec(`CREATE TABLE benchmarks (benchmark_id serial PRIMARY KEY, branch varchar(255), gpu_name varchar(255),
                         created_at timestamp NOT NULL DEFAULT now())`);
        const err = await migrate(db).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(MigrationError);
        const text = formatIssues((err as MigrationError).issues);
        expect(text).toContain('column benchmarks.benchmark_id is integer, expected text: this looks like the older layout');
        expect(text).toContain('column benchmarks.metadata (jsonb) does not exist');
        // Rolled back: not even dashcode_migrations exists.
        const { rows } = await db.query(`SELECT to_regclass('dashcode_migrations') AS t, to_regclass('device_measurements') AS d`);
        expect(rows[0]).toEqual({ t: null, d: null });
        await db.close();
      });
    });

    describe.runIf(needShared)('loadCsvDir on the reference export', () => {
      it('loads 1 benchmark, 145 device rows and 1 model row; placeholders become NULL; microseconds kept', async () => {
        const db = await t.fresh();
        await migrate(db);
        const report = await loadCsvDir(db, EXPORT_DIR);
        expect(report).toMatchObject({
          read: { benchmarks: 1, deviceMeasurements: 145, modelMeasurements: 1 },
          inserted: { benchmarks: 1, deviceMeasurements: 145, modelMeasurements: 1 },
          skipped: { benchmarks: 0, deviceMeasurements: 0, modelMeasurements: 0 },
          placeholders: 4,
          summaryRowsChecked: 1,
          ignored: [],
        });
        expect(await counts(db)).toEqual({ b: 1, d: 145, m: 1 });

        const b = await db.query(`SELECT benchmark_id, repository, branch, commit_id, commit_message, metadata, created_at::text AS created_at FROM benchmarks`);
        expect(b.rows[0]).toEqual({
          benchmark_id: '06eccf8f-a72d-4b1a-a5bb-cfbf7e688c70',
          repository: null,
          branch: null,
          commit_id: null,
          commit_message: null,
          metadata: { model_name: 'mock-transformer-7b', gpu_name: 'Mock GPU RTX 4090', benchmark_type: 'mock_inference_test', simulation_duration_seconds: 15 },
          created_at: '2025-07-29 20:08:07.875408',
        });

        const m = await db.query<{ measurements: Record<string, unknown>; time: string }>(`SELECT measurements, time::text AS time FROM model_measurements`);
        const measurements = m.rows[0]!.measurements;
        expect(Object.keys(measurements).sort()).toEqual([...MODEL_MEASUREMENT_KEYS].sort());
        expect(Object.values(measurements).every((v) => typeof v === 'number')).toBe(true);
        expect(measurements.model_load_time).toBe(2.862834930419922);
        expect(m.rows[0]!.time).toBe('2025-07-29 20:08:22.618298');

        // Device rows keep file order in measurement_id, and every digit of the doubles.
        const d = await db.query<{ cpu_util: number; time: string }>(`SELECT cpu_util, time::text AS time FROM device_measurements ORDER BY measurement_id LIMIT 1`);
        expect(d.rows[0]).toEqual({ cpu_util: 32.23157351573059, time: '2025-07-29 20:08:07.876981' });
        const order = await db.query<{ ok: boolean }>(`SELECT bool_and(ordered) AS ok FROM (SELECT time >= lag(time, 1, time) OVER (ORDER BY measurement_id) AS ordered FROM device_measurements) x`);
        expect(order.rows[0]!.ok).toBe(true);
        await db.close();
      });

      it('adds nothing when the same export is loaded again', async () => {
        const db = await t.fresh();
        await migrate(db);
        await loadCsvDir(db, EXPORT_DIR);
        const again = await loadCsvDir(db, EXPORT_DIR);
        expect(again.inserted).toEqual({ benchmarks: 0, deviceMeasurements: 0, modelMeasurements: 0 });
        expect(again.skipped).toEqual({ benchmarks: 1, deviceMeasurements: 145, modelMeasurements: 1 });
        expect(await counts(db)).toEqual({ b: 1, d: 145, m: 1 });
        await db.close();
      });

      it('loads nothing from a corrupted copy and names file:line:column', async () => {
        const db = await t.fresh();
        await migrate(db);
        const dir = await corruptedCopy(DEVICE_FILE, (lines) => {
          lines[16] = lines[16]!.replace(/^([^,]+),[^,]+,/, '$1,abc,'); // line 17, cpu_util
        });
        const err = await loadError(db, dir);
        // benchmark_id is 36 characters and a comma: cpu_util starts in column 38.
        expect(err.message).toBe(`${DEVICE_FILE}:17:38: cpu_util "abc" is not a number`);
        expect(formatIssues(err.issues)).toBe(`✖ ${DEVICE_FILE}:17:38: cpu_util "abc" is not a number [csv-number]`);
        expect(await counts(db)).toEqual({ b: 0, d: 0, m: 0 });
        await db.close();
      });

      it('collects every problem across files before failing', async () => {
        const db = await t.fresh();
        await migrate(db);
        const dir = await corruptedCopy(DEVICE_FILE, (lines) => {
          lines[2] = lines[2]!.replace(/,([^,]+)$/, ',2025-13-01T00:00:00'); // line 3: time
          lines[5] = lines[5]!.replace(/^[^,]+/, 'not-in-this-export'); // line 6: unknown benchmark
          lines[9] = `${lines[9]},extra`; // line 10: one field too many
          lines[11] = lines[11]!.replace(/,([^,]+),([^,]+)$/, ',"7,$2'); // line 12 onwards: unclosed quote
        });
        await writeFile(path.join(dir, `model_measurements_${STAMP}.csv`), 'benchmark_id,time,model_load_time\n06eccf8f-a72d-4b1a-a5bb-cfbf7e688c70,2025-07-29T20:08:22+02:00,1e999\n');
        const err = await loadError(db, dir);
        expect(err.message.split('\n')).toEqual([
          `${DEVICE_FILE}:3:${column(3, 5)}: time "2025-13-01T00:00:00" is not a valid date and time`,
          `${DEVICE_FILE}:6:1: benchmark_id "not-in-this-export" is in no benchmarks_*.csv of this export and not in the database`,
          `${DEVICE_FILE}:10:${column(10, 6)}: the line has 7 fields, the header has 6`,
          `${DEVICE_FILE}:12:${column(12, 4)}: quoted field is never closed (a closing " is missing)`,
          `model_measurements_${STAMP}.csv:2:38: time "2025-07-29T20:08:22+02:00" has UTC offset +02:00; the column is UTC without a time zone: convert to UTC first`,
          `model_measurements_${STAMP}.csv:2:64: model_load_time "1e999" is not a number`,
        ]);
        expect(await counts(db)).toEqual({ b: 0, d: 0, m: 0 });
        await db.close();
      });

      it('rejects measurements of a benchmark that is in neither the export nor the database', async () => {
        const db = await t.fresh();
        await migrate(db);
        const dir = await corruptedCopy(DEVICE_FILE, (lines) => {
          for (let i = 100; i < 105; i++) lines[i] = lines[i]!.replace(/^[^,]+/, 'elsewhere');
        });
        const err = await loadError(db, dir);
        expect(err.message).toBe(`${DEVICE_FILE}:101:1: benchmark_id "elsewhere" is in no benchmarks_*.csv of this export and not in the database (5 rows)`);
        expect(await counts(db)).toEqual({ b: 0, d: 0, m: 0 });
        await db.close();
      });

      it('cross-checks the summary: a truncated device file is caught', async () => {
        const db = await t.fresh();
        await migrate(db);
        const dir = await corruptedCopy(DEVICE_FILE, (lines) => {
          lines.splice(141, 5); // drop the last 5 samples (lines 142-146)
        });
        const err = await loadError(db, dir);
        expect(err.message).toContain(`benchmark_summary_${STAMP}.csv:2:`);
        expect(err.message).toContain('device_measurement_count is "145" in the summary but 140 in the data');
        expect(err.problems.every((p) => p.file === `benchmark_summary_${STAMP}.csv`)).toBe(true);
        expect(await counts(db)).toEqual({ b: 0, d: 0, m: 0 });
        await db.close();
      });

      it('says so when a directory holds no export', async () => {
        const db = await t.fresh();
        const dir = await mkdtemp(path.join(os.tmpdir(), 'dashcode-csv-'));
        await writeFile(path.join(dir, 'notes.txt'), 'hello');
        const err = await loadError(db, dir);
        expect(err.message).toBe(`${dir}: no MetricsRecorder export here: expected benchmarks_*.csv (with device_measurements_*.csv, model_measurements_*.csv)`);
        await db.close();
      });
    });

    describe('seed', () => {
      const snapshot = async (db: SqlEngine) => ({
        benchmarks: (await db.query(`SELECT benchmark_id, repository, branch, commit_id, commit_message, metadata, created_at::text FROM benchmarks ORDER BY benchmark_id`)).rows,
        device: (await db.query(`SELECT benchmark_id, cpu_util, mem_megabytes, gpu_util, gpu_mem_megabytes, time::text FROM device_measurements ORDER BY measurement_id`)).rows,
        model: (await db.query(`SELECT benchmark_id, measurements, time::text FROM model_measurements ORDER BY measurement_id`)).rows,
      });

      it('writes the same rows for the same seed, other rows for another seed', async () => {
        const a = await t.fresh();
        const b = await t.fresh();
        await migrate(a);
        await migrate(b);
        const report = await seed(a, { seed: 7, baseTime: SEED_BASE_TIME });
        await seed(b, { seed: 7, baseTime: SEED_BASE_TIME });
        expect(report).toMatchObject({ benchmarks: 36, deviceMeasurements: 1800, modelMeasurements: 36, v2Runs: 108, v2Iterations: 540 });
        expect(report.to.getTime()).toBeLessThanOrEqual(Date.parse(SEED_BASE_TIME));
        const snapA = await snapshot(a);
        expect(await snapshot(b)).toEqual(snapA);

        const c = await t.fresh();
        await migrate(c);
        await seed(c, { seed: 8, baseTime: SEED_BASE_TIME });
        expect((await snapshot(c)).benchmarks).not.toEqual(snapA.benchmarks);
        for (const db of [a, b, c]) await db.close();
      });

      it('is plausible: branches, 40-hex commits, both models, every measurement key, 0.1 s samples in range', async () => {
        const db = await t.fresh();
        await migrate(db);
        await seed(db, { seed: 1, baseTime: SEED_BASE_TIME });
        const q = async (sql: string) => (await db.query(sql)).rows;
        expect(await q(`SELECT repository, branch, count(DISTINCT commit_id)::int AS commits FROM benchmarks GROUP BY 1, 2 ORDER BY 1, 2`)).toEqual([
          { repository: 'huggingface/transformers', branch: 'feat/static-cache-compile', commits: 3 },
          { repository: 'huggingface/transformers', branch: 'main', commits: 12 },
          { repository: 'octo-contributor/transformers', branch: 'fix/sdpa-attention-mask', commits: 3 },
        ]);
        expect(await q(`SELECT bool_and(commit_id ~ '^[0-9a-f]{40}$') AS hex, bool_and(benchmark_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$') AS uuid FROM benchmarks`)).toEqual([{ hex: true, uuid: true }]);
        expect(await q(`SELECT metadata->>'model_name' AS model, count(*)::int AS n FROM benchmarks GROUP BY 1 ORDER BY 1`)).toEqual([
          { model: 'meta-llama/Llama-3.2-1B', n: 18 },
          { model: 'mistralai/Mistral-7B-v0.1', n: 18 },
        ]);
        expect(await q(`SELECT DISTINCT jsonb_object_keys(metadata) AS k FROM benchmarks ORDER BY 1`)).toEqual([{ k: 'benchmark_type' }, { k: 'gpu_name' }, { k: 'model_name' }]);
        const keys = await q(`SELECT DISTINCT jsonb_object_keys(measurements) AS k FROM model_measurements ORDER BY 1`);
        expect(keys.map((r) => r.k)).toEqual([...MODEL_MEASUREMENT_KEYS].sort());
        expect(await q(`SELECT bool_and(v::float8 > 0 AND v::float8 < 200) AS ok FROM model_measurements, jsonb_each_text(measurements) AS e(k, v)`)).toEqual([{ ok: true }]);
        expect(
          await q(`SELECT min(cpu_util) >= 0 AND max(cpu_util) <= 100 AND min(gpu_util) >= 0 AND max(gpu_util) <= 100
                      AND min(mem_megabytes) > 0 AND min(gpu_mem_megabytes) > 0 AS ok FROM device_measurements`),
        ).toEqual([{ ok: true }]);
        const gaps = await q(`SELECT min(gap) AS lo, max(gap) AS hi FROM (
                                SELECT extract(epoch FROM time - lag(time) OVER (PARTITION BY benchmark_id ORDER BY measurement_id))::float8 AS gap
                                FROM device_measurements) x WHERE gap IS NOT NULL`);
        expect(gaps[0]!.lo).toBeGreaterThanOrEqual(0.1);
        expect(gaps[0]!.hi).toBeLessThan(0.103);
        // The newest run is transformers/main, so dashboards default to it.
        expect(await q(`SELECT repository, branch FROM benchmarks ORDER BY created_at DESC LIMIT 1`)).toEqual([{ repository: 'huggingface/transformers', branch: 'main' }]);
        await db.close();
      });

      it('by default ends within the hour before now, so now-7d dashboards see every run; seeding twice adds nothing', async () => {
        const db = await t.fresh();
        await migrate(db);
        const first = await seed(db);
        const second = await seed(db);
        expect(first.benchmarks).toBe(36);
        expect(second).toMatchObject({ benchmarks: 0, deviceMeasurements: 0, modelMeasurements: 0, v2Runs: 0, v2Iterations: 0, v2GpuSamples: 0 });
        const now = Date.now();
        expect(first.to.getTime()).toBeLessThanOrEqual(now);
        expect(first.from.getTime()).toBeGreaterThan(now - 7 * 86_400_000);
        await db.close();
      });
    });
  });
}

/** Column where field `field` (0-based) of the reference device file's line `line` starts. */
let deviceLines: string[] = [];
function column(line: number, field: number): number {
  return deviceLines[line - 1]!.split(',').slice(0, field).join(',').length + (field > 0 ? 2 : 1);
}
beforeAll(async () => {
  if (needShared) deviceLines = (await readFile(path.join(EXPORT_DIR, DEVICE_FILE), 'utf8')).split('\n');
});

function pgliteTarget(): Target {
  // One PGlite for the file (it takes a second or two to start); a schema per test.
  let shared: Promise<SqlEngine> | undefined;
  let n = 0;
  return {
    async fresh() {
      shared ??= openTestPglite();
      const db = await shared;
      const schema = `t${++n}`;
      await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
      // A test closing its engine must not close the shared one.
      return { ...db, close: async () => undefined };
    },
    cleanup: async () => (await shared)?.close(),
  };
}

function postgresTarget(url: string): Target {
  const prefix = `dashcode_metrics_${process.pid}_${Date.now()}`;
  const schemas: string[] = [];
  return {
    async fresh() {
      const schema = `${prefix}_${schemas.length + 1}`;
      schemas.push(schema);
      const admin = await openPostgres(url);
      await admin.exec(`CREATE SCHEMA ${schema}`);
      await admin.close();
      return openPostgres(url, { schema, max: 2 });
    },
    async cleanup() {
      if (schemas.length === 0) return;
      const admin = await openPostgres(url);
      for (const s of schemas) await admin.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await admin.close();
    },
  };
}

metricsSuite('PGlite', pgliteTarget());

const url = service('DATABASE_URL', POSTGRES_HOW);
if (url) metricsSuite('PostgreSQL', postgresTarget(url));
