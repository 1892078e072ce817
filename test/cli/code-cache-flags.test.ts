/**
 * V8 stamps a code cache with a hash of its flags and rejects a cache whose
 * hash differs from the flags it is loaded with. `check` set the embedded
 * database's WebAssembly flags midway, so the code cache its run wrote was
 * rejected by every next `check`, which compiled the whole script again.
 * bin/dashcode.js now sets them before the script loads, for every command
 * that may open the embedded database (src/cli/wasm-flags.js).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_DATABASE_COMMANDS } from '../../src/cli/wasm-flags.js';
import { repoRoot } from '../support/shared.js';

const BIN = path.join(repoRoot, 'bin/dashcode.js');
const BUNDLES = path.join(repoRoot, 'node_modules/.cache/dashcode/cli-bundle');
// Without DATABASE_URL: the check opens the embedded database, the path that sets the flags.
const { DATABASE_URL: _server, ...env } = process.env;

/** The newest `check` code cache of the checkout's bundles: its bytes and mtime. */
function checkCache(): { bytes: Buffer; mtimeMs: number } {
  const files = readdirSync(BUNDLES).map((d) => path.join(BUNDLES, d, 'cli-script.cjs.check.v8-cache')).filter((f) => {
    try {
      return statSync(f).isFile();
    } catch {
      return false;
    }
  });
  const newest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (newest === undefined) throw new Error(`no check code cache under ${BUNDLES}`);
  return { bytes: readFileSync(newest), mtimeMs: statSync(newest).mtimeMs };
}

describe("the CLI's code cache and the embedded database's V8 flags", () => {
  it('a check that opens the embedded database writes a code cache the next check accepts', () => {
    const check = () => spawnSync(process.execPath, [BIN, 'check', 'generated/panel-gallery.json'], { cwd: repoRoot, env, encoding: 'utf8' });
    // The first run makes the bundle and writes the cache if there is none; the second may meet one another process wrote.
    for (const r of [check(), check()]) expect(r.status, r.stderr).toBe(0);
    const before = checkCache();
    const third = check();
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout).toMatch(/embedded PostgreSQL/);
    // Rejected, the cache would be written again after the run.
    const after = checkCache();
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.bytes.equals(before.bytes)).toBe(true);
  });

  it('names every command that opens a database through queryDatabase', () => {
    const dir = path.join(repoRoot, 'src/cli/commands');
    const opening = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && /\bqueryDatabase\(/.test(readFileSync(path.join(dir, f), 'utf8')))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(opening).toEqual([...EMBEDDED_DATABASE_COMMANDS].sort());
  });
});
