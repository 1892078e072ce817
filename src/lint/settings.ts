/**
 * Where `dashcode lint` gets its settings: the `lint` key of dashcode.config.ts
 * or dashcode.lint.json (one of them), plus the project's outDir and
 * dashboardsPath, which say where generated dashboards live and where Grafana
 * mounts them.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveConfig, type ResolvedConfig } from '../config/config.js';
import { loadConfig } from '../config/load.js';
import { issue, type Issue } from '../model/issue.js';
import { checkLintConfig, type LintConfig } from './config.js';

export interface LintSettings {
  config: LintConfig;
  project: ResolvedConfig;
  /** Problems with the configuration (`lint-config`). */
  issues: Issue[];
}

export const LINT_JSON = 'dashcode.lint.json';

export async function loadLintSettings(root: string): Promise<LintSettings> {
  const loaded = await loadConfig(root);
  const configFile = loaded.file;
  const user = loaded.config;
  const issues: Issue[] = loaded.issues.map((i) => ({ ...i, code: 'lint-config' }));
  let raw: unknown = user.lint;
  let source = configFile ? `${configFile} (lint)` : undefined;
  const jsonFile = path.join(root, LINT_JSON);
  if (existsSync(jsonFile)) {
    if (user.lint !== undefined) {
      issues.push({ ...issue('lint-config', [], `both ${LINT_JSON} and the lint key of ${configFile} configure lint; keep one (${LINT_JSON} is used)`), source: { file: LINT_JSON } });
    }
    source = LINT_JSON;
    try {
      raw = JSON.parse(await readFile(jsonFile, 'utf8'));
    } catch (err) {
      issues.push({ ...issue('lint-config', [], `not valid JSON: ${firstLine(err)}`), source: { file: LINT_JSON } });
      raw = undefined;
    }
  }
  const checked = checkLintConfig(raw, source);
  return { config: checked.config, project: resolveConfig(user), issues: [...issues, ...checked.issues] };
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
