/**
 * bench/in-process.ts as the library ships, not as tsx runs it.
 *
 * Under `node --import tsx`, every source file is compiled by esbuild with
 * `keepNames` (each function gets a `__name(fn, "name")` call, which is an
 * `Object.defineProperty` each time a closure is made) and wrapped as
 * CommonJS. No user runs that: `import 'dashcode'` loads `dist/` (tsc's
 * output), and a checkout's CLI runs its esbuild bundle (src/cli/bundle.js),
 * neither with `__name`. In a profile of the builders at 1,000 panels those
 * calls were 16% of the time. So the timed code (dashcode's and the workload
 * code of both libraries) is bundled here the way the CLI bundle is: esbuild,
 * Node 20, packages external, no `keepNames`. The bundle is written beside
 * this file (so that `import.meta.url`-relative paths stay right) and
 * required without tsx's hooks seeing it as TypeScript.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

type InProcess = typeof import('./in-process.js');

const here = path.dirname(fileURLToPath(import.meta.url));
/** Gitignored; rebuilt on every load, so it is never stale. */
export const OUTFILE = path.join(here, '.in-process.bundle.cjs');

let loaded: InProcess | undefined;

/** `rebuild: false` loads the bundle a parent process has just built (bench/memory.ts's children). */
export function loadInProcess({ rebuild = true }: { rebuild?: boolean } = {}): InProcess {
  if (loaded) return loaded;
  if (rebuild || !existsSync(OUTFILE)) buildBundle();
  loaded = createRequire(import.meta.url)(OUTFILE) as InProcess;
  return loaded;
}

function buildBundle(): void {
  buildSync({
    entryPoints: [path.join(here, 'in-process.ts')],
    outfile: OUTFILE,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    keepNames: false,
    define: { 'import.meta.url': '__benchModuleUrl' },
    banner: { js: "const __benchModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    // For bench/profile.ts, which names the original lines (read with --enable-source-maps).
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
  });
}
