import { compileDashboard, type CompileOptions } from './compile/compile.js';
import { printCanonical } from './compile/serialize.js';
import { isDashboard, type DashboardSpec } from './dashboards/dashboard.js';
import type { JsonObject } from './model/loose.js';
import { validateDashboardJson } from './validate/output.js';
import { hasErrors, withSource, type Issue } from './validate/issues.js';

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
export function buildDashboard(spec: DashboardSpec, options: CompileOptions = {}): BuildResult {
  const compiled = compileDashboard(spec, options);
  const issues = [...compiled.issues];
  if (!hasErrors(issues)) {
    issues.push(...withSource(validateDashboardJson(compiled.json), { file: options.file, dashboard: isDashboard(spec) ? spec.title : undefined }));
  }
  const text = hasErrors(issues) ? undefined : printCanonical(compiled.json);
  return { text, json: compiled.json, issues, escapeHatches: compiled.escapeHatches };
}
