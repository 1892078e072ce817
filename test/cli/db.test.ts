import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { needShared, sharedPath } from '../support/shared.js';
import { captureIo } from '../support/temp-project.js';

describe.runIf(needShared)('dashcode db', () => {
  const exportDir = sharedPath('reference/transformers/benchmark/benchmark_results');

  it('init, load-csv twice (idempotent), then check reads the persisted PGlite', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-db-'));
    const pglite = path.join(dir, 'pglite');
    const init = captureIo(dir);
    expect(await run(['db', 'init', '--pglite', pglite], init)).toBe(0);
    expect(init.out).toBe(`PGlite in ${pglite}: applied migrations 1, 2, 3, 4, 5\n`);
    const first = captureIo(dir);
    expect(await run(['db', 'load-csv', exportDir, '--pglite', pglite], first)).toBe(0);
    expect(first.out).toContain('inserted 1 benchmarks, 145 device and 1 model measurements; skipped 0 rows already present; 4 placeholder value(s) stored as NULL');
    const second = captureIo(dir);
    expect(await run(['db', 'load-csv', exportDir, '--pglite', pglite], second)).toBe(0);
    expect(second.out).toContain('inserted 0 benchmarks, 0 device and 0 model measurements; skipped 147 rows already present');
  });

  it('a malformed CSV loads nothing and names file, line and column', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-db-'));
    const bad = path.join(dir, 'export');
    cpSync(exportDir, bad, { recursive: true });
    const device = path.join(bad, 'device_measurements_20250729_200822.csv');
    const lines = readFileSync(device, 'utf8').split('\n');
    lines[16] = lines[16]!.replace(/^([^,]+),[^,]+,/, '$1,abc,');
    writeFileSync(device, lines.join('\n'));
    const pglite = path.join(dir, 'pglite');
    const io = captureIo(dir);
    expect(await run(['db', 'load-csv', bad, '--pglite', pglite], io)).toBe(1);
    expect(io.err).toMatch(/device_measurements_20250729_200822\.csv:17:38: cpu_util "abc" is not a number/);
    expect(io.err).toContain('nothing was loaded');
    const check = captureIo(dir);
    expect(await run(['db', 'load-csv', exportDir, '--pglite', pglite], check)).toBe(0);
    expect(check.out).toContain('inserted 1 benchmarks, 145 device');
  });

  it('usage errors exit 2', async () => {
    const io = captureIo('.');
    expect(await run(['db', 'frobnicate'], io)).toBe(2);
    expect(io.err).toContain('dashcode db: expected init, load-csv, load-results or seed, got frobnicate');
  });
});
