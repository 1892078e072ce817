/**
 * Deterministic, plausible benchmark data for the metrics tables: what the
 * dashboards and `dashcode check` run against when no real database is given.
 *
 * Same `seed` and `baseTime` → the same rows, byte for byte (a seeded PRNG,
 * integer microsecond clocks). `baseTime` is the end of the data; by default it
 * is now, floored to the UTC hour, because dashboards open on relative ranges
 * (`now-7d`): data at a fixed date would fall out of them. Pass a fixed
 * `baseTime` (e.g. SEED_BASE_TIME) for rows that never change.
 *
 * Shape: huggingface/transformers `main` with a commit every ~12 h over the
 * window, a feature branch, and a fix branch from a contributor's fork; every
 * commit benchmarked on two models, one after the other; device samples every
 * 0.1 s during each run; one model_measurements row with every key at the end.
 * The newest run is on transformers/main, so the dashboards' "latest
 * repository/branch/commit" defaults land there. ~1 200 rows by default.
 */
import type { SqlEngine } from './engine.js';
import { rng, type Rng } from './prng.js';
import { MODEL_MEASUREMENT_KEYS } from './schema.js';
import { writeResults } from './load-results.js';
import { seedV2Runs } from './seed-v2.js';
import { writeMetrics, type BenchmarkRow, type DeviceRow, type MetricsRows, type ModelRow, type RowCounts } from './write.js';

export interface SeedOptions {
  /** PRNG seed (default 1). */
  seed?: number;
  /** End of the seeded window (default: now, floored to the UTC hour). */
  baseTime?: Date | string;
  /** Window length in days (default 6, inside a dashboard's `now-7d`). */
  days?: number;
  /** Device samples per run, 0.1 s apart (default 50: 5 s). */
  samplesPerRun?: number;
}

export interface SeedReport extends RowCounts {
  /** benchmark_v2 rows written (see seed-v2.ts). */
  v2Runs: number;
  v2Iterations: number;
  v2GpuSamples: number;
  /** First benchmark start and last sample, UTC. */
  from: Date;
  to: Date;
}

/** A fixed end for reproducible data, the same day as the Prometheus fixture's. */
export const SEED_BASE_TIME = '2026-11-01T00:00:00Z';

export const SEED_MODELS = ['meta-llama/Llama-3.2-1B', 'mistralai/Mistral-7B-v0.1'] as const;
export const SEED_GPU = 'NVIDIA A10G';
const GPU = SEED_GPU;

/**
 * The commit with the deliberate regression: the newest commit on
 * huggingface/transformers `main`. Its tracked v1 measurements (eager forward
 * passes, time to first token, compiled generate, model load) are
 * SEED_REGRESSION_FACTOR times slower than the commit's noise would give, and
 * so are its benchmark_v2 latencies (throughput drops accordingly). Every
 * other run stays within SEED_NOISE_BOUND_PCT of its model's typical value,
 * so a rule or panel that judges "more than 10 % slower than the median of
 * the previous runs on main" finds this commit and nothing else.
 */
export const SEED_REGRESSION_COMMIT = '5eed0bad1c0ffee2a7c3d9e4f6b8a0c1d2e3f4a5';
export const SEED_REGRESSION_FACTOR = 1.25;
/** The v1 keys the regression slows down (the alert's tracked measurements). */
export const SEED_REGRESSED_KEYS = [
  'model_load_time',
  'first_eager_forward_pass_time_secs',
  'second_eager_forward_pass_time_secs',
  'time_to_first_token_secs',
  'first_compile_generate_time_secs',
  'second_compile_generate_time_secs',
  'third_compile_generate_time_secs',
  'fourth_compile_generate_time_secs',
] as const;
/** Largest deviation of a non-regressed value from its branch's typical value (noise 1.5 % × 3 + drift 1 % × 3). */
export const SEED_NOISE_BOUND_PCT = 7.5;

/** One benchmarked commit, for generators that add runs of the same commits (benchmark_v2). */
export interface SeedCommit {
  repository: string;
  branch: string;
  commitId: string;
  message: string;
  /** Timing multiplier of this commit (branch speed × drift × regression). */
  speed: number;
  regression: boolean;
  /** When the v1 runs of this commit ended, µs since the epoch. */
  endUs: number;
}

interface BranchPlan {
  repository: string;
  branch: string;
  commits: number;
  /** Where its commits sit in the window, as fractions of it. */
  start: number;
  end: number;
  /** Multiplies every timing: a branch that made things faster or slower. */
  speed: number;
}

