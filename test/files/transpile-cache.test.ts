/**
 * The transpiled-module cache (`node_modules/.cache/dashcode/ts/`) is keyed by
 * content, so every edit of a module adds an entry: it is pruned when it grows
 * past its bound, oldest first, and never of an entry written in the last day
 * or of a file it did not write.
 */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { transpile, TRANSPILE_CACHE_LIMITS } from '../../src/files/transpile.js';

const DAY = 86_400_000;
const hex = (i: number) => i.toString(16).padStart(64, '0');

function cacheWith(old: number, young: number): string {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'dashcode-ts-cache-'));
  const ts = path.join(cacheDir, 'ts');
  mkdirSync(ts);
  const now = Date.now();
  for (let i = 0; i < old + young; i++) {
    const file = path.join(ts, `${hex(i)}.mjs`);
    writeFileSync(file, `export const n = ${i};\n`);
    // Entry i is i minutes younger than the oldest; the young ones are an hour old.
    const at = i < old ? (now - 3 * DAY + i * 60_000) / 1000 : (now - 3_600_000) / 1000;
    utimesSync(file, at, at);
  }
  writeFileSync(path.join(ts, 'notes.txt'), 'not an entry');
  utimesSync(path.join(ts, 'notes.txt'), (now - 30 * DAY) / 1000, (now - 30 * DAY) / 1000);
  return cacheDir;
}

describe('the transpiled-module cache', () => {
  const { maxEntries, keep } = TRANSPILE_CACHE_LIMITS;

  it('a write past the bound removes the oldest entries down to the number kept, never a young one or another file', async () => {
    const young = 20;
    const cacheDir = cacheWith(maxEntries + 100, young);
    await transpile('/p/dashboards/a.ts', 'export const a: number = 1;\n', cacheDir);
    const left = readdirSync(path.join(cacheDir, 'ts'));
    const entries = left.filter((n) => /^[0-9a-f]{64}\.mjs$/.test(n));
    expect(entries).toHaveLength(keep);
    expect(left).toContain('notes.txt');
    // The youngest old entries survive, and every young one, and the entry just written.
    for (let i = maxEntries + 100; i < maxEntries + 100 + young; i++) expect(entries).toContain(`${hex(i)}.mjs`);
    expect(entries).not.toContain(`${hex(0)}.mjs`);
    expect(entries).toContain(`${hex(maxEntries + 99)}.mjs`);
  });

  it('under the bound nothing is removed', async () => {
    const cacheDir = cacheWith(maxEntries - 1, 0);
    await transpile('/p/dashboards/b.ts', 'export const b: number = 2;\n', cacheDir);
    expect(readdirSync(path.join(cacheDir, 'ts')).filter((n) => n.endsWith('.mjs'))).toHaveLength(maxEntries);
  });

  it('entries all written within the day are kept, however many', async () => {
    const cacheDir = cacheWith(0, maxEntries + 50);
    await transpile('/p/dashboards/c.ts', 'export const c: number = 3;\n', cacheDir);
    expect(readdirSync(path.join(cacheDir, 'ts')).filter((n) => n.endsWith('.mjs'))).toHaveLength(maxEntries + 51);
  });
});
