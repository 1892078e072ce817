// Plain JavaScript on purpose: the build cache (src/cli/fast-path.js) uses it
// before any TypeScript can load. Types: walk.d.ts. The one home of the module
// extensions dashcode loads and of its directory walker.
import { existsSync, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

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
      entries = await readdir(rel ? path.join(dir, rel) : dir, { withFileTypes: true });
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
 * walkFiles, synchronously (no onError: an unreadable folder throws). For the
 * build cache's scan of a whole project, where hundreds of small async calls
 * cost more in thread-pool round trips than the calls themselves.
 */
export function walkFilesSync(dir, skipDir = () => false) {
  const out = [];
  const walk = (rel) => {
    let entries;
    try {
      entries = readdirSync(rel ? path.join(dir, rel) : dir, { withFileTypes: true });
    } catch (err) {
      if (rel === '' && err.code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!skipDir(child, e.name)) walk(child);
      } else if (e.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}
