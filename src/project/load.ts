import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveConfig, type DashcodeConfig, type ResolvedConfig } from '../config/config.js';
import { isDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import { isDashboard, type DashboardSpec } from '../dashboards/dashboard.js';
import { issue, type Issue } from '../validate/issues.js';
import type { AlertingSpec } from '../alerting/model.js';
import { collectAlerting } from './alerting.js';

export interface LoadedDashboard {
  /** Path relative to the project root, with `/` separators. */
  file: string;
  spec?: DashboardSpec;
  /** Output file name inside the output folder, e.g. `grafana_dashboard.json`. */
  output: string;
}

export interface Project {
  root: string;
  config: ResolvedConfig;
  datasources: DatasourceSpec[];
  dashboards: LoadedDashboard[];
  /** What the alerting module exports (empty without one). */
  alerting: AlertingSpec;
  /** Problems loading modules: a module that throws, or exports no dashboard. */
  issues: Issue[];
}

/**
 * Loads a dashcode project: `dashcode.config.ts` (optional), the datasources
 * module, and every dashboard module (`dashboards/*.ts` unless `files` names
 * some). A dashboard module default-exports a dashboard and may export
 * `output` (the generated file name; default: the module's base name + `.json`).
 */
export async function loadProject(root: string, files?: readonly string[]): Promise<Project> {
  const { importTs, done } = await tsImporter();
  try {
    return await loadWith(root, files, importTs);
  } finally {
    await done();
  }
}

async function loadWith(root: string, files: readonly string[] | undefined, importTs: Importer): Promise<Project> {
  const issues: Issue[] = [];
  const configFile = ['dashcode.config.ts', 'dashcode.config.js', 'dashcode.config.mjs'].map((f) => path.join(root, f)).find(existsSync);
  let userConfig: DashcodeConfig = {};
  if (configFile) {
    const mod = await importModule(configFile, issues, root, importTs);
    userConfig = (mod?.default as DashcodeConfig | undefined) ?? {};
  }
  const config = resolveConfig(userConfig);

  const datasources: DatasourceSpec[] = [];
  const dsFile = path.join(root, config.datasourcesModule);
  if (existsSync(dsFile)) {
    const mod = await importModule(dsFile, issues, root, importTs);
    const seen = new Set<DatasourceSpec>();
    for (const value of Object.values(mod ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (isDatasource(v) && !seen.has(v)) {
          seen.add(v);
          datasources.push(v);
        }
      }
    }
  }

  const alertsFile = path.join(root, config.alertsModule);
  const alerting = collectAlerting(existsSync(alertsFile) ? await importModule(alertsFile, issues, root, importTs) : undefined);

  const dashboardFiles = files && files.length > 0 ? files.map((f) => path.resolve(root, f)) : await discover(path.join(root, config.dashboardsDir));
  const dashboards: LoadedDashboard[] = [];
  for (const abs of dashboardFiles) {
    const file = relative(root, abs);
    const mod = await importModule(abs, issues, root, importTs);
    const spec = mod?.default;
    const output = typeof mod?.output === 'string' ? mod.output : `${path.basename(abs).replace(/\.[cm]?[jt]s$/, '')}.json`;
    if (mod && !isDashboard(spec)) {
      issues.push({ ...issue('module.no-dashboard', '', 'the module\'s default export is not a dashboard (export default dashboard({...}))'), source: { file } });
    }
    dashboards.push({ file, spec: isDashboard(spec) ? spec : undefined, output });
  }
  return { root, config, datasources, dashboards, alerting, issues };
}

async function discover(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') && !e.name.startsWith('_'))
    .map((e) => path.join(dir, e.name))
    .sort();
}

type Importer = (specifier: string, parent: string) => Promise<unknown>;

/**
 * One tsx namespace per project load: every module (and the library they all
 * import) is loaded once and shared by all dashboards, instead of once per
 * dashboard as separate `tsImport` calls would (1.07 s → 0.28 s for this
 * repo). A fresh namespace per load sees edited files.
 */
let loads = 0;
async function tsImporter(): Promise<{ importTs: Importer; done: () => Promise<void> }> {
  const [{ register }, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  const namespace = `dashcode-load-${process.pid}-${++loads}`;
  // The CommonJS hook too: in a project without "type": "module", tsx compiles .ts to CommonJS and `require`s imports.
  const cjsApi = cjs.register({ namespace });
  const api = register({ namespace });
  return {
    importTs: api.import,
    done: async () => {
      await api.unregister();
      cjsApi.unregister();
    },
  };
}

async function importModule(file: string, issues: Issue[], root: string, importTs: Importer): Promise<Record<string, unknown> | undefined> {
  try {
    if (/\.[cm]?ts$/.test(file)) return cjsInterop(await importTs(pathToFileURL(file).href, import.meta.url));
    return cjsInterop(await import(pathToFileURL(file).href));
  } catch (err) {
    // esbuild puts the useful part ("file:line:col: ERROR: ...") on the lines after its first.
    const message = (err instanceof Error ? err.message : String(err)).split('\n').filter(Boolean).slice(0, 4).join(' ').replace(/\s+/g, ' ');
    issues.push({ ...issue('module.load', '', `cannot load: ${message}`), source: { file: relative(root, file) } });
    return undefined;
  }
}

/**
 * In a project without `"type": "module"`, tsx loads `.ts` files as CommonJS
 * and the ESM namespace wraps `module.exports` in `default`. Unwrap it so
 * `export default dashboard(...)` works in either kind of project.
 */
function cjsInterop(mod: unknown): Record<string, unknown> {
  const ns = mod as Record<string, unknown>;
  const inner = ns.default as Record<string, unknown> | undefined;
  if (inner && typeof inner === 'object' && ('__esModule' in inner || 'default' in inner) && !isDashboard(inner)) return inner;
  return ns;
}

export function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
