import { compileDashboard, printCompiled, uncheckedPanelIndices, type CompileOptions } from './compile/compile.js';
import { printCanonical } from './compile/serialize.js';
import { isDashboard, type DashboardSpec } from './dashboards/dashboard.js';
import type { JsonObject } from './model/loose.js';
import type { DatasourceSpec } from './datasources/datasource.js';
import { validateDashboardJson, validateDashboardParts } from './validate/output.js';
import { hasErrors, issue, withSource, type Issue } from './model/issue.js';

export interface BuildOptions extends CompileOptions {
  /**
   * `'full'` validates the whole output against the shipped schema. By
   * default (`'unchecked'`) only what did not come through a typed builder is
   * validated — `raw`, `pluginPanel`, hand-made or imported verbatim specs,
   * loosely typed inputs — since property tests prove the builders' output
   * schema-valid (validate/typed.ts, test/validate/typed-output.test.ts).
   */
  validate?: 'full' | 'unchecked';
  /**
   * The linter to run on the compiled JSON: pass `lintDashboard` from
   * `dashcode/lint` to get every issue `dashcode build` prints for this
   * dashboard (its `panel-unit` warnings, say). A parameter, not an import,
   * so that `import 'dashcode'` loads no query parser. Runs only when
   * compile and validation found no error, as in the build.
   */
  lint?: DashboardLinter;
}

/** `lintDashboard` from `dashcode/lint` fits; `(json, ctx) => lintDashboard(json, { ...ctx, config })` sets a lint config. */
export type DashboardLinter = (json: JsonObject, context: { file?: string; datasources?: readonly DatasourceSpec[] }) => Issue[];

export interface BuildResult {
  /**
   * The canonical file text, or undefined when compile or validation found
   * errors: nothing half-valid is ever written. Lint errors (with `lint`) do
   * not withhold it; `dashcode build` writes nothing for a dashboard with any error.
   */
  text?: string;
  json: JsonObject;
  issues: Issue[];
  escapeHatches: string[];
}

/**
 * The whole pipeline for one dashboard: compile, validate the output against
 * dashcode's shipped JSON Schema, and print canonically. Pure; never throws
 * and never prints: any input, `undefined`, a `null` panel or a cyclic `raw`
 * included, comes back as issues.
 */
export function buildDashboard(spec: DashboardSpec, options: BuildOptions = {}): BuildResult {
  const source = { file: options.file, dashboard: typeof (spec as { title?: unknown } | null)?.title === 'string' ? spec.title : undefined };
  if (!isDashboard(spec)) return failed([{ ...issue('dashboard-invalid', [], `not a dashboard (got ${spec === null ? 'null' : typeof spec}): pass the value dashboard({...}) returns`), source }]);
  try {
    const compiled = compileDashboard(spec, options);
    const issues = [...compiled.issues];
    if (!hasErrors(issues)) {
      const unchecked = options.validate === 'full' || defaultValidation === 'full' ? undefined : uncheckedPanelIndices(compiled.json);
      const found = unchecked === undefined ? validateDashboardJson(compiled.json) : validateDashboardParts(compiled.json, unchecked);
      issues.push(...withSource(found, source));
    }
    const text = hasErrors(issues) ? undefined : (printCompiled(compiled.json) ?? printCanonical(compiled.json));
    if (text !== undefined && options.lint) issues.push(...options.lint(compiled.json, { file: options.file, datasources: options.datasources }));
    return { text, json: compiled.json, issues, escapeHatches: compiled.escapeHatches };
  } catch (err) {
    // A bug or an input no check foresaw (a cyclic raw value overflows the stack): an issue, never a crash of the whole build.
    const message = err instanceof Error ? err.message : String(err);
    const hint = err instanceof RangeError ? ' (a cyclic value in raw or options?)' : '';
    return failed([{ ...issue('build-internal', [], `cannot build this dashboard: ${message}${hint}`), source }]);
  }
}

function failed(issues: Issue[]): BuildResult {
  return { json: { panels: [], templating: { list: [] } } as unknown as JsonObject, issues, escapeHatches: [] };
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
