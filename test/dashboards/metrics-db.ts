/**
 * An in-process PostgreSQL (PGlite) with the metrics database schema from the
 * reference README, a few seeded benchmark runs, and Grafana's SQL variable
 * handling emulated closely enough to run the generated queries as Grafana
 * would send them.
 */
import { migrate, type SqlEngine } from '../../src/db/index.js';
import { openTestPglite } from '../support/pglite.js';


export const MEASUREMENT_KEYS = [
  'model_load_time',
  'first_eager_forward_pass_time_secs',
  'second_eager_forward_pass_time_secs',
  'first_eager_generate_time_secs',
  'second_eager_generate_time_secs',
  'time_to_first_token_secs',
  'time_to_second_token_secs',
  'time_to_third_token_secs',
  'time_to_next_token_mean_secs',
  'first_compile_generate_time_secs',
  'second_compile_generate_time_secs',
  'third_compile_generate_time_secs',
  'fourth_compile_generate_time_secs',
] as const;

export interface SeedRun {
  id: string;
  repository: string;
  branch: string;
  commit: string;
  message: string;
  model: string;
  gpu: string;
  /** UTC, `YYYY-MM-DD HH:MM:SS`. */
  createdAt: string;
}

/** Oldest first. The newest run (r3) decides every default: repository, branch, commit and model. */
export const RUNS: readonly SeedRun[] = [
  { id: 'r0', repository: 'someone/fork', branch: 'main', commit: '0000000fork', message: 'Fork', model: 'meta-llama/Llama-3.2-1B', gpu: 'NVIDIA T4', createdAt: '2025-07-01 08:00:00' },
  { id: 'r4', repository: 'huggingface/transformers', branch: "feat/it's-quoted", commit: 'ccccccc3333', message: "Branch with a quote", model: 'meta-llama/Llama-3.2-1B', gpu: 'NVIDIA A10G', createdAt: '2025-07-27 09:00:00' },
  { id: 'r1', repository: 'huggingface/transformers', branch: 'main', commit: 'aaaaaaa1111', message: 'Older commit\n\nWith a body', model: 'meta-llama/Llama-3.2-1B', gpu: 'NVIDIA A10G', createdAt: '2025-07-28 10:00:00' },
  { id: 'r2', repository: 'huggingface/transformers', branch: 'main', commit: 'bbbbbbb2222', message: "Fix the cache's eviction", model: 'meta-llama/Llama-3.2-1B', gpu: 'NVIDIA A10G', createdAt: '2025-07-29 10:00:00' },
  { id: 'r3', repository: 'huggingface/transformers', branch: 'main', commit: 'bbbbbbb2222', message: "Fix the cache's eviction", model: 'mistralai/Mistral-7B-v0.1', gpu: 'NVIDIA A10G', createdAt: '2025-07-29 11:00:00' },
];

/** Seconds after `createdAt` at which each run has a device sample. */
export const DEVICE_OFFSETS = [1, 2, 3];

/** The seeded value of a measurement: distinct per run and key, so a query reading the wrong key is caught. */
export function measurementValue(run: SeedRun, key: (typeof MEASUREMENT_KEYS)[number]): number {
  return RUNS.indexOf(run) + 1 + MEASUREMENT_KEYS.indexOf(key) / 100;
}

/** The schema comes from dashcode's own migrations; the rows are hand-made so tests can name exact values. */
export async function seededDb(): Promise<SqlEngine> {
  const db = await openTestPglite();
  await migrate(db);
  for (const r of RUNS) {
    await db.query('INSERT INTO benchmarks VALUES ($1, $2, $3, $4, $5, $6, $7)', [r.id, r.repository, r.branch, r.commit, r.message, JSON.stringify({ model_name: r.model, gpu_name: r.gpu, benchmark_type: 'test' }), r.createdAt]);
    const measurements = Object.fromEntries(MEASUREMENT_KEYS.map((k) => [k, measurementValue(r, k)]));
    await db.query(`INSERT INTO model_measurements (benchmark_id, measurements, time) VALUES ($1, $2, $3::timestamp + interval '10 seconds')`, [r.id, JSON.stringify(measurements), r.createdAt]);
    for (const s of DEVICE_OFFSETS) {
      await db.query(`INSERT INTO device_measurements (benchmark_id, cpu_util, mem_megabytes, gpu_util, gpu_mem_megabytes, time) VALUES ($1, 10, 2000, 50, 4000, $2::timestamp + make_interval(secs => $3))`, [r.id, r.createdAt, s]);
    }
  }
  return db;
}

export type VariableValues = ReadonlyMap<string, readonly string[]>;

/** Grafana's `sqlstring` format: each value single-quoted with quotes doubled, joined by commas. */
export function sqlstring(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
}

/**
 * The SQL Grafana sends: `${x:sqlstring}` replaced, `$__timeFilter(col)` expanded
 * over `range`. Any other `$` reference left is an error: the emulation must
 * not silently pass what Grafana would treat differently.
 */
export function interpolate(sql: string, values: VariableValues, range: { from: string; to: string }): string {
  const out = sql
    .replace(/\$\{(\w+):sqlstring\}/g, (_, name: string) => {
      const v = values.get(name);
      if (!v) throw new Error(`no value for variable ${name}`);
      return sqlstring(v);
    })
    .replace(/\$__timeFilter\(([^)]+)\)/g, (_, column: string) => `${column} BETWEEN '${range.from}' AND '${range.to}'`);
  if (/\$\{|\$\w/.test(out)) throw new Error(`unhandled Grafana reference in: ${out}`);
  return out;
}

/** A query variable's options as Grafana's SQL datasource reads them: `__value` column, else the first column. */
export function variableOptions(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  return rows.map((row) => String('__value' in row ? row.__value : Object.values(row)[0]));
}
