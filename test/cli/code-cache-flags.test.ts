/**
 * V8 stamps a code cache with a hash of its flags and rejects a cache whose
 * hash differs from the flags it is loaded with. `check` sets the embedded
 * database's WebAssembly flags midway, so the code cache its run wrote was
 * rejected by every next `check`, which compiled the whole script again.
 * bin/dashcode.js now puts V8's defaults back before it writes a cache
 * (src/cli/wasm-flags.js).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WASM_FLAGS, EMBEDDED_WASM_FLAGS } from '../../src/cli/wasm-flags.js';
import { repoRoot } from '../support/shared.js';

const BIN = path.join(repoRoot, 'bin/dashcode.js');
const BUNDLES = path.join(repoRoot, 'node_modules/.cache/dashcode/cli-bundle');
// Without DATABASE_URL: the check opens the embedded database, the path that sets the flags.
const { DATABASE_URL: _server, ...env } = process.env;

/** The newest `check` code cache of the checkout's bundles. */
function checkCacheFile(): string {
  const files = readdirSync(BUNDLES)
    .map((d) => path.join(BUNDLES, d, 'cli-script.cjs.check.v8-cache'))
    .filter((f) => existsSync(f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files[0] === undefined) throw new Error(`no check code cache under ${BUNDLES}`);
  return files[0];
}

describe("the CLI's code cache and the embedded database's V8 flags", () => {
  it('a check that opens the embedded database writes a code cache the next check accepts', () => {
    const check = () => spawnSync(process.execPath, [BIN, 'check', 'generated/panel-gallery.json'], { cwd: repoRoot, env, encoding: 'utf8' });
    const ok = (r: ReturnType<typeof check>) => {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/embedded PostgreSQL/);
    };
    ok(check()); // makes the bundle if src/ changed, and a cache
    // The next check writes the cache afresh, after a run that set the embedded database's flags.
    const file = checkCacheFile();
    rmSync(file);
    ok(check());
    const written = { bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs };
    ok(check());
    // Rejected, the cache would have been written again after the run.
    expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
    expect(readFileSync(file).equals(written.bytes)).toBe(true);
  });

  // Which flags --liftoff-only implies is V8's business: a Node upgrade that changed them would bring the rejections back.
  it('V8 accepts a code cache written after the embedded flags were set and the defaults put back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-flags-'));
    const script = (flags: readonly string[], write: boolean) =>
      [
        "const vm = require('node:vm'); const fs = require('node:fs'); const v8 = require('node:v8');",
        `for (const f of ${JSON.stringify(flags)}) v8.setFlagsFromString(f);`,
        `const file = ${JSON.stringify(path.join(dir, 'cache'))};`,
        `const s = new vm.Script('function f(a) { return a * 2 } f(3);', { filename: 'x.js', cachedData: ${write ? 'undefined' : 'fs.readFileSync(file)'} });`,
        write ? 's.runInThisContext(); fs.writeFileSync(file, s.createCachedData());' : 'process.stdout.write(String(s.cachedDataRejected));',
      ].join('\n');
    const run = (flags: readonly string[], write: boolean) => spawnSync(process.execPath, ['-e', script(flags, write)], { encoding: 'utf8' });
    run([...EMBEDDED_WASM_FLAGS], true);
    expect(run([], false).stdout).toBe('true'); // the bug: written under the embedded flags
    run([...EMBEDDED_WASM_FLAGS, ...DEFAULT_WASM_FLAGS], true);
    expect(run([], false).stdout).toBe('false');
  });
});
