// Plain JavaScript on purpose: bin/dashcode.js runs this before any TypeScript
// can load, so an up-to-date `dashcode build [--check]` costs little more
// than starting node. Types: fast-path.d.ts.
//
// Incremental builds. A build records a fingerprint of every input file and
// the hash of every file it generated (node_modules/.cache/dashcode/build.json).
// When the fingerprint and the generated files (the manifest among them; hand-
// written files in the output folder are not compared) still match, `build` and
// `build --check` answer from the cache without loading a dashboard.
//
// A file is read only when its size or mtime differs from the last record, or
// when it changed within 2 s before that record was made (racily clean); a hit
// that had to read a file refreshes the record, so the next one reads nothing
// and loads no hashing (node:crypto).
//
// Exactness: the fingerprint covers every file under the project root (any
// of them could be imported or read by a dashboard: a CSV, a markdown text),
// package-lock.json (dependency versions) among them, and dashcode's own
// version; only node_modules, .git, dot-folders, dist, the output folder and
// database folders are skipped. A database folder is a PostgreSQL data
// directory (a PG_VERSION file of its own: `dashcode db --pglite DIR`), whose
// files no dashboard reads and which change on every write to the database:
// hashing them made each build after a `db load-csv` read the whole database
// (30 MB for an empty one). Anything else that
// differs, a generated file edited by hand included, misses the cache and runs
// the full build. Dashboards that read environment variables while loading are
// not covered: use --no-cache for those.
import { fs, path } from '../files/builtins.js';
import { CACHE_DIR } from '../files/cache.js';
import { CONFIG_FILES, walkFilesSyncKnown } from '../files/walk.js';

const { readFileSync, statSync } = fs;

export const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);
/** A file changed this close before its record was made may have changed again in the same mtime tick: it is read, not trusted (git's "racily clean"). */
const RACY_MS = 2000;

/** `st` is what `recorded` ([size, mtime, …]) says, and older than the racy window before the record. */
function unchanged(recorded, st, trustedBefore) {
  return recorded !== undefined && recorded[0] === st.size && recorded[1] === st.mtimeMs && st.mtimeMs < trustedBefore;
}
export const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/**
 * The fingerprint of every input file (see the top of this file). A file whose
 * size and mtime are what `known` (the last scan) recorded reuses that scan's
 * hash instead of being read, unless it changed within 2 s before that scan
 * (a "racily clean" file, as git calls it: a later edit in the same mtime tick
 * would go unseen). Likewise a folder's listing (walkFilesSyncKnown).
 */
export async function scanInputs(root, outDir, known = undefined) {
  const scannedAt = Date.now();
  const skip = (rel, name) => SKIP_DIRS.has(name) || name.startsWith('.') || rel === outDir;
  const trustedBefore = (known?.scannedAt ?? 0) - RACY_MS;
  // Folders unchanged since the last scan are listed from it (their mtime says so; racily clean ones are read).
  const { files, folders } = walkFilesSyncKnown(root, skip, known?.folders, trustedBefore, isDatabaseFolder);
  // Hundreds of files on every run, so the plain loop: no path.join (its normalising is most of a stat's cost here).
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const knownFiles = known?.files ?? {};
  // Null-prototype: a file named `__proto__` is a key like any other (on `{}` the assignment sets the prototype).
  const out = Object.create(null);
  let unread = false;
  for (const f of files) {
    const st = statSync(prefix + f);
    const k = Object.hasOwn(knownFiles, f) ? knownFiles[f] : undefined;
    if (unchanged(k, st, trustedBefore)) {
      out[f] = k;
    } else {
      out[f] = [st.size, st.mtimeMs, '']; // hashed below
      unread = true;
    }
  }
  // Every file as recorded, and no other (same count, each found): the same digest, without hashing.
  if (!unread && known?.version === VERSION && files.length === Object.keys(knownFiles).length) {
    return { digest: known.digest, files: out, folders, scannedAt, version: VERSION };
  }
  const { hashText, newHash } = await import('../files/hash-text.js');
  for (const f of files) if (out[f][2] === '') out[f][2] = hashText(readFileSync(prefix + f));
  const hash = newHash().update(`dashcode ${VERSION}\0`);
  for (const f of files) hash.update(`${f}\0${out[f][2]}\0`);
  return { digest: hash.digest('hex'), files: out, folders, scannedAt, version: VERSION };
}

/** A PostgreSQL (or PGlite) data directory, known by the PG_VERSION file initdb writes at its top (plain JS: db/pglite-data-dir.ts's holdsCluster, from a listing). */
function isDatabaseFolder(listing) {
  return listing.some(([name, isDir]) => name === 'PG_VERSION' && isDir === 0);
}

