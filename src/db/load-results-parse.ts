/**
 * One benchmark_v2 result file (transformers benchmark_v2/framework/
 * benchmark_runner.py `save_results`) from JSON text to typed rows, collecting
 * every problem with its JSON path (`$["<hash>"].measurements.e2e_latency[3]`)
 * instead of stopping at the first.
 *
 * The shape, from data_classes.py (BenchmarkMetadata.to_dict,
 * BenchmarkResult.to_dict), hardware_metrics.py (HardwareInfo.to_dict,
 * GPURawMetrics.to_dict) and benchmark_config.py (BenchmarkConfig.to_dict):
 *
 *     { "<sha256 of the config>": {
 *         "metadata": { model_id, timestamp, branch_name, commit_id, commit_message, hardware_info, success },
 *         "measurements": { e2e_latency: [s], time_to_first_token: [s], inter_token_latency: [s],
 *                           shape_and_decoded_outputs: [str], gpu_metrics: null | [GPURawMetrics | null],
 *                           timestamps: null | [[[s]]] },
 *         "config": { name, batch_size, sequence_length, num_tokens_to_generate, attn_implementation,
 *                     sdpa_backend, compile_mode, ... } } }
 *
 * Strict where the dashboards depend on it (types, equal iteration counts,
 * finite numbers, known keys in metadata/measurements/GPU metrics); config keys
 * beyond the dimensions are kept verbatim in `config` jsonb, since the runner
 * adds options over time and they change no column.
 */
import type { IssueCode } from '../model/issue-codes.js';
import { joinPath, renderPath, type IssuePath } from '../model/issue-path.js';
import { timestampText } from './seed.js';

export interface ResultsProblem {
  readonly file: string;
  /** Where the value is in the document (`[]` for the whole document); absent for file-level problems. */
  readonly path?: IssuePath;
  readonly code: IssueCode;
  readonly message: string;
}

export function resultsProblemText(p: ResultsProblem): string {
  return p.path === undefined ? `${p.file}: ${p.message}` : `${p.file}: ${renderPath(['$', ...p.path])}: ${p.message}`;
}

export interface V2Iteration {
  iteration: number;
  e2e_latency: number;
  time_to_first_token: number | null;
  inter_token_latency: number | null;
  tokens_per_second: number | null;
}

export interface V2GpuSample {
  iteration: number;
  sample: number;
  seconds: number;
  time: string;
  gpu_utilization: number | null;
  gpu_memory_used_gb: number | null;
}

export interface V2Run {
  model_id: string;
  config_hash: string;
  created_at: string;
  branch: string | null;
  commit_id: string | null;
  commit_message: string | null;
  success: boolean;
  config_name: string | null;
  attn_implementation: string | null;
  sdpa_backend: string | null;
  compile_mode: string | null;
  batch_size: number;
  sequence_length: number;
  num_tokens_to_generate: number;
  continuous_batching: boolean | null;
  kernelize: boolean | null;
  warmup_iterations: number | null;
  measurement_iterations: number | null;
  gpu_name: string | null;
  gpu_memory_total_gb: number | null;
  config: Record<string, unknown>;
  hardware_info: Record<string, unknown> | null;
  source_file: string;
  iterations: V2Iteration[];
  samples: V2GpuSample[];
}

/** `Llama-3.2-1B_benchmark_20261031_120000.json`, as save_results names it. */
export const RESULT_FILE = /_benchmark_\d{8}_\d{6}\.json$/;

const ENTRY_KEYS = ['metadata', 'measurements', 'config'];
const METADATA_KEYS = ['model_id', 'timestamp', 'branch_name', 'commit_id', 'commit_message', 'hardware_info', 'success'];
const MEASUREMENT_KEYS = ['e2e_latency', 'time_to_first_token', 'inter_token_latency', 'shape_and_decoded_outputs', 'gpu_metrics', 'timestamps'];
const GPU_KEYS = ['utilization', 'memory_used', 'timestamps', 'timestamp_0', 'monitoring_status'];
const HASH = /^[0-9a-f]{64}$/;

