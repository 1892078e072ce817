// Plain JavaScript on purpose: the build cache (src/cli/fast-path.js) uses it
// before any TypeScript can load. Types: walk.d.ts. The one home of the module
// extensions dashcode loads and of its directory walker.
import { fs, path } from './builtins.js';

const { existsSync, readdirSync, statSync } = fs;

/** Every module format a dashboard, datasources module or config may use. */
export const MODULE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
/** Looked up in this order; the first that exists is the config. */
export const CONFIG_FILES = MODULE_EXTENSIONS.map((ext) => `dashcode.config${ext}`);
const MODULE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** A file name dashcode loads as a module: one of MODULE_EXTENSIONS, not a `.d.ts`. */
export function isModuleFile(name) {
  return MODULE.test(name) && !DECLARATION.test(name);
}

/** A TypeScript module (needs transpiling), by extension. */
export function isTypeScriptFile(name) {
  return /\.[cm]?ts$/.test(name) && !DECLARATION.test(name);
}

/** The project's config file name (relative to root), or undefined. */
export function findConfigFile(root) {
  return CONFIG_FILES.find((f) => existsSync(path.join(root, f)));
}

/**
 * Files under `dir`, as `/`-separated paths relative to it, sorted. `skipDir`
 * gets each folder's relative path and name; a missing `dir` has no files.
 * Symbolic links are not followed. Without `onError` an unreadable folder
 * throws; with it, the folder is reported (its relative path, '' for `dir`)
 * and skipped, so one bad folder does not hide the others.
 */
export async function walkFiles(dir, skipDir = () => false, onError = undefined) {
  const out = [];
  const walk = async (rel) => {
    let entries;
    try {
      entries = await fs.promises.readdir(rel ? path.join(dir, rel) : dir, { withFileTypes: true });
    } catch (err) {
      if (rel === '' && err.code === 'ENOENT') return;
      if (onError) return onError(rel, err);
      throw err;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!skipDir(child, e.name)) await walk(child);
      } else if (e.isFile()) out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

/**
 * walkFiles, synchronously (an unreadable folder throws), for a walk repeated
 * on every run: the build cache's scan of a whole project, where hundreds of
 * small async calls cost more in thread-pool round trips than the calls
 * themselves. A folder whose mtime is what `known` recorded, older than
 * `trustedBefore` (ms), is listed from the record instead of read (a folder's
 * mtime changes whenever an entry is added, removed or renamed in it).
 * Returns the files and the record for the next walk: per folder (`''` for
 * `dir`), its mtime and `[name, 1 for a folder | 0 for a file]`. A sub-folder
 * for which `skipContents(listing)` is true is recorded but neither its files
 * nor its sub-folders are: what it is shows only in its own listing.
 */
export function walkFilesSyncKnown(dir, skipDir, known = {}, trustedBefore = 0, skipContents = () => false) {
  const out = [];
  // Null-prototype: a folder named `__proto__` is a key like any other (on `{}` the assignment sets the prototype).
  const folders = Object.create(null);
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const walk = (rel) => {
    const abs = rel ? prefix + rel : dir;
    const st = statSync(abs, { throwIfNoEntry: rel !== '' });
    if (!st) return; // a missing `dir` has no files
    const mtime = st.mtimeMs;
    const k = Object.hasOwn(known, rel) ? known[rel] : undefined;
    const listing =
      k && k[0] === mtime && mtime < trustedBefore
        ? k[1]
        : readdirSync(abs, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [[e.name, 1]] : e.isFile() ? [[e.name, 0]] : []));
    folders[rel] = [mtime, listing];
    if (rel !== '' && skipContents(listing)) return;
    for (const [name, isDir] of listing) {
      const child = rel ? `${rel}/${name}` : name;
      if (!isDir) out.push(child);
      else if (!skipDir(child, name)) walk(child);
    }
  };
  walk('');
  return { files: out.sort(), folders };
}
