/**
 * The one config loader: finds `dashcode.config.{ts,mts,cts,js,mjs,cjs}`
 * (src/files/walk.js, CONFIG_FILES) and returns its default export. The build
 * and lint both use it.
 */
import path from 'node:path';
import { findConfigFile } from '../files/walk.js';
import { issue, type Issue } from '../model/issue.js';
import type { DashcodeConfig } from './config.js';
import { importUserModule, tsImporter, type ModuleImporter } from './modules.js';

export interface LoadedConfig {
  /** The config file's name relative to the root, when there is one. */
  file?: string;
  config: DashcodeConfig & { lint?: unknown };
  issues: Issue[];
}

export async function loadConfig(root: string, importer?: ModuleImporter): Promise<LoadedConfig> {
  const file = findConfigFile(root);
  if (!file) return { config: {}, issues: [] };
  const issues: Issue[] = [];
  const own = importer ? undefined : await tsImporter(root);
  let mod;
  try {
    mod = await importUserModule(path.join(root, file), { root, issues, importer: importer ?? own!.importer });
  } finally {
    await own?.done();
  }
  const value = mod?.default ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ ...issue('config-invalid', [], 'the default export is not a config object (export default defineConfig({...}))'), source: { file } });
    return { file, config: {}, issues };
  }
  return { file, config: value as DashcodeConfig, issues };
}
