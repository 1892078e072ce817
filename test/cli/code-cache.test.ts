/**
 * The checkout CLI's one-script bundle runs with V8's code cache
 * (src/cli/code-cache.js): made once, used after, remade when V8 rejects it.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../../src/cli/code-cache.js';

function scratchScript(): { file: string; cache: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-code-cache-'));
  const file = path.join(dir, 'script.cjs');
  writeFileSync(file, "const path = require('node:path');\nexports.answer = () => 6 * 7;\nexports.where = () => path.basename(__filename);\n");
  return { file, cache: `${file}.v8-cache` };
}

describe('requireWithCodeCache', () => {
  it('runs the script as CommonJS, with require, exports and __filename', async () => {
    const { file, cache } = scratchScript();
    const loaded = requireWithCodeCache(file, cache) as { exports: { answer(): number; where(): string }; stale: boolean; save(): Promise<void> };
    expect(loaded.exports.answer()).toBe(42);
    expect(loaded.exports.where()).toBe('script.cjs');
  });

  it('writes the cache after the first run and leaves an accepted one alone', async () => {
    const { file, cache } = scratchScript();
    const first = requireWithCodeCache(file, cache);
    expect(first.stale).toBe(true);
    await first.save();
    const made = readFileSync(cache);
    expect(made.length).toBeGreaterThan(0);
    const before = statSync(cache).mtimeMs;
    const second = requireWithCodeCache(file, cache);
    expect(second.stale).toBe(false);
    await second.save();
    expect(statSync(cache).mtimeMs).toBe(before);
    expect(readFileSync(cache).equals(made)).toBe(true);
  });

  it('remakes a cache V8 rejects (corrupt, or from another node) instead of failing', async () => {
    const { file, cache } = scratchScript();
    writeFileSync(cache, 'not a code cache');
    const loaded = requireWithCodeCache(file, cache) as { exports: { answer(): number }; stale: boolean; save(): Promise<void> };
    expect(loaded.exports.answer()).toBe(42);
    expect(loaded.stale).toBe(true);
    await loaded.save();
    expect(readFileSync(cache, 'utf8')).not.toBe('not a code cache');
  });
});