const BRANCHES: readonly BranchPlan[] = [
  { repository: 'huggingface/transformers', branch: 'main', commits: 12, start: 0.05, end: 0.98, speed: 1 },
  { repository: 'huggingface/transformers', branch: 'feat/static-cache-compile', commits: 3, start: 0.35, end: 0.8, speed: 0.86 },
  { repository: 'octo-contributor/transformers', branch: 'fix/sdpa-attention-mask', commits: 3, start: 0.15, end: 0.6, speed: 1.04 },
];

const MESSAGES = [
  'Fix attention mask dtype in the SDPA path',
  '[generate] Speed up static cache initialisation',
  'Refactor RoPE scaling helpers\n\nCo-authored-by: A Contributor <contributor@example.com>',
  'Bump torch to 2.6 in the benchmark image',
  'Add compile-friendly sliding window attention',
  'Llama: avoid a device sync in the rotary embedding',
  'Mistral: fuse QKV projections when compiling',
  '[benchmark] Record time to third token',
  'Remove a redundant cast in the logits processor',
  'Cache: preallocate the key/value tensors once',
  'Docs: clarify the benchmark workflow',
  'Generation: skip the stopping criteria check on the first step',
];

/** Seconds for Llama-3.2-1B (1.0) and Mistral-7B (scaled), roughly what an A10G shows. */
const BASE_SECONDS: Record<(typeof MODEL_MEASUREMENT_KEYS)[number], readonly [number, number]> = {
  model_load_time: [2.6, 9.8],
  first_eager_forward_pass_time_secs: [0.14, 0.52],
  second_eager_forward_pass_time_secs: [0.031, 0.095],
  first_eager_generate_time_secs: [2.9, 8.9],
  second_eager_generate_time_secs: [2.2, 7.4],
  time_to_first_token_secs: [0.046, 0.112],
  time_to_second_token_secs: [0.026, 0.061],
  time_to_third_token_secs: [0.025, 0.059],
  time_to_next_token_mean_secs: [0.023, 0.056],
  first_compile_generate_time_secs: [41, 88],
  second_compile_generate_time_secs: [1.12, 3.1],
  third_compile_generate_time_secs: [1.07, 3.02],
  fourth_compile_generate_time_secs: [1.06, 2.98],
};

/** Device profile per model: [cpu %, gpu %, host MB, GPU MB]. */
const DEVICE: readonly [number, number, number, number][] = [
  [24, 58, 3400, 2900],
  [31, 86, 9100, 15200],
];

const US = 1000; // microseconds per millisecond

export function generateSeedRows(options: SeedOptions = {}): MetricsRows & { from: Date; to: Date; commits: SeedCommit[] } {
  const r = rng(options.seed ?? 1);
  const endUs = baseMicros(options.baseTime);
  const windowUs = Math.round((options.days ?? 6) * 86_400_000) * US;
  const samples = Math.max(1, Math.floor(options.samplesPerRun ?? 50));
  const rows: MetricsRows = { benchmarks: [], device: [], model: [] };
  let messageIndex = 0;
  let firstUs = Infinity;
  let lastUs = -Infinity;
  const commits: SeedCommit[] = [];

  for (const plan of BRANCHES) {
    for (let c = 0; c < plan.commits; c++) {
      const position = plan.commits === 1 ? plan.end : plan.start + ((plan.end - plan.start) * c) / (plan.commits - 1);
      // Jitter of up to ±20 min keeps runs off round times without reordering commits.
      let startUs = endUs - Math.round((1 - position) * windowUs) + Math.round(r.between(-20, 20) * 60_000) * US;
      startUs = Math.min(startUs, endUs - 30 * 60_000 * US);
      const randomId = r.hex(40);
      // The newest commit on main carries the regression, under a fixed id tests and alerts can name.
      const regression = plan.branch === 'main' && plan.repository === 'huggingface/transformers' && c === plan.commits - 1;
      const commitId = regression ? SEED_REGRESSION_COMMIT : randomId;
      const message = regression ? 'Generation: check stopping criteria on every step (adds a device sync)' : (MESSAGES[messageIndex++ % MESSAGES.length] as string).slice(0, 70);
      const drift = 1 + r.gauss() * 0.01;
      let commitEndUs = startUs;
      SEED_MODELS.forEach((model, m) => {
        const run = runRows(r, { plan, model, m, commitId, message, startUs, samples, speed: plan.speed * drift, regression });
        rows.benchmarks.push(run.benchmark);
        for (const d of run.device) rows.device.push(d);
        rows.model.push(run.model);
        firstUs = Math.min(firstUs, startUs);
        lastUs = Math.max(lastUs, run.endUs);
        // The next model starts after this run plus a short pause.
        startUs = run.endUs + Math.round(r.between(20, 40) * 1000) * US;
        commitEndUs = run.endUs;
      });
      commits.push({ repository: plan.repository, branch: plan.branch, commitId, message, speed: plan.speed * drift * (regression ? SEED_REGRESSION_FACTOR : 1), regression, endUs: commitEndUs });
    }
  }
  return { ...rows, from: new Date(firstUs / US), to: new Date(lastUs / US), commits };
}

