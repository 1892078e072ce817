// Plain JavaScript on purpose: bin/dashcode.js runs this before loading tsx or
// any TypeScript, so an up-to-date `dashcode build [--check]` costs little more
// than starting node. Types: fast-path.d.ts.
//
// Incremental builds. A build records a fingerprint of every input file and
// the hash of every file it generated (node_modules/.cache/dashcode/build.json).
// When the fingerprint and the generated files still match, `build` and
// `build --check` answer from the cache without loading a dashboard.
//
// Exactness: the fingerprint covers every source-like file under the project
// root (any of them could be imported by a dashboard), package-lock.json
// (dependency versions) and dashcode's own version; only node_modules, .git,
// dot-folders, dist and the output folder are skipped. Anything else that
// differs, a generated file edited by hand included, misses the cache and runs
// the full build. Dashboards that read environment variables while loading are
// not covered: use --no-cache for those.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|json|ya?ml)$/;
const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export async function fingerprintInputs(root, outDir) {
  const hash = createHash('sha256');
  hash.update(`dashcode ${VERSION}\0`);
  const files = [];
  const walk = async (rel) => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || e.name.startsWith('.') || child === outDir) continue;
        await walk(child);
      } else if (e.isFile() && SOURCE.test(e.name)) {
        files.push(child);
      }
    }
  };
  await walk('');
  files.sort();
  const contents = await Promise.all(files.map((f) => readFile(path.join(root, f))));
  files.forEach((f, i) => hash.update(`${f}\0`).update(contents[i]).update('\0'));
  return hash.digest('hex');
}

export function hashText(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** dashcode's cache folder under a project root: the build cache here, the PGlite snapshot beside it (cache-dir.ts). */
export const CACHE_DIR = 'node_modules/.cache/dashcode';
const cacheFile = (root) => path.join(root, CACHE_DIR, 'build.json');

export async function readCache(root) {
  try {
    const c = JSON.parse(await readFile(cacheFile(root), 'utf8'));
    return c.version === 1 ? c : undefined;
  } catch {
    return undefined;
  }
}

export async function writeCache(root, cache) {
  const file = cacheFile(root);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(cache)}\n`);
  await rename(tmp, file).catch(async (err) => {
    await rm(tmp, { force: true });
    throw err;
  });
}

/** Generated files (json, yaml) under the output folder, relative to it, sorted. */
export async function generatedFiles(dir) {
  const out = [];
  const walk = async (sub) => {
    let entries;
    try {
      entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (/\.(json|ya?ml)$/.test(e.name)) out.push(rel);
    }
  };
  await walk('');
  return out.sort();
}

/** The output folder without loading the project: dashcode.config's `outDir` literal, else `generated`. */
export function peekOutDir(root) {
  for (const name of ['dashcode.config.ts', 'dashcode.config.js', 'dashcode.config.mjs']) {
    try {
      const text = readFileSync(path.join(root, name), 'utf8');
      return /outDir:\s*['"]([^'"]+)['"]/.exec(text)?.[1] ?? 'generated';
    } catch {
      continue;
    }
  }
  return 'generated';
}

async function outputsMatch(root, cache, outDir) {
  const onDisk = (await generatedFiles(path.join(root, outDir))).map((f) => `${outDir}/${f}`);
  const recorded = Object.keys(cache.files).sort();
  if (recorded.length !== onDisk.length || recorded.some((f, i) => f !== onDisk[i])) return false;
  for (const f of recorded) {
    let text;
    try {
      text = await readFile(path.join(root, f), 'utf8');
    } catch {
      return false;
    }
    if (hashText(text) !== cache.files[f]) return false;
  }
  return true;
}

/**
 * Answers `build` / `build --check` from the cache when nothing changed.
 * Returns the exit code, or undefined when the full build must run.
 */
export async function tryCachedBuild(args, io) {
  if (args[0] !== 'build') return undefined;
  const rest = args.slice(1);
  let check = false;
  let rootArg = '.';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--check') check = true;
    else if (rest[i] === '--root' && rest[i + 1] !== undefined) rootArg = rest[++i];
    else return undefined; // --no-cache, --help, positional files, unknown flags: the full command decides.
  }
  const root = path.resolve(io.cwd, rootArg);
  const outDir = peekOutDir(root);
  const cache = await readCache(root);
  if (!cache) return undefined;
  const fingerprint = await fingerprintInputs(root, outDir);
  if (cache.inputs !== fingerprint || !(await outputsMatch(root, cache, outDir))) return undefined;
  if (cache.stderr) io.stderr(cache.stderr);
  io.stdout(check ? `${Object.keys(cache.files).length} generated file(s) up to date\n` : cache.stdout);
  return 0;
}
