/**
 * `dashcode build --watch`: build, then build again after every change, in
 * one process (issue 15: a rebuild in a new process pays Node's start-up, the
 * CLI's code and the library's initialisation every time, ~3.5× a bare node;
 * here it pays only for what changed).
 *
 * What is watched is what the build cache fingerprints (fast-path.js
 * scanInputs): every folder of the project but node_modules, dot-folders and
 * the output folder (and dist/, .git), each on its own, so a project's node_modules never costs
 * a watch. The folders are taken again from each build's scan (listed anew
 * only when the build made none, with --no-cache): a new folder (a helper
 * module moved into one) is watched from the next build on.
 *
 * Each rebuild loads the project as a new module graph (files/native-loader.js
 * generations: an edited helper is seen) and reuses every dashboard whose
 * module graph did not change (project/dashboard-cache.ts), as `dashcode
 * build` in a new process does; its output is the same.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { relative } from '../../files/paths.js';
import { watchFolders } from '../../files/watch.js';
import { peekOutDir, readCache, scanInputs, SKIP_DIRS, type InputScan } from '../fast-path.js';
import { EXIT } from '../exit.js';
import { UsageError, type Io } from '../io.js';
import { untilStopped } from '../until-stopped.js';

/** Quiet time after the last file event: an editor's save is a burst of them. */
const DEBOUNCE_MS = 50;

/**
 * `build` runs one build and hands `onScan` the project scan it fingerprinted the project with, when it made
 * one (not with --no-cache): the folders to watch next are taken from it instead of scanning again.
 */
export async function watchBuild(root: string, build: (onScan: (scan: InputScan) => void) => Promise<number>, io: Io): Promise<number> {
  // Without a folder to watch, nothing would keep the process alive: it would end at once, with exit 0.
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--root ${root}: no such folder`);
  const outDir = peekOutDir(root);
  // What the scan skips too (a dot-file: an editor's swap file), and what the build itself writes.
  const outside = (p: string) => {
    const rel = relative(root, p); // posix, as peekOutDir's outDir is
    if (rel.startsWith('..') || rel === outDir || rel.startsWith(`${outDir}/`)) return true;
    return rel.split('/').some((part) => SKIP_DIRS.has(part) || part.startsWith('.'));
  };
  // The last scan's files: a path that is gone and was never one of them was a temporary file (an editor's
  // or sed's, written and renamed away within the debounce), not a change to the project.
  let inputs: Record<string, unknown> = {};
  const folders = async (scanned?: InputScan) => {
    const scan = scanned ?? (await scanInputs(root, outDir, (await readCache(root))?.inputFiles));
    inputs = scan.files;
    return Object.keys(scan.folders ?? { '': null }).map((rel) => path.join(root, rel));
  };
  const real = (p: string) => existsSync(p) || Object.hasOwn(inputs, path.relative(root, p));
  let first = true;
  const watcher = watchFolders({
    dirs: await folders(),
    debounceMs: DEBOUNCE_MS,
    ignore: outside,
    onError: (message) => io.stderr(`dashcode build --watch: ${message}\n`),
    async run(all) {
      const changed = all.filter(real);
      if (!first && changed.length === 0) return;
      if (!first) io.stdout(`\nchanged: ${describe(root, changed)}\n`);
      const started = performance.now();
      let scanned: InputScan | undefined;
      const code = await build((scan) => (scanned = scan));
      const ms = Math.round(performance.now() - started);
      watcher.setDirs(await folders(scanned));
      io.stdout(`${code === EXIT.ok ? 'built' : 'built with errors'} in ${ms} ms${first ? '; watching for changes (Ctrl-C stops)' : ''}\n`);
      first = false;
    },
  });
  await watcher.trigger();
  if (watcher.folders === 0) {
    await watcher.close();
    io.stderr(`dashcode build --watch: no folder of ${root} could be watched\n`);
    return EXIT.findings;
  }
  await untilStopped(io);
  await watcher.close();
  io.stdout('stopped\n');
  return EXIT.ok;
}

/** The changed files, relative to the project, the first few by name. */
function describe(root: string, changed: readonly string[]): string {
  const names = changed.map((p) => relative(root, p));
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