interface RunInput {
  plan: BranchPlan;
  model: string;
  m: number;
  commitId: string;
  message: string;
  startUs: number;
  samples: number;
  speed: number;
  regression: boolean;
}

function runRows(r: Rng, run: RunInput): { benchmark: BenchmarkRow; device: DeviceRow[]; model: ModelRow; endUs: number } {
  const id = r.uuid();
  const benchmark: BenchmarkRow = {
    benchmark_id: id,
    repository: run.plan.repository,
    branch: run.plan.branch,
    commit_id: run.commitId,
    commit_message: run.message,
    metadata: { model_name: run.model, gpu_name: GPU, benchmark_type: 'text_generation' },
    created_at: timestampText(run.startUs),
  };
  const [cpu, gpu, mem, gpuMem] = DEVICE[run.m] ?? [25, 60, 3000, 3000];
  const device: DeviceRow[] = [];
  let t = run.startUs + Math.round(r.between(1, 3) * 1000); // the sampler starts a couple of ms in
  for (let k = 0; k < run.samples; k++) {
    const warm = Math.min(1, k / (run.samples * 0.3)); // memory climbs while the model loads
    device.push({
      benchmark_id: id,
      cpu_util: round(clamp(cpu + r.gauss() * 8, 0, 100)),
      mem_megabytes: round(mem * (0.55 + 0.45 * warm) + r.gauss() * 60),
      gpu_util: round(clamp(gpu * warm + r.gauss() * 7, 0, 100)),
      gpu_mem_megabytes: round(gpuMem * (0.2 + 0.8 * warm) + r.gauss() * 40),
      time: timestampText(t),
    });
    t += Math.round(r.between(100.5, 102.5) * 1000); // ~0.1 s, like the recorder's sampler
  }
  const measurements: Record<string, number> = {};
  for (const key of MODEL_MEASUREMENT_KEYS) {
    const base = BASE_SECONDS[key][run.m] ?? 1;
    const slower = run.regression && (SEED_REGRESSED_KEYS as readonly string[]).includes(key) ? SEED_REGRESSION_FACTOR : 1;
    measurements[key] = round(base * run.speed * slower * (1 + r.gauss() * 0.015), 6);
  }
  const endUs = t;
  return { benchmark, device, model: { benchmark_id: id, measurements, time: timestampText(endUs) }, endUs };
}

/** Inserts the generated rows (idempotent: seeding twice with the same options adds nothing). */
export async function seed(engine: SqlEngine, options: SeedOptions = {}): Promise<SeedReport> {
  const { from, to, commits, ...rows } = generateSeedRows(options);
  const v2 = seedV2Runs(commits, options.seed ?? 1);
  return engine.transaction(async (tx) => {
    const { inserted } = await writeMetrics(tx, rows);
    const results = await writeResults(tx, v2);
    return { ...inserted, v2Runs: results.inserted.runs, v2Iterations: results.inserted.iterations, v2GpuSamples: results.inserted.gpuSamples, from, to };
  });
}

function baseMicros(base: Date | string | undefined): number {
  if (base === undefined) return Math.floor(Date.now() / 3_600_000) * 3_600_000 * US;
  const ms = (typeof base === 'string' ? new Date(base) : base).getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`seed: baseTime ${String(base)} is not a date`);
  return ms * US;
}

/** UTC wall-clock text with microseconds, as `timestamp` columns store it. */
export function timestampText(us: number): string {
  const d = new Date(Math.floor(us / US));
  const micros = String(((us % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, '0');
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}.${micros}`;
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
