/**
 * Loading the user's modules (dashboards, datasources, config), in any of
 * MODULE_EXTENSIONS, in a package of either "type". Each import has a timeout:
 * a module that never settles (a top-level await on a promise that never
 * resolves) is reported by name and the others still load.
 */
import { pathToFileURL } from 'node:url';
import { isDashboard } from '../dashboards/dashboard.js';
import { issue, type Issue } from '../validate/issues.js';
import { relative } from './paths.js';

export type ModuleImporter = (file: string) => Promise<unknown>;

/** Default time a module may take to load (and run its top level). */
export const MODULE_TIMEOUT_MS = 30_000;

export interface ImportOptions {
  root: string;
  issues: Issue[];
  importer?: ModuleImporter;
  timeoutMs?: number;
}

/** The module's namespace, or undefined with a `module.load` / `module.timeout` issue naming the file. */
export async function importUserModule(file: string, options: ImportOptions): Promise<Record<string, unknown> | undefined> {
  const { root, issues } = options;
  const importer = options.importer ?? nativeImport;
  const timeoutMs = options.timeoutMs ?? MODULE_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const mod = await Promise.race([importer(file), timeout]);
    if (mod === 'timeout') {
      issues.push({ ...issue('module.timeout', '', `did not finish loading within ${timeoutMs / 1000} s (a top-level await that never settles?); the other modules were loaded without it`), source: { file: relative(root, file) } });
      return undefined;
    }
    return cjsInterop(mod);
  } catch (err) {
    // esbuild puts the useful part ("file:line:col: ERROR: ...") on the lines after its first.
    const message = (err instanceof Error ? err.message : String(err)).split('\n').filter(Boolean).slice(0, 4).join(' ').replace(/\s+/g, ' ');
    issues.push({ ...issue('module.load', '', `cannot load: ${message}`), source: { file: relative(root, file) } });
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

const nativeImport: ModuleImporter = (file) => import(pathToFileURL(file).href);

/**
 * In a project without `"type": "module"`, tsx loads `.ts` files as CommonJS
 * and the ESM namespace wraps `module.exports` in `default`. Unwrap it so
 * `export default dashboard(...)` works in either kind of project.
 */
function cjsInterop(mod: unknown): Record<string, unknown> {
  const ns = (mod ?? {}) as Record<string, unknown>;
  const inner = ns.default as Record<string, unknown> | undefined;
  if (inner && typeof inner === 'object' && ('__esModule' in inner || 'default' in inner) && !isDashboard(inner)) return inner;
  return ns;
}

/**
 * One tsx namespace per project load: every module (and the library they all
 * import) is loaded once and shared by all dashboards, instead of once per
 * dashboard as separate `tsImport` calls would (1.07 s → 0.28 s for this
 * repo). A fresh namespace per load sees edited files.
 */
let loads = 0;
export async function tsImporter(): Promise<{ importer: ModuleImporter; done: () => Promise<void> }> {
  const [{ register }, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  const namespace = `dashcode-load-${process.pid}-${++loads}`;
  // The CommonJS hook too: in a project without "type": "module", tsx compiles .ts to CommonJS and `require`s imports.
  const cjsApi = cjs.register({ namespace });
  const api = register({ namespace });
  return {
    importer: (file) => api.import(pathToFileURL(file).href, import.meta.url),
    done: async () => {
      await api.unregister();
      cjsApi.unregister();
    },
  };
}
