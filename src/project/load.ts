import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig, type ResolvedConfig } from '../config/config.js';
import { loadConfig } from '../config/load.js';
import { isDatasource, type DatasourceSpec } from '../datasources/datasource.js';
import { isDashboard, type DashboardSpec } from '../dashboards/dashboard.js';
import { isModuleFile, MODULE_EXTENSIONS, walkFiles } from '../files/walk.js';
import { issue, type Issue } from '../model/issue.js';
import type { AlertingSpec } from '../alerting/model.js';
import { collectAlerting } from './alerting.js';
import { importUserModule, tsImporter, type ModuleImporter } from '../config/modules.js';
import { relative } from '../files/paths.js';

export { relative } from '../files/paths.js';

/** One dashboard built on its own: what the per-dashboard build cache keeps (project/dashboard-cache.ts). */
export interface BuiltDashboard {
  uid: string;
  title: string;
  /** The generated JSON; undefined when the dashboard has errors. */
  text?: string;
  /** Its compile, validation and lint issues (not the checks across dashboards). */
  issues: Issue[];
  escapeHatches: string[];
  panels: number;
  variables: number;
}

/** Each project module a load imported (absolute real path) and the project modules it imported. */
export type ModuleGraph = Map<string, Set<string>>;

export interface LoadedDashboard {
  /** Path relative to the project root, with `/` separators. */
  file: string;
  spec?: DashboardSpec;
  /**
   * The module's `export const output` as given (checked by planBuild: a
   * relative `*.json` path inside outDir), else the module's base name + `.json`.
   */
  output: unknown;
  /** Taken from the per-dashboard build cache instead of loading the module (spec is then undefined). */
  built?: BuiltDashboard;
}

export interface Project {
  root: string;
  config: ResolvedConfig;
  /** The config file, relative to the root, when there is one. */
  configFile?: string;
  datasources: DatasourceSpec[];
  dashboards: LoadedDashboard[];
  /** What the alerting module exports (empty without one). */
  alerting: AlertingSpec;
  /** Problems loading modules: a module that throws, times out, or exports no dashboard. */
  issues: Issue[];
  /** Every project module loaded and what it imported, as the module loader resolved them (absolute paths). */
  graph: () => Promise<ModuleGraph>;
}

export interface LoadOptions {
  /** Time each module may take to load; default MODULE_TIMEOUT_MS (30 s). */
  timeoutMs?: number;
  /**
   * Asked before each dashboard module is imported, once the config,
   * datasources and alerting modules (`shared`, absolute paths) are loaded:
   * a cached build to use instead of loading it (dashboard-cache.ts).
   */
  reuse?: (file: string, context: { shared: string[]; graph: () => Promise<ModuleGraph> }) => Promise<{ built: BuiltDashboard; output: string } | undefined>;
}

/**
 * Loads a dashcode project: `dashcode.config.*` (optional), the datasources
 * module, and every dashboard module (`dashboards/*.{ts,mts,cts,js,mjs,cjs}`
 * unless `files` names some). A dashboard module default-exports a dashboard
 * and may export `output` (the generated file name; default: the module's
 * base name + `.json`). Never throws for a bad module: each problem is an
 * issue naming its file, and the other modules still load.
 */
export async function loadProject(root: string, files?: readonly string[], options: LoadOptions = {}): Promise<Project> {
  const { importer, done, graph } = await tsImporter(root);
  try {
    return await loadWith(root, files, { importer, graph, timeoutMs: options.timeoutMs, reuse: options.reuse });
  } finally {
    await done();
  }
}

async function loadWith(root: string, files: readonly string[] | undefined, options: { importer: ModuleImporter; graph: () => Promise<ModuleGraph>; timeoutMs?: number; reuse?: LoadOptions['reuse'] }): Promise<Project> {
  const issues: Issue[] = [];
  const load = (file: string) => importUserModule(file, { root, issues, importer: options.importer, timeoutMs: options.timeoutMs });
  const loaded = await loadConfig(root, options.importer);
  issues.push(...loaded.issues);
  const config = resolveConfig(loaded.config);

  const datasources: DatasourceSpec[] = [];
  const dsFile = path.join(root, config.datasourcesModule);
  if (existsSync(dsFile)) {
    const mod = await load(dsFile);
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
  const alerting = collectAlerting(existsSync(alertsFile) ? await load(alertsFile) : undefined);

  const dashboardFiles = files && files.length > 0 ? files.map((f) => path.resolve(root, f)) : await discover(path.join(root, config.dashboardsDir));
  const dashboards: LoadedDashboard[] = [];
  const shared = [...(loaded.file ? [path.join(root, loaded.file)] : []), dsFile, alertsFile].filter((f) => existsSync(f));
  for (const abs of dashboardFiles) {
    const file = relative(root, abs);
    const cached = await options.reuse?.(file, { shared, graph: options.graph });
    if (cached) {
      dashboards.push({ file, output: cached.output, built: cached.built });
      continue;
    }
    const mod = await load(abs);
    const spec = mod?.default;
    const output = mod && 'output' in mod ? mod.output : `${stripExtension(path.basename(abs))}.json`;
    if (mod && !isDashboard(spec)) {
      issues.push({ ...issue('module-no-dashboard', [], 'the module\'s default export is not a dashboard (export default dashboard({...}))'), source: { file } });
    }
    dashboards.push({ file, spec: isDashboard(spec) ? spec : undefined, output });
  }
  return { root, config, configFile: loaded.file, datasources, dashboards, alerting, issues, graph: options.graph };
}

/** Dashboard modules directly in `dir` (not in sub-folders); `_helpers.ts` and `.d.ts` files are not dashboards. */
async function discover(dir: string): Promise<string[]> {
  const files = await walkFiles(dir, () => true);
  return files.filter((f) => isModuleFile(f) && !f.startsWith('_')).map((f) => path.join(dir, f));
}

function stripExtension(name: string): string {
  const ext = MODULE_EXTENSIONS.find((e) => name.endsWith(e));
  return ext ? name.slice(0, -ext.length) : name;
}
