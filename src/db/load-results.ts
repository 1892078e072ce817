/**
 * Loads transformers benchmark_v2 result files (`<model>_benchmark_<timestamp>.json`,
 * found anywhere under DIR: the runner writes them to `<output_dir>/<model>/`)
 * into benchmark_v2_runs / _iterations / _gpu_samples (migration 003).
 *
 * - One transaction per file: a file with any problem writes nothing, and
 *   every problem of every file is reported (`file: $["<hash>"].path: message`);
 *   good files still load. The runner rewrites its file after every config, so
 *   files are the unit a person fixes or re-copies.
 * - Idempotent: a run is (model_id, config hash, metadata timestamp); runs
 *   already in the database are skipped with their iterations and samples, so
 *   loading a directory twice, or the runner's partial and final file, adds
 *   nothing twice.
 */
import { walkFiles } from '../files/walk.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SqlEngine } from './engine.js';
import { issue, type Issue } from '../model/issue.js';
import { parseResultsFile, resultsProblemText, RESULT_FILE, type ResultsProblem, type V2Run } from './load-results-parse.js';
import { WRITE_LOCK_KEY } from './write.js';

const MAX_PROBLEMS = 100;

export interface ResultsCounts {
  runs: number;
  iterations: number;
  gpuSamples: number;
}

export interface ResultsLoadReport {
  dir: string;
  /** Result files found (relative to dir, sorted) and whether each loaded. */
  files: Array<{ file: string; loaded: boolean }>;
  /** Other files under dir, left alone. */
  ignored: string[];
  inserted: ResultsCounts;
  skipped: ResultsCounts;
  problems: ResultsProblem[];
}

/** Some files had problems (they wrote nothing); `report` says what the others loaded. */
export class ResultsLoadError extends Error {
  override readonly name = 'ResultsLoadError';
  constructor(
    readonly problems: readonly ResultsProblem[],
    readonly report?: ResultsLoadReport,
  ) {
    const shown = problems.slice(0, MAX_PROBLEMS).map(resultsProblemText);
    if (problems.length > MAX_PROBLEMS) shown.push(`... and ${problems.length - MAX_PROBLEMS} more problems`);
    super(shown.join('\n'));
  }
  get issues(): Issue[] {
    return this.problems.map((p) => ({ ...issue(p.code, p.path ?? [], p.message), source: { file: p.file } }));
  }
}

export async function loadResultsDir(engine: SqlEngine, dir: string): Promise<ResultsLoadReport> {
  let names: string[];
  try {
    // walkFiles treats a missing folder as empty; a results folder the user named must exist.
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
    names = await walkFiles(dir);
  } catch (e) {
    throw new ResultsLoadError([{ file: dir, code: 'results-read', message: `cannot read the directory: ${(e as Error).message}` }]);
  }
  const files = names.filter((n) => RESULT_FILE.test(n));
  const report: ResultsLoadReport = {
    dir,
    files: [],
    ignored: names.filter((n) => !RESULT_FILE.test(n)),
    inserted: { runs: 0, iterations: 0, gpuSamples: 0 },
    skipped: { runs: 0, iterations: 0, gpuSamples: 0 },
    problems: [],
  };
  if (files.length === 0) {
    throw new ResultsLoadError([{ file: dir, code: 'results-none', message: 'no benchmark_v2 results here: expected <model>_benchmark_<YYYYMMDD_HHMMSS>.json files' }], report);
  }
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(path.join(dir, file), 'utf8');
    } catch (e) {
      report.problems.push({ file, code: 'results-read', message: `cannot read the file: ${(e as Error).message}` });
      report.files.push({ file, loaded: false });
      continue;
    }
    const { runs, problems } = parseResultsFile(file, text);
    if (problems.length > 0) {
      report.problems.push(...problems);
      report.files.push({ file, loaded: false });
      continue;
    }
    const r = await engine.transaction((tx) => writeResults(tx, runs));
    for (const k of ['runs', 'iterations', 'gpuSamples'] as const) {
      report.inserted[k] += r.inserted[k];
      report.skipped[k] += r.skipped[k];
    }
    report.files.push({ file, loaded: true });
  }
  if (report.problems.length > 0) throw new ResultsLoadError(report.problems, report);
  return report;
}