export { CACHE_DIR };
const cacheFile = (root) => path.join(root, CACHE_DIR, 'build.json');

export async function readCache(root) {
  try {
    const c = JSON.parse(readFileSync(cacheFile(root), 'utf8'));
    return c.version === 4 ? c : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Best effort: a cache that cannot be written (a read-only node_modules) costs
 * the next run the work this one did, never a failed command.
 */
export async function writeCache(root, cache) {
  // Loaded here, not at the top: an up-to-date `build --check` never writes and loads no writer.
  const { writeFileAtomic } = await import('../files/atomic.js');
  await writeFileAtomic(cacheFile(root), `${JSON.stringify(cache)}\n`).catch(() => {});
}

/** The output folder without loading the project: dashcode.config's `outDir` literal, else `generated`. */
export function peekOutDir(root) {
  for (const name of CONFIG_FILES) {
    try {
      const text = readFileSync(path.join(root, name), 'utf8');
      const outDir = /outDir:\s*['"]([^'"]+)['"]/.exec(text)?.[1] ?? 'generated';
      return path.posix.normalize(outDir.replaceAll('\\', '/')).replace(/\/$/, '');
    } catch {
      continue;
    }
  }
  return 'generated';
}

/**
 * The size and mtime of each generated file, for the next run's outputsMatch:
 * recorded right after the build wrote or compared them (`checkedAt`, taken
 * before the first stat: the racy window errs towards reading).
 */
export function statOutputs(root, files) {
  const checkedAt = Date.now();
  const stats = {};
  for (const f of files) {
    const st = statSync(path.join(root, f), { throwIfNoEntry: false });
    if (st) stats[f] = [st.size, st.mtimeMs];
  }
  return { checkedAt, stats };
}

// Only the files the last build generated (its manifest among them) are compared:
// hand-written files in the output folder are not dashcode's business. A file
// whose size and mtime are as recorded, older than 2 s before the record, is not
// read (the racily-clean rule of scanInputs). Returns false on a difference, else
// the refreshed record when a file had to be read, else true.
async function outputsMatch(root, cache) {
  const trustedBefore = cache.outputs.checkedAt - RACY_MS;
  // The record a refresh writes: these stats, taken before any file is read (as statOutputs takes them).
  const now = { checkedAt: Date.now(), stats: {} };
  let hashText;
  for (const [f, hash] of Object.entries(cache.files)) {
    const st = statSync(path.join(root, f), { throwIfNoEntry: false });
    if (!st) return false;
    now.stats[f] = [st.size, st.mtimeMs];
    if (unchanged(cache.outputs.stats[f], st, trustedBefore)) continue;
    hashText ??= (await import('../files/hash-text.js')).hashText;
    if (hashText(readFileSync(path.join(root, f))) !== hash) return false;
  }
  return hashText === undefined ? true : now;
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
  if (!cache) return missed(root, undefined, undefined);
  const inputs = await scanInputs(root, outDir, cache.inputFiles);
  const outputs = cache.inputs === inputs.digest && (await outputsMatch(root, cache));
  if (!outputs) return missed(root, cache, inputs);
  // A hit that read a file or folder records what it read, so the next hit reads nothing (the cache only:
  // generated files are untouched, as --check promises).
  if (outputs !== true || readAny(inputs, cache.inputFiles)) await writeCache(root, { ...cache, inputFiles: inputs, outputs: outputs === true ? cache.outputs : outputs });
  if (cache.stderr) io.stderr(cache.stderr);
  io.stdout(check ? cache.checkStdout : cache.stdout);
  return 0;
}

// scanInputs and walkFilesSyncKnown keep the recorded entry itself (the same array) for whatever they did not read.
function readAny(scan, known) {
  for (const f in scan.files) if (scan.files[f] !== known.files[f]) return true;
  for (const d in scan.folders) if (scan.folders[d][1] !== known.folders?.[d]?.[1]) return true;
  return false;
}

// A miss leaves its scan for the build that follows in the same process (bin/dashcode.js asks first, then the
// build command): one scan of the project per run, not three. On globalThis: the bin's copy of this module is
// not the CLI bundle's.
const MISS = Symbol.for('dashcode.build-cache-miss');

function missed(root, cache, scan) {
  globalThis[MISS] = { root, cache, scan };
  return undefined;
}

/** The cache and scan of this process's last miss for `root` (once), or undefined. */
export function takeMiss(root) {
  const miss = globalThis[MISS];
  delete globalThis[MISS];
  return miss?.root === root ? miss : undefined;
}
