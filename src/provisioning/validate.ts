/**
 * Validates parsed Grafana provisioning documents against the ahead-of-time
 * compiled schema (src/validate/generated/provisioning.js); the errors are
 * worded by src/validate/schema-errors.ts.
 */
import { validateDashboards, validateDatasources } from '../validate/generated/provisioning.js';
import type { GeneratedValidateFunction } from '../validate/generated/provisioning.js';
import type { Issue } from '../model/issue.js';
import { schemaErrorsToIssues } from '../validate/schema-errors.js';
import { PROVISIONING_SCHEMA } from './schema.js';

export { pointerToPath } from '../validate/schema-errors.js';

export type ProvisioningKind = 'datasources' | 'dashboards';

export const PROVISIONING_SCHEMA_CODE = 'provisioning-schema';

const VALIDATORS: Readonly<Record<ProvisioningKind, GeneratedValidateFunction>> = {
  datasources: validateDatasources,
  dashboards: validateDashboards,
};

/** Validates a parsed provisioning file (YAML already parsed). Empty result means valid. */
export function validateProvisioning(doc: unknown, kind: ProvisioningKind): Issue[] {
  const validate = VALIDATORS[kind];
  if (validate(doc)) return [];
  return schemaErrorsToIssues(validate.errors ?? [], doc, PROVISIONING_SCHEMA_CODE, PROVISIONING_SCHEMA.definitions);
}
