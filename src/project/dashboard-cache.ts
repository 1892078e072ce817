/**
 * The per-dashboard build cache: after a change to one dashboard, `dashcode
 * build` loads and compiles that dashboard only and takes the others' output
 * from the last build.
 *
 * A dashboard's key hashes every file of its module graph as the module
 * loader resolved it (the dashboard, the helpers and datasources it imports,
 * JSON it imports), plus a key every dashboard shares: dashcode's own build
 * (the caller's salt), the config and datasources modules' graphs, the list of
 * module files in the project (a new `x.js` beside `x.ts` can change what an
 * import means), and every file that is not a module, since any module may
 * read any data file (fs.readFileSync of a CSV, a markdown text). Conservative
 * where the graph cannot be known: a graph that mentions `require` (CommonJS
 * imports bypass the loader's hooks) is never cached. Not covered, as for the
 * whole-project cache: environment variables and files outside the project
 * read while loading; nor state one dashboard's module leaves in a shared
 * helper for the next (all dashboards load in one module graph, so a counter
 * kept by a helper sees the dashboards before it; one rebuilt alone sees it
 * fresh). Use --no-cache for those.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashText, newHash } from '../files/hash-text.js';
import { isModuleFile } from '../files/walk.js';
import { relative } from '../files/paths.js';
import type { BuiltDashboard, ModuleGraph } from './load.js';
import type { YamlMemo } from '../provisioning/yaml.js';

const VERSION = 1;
const FILE = 'dashboards.json';

export type { ModuleGraph } from './load.js';

/** Per input file (relative to the root, `/`-separated): the content's sha256 (the build cache's scan). */
export type FileHashes = Record<string, string>;

export interface CachedDashboard {
  key: string;
  /** The module graph's files, absolute. */
  deps: string[];
  /** The module's `output` export as it was (a string), or its default. */
  output: string;
  built: BuiltDashboard;
}

export interface DashboardCache {
  version: typeof VERSION;
  dashboards: Record<string, CachedDashboard>;
  /** The provisioning YAML texts the last build used (provisioning/yaml.ts's memo), valid for `yamlSalt` only. */
  yaml?: Record<string, string>;
  yamlSalt?: string;
}

/**
 * A YAML memo seeded from the last build's texts when made by the same
 * dashcode (`salt`); `used` is what this build asked for, which is all the
 * next one keeps, so the memo never grows past one build's documents.
 */
export function yamlMemo(prior: DashboardCache, salt: string): YamlMemo & { used: Record<string, string> } {
  const known = prior.yamlSalt === salt && prior.yaml && typeof prior.yaml === 'object' ? prior.yaml : {};
  const used: Record<string, string> = {};
  return {
    used,
    get: (key) => {
      const text = Object.hasOwn(known, key) && typeof known[key] === 'string' ? known[key] : undefined;
      if (text !== undefined) used[key] = text;
      return text;
    },
    set: (key, text) => {
      used[key] = text;
    },
  };
}

export function readDashboardCache(cacheDir: string | undefined): DashboardCache {
  try {
    const c = JSON.parse(readFileSync(path.join(cacheDir!, FILE), 'utf8')) as DashboardCache;
    if (c.version === VERSION && c.dashboards && typeof c.dashboards === 'object') return c;
  } catch {
    // none yet, or unreadable: build everything
  }
  return { version: VERSION, dashboards: {} };
}

export async function writeDashboardCache(cacheDir: string | undefined, cache: DashboardCache): Promise<void> {
  if (!cacheDir) return;
  const { writeFileAtomic } = await import('../files/atomic.js');
  // Best effort, as the build cache is: a cache that cannot be written (a read-only node_modules) means the next build loads every dashboard.
  await writeFileAtomic(path.join(cacheDir, FILE), `${JSON.stringify(cache)}\n`).catch(() => {});
}

/** `file` and every file it imports, transitively (absolute paths, sorted). */
export function moduleClosure(graph: ModuleGraph, file: string): string[] {
  const seen = new Set<string>([file]);
  const todo = [file];
  while (todo.length > 0) {
    for (const child of graph.get(todo.pop()!) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        todo.push(child);
      }
    }
  }
  return [...seen].sort();
}

/** Hashes files by content: from the scan for files under the root, read otherwise; undefined for a missing file. */
export function fileHasher(root: string, scanned: FileHashes): (abs: string) => string | undefined {
  const read = new Map<string, string | undefined>();
  return (abs) => {
    const rel = relative(root, abs);
    if (!rel.startsWith('../') && Object.hasOwn(scanned, rel)) return scanned[rel];
    if (!read.has(abs)) {
      let h: string | undefined;
      try {
        h = hashText(readFileSync(abs));
      } catch {
        h = undefined;
      }
      read.set(abs, h);
    }
    return read.get(abs);
  };
}

/** The key every dashboard's key includes (see the top of this file). */
export function sharedKey(salt: string, scanned: FileHashes, sharedModules: readonly string[], hashOf: (abs: string) => string | undefined): string {
  const hash = newHash().update(`dashcode-dashboards ${VERSION}\0${salt}\0`);
  for (const [rel, h] of Object.entries(scanned).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(isModuleFile(rel) ? `module\0${rel}\0` : `data\0${rel}\0${h}\0`);
  }
  for (const abs of [...sharedModules].sort()) hash.update(`shared\0${abs}\0${hashOf(abs) ?? '-'}\0`);
  return hash.digest('hex');
}

/** A dashboard's key from its graph's files, or undefined when one of them is gone. */
export function dashboardKey(shared: string, deps: readonly string[], hashOf: (abs: string) => string | undefined): string | undefined {
  const hash = newHash().update(`${shared}\0`);
  for (const abs of deps) {
    const h = hashOf(abs);
    if (h === undefined) return undefined;
    hash.update(`${abs}\0${h}\0`);
  }
  return hash.digest('hex');
}

/**
 * Whether a module graph may be cached: none of its files can import what the
 * loader does not see. `libraryDir`: dashcode's own sources (a checkout's
 * src/, in the graph when a project imports them by path), whose requires
 * load nothing of the project's.
 */
export function cacheableGraph(deps: readonly string[], libraryDir: string): boolean {
  return deps.every((abs) => {
    if (abs.startsWith(libraryDir + path.sep)) return true;
    try {
      return !/\brequire\b|createRequire/.test(readFileSync(abs, 'utf8'));
    } catch {
      return false;
    }
  });
}
