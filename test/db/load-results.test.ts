/**
 * benchmark_v2 results: the fixture files (our generator, transformers'
 * format), `loadResultsDir` (idempotent, one transaction per file, errors with
 * file and JSON path), the statistics view and the baseline function the
 * dashboards and alerts share.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadResultsDir,
  migrate,
  parseResultsFile,
  resultsProblemText,
  ResultsLoadError,
  seed,
  SEED_BASE_TIME,
  SEED_REGRESSED_KEYS,
  SEED_REGRESSION_COMMIT,
  type SqlEngine,
} from '../../src/db/index.js';
import { run } from '../../src/cli/run.js';
import { FIXTURE_DIR, fixtureFiles } from '../fixtures/benchmark_v2/generate.js';
import { openTestPglite } from '../support/pglite.js';
import { captureIo } from '../support/temp-project.js';

const FILE = 'meta-llama_Llama-3.2-1B/meta-llama_Llama-3.2-1B_benchmark_20261031_211219.json';

function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'insight-results-'));
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

/** The fixture file as an object, to break in one place. */
function fixtureDoc(): Record<string, Record<string, Record<string, unknown>>> {
  return JSON.parse(readFileSync(path.join(FIXTURE_DIR, FILE), 'utf8'));
}

describe('benchmark_v2 fixture files', () => {
  it('are what the generator writes (regenerate: node --import tsx test/fixtures/benchmark_v2/generate.ts)', () => {
    for (const f of fixtureFiles()) expect(readFileSync(path.join(FIXTURE_DIR, f.path), 'utf8'), f.path).toBe(f.text);
  });

  it('have the runner shape: config hash keys, metadata / measurements / config, one value per iteration', () => {
    const doc = fixtureDoc();
    for (const [hash, entry] of Object.entries(doc)) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(entry)).toEqual(['metadata', 'measurements', 'config']);
      const m = entry.measurements as Record<string, unknown[]>;
      expect(m.time_to_first_token).toHaveLength(m.e2e_latency!.length);
      expect(m.gpu_metrics).toHaveLength(m.e2e_latency!.length);
    }
    expect(parseResultsFile(FILE, readFileSync(path.join(FIXTURE_DIR, FILE), 'utf8')).problems).toEqual([]);
  });
});

