import { validate } from './generated/dashboard.js';
import { schemaErrorsToIssues } from './schema-errors.js';
import type { Issue } from '../model/issue.js';

/**
 * Validates compiled dashboard JSON against dashcode's shipped schema
 * (`schemas/dashboard.schema.json`, compiled ahead of time by ajv). Compile
 * already prevents most of what this catches; it guards the `raw` escape hatch
 * and any hand-made JSON.
 */
export function validateDashboardJson(json: unknown): Issue[] {
  if (validate(json)) return [];
  return schemaErrorsToIssues(validate.errors ?? [], json, 'output-schema');
}

/**
 * `validateDashboardJson` of everything but the top-level panels not listed in
 * `panelIndices` (the ones checked builders made, see validate/typed.ts): the
 * document is validated with only those panels in its `panels`, and each
 * error's path is put back at the panel's real index. The issues are the ones
 * the whole-document check gives for those parts.
 */
export function validateDashboardParts(json: Record<string, unknown>, panelIndices: readonly number[]): Issue[] {
  const panels = json.panels;
  if (!Array.isArray(panels) || panelIndices.length === panels.length) return validateDashboardJson(json);
  const part = { ...json, panels: panelIndices.map((i) => panels[i] as unknown) };
  if (validate(part)) return [];
  const errors = (validate.errors ?? []).map((e) => {
    const m = /^\/panels\/(\d+)(?=\/|$)/.exec(e.instancePath);
    return m ? { ...e, instancePath: `/panels/${panelIndices[Number(m[1])]}${e.instancePath.slice(m[0].length)}` } : e;
  });
  return schemaErrorsToIssues(errors, json, 'output-schema');
}
