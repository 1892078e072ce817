/**
 * benchmark_v2 result files for the seeded commits, written in transformers'
 * format (benchmark_runner.py `save_results`, see load-results-parse.ts) by
 * our own code, then read back through the loader's parser, so the seed
 * exercises the same path as `dashcode db load-results`.
 *
 * Per commit and model one file `<model>_benchmark_<YYYYMMDD_HHMMSS>.json`
 * (model id with `/` → `_`, in a folder of that name, as the runner does),
 * three configs, five measurement iterations each with GPU monitoring
 * (summarized=False, samples every 0.05 s as GPUMonitor's default).
 * Spreads: ~1.5 % per iteration, ~1 % per commit; a slower first token
 * when compiled; the regression commit is SEED_REGRESSION_FACTOR slower.
 */
import { createHash } from 'node:crypto';
import { rng, type Rng } from './prng.js';
import { parseResultsFile, type V2Run } from './load-results-parse.js';
import { SEED_GPU, SEED_MODELS, timestampText, type SeedCommit } from './seed.js';

interface SeedConfig {
  attn_implementation: string;
  sdpa_backend: string | null;
  compile_mode: string | null;
  batch_size: number;
  /** Seconds per generated token for Llama-3.2-1B, Mistral-7B. */
  itl: readonly [number, number];
  /** Prefill seconds. */
  ttft: readonly [number, number];
}

const CONFIGS: readonly SeedConfig[] = [
  { attn_implementation: 'flash_attention_2', sdpa_backend: null, compile_mode: null, batch_size: 1, itl: [0.0118, 0.0262], ttft: [0.021, 0.048] },
  { attn_implementation: 'sdpa', sdpa_backend: 'math', compile_mode: 'default', batch_size: 4, itl: [0.0096, 0.0231], ttft: [0.034, 0.081] },
  { attn_implementation: 'eager', sdpa_backend: null, compile_mode: 'default', batch_size: 1, itl: [0.0089, 0.0214], ttft: [0.019, 0.044] },
];
const WARMUP = 5;
const ITERATIONS = 5;
const SEQUENCE_LENGTH = 128;
const NEW_TOKENS = 32;
const GPU_MEMORY_GB: readonly [number, number] = [3.1, 15.4];

/** BenchmarkConfig.infer_name(compact=True). */
function configName(c: SeedConfig): string {
  const attn = c.attn_implementation + (c.attn_implementation === 'sdpa' ? `_${c.sdpa_backend}` : '');
  const compiled = c.compile_mode === null ? 'uncompiled' : `compiled_${c.compile_mode}`;
  return [`w${WARMUP}_i${ITERATIONS}`, 'monitored', `b${c.batch_size}_s${SEQUENCE_LENGTH}_n${NEW_TOKENS}`, attn, compiled, 'unkernelized', 'generate'].join('-');
}

/** BenchmarkConfig.to_dict(), keys in its order. */
function configDict(c: SeedConfig): Record<string, unknown> {
  return {
    name: configName(c),
    warmup_iterations: WARMUP,
    measurement_iterations: ITERATIONS,
    gpu_monitoring: true,
    continuous_batching: false,
    batch_size: c.batch_size,
    sequence_length: SEQUENCE_LENGTH,
    num_tokens_to_generate: NEW_TOKENS,
    attn_implementation: c.attn_implementation,
    sdpa_backend: c.sdpa_backend,
    compile_mode: c.compile_mode,
    compile_options: {},
    kernelize: false,
  };
}

/** BenchmarkConfig.hash: sha256 of Python's json.dumps (separators `, ` and `: `). */
export function configHash(config: Record<string, unknown>): string {
  return createHash('sha256').update(pythonJson(config)).digest('hex');
}

function pythonJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(pythonJson).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as object).map(([k, x]) => `${JSON.stringify(k)}: ${pythonJson(x)}`).join(', ')}}`;
  return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface ResultFile {
  /** Relative path: `<model>/<model>_benchmark_<timestamp>.json`. */
  path: string;
  text: string;
}

/** The result files of the seeded commits, in transformers' format. */
export function generateV2ResultFiles(commits: readonly SeedCommit[], seed = 1): ResultFile[] {
  const r = rng(seed + 0x5eed);
  const files: ResultFile[] = [];
  for (const commit of commits) {
    let t = commit.endUs + 60_000_000; // a minute after the v1 runs
    SEED_MODELS.forEach((model, m) => {
      const stamp = new Date(Math.floor(t / 1000)).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
      const name = model.replace(/\//g, '_');
      const doc: Record<string, unknown> = {};
      for (const c of CONFIGS) {
        const { entry, endUs } = configEntry(r, commit, model, m, c, t);
        doc[configHash(configDict(c))] = entry;
        t = endUs + Math.round(r.between(2, 4) * 1e6);
      }
      files.push({ path: `${name}/${name}_benchmark_${stamp}.json`, text: `${compactNumericArrays(JSON.stringify(doc, null, 4))}\n` });
    });
  }
  return files;
}

/** The runs of generateV2ResultFiles, read back through the loader's parser. */
export function seedV2Runs(commits: readonly SeedCommit[], seed = 1): V2Run[] {
  const runs: V2Run[] = [];
  for (const f of generateV2ResultFiles(commits, seed)) {
    const parsed = parseResultsFile(f.path, f.text);
    if (parsed.problems.length > 0) throw new Error(`seed: generated ${f.path} does not parse: ${parsed.problems[0]?.message}`);
    runs.push(...parsed.runs);
  }
  return runs;
}

function configEntry(r: Rng, commit: SeedCommit, model: string, m: number, c: SeedConfig, startUs: number): { entry: object; endUs: number } {
  const speed = commit.speed * (1 + r.gauss() * 0.005);
  const e2e: number[] = [];
  const ttft: number[] = [];
  const itl: number[] = [];
  const gpu: object[] = [];
  const outputs: string[] = [];
  let t = startUs + WARMUP * 1.2e6; // warm-up iterations first
  for (let i = 0; i < ITERATIONS; i++) {
    const first = (c.ttft[m] ?? 0.03) * speed * (1 + r.gauss() * 0.015);
    const perToken = (c.itl[m] ?? 0.01) * speed * (1 + r.gauss() * 0.015);
    const total = first + perToken * (NEW_TOKENS - 1) + 0.002 * (1 + r.next());
    e2e.push(round(total, 6));
    ttft.push(round(first, 6));
    itl.push(round(perToken, 7));
    outputs.push(`(${c.batch_size}, ${NEW_TOKENS}) | The French Revolution was a period of political and societal change`);
    const samples = Math.max(2, Math.floor(total / 0.05));
    const t0 = t / 1e6 + 0.003;
    const util: number[] = [];
    const mem: number[] = [];
    const ts: number[] = [];
    for (let k = 0; k < samples; k++) {
      ts.push(round(k * 0.05 + r.next() * 0.002, 6));
      util.push(Math.round(Math.min(100, Math.max(0, (k === 0 ? 35 : 88) + r.gauss() * 4))));
      mem.push(round((GPU_MEMORY_GB[m] ?? 3) * (c.batch_size > 1 ? 1.08 : 1) + k * 0.002 + r.gauss() * 0.01, 4));
    }
    gpu.push({ utilization: util, memory_used: mem, timestamps: ts, timestamp_0: round(t0, 6), monitoring_status: 'success' });
    t += Math.round((total + 0.05) * 1e6);
  }
  const entry = {
    metadata: {
      model_id: model,
      timestamp: `${timestampText(t).replace(' ', 'T')}+00:00`,
      branch_name: commit.branch,
      commit_id: commit.commitId,
      commit_message: commit.message,
      hardware_info: { gpu_name: SEED_GPU, gpu_memory_total_gb: 22.06, python_version: '3.12.3', torch_version: '2.9.0+cu128' },
      success: true,
    },
    measurements: {
      e2e_latency: e2e,
      time_to_first_token: ttft,
      inter_token_latency: itl,
      shape_and_decoded_outputs: outputs,
      gpu_metrics: gpu,
      timestamps: null,
    },
    config: configDict(c),
  };
  return { entry, endUs: t };
}

/** benchmark_runner.py compact_json_numeric_arrays: numeric arrays on one line. */
function compactNumericArrays(json: string): string {
  return json.replace(/\[\s*\n\s*((?:-?\d+(?:\.\d+)?(?:e-?\d+)?\s*,\s*)*-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*\n\s*\]/g, (_m, body: string) => `[${body.replace(/\s+/g, ' ').trim()}]`);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