describe('loadResultsDir', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestPglite();
    await migrate(engine);
  });
  afterAll(() => engine.close());

  it('loads every file once: loading again inserts nothing', async () => {
    const dir = scratch();
    const first = await loadResultsDir(engine, dir);
    expect(first.files.map((f) => f.loaded)).toEqual([true, true, true, true]);
    expect(first.inserted.runs).toBe(12);
    expect(first.inserted.iterations).toBe(60);
    expect(first.inserted.gpuSamples).toBeGreaterThan(0);
    const again = await loadResultsDir(engine, dir);
    expect(again.inserted).toEqual({ runs: 0, iterations: 0, gpuSamples: 0 });
    expect(again.skipped).toEqual(first.inserted);
  });

  it('computes mean, median, p95 and stddev like numpy (linear percentile, population stddev)', async () => {
    const { rows } = await engine.query<{ e2e: number[]; mean: number; median: number; p95: number; stddev: number }>(
      `SELECT array_agg(i.e2e_latency ORDER BY i.e2e_latency) AS e2e, s.e2e_latency_mean AS mean, s.e2e_latency_median AS median,
              s.e2e_latency_p95 AS p95, s.e2e_latency_stddev AS stddev
         FROM benchmark_v2_stats s JOIN benchmark_v2_iterations i USING (run_id) GROUP BY s.run_id, 2, 3, 4, 5 LIMIT 1`,
    );
    const { e2e, mean, median, p95, stddev } = rows[0]!;
    const avg = e2e.reduce((a, b) => a + b, 0) / e2e.length;
    const at = (q: number) => {
      const pos = (e2e.length - 1) * q;
      const lo = Math.floor(pos);
      return e2e[lo]! + (e2e[Math.min(lo + 1, e2e.length - 1)]! - e2e[lo]!) * (pos - lo);
    };
    expect(mean).toBeCloseTo(avg, 12);
    expect(median).toBeCloseTo(at(0.5), 12);
    expect(p95).toBeCloseTo(at(0.95), 12);
    expect(stddev).toBeCloseTo(Math.sqrt(e2e.reduce((a, b) => a + (b - avg) ** 2, 0) / e2e.length), 12);
  });

  it('a bad file loads nothing, names file and JSON path of every problem; the good files still load', async () => {
    const dir = scratch();
    const doc = fixtureDoc();
    const [hash, entry] = Object.entries(doc)[0]!;
    (entry.measurements as Record<string, unknown[]>).e2e_latency![3] = 'abc';
    (entry.config as Record<string, unknown>).batch_size = 0;
    (entry as Record<string, unknown>).measures = {};
    writeFileSync(path.join(dir, FILE), JSON.stringify(doc));
    const fresh = await openTestPglite();
    try {
      await migrate(fresh);
      const err = await loadResultsDir(fresh, dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ResultsLoadError);
      const message = (err as ResultsLoadError).message;
      expect(message).toContain(`${FILE}: $["${hash}"].measurements.e2e_latency[3]: expected a finite number, got "abc"`);
      expect(message).toContain(`${FILE}: $["${hash}"].config.batch_size: expected an integer ≥ 1, got 0`);
      expect(message).toContain(`${FILE}: $["${hash}"].measures: unknown key (expected metadata, measurements, config)`);
      const report = (err as ResultsLoadError).report!;
      expect(report.files.filter((f) => !f.loaded).map((f) => f.file)).toEqual([FILE]);
      const { rows } = await fresh.query<{ n: number }>('SELECT count(*)::int AS n FROM benchmark_v2_runs WHERE source_file = $1', [FILE]);
      expect(rows[0]!.n).toBe(0);
      expect(report.inserted.runs).toBe(9);
    } finally {
      await fresh.close();
    }
  });

  it('reports JSON syntax (Python writes NaN, which is not JSON) and non-object documents with the file', () => {
    expect(parseResultsFile('x_benchmark_20260101_000000.json', '{"a": NaN}').problems[0]).toMatchObject({ code: 'results-syntax', file: 'x_benchmark_20260101_000000.json' });
    expect(parseResultsFile('f.json', '[]').problems).toEqual([{ file: 'f.json', path: [], code: 'results-type', message: 'expected an object, got an array' }]);
    expect(parseResultsFile('f.json', '{}').problems[0]?.code).toBe('results-empty');
  });

  it('hostile keys stay data: __proto__ as a hash, in config, in metadata; timestamps with an offset become UTC', () => {
    const text = readFileSync(path.join(FIXTURE_DIR, FILE), 'utf8');
    const proto = parseResultsFile(FILE, text.replace(/^\{\n    "[0-9a-f]{64}"/, '{\n    "__proto__"'));
    expect(proto.problems.map((p) => p.path)).toContainEqual(['__proto__']);
    expect(proto.problems.map(resultsProblemText).join('\n')).toContain('$.__proto__');
    const doc = fixtureDoc();
    const entry = Object.values(doc)[0]!;
    const withConfig = JSON.stringify(doc).replace('"config":{', '"config":{"__proto__":{"polluted":true},');
    const parsed = parseResultsFile(FILE, withConfig);
    expect(parsed.problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed.runs[0]!.config)).toBe(Object.prototype);
    const meta = JSON.stringify(doc).replace('"metadata":{', '"metadata":{"__proto__":1,');
    expect(parseResultsFile(FILE, meta).problems.some((p) => p.code === 'results-unknown-key' && p.path?.slice(-2).join('/') === 'metadata/__proto__')).toBe(true);
    (entry.metadata as Record<string, unknown>).timestamp = '2026-10-31T23:30:00.5+02:00';
    expect(parseResultsFile(FILE, JSON.stringify(doc)).runs[0]!.created_at).toBe('2026-10-31 21:30:00.500000');
    (entry.metadata as Record<string, unknown>).timestamp = '2026-02-30T00:00:00';
    expect(parseResultsFile(FILE, JSON.stringify(doc)).problems[0]?.code).toBe('results-timestamp');
  });

  it('never throws and never returns rows with problems, whatever replaces a field (property)', () => {
    const text = readFileSync(path.join(FIXTURE_DIR, FILE), 'utf8');
    const fields = [['metadata', 'timestamp'], ['metadata', 'model_id'], ['measurements', 'e2e_latency'], ['measurements', 'gpu_metrics'], ['config', 'sequence_length'], ['config', 'sdpa_backend']] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), ([section, field], junk) => {
        const doc = JSON.parse(text);
        const entry = Object.values(doc)[0] as Record<string, Record<string, unknown>>;
        entry[section]![field] = junk;
        const out = parseResultsFile(FILE, JSON.stringify(doc));
        if (out.problems.length > 0) {
          expect(out.runs).toEqual([]);
          for (const p of out.problems) expect(p.file).toBe(FILE);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('benchmark_changes on the seed: the injected regression and nothing else', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestPglite();
    await migrate(engine);
    await seed(engine, { baseTime: SEED_BASE_TIME });
  });
  afterAll(() => engine.close());

  it('flags every tracked v1 measurement and every v2 median of SEED_REGRESSION_COMMIT as worse', async () => {
    const { rows } = await engine.query<{ source: string; measurement: string; verdict: string; change_pct: number }>(
      `SELECT source, measurement, verdict, change_pct FROM benchmark_change WHERE commit_id = $1`,
      [SEED_REGRESSION_COMMIT],
    );
    const tracked = rows.filter((r) => r.source === 'v2' || (SEED_REGRESSED_KEYS as readonly string[]).includes(r.measurement));
    expect(tracked.length).toBe(2 * SEED_REGRESSED_KEYS.length + 2 * 3 * 4);
    for (const r of tracked) expect(r.verdict, `${r.source} ${r.measurement}`).toBe('worse');
  });

  it('no other run on main is worse beyond the 10 % noise band', async () => {
    const { rows } = await engine.query<{ commit_id: string; measurement: string; change_pct: number }>(
      `SELECT commit_id, measurement, change_pct FROM benchmark_change WHERE branch = 'main' AND verdict = 'worse' AND commit_id <> $1`,
      [SEED_REGRESSION_COMMIT],
    );
    expect(rows).toEqual([]);
  });

  it('benchmark_baseline has one baseline per model, config and measurement', async () => {
    const { rows } = await engine.query<{ n: number; runs: number }>(`SELECT count(*)::int AS n, max(runs)::int AS runs FROM benchmark_baseline`);
    expect(rows[0]).toEqual({ n: 2 * 13 + 2 * 3 * 4, runs: 12 });
  });
});