/** Inserts runs not yet loaded, with their iterations and GPU samples. Shared with the seed. */
export async function writeResults(tx: SqlEngine, runs: readonly V2Run[]): Promise<{ inserted: ResultsCounts; skipped: ResultsCounts }> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
  const inserted: ResultsCounts = { runs: 0, iterations: 0, gpuSamples: 0 };
  const skipped: ResultsCounts = { runs: 0, iterations: 0, gpuSamples: 0 };
  if (runs.length === 0) return { inserted, skipped };
  const rows = runs.map(({ iterations: _i, samples: _s, ...run }, n) => ({ ...run, n }));
  const { rows: ids } = await tx.query<{ run_id: number; model_id: string; config_hash: string; created: string }>(
    `INSERT INTO benchmark_v2_runs (model_id, config_hash, created_at, branch, commit_id, commit_message, success, config_name,
       attn_implementation, sdpa_backend, compile_mode, batch_size, sequence_length, num_tokens_to_generate, continuous_batching,
       kernelize, warmup_iterations, measurement_iterations, gpu_name, gpu_memory_total_gb, config, hardware_info, source_file)
     SELECT model_id, config_hash, created_at, branch, commit_id, commit_message, success, config_name,
       attn_implementation, sdpa_backend, compile_mode, batch_size, sequence_length, num_tokens_to_generate, continuous_batching,
       kernelize, warmup_iterations, measurement_iterations, gpu_name, gpu_memory_total_gb, config, hardware_info, source_file
       FROM jsonb_to_recordset($1::jsonb) AS r(model_id text, config_hash text, created_at timestamp, branch text, commit_id text,
         commit_message text, success boolean, config_name text, attn_implementation text, sdpa_backend text, compile_mode text,
         batch_size integer, sequence_length integer, num_tokens_to_generate integer, continuous_batching boolean, kernelize boolean,
         warmup_iterations integer, measurement_iterations integer, gpu_name text, gpu_memory_total_gb float8, config jsonb,
         hardware_info jsonb, source_file text, n integer)
      ORDER BY n
     ON CONFLICT (model_id, config_hash, created_at) DO NOTHING
     RETURNING run_id, model_id, config_hash, to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.US') AS created`,
    [JSON.stringify(rows)],
  );
  const iterations: object[] = [];
  const samples: object[] = [];
  const loaded = new Set<number>();
  const index = new Map(runs.map((run, n) => [runKey(run.model_id, run.config_hash, run.created_at), n]));
  for (const { run_id, model_id, config_hash, created } of ids) {
    const n = index.get(runKey(model_id, config_hash, created));
    const run = n === undefined ? undefined : runs[n];
    if (!run || n === undefined) continue;
    loaded.add(n);
    for (const it of run.iterations) iterations.push({ run_id, ...it });
    for (const s of run.samples) samples.push({ run_id, ...s });
  }
  runs.forEach((run, n) => {
    if (loaded.has(n)) return;
    skipped.runs++;
    skipped.iterations += run.iterations.length;
    skipped.gpuSamples += run.samples.length;
  });
  inserted.runs = ids.length;
  for (let i = 0; i < iterations.length; i += 5000) {
    await tx.query(
      `INSERT INTO benchmark_v2_iterations (run_id, iteration, e2e_latency, time_to_first_token, inter_token_latency, tokens_per_second)
       SELECT run_id, iteration, e2e_latency, time_to_first_token, inter_token_latency, tokens_per_second
         FROM jsonb_to_recordset($1::jsonb) AS r(run_id integer, iteration integer, e2e_latency float8, time_to_first_token float8,
                                                inter_token_latency float8, tokens_per_second float8)`,
      [JSON.stringify(iterations.slice(i, i + 5000))],
    );
  }
  for (let i = 0; i < samples.length; i += 5000) {
    await tx.query(
      `INSERT INTO benchmark_v2_gpu_samples (run_id, iteration, sample, seconds, time, gpu_utilization, gpu_memory_used_gb)
       SELECT run_id, iteration, sample, seconds, time, gpu_utilization, gpu_memory_used_gb
         FROM jsonb_to_recordset($1::jsonb) AS r(run_id integer, iteration integer, sample integer, seconds float8, time timestamp,
                                                gpu_utilization float8, gpu_memory_used_gb float8)`,
      [JSON.stringify(samples.slice(i, i + 5000))],
    );
  }
  inserted.iterations = iterations.length;
  inserted.gpuSamples = samples.length;
  return { inserted, skipped };
}

function runKey(model: string, hash: string, created: string): string {
  return JSON.stringify([model, hash, created]);
}
