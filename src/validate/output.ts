import { validate } from './generated/dashboard.js';
import { schemaErrorsToIssues } from './schema-errors.js';
import type { Issue } from './issues.js';

/**
 * Validates compiled dashboard JSON against dashcode's shipped schema
 * (`schemas/dashboard.schema.json`, compiled ahead of time by ajv). Compile
 * already prevents most of what this catches; it guards the `raw` escape hatch
 * and any hand-made JSON.
 */
export function validateDashboardJson(json: unknown): Issue[] {
  if (validate(json)) return [];
  return schemaErrorsToIssues(validate.errors ?? [], json, 'output.schema');
}
