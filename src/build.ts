import { compileDashboard, uncheckedPanelIndices, type CompileOptions } from './compile/compile.js';
import { printCanonical } from './compile/serialize.js';
import { isDashboard, type DashboardSpec } from './dashboards/dashboard.js';
import type { JsonObject } from './model/loose.js';
import { validateDashboardJson, validateDashboardParts } from './validate/output.js';
import { hasErrors, withSource, type Issue } from './validate/issues.js';

export interface BuildOptions extends CompileOptions {
  /**
   * `'full'` validates the whole output against the shipped schema. By
   * default (`'unchecked'`) only what did not come through a typed builder is
   * validated — `raw`, `pluginPanel`, hand-made or imported verbatim specs,
   * loosely typed inputs — since property tests prove the builders' output
   * schema-valid (validate/typed.ts, test/validate/typed-output.test.ts).
   */
  validate?: 'full' | 'unchecked';
}

export interface BuildResult {
  /** The canonical file text, or undefined when there are errors: nothing half-valid is ever written. */
  text?: string;
  json: JsonObject;
  issues: Issue[];
  escapeHatches: string[];
}

/**
 * The whole pipeline for one dashboard: compile, validate the output against
 * dashcode's shipped JSON Schema, and print canonically. Pure; never throws
 * for bad input, never prints.
 */
export function buildDashboard(spec: DashboardSpec, options: BuildOptions = {}): BuildResult {
  const compiled = compileDashboard(spec, options);
  const issues = [...compiled.issues];
  if (!hasErrors(issues)) {
    const unchecked = options.validate === 'full' || defaultValidation === 'full' ? undefined : uncheckedPanelIndices(compiled.json);
    const found = unchecked === undefined ? validateDashboardJson(compiled.json) : validateDashboardParts(compiled.json, unchecked);
    issues.push(...withSource(found, { file: options.file, dashboard: isDashboard(spec) ? spec.title : undefined }));
  }
  const text = hasErrors(issues) ? undefined : printCanonical(compiled.json);
  return { text, json: compiled.json, issues, escapeHatches: compiled.escapeHatches };
}

/**
 * The validation `buildDashboard` does when its options do not say. The test
 * suite sets `'full'` (test/support/validate-full.ts), so every test build
 * also checks the builders' output against the schema.
 */
let defaultValidation: 'full' | 'unchecked' = 'unchecked';

export function setDefaultValidation(mode: 'full' | 'unchecked'): void {
  defaultValidation = mode;
}
