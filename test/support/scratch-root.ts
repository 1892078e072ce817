/**
 * vitest globalSetup: one scratch folder per run, made the TMPDIR of every
 * test file and of every process they start, and removed at the end of the
 * run with everything the tests left in it (they used to leave thousands of
 * folders in /tmp).
 *
 * It holds a node_modules/.cache/dashcode linked to this checkout's cache
 * (test-cache.ts), so a project a test writes with mkdtemp(tmpdir()) finds a
 * cache folder as a user's project does. The PGlite start-up snapshot is made
 * here once if missing, instead of by every test file at once on a fresh clone.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openPglite, pgliteVersion } from '../../src/db/pglite.js';
import { EMBEDDED_WASM_FLAGS } from '../../src/cli/wasm-flags.js';
import { checkoutCache, linkCheckoutCache } from './test-cache.js';
import { scratchTmpdir } from './scratch-tmpdir.js';

export default async function scratchRoot(): Promise<() => void> {
  if (!existsSync(path.join(checkoutCache, `pglite-${pgliteVersion()}.tar`))) {
    // vitest's own process, which runs this: the workers get these flags from vitest.config.ts (execArgv). On a
    // fresh clone this initdb holds up every test: 4.6 → 3.2 s wall, 6.6 → 3.9 s CPU on 2 cores.
    await (await openPglite(undefined, { snapshotDir: checkoutCache, v8Flags: EMBEDDED_WASM_FLAGS })).close();
  }
  return scratchTmpdir('dashcode-tests-', linkCheckoutCache);
}

