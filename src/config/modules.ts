/**
 * Loading the user's modules (dashboards, datasources, config), in any of
 * MODULE_EXTENSIONS, in a package of either "type". Each import has a timeout:
 * a module that never settles (a top-level await on a promise that never
 * resolves) is reported by name and the others still load.
 */
import { findCacheDir } from '../files/cache.js';
import { BUNDLE, importInGeneration, moduleGraph, newGeneration, registerTypeScript } from '../files/ts-loader.js';
import { projectLoader } from '../files/native-loader.js';
import { hasDashboardKind } from '../dashboards/is-dashboard.js';
import { issue, type Issue } from '../model/issue.js';
import { relative } from '../files/paths.js';

export type ModuleImporter = (file: string) => Promise<unknown>;

/** Default time a module may take to load (and run its top level). */
export const MODULE_TIMEOUT_MS = 30_000;

export interface ImportOptions {
  root: string;
  issues: Issue[];
  importer?: ModuleImporter;
  timeoutMs?: number;
}

/** The module's namespace, or undefined with a `module-load` / `module-timeout` issue naming the file. */
export async function importUserModule(file: string, options: ImportOptions): Promise<Record<string, unknown> | undefined> {
  const { root, issues } = options;
  const importer = options.importer ?? (await tsImporter(root)).importer;
  const timeoutMs = options.timeoutMs ?? MODULE_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const mod = await Promise.race([importer(file), timeout]);
    if (mod === 'timeout') {
      issues.push({ ...issue('module-timeout', [], `did not finish loading within ${timeoutMs / 1000} s (a top-level await that never settles?); the other modules were loaded without it`), source: { file: relative(root, file) } });
      return undefined;
    }
    return cjsInterop(mod);
  } catch (err) {
    // esbuild puts the useful part ("file:line:col: ERROR: ...") on the lines after its first.
    const message = (err instanceof Error ? err.message : String(err)).split('\n').filter(Boolean).slice(0, 4).join(' ').replace(/\s+/g, ' ');
    issues.push({ ...issue('module-load', [], `cannot load: ${message}`), source: { file: relative(root, file) } });
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}


/**
 * In a project without `"type": "module"`, tsx loads `.ts` files as CommonJS
 * and the ESM namespace wraps `module.exports` in `default`. Unwrap it so
 * `export default dashboard(...)` works in either kind of project.
 */
function cjsInterop(mod: unknown): Record<string, unknown> {
  const ns = (mod ?? {}) as Record<string, unknown>;
  const inner = ns.default as Record<string, unknown> | undefined;
  if (inner && typeof inner === 'object' && ('__esModule' in inner || 'default' in inner) && !hasDashboardKind(inner)) return inner;
  return ns;
}

/**
 * One module graph per project load: every module, and the library they all
 * import, is evaluated once and shared by all dashboards; the next load
 * evaluates edited files afresh. TypeScript is transpiled once per content
 * hash, cached under `root`'s node_modules/.cache/dashcode/.
 *
 * The CLI (a checkout's bundle, or the installed dist/) loads the modules in
 * this thread with Node's own import() (native-loader.js). Run from src/
 * itself (tests, a checkout without its bundle), `dashcode` means the
 * TypeScript sources, which the hooks (ts-loader.js) load module by module.
 */
export async function tsImporter(root: string): Promise<{ importer: ModuleImporter; done: () => Promise<void>; graph: () => Promise<Map<string, Set<string>>> }> {
  const cacheDir = findCacheDir(root);
  const bundle = (globalThis as Record<symbol, { root: string; dir: string } | undefined>)[BUNDLE];
  if (cacheDir && (bundle || !import.meta.url.endsWith('.ts'))) {
    const loader = projectLoader(cacheDir, bundle);
    return { importer: loader.importer, done: async () => {}, graph: loader.graph };
  }
  registerTypeScript(cacheDir);
  const generation = newGeneration();
  return { importer: (file) => importInGeneration(file, generation), done: async () => {}, graph: () => moduleGraph(generation) };
}
