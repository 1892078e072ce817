/**
 * Where `dashcode lint` gets its settings: the `lint` key of dashcode.config.ts
 * or dashcode.lint.json (one of them), plus the project's outDir and
 * dashboardsPath, which say where generated dashboards live and where Grafana
 * mounts them.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveConfig, type DashcodeConfig, type ResolvedConfig } from '../config/config.js';
import { issue, type Issue } from '../validate/issues.js';
import { checkLintConfig, type LintConfig } from './config.js';

export interface LintSettings {
  config: LintConfig;
  project: ResolvedConfig;
  /** Problems with the configuration (`lint-config`). */
  issues: Issue[];
}

const CONFIG_FILES = ['dashcode.config.ts', 'dashcode.config.mts', 'dashcode.config.js', 'dashcode.config.mjs'];
export const LINT_JSON = 'dashcode.lint.json';

export async function loadLintSettings(root: string): Promise<LintSettings> {
  const issues: Issue[] = [];
  const configFile = CONFIG_FILES.find((f) => existsSync(path.join(root, f)));
  let user: DashcodeConfig & { lint?: unknown } = {};
  if (configFile) {
    try {
      user = await importConfig(path.join(root, configFile));
    } catch (err) {
      issues.push({ ...issue('lint-config', '', `cannot load: ${firstLine(err)}`), source: { file: configFile } });
    }
  }
  let raw: unknown = user.lint;
  let source = configFile ? `${configFile} (lint)` : undefined;
  const jsonFile = path.join(root, LINT_JSON);
  if (existsSync(jsonFile)) {
    if (user.lint !== undefined) {
      issues.push({ ...issue('lint-config', '', `both ${LINT_JSON} and the lint key of ${configFile} configure lint; keep one (${LINT_JSON} is used)`), source: { file: LINT_JSON } });
    }
    source = LINT_JSON;
    try {
      raw = JSON.parse(await readFile(jsonFile, 'utf8'));
    } catch (err) {
      issues.push({ ...issue('lint-config', '', `not valid JSON: ${firstLine(err)}`), source: { file: LINT_JSON } });
      raw = undefined;
    }
  }
  const checked = checkLintConfig(raw, source);
  return { config: checked.config, project: resolveConfig(user), issues: [...issues, ...checked.issues] };
}

async function importConfig(file: string): Promise<DashcodeConfig & { lint?: unknown }> {
  let mod: Record<string, unknown>;
  if (/\.[cm]?ts$/.test(file)) {
    const { tsImport } = await import('tsx/esm/api');
    mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  } else {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  }
  // A CommonJS-compiled config nests the default export once more.
  let value: unknown = mod.default ?? mod;
  if (value && typeof value === 'object' && 'default' in value && !('outDir' in value) && !('lint' in value)) value = (value as { default: unknown }).default;
  return (value ?? {}) as DashcodeConfig & { lint?: unknown };
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