describe('dashcode db load-results', () => {
  it('loads, is idempotent, and exits 1 naming file and path for a bad file, 2 without DIR', async () => {
    const dir = scratch();
    const pglite = path.join(mkdtempSync(path.join(tmpdir(), 'insight-pglite-')), 'db');
    const first = captureIo(dir);
    expect(await run(['db', 'load-results', dir, '--pglite', pglite], first)).toBe(0);
    expect(first.out).toContain('loaded 4 of 4 result file(s)');
    expect(first.out).toContain('inserted 12 runs, 60 iterations');
    const second = captureIo(dir);
    expect(await run(['db', 'load-results', dir, '--pglite', pglite], second)).toBe(0);
    expect(second.out).toContain('inserted 0 runs, 0 iterations, 0 GPU samples; skipped 12 runs already present');
    writeFileSync(path.join(dir, FILE), '{"0": {}}');
    const bad = captureIo(dir);
    expect(await run(['db', 'load-results', dir, '--pglite', pglite], bad)).toBe(1);
    expect(bad.err).toContain(`${FILE}: $["0"]: the key is not a config hash`);
    expect(bad.err).toContain(`not loaded: ${FILE}`);
    expect(bad.err).not.toMatch(/\n\s+at /);
    const usage = captureIo(dir);
    expect(await run(['db', 'load-results'], usage)).toBe(2);
    // Four opens of a PGlite persisted on disk: slow on a busy machine, never a timing assertion.
  }, 240_000);
});