type Obj = Record<string, unknown>;

class Reader {
  constructor(
    readonly file: string,
    readonly problems: ResultsProblem[],
  ) {}
  add(path: IssuePath, code: IssueCode, message: string): void {
    this.problems.push({ file: this.file, path, code, message });
  }
  object(v: unknown, path: IssuePath, keys?: readonly string[], required: readonly string[] = []): Obj | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.add(path, 'results-type', `expected an object, got ${describe(v)}`);
      return undefined;
    }
    const o = v as Obj;
    if (keys) for (const k of Object.keys(o)) if (!keys.includes(k)) this.add(joinPath(path, k), 'results-unknown-key', `unknown key (expected ${keys.join(', ')})`);
    for (const k of required) if (!Object.hasOwn(o, k)) this.add(path, 'results-missing-key', `missing key "${k}"`);
    return o;
  }
  string(v: unknown, path: IssuePath, nullable = false): string | null | undefined {
    if (v === undefined) return undefined;
    if (v === null && nullable) return null;
    if (typeof v !== 'string') {
      this.add(path, 'results-type', `expected a string${nullable ? ' or null' : ''}, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }
  number(v: unknown, path: IssuePath, nullable = false): number | null | undefined {
    if (v === null && nullable) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.add(path, 'results-number', `expected a finite number${nullable ? ' or null' : ''}, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }
  integer(v: unknown, path: IssuePath, min: number): number | undefined {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      this.add(path, 'results-integer', `expected an integer ≥ ${min}, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }
  boolean(v: unknown, path: IssuePath): boolean | undefined {
    if (typeof v !== 'boolean') {
      if (v !== undefined) this.add(path, 'results-type', `expected true or false, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }
  numbers(v: unknown, path: IssuePath, nullableItems = false): Array<number | null> | undefined {
    if (!Array.isArray(v)) {
      this.add(path, 'results-type', `expected an array of numbers, got ${describe(v)}`);
      return undefined;
    }
    const out: Array<number | null> = [];
    let ok = true;
    v.forEach((x, i) => {
      const n = this.number(x, joinPath(path, i), nullableItems);
      if (n === undefined) ok = false;
      else out.push(n);
    });
    return ok ? out : undefined;
  }
}

/** Parses and checks one file; rows are returned only when there are no problems. */
export function parseResultsFile(file: string, text: string): { runs: V2Run[]; problems: ResultsProblem[] } {
  const problems: ResultsProblem[] = [];
  const r = new Reader(file, problems);
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    problems.push({ file, code: 'results-syntax', message: `not valid JSON: ${jsonError(text, e as Error)}` });
    return { runs: [], problems };
  }
  const top = r.object(doc, []);
  if (!top) return { runs: [], problems };
  if (Object.keys(top).length === 0) r.add([], 'results-empty', 'no results: expected an object keyed by config hash');
  const runs: V2Run[] = [];
  for (const [hash, entry] of Object.entries(top)) {
    const run = parseEntry(r, file, hash, entry);
    if (run) runs.push(run);
  }
  return { runs: problems.length === 0 ? runs : [], problems };
}

function parseEntry(r: Reader, file: string, hash: string, entry: unknown): V2Run | undefined {
  const at: IssuePath = [hash];
  const before = r.problems.length;
  if (!HASH.test(hash)) r.add(at, 'results-config-hash', 'the key is not a config hash (64 lowercase hex digits, BenchmarkConfig.hash)');
  const e = r.object(entry, at, ENTRY_KEYS, ENTRY_KEYS);
  if (!e) return undefined;
  const m = r.object(e.metadata, joinPath(at, 'metadata'), METADATA_KEYS, ['model_id', 'timestamp', 'commit_id']);
  const c = r.object(e.config, joinPath(at, 'config'), undefined, ['batch_size', 'sequence_length', 'num_tokens_to_generate', 'attn_implementation']);
  const ms = r.object(e.measurements, joinPath(at, 'measurements'), MEASUREMENT_KEYS, ['e2e_latency']);
  if (!m || !c || !ms) return undefined;

  const modelId = r.string(m.model_id, joinPath(at, 'metadata', 'model_id'));
  const createdAt = timestamp(r, m.timestamp, joinPath(at, 'metadata', 'timestamp'));
  const hw = m.hardware_info === undefined || m.hardware_info === null ? null : r.object(m.hardware_info, joinPath(at, 'metadata', 'hardware_info'));
  const success = m.success === undefined ? true : r.boolean(m.success, joinPath(at, 'metadata', 'success'));
  const batch = r.integer(c.batch_size, joinPath(at, 'config', 'batch_size'), 1);
  const seq = r.integer(c.sequence_length, joinPath(at, 'config', 'sequence_length'), 1);
  const newTokens = r.integer(c.num_tokens_to_generate, joinPath(at, 'config', 'num_tokens_to_generate'), 1);
  const opt = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
  const intOpt = (k: string, min: number) => (c[k] === undefined ? null : opt(r.integer(c[k], joinPath(at, 'config', k), min)));

  const e2e = r.numbers(ms.e2e_latency, joinPath(at, 'measurements', 'e2e_latency'));
  const ttft = ms.time_to_first_token === undefined ? undefined : r.numbers(ms.time_to_first_token, joinPath(at, 'measurements', 'time_to_first_token'));
  const itl = ms.inter_token_latency === undefined ? undefined : r.numbers(ms.inter_token_latency, joinPath(at, 'measurements', 'inter_token_latency'), true);
  const n = e2e?.length ?? 0;
  for (const [name, list] of [['time_to_first_token', ttft], ['inter_token_latency', itl]] as const) {
    if (list && e2e && list.length !== n) r.add(joinPath(at, 'measurements', name), 'results-length', `has ${list.length} values, e2e_latency has ${n}: one per measurement iteration`);
  }
  if (e2e && success === false && n > 0) r.add(joinPath(at, 'metadata', 'success'), 'results-success', `is false but e2e_latency has ${n} values`);
  e2e?.forEach((v, i) => {
    if (v !== null && v <= 0) r.add(joinPath(at, 'measurements', 'e2e_latency', i), 'results-number', `a latency must be positive, got ${v}`);
  });
  const iterations: V2Iteration[] = (e2e ?? []).map((v, i) => ({
    iteration: i,
    e2e_latency: v as number,
    time_to_first_token: ttft?.[i] ?? null,
    inter_token_latency: itl?.[i] ?? null,
    tokens_per_second: batch && newTokens && v ? (batch * newTokens) / v : null,
  }));
  const samples = gpuSamples(r, ms.gpu_metrics, joinPath(at, 'measurements', 'gpu_metrics'), n);
  if (ms.shape_and_decoded_outputs !== undefined && !Array.isArray(ms.shape_and_decoded_outputs)) {
    r.add(joinPath(at, 'measurements', 'shape_and_decoded_outputs'), 'results-type', `expected an array of strings, got ${describe(ms.shape_and_decoded_outputs)}`);
  }
  if (ms.timestamps !== undefined && ms.timestamps !== null && !Array.isArray(ms.timestamps)) {
    r.add(joinPath(at, 'measurements', 'timestamps'), 'results-type', `expected null or an array, got ${describe(ms.timestamps)}`);
  }

  const text = (o: Obj, k: string, p: IssuePath) => opt(r.string(o[k], joinPath(p, k), true));
  const run = {
    model_id: modelId ?? '',
    config_hash: hash,
    created_at: createdAt ?? '',
    branch: text(m, 'branch_name', joinPath(at, 'metadata')),
    commit_id: text(m, 'commit_id', joinPath(at, 'metadata')),
    commit_message: text(m, 'commit_message', joinPath(at, 'metadata')),
    success: success ?? true,
    config_name: text(c, 'name', joinPath(at, 'config')),
    attn_implementation: text(c, 'attn_implementation', joinPath(at, 'config')),
    sdpa_backend: text(c, 'sdpa_backend', joinPath(at, 'config')),
    compile_mode: text(c, 'compile_mode', joinPath(at, 'config')),
    batch_size: batch ?? 0,
    sequence_length: seq ?? 0,
    num_tokens_to_generate: newTokens ?? 0,
    continuous_batching: opt(r.boolean(c.continuous_batching, joinPath(at, 'config', 'continuous_batching'))),
    kernelize: opt(r.boolean(c.kernelize, joinPath(at, 'config', 'kernelize'))),
    warmup_iterations: intOpt('warmup_iterations', 0),
    measurement_iterations: intOpt('measurement_iterations', 0),
    gpu_name: hw ? text(hw, 'gpu_name', joinPath(at, 'metadata', 'hardware_info')) : null,
    gpu_memory_total_gb: hw && hw.gpu_memory_total_gb !== undefined ? opt(r.number(hw.gpu_memory_total_gb, joinPath(at, 'metadata', 'hardware_info', 'gpu_memory_total_gb'), true)) : null,
    config: c,
    hardware_info: hw ?? null,
    source_file: file,
    iterations,
    samples,
  };
  if (modelId === '') r.add(joinPath(at, 'metadata', 'model_id'), 'results-missing-key', 'is empty');
  return r.problems.length === before ? run : undefined;
}

function gpuSamples(r: Reader, v: unknown, path: IssuePath, iterations: number): V2GpuSample[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    r.add(path, 'results-type', `expected null or an array (one GPURawMetrics per iteration), got ${describe(v)}`);
    return [];
  }
  if (v.length !== iterations) r.add(path, 'results-length', `has ${v.length} entries, e2e_latency has ${iterations}: one per measurement iteration`);
  const out: V2GpuSample[] = [];
  v.forEach((g, i) => {
    if (g === null) return;
    const p = joinPath(path, i);
    const o = r.object(g, p, GPU_KEYS, GPU_KEYS);
    if (!o) return;
    const util = r.numbers(o.utilization, joinPath(p, 'utilization'));
    const mem = r.numbers(o.memory_used, joinPath(p, 'memory_used'));
    const ts = r.numbers(o.timestamps, joinPath(p, 'timestamps'));
    const t0 = r.number(o.timestamp_0, joinPath(p, 'timestamp_0'));
    r.string(o.monitoring_status, joinPath(p, 'monitoring_status'));
    if (!util || !mem || !ts || t0 === undefined || t0 === null) return;
    if (util.length !== ts.length || mem.length !== ts.length) {
      r.add(p, 'results-length', `utilization (${util.length}), memory_used (${mem.length}) and timestamps (${ts.length}) must have one value per sample`);
      return;
    }
    ts.forEach((s, k) => {
      out.push({
        iteration: i,
        sample: k,
        seconds: s as number,
        time: timestampText(Math.round((t0 + (s as number)) * 1e6)),
        gpu_utilization: util[k] ?? null,
        gpu_memory_used_gb: mem[k] ?? null,
      });
    });
  });
  return out;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})?$/;

/** `datetime.now(timezone.utc).isoformat()` (or the older naive utcnow()) → UTC wall-clock text with microseconds. */
function timestamp(r: Reader, v: unknown, path: IssuePath): string | undefined {
  const s = r.string(v, path);
  if (s === undefined || s === null) return undefined;
  const m = ISO.exec(s);
  const ms = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).getUTCDate() !== +m[3]!) {
    r.add(path, 'results-timestamp', `${JSON.stringify(s)} is not an ISO 8601 timestamp like 2026-10-31T12:00:00.123456+00:00`);
    return undefined;
  }
  const zone = m[8];
  const offsetMin = !zone || zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const micros = Number((m[7] ?? '').padEnd(6, '0'));
  return timestampText((ms - offsetMin * 60_000) * 1000 + micros);
}


function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return String(v);
}

/** JSON.parse's message with the position as line:column when it has one. */
function jsonError(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return e.message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split('\n');
  return `${e.message.replace(/ in JSON at position \d+.*$/, '')} at line ${before.length} column ${(before.at(-1)?.length ?? 0) + 1}`;
}
