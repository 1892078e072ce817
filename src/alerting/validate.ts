/**
 * The alerting provisioning file checked against dashcode's schema of
 * Grafana's file format (src/alerting/schema.ts), with the validator compiled
 * ahead of time (src/validate/generated/alerting.js): every build runs it on
 * the file it is about to write, so a file Grafana's reader would reject is
 * an error with the path of the offending field, not a Grafana start-up log
 * line.
 */
import { schemaErrorsToIssues } from '../validate/schema-errors.js';
import { validate } from '../validate/generated/alerting.js';
import type { Issue } from '../model/issue.js';
import { ALERTING_SCHEMA } from './schema.js';

export const ALERTING_SCHEMA_CODE = 'alert-schema';

/** Issues of a parsed alerting provisioning document; empty when Grafana's file provisioning can read it. */
export function validateAlertingDocument(doc: unknown): Issue[] {
  if (validate(doc)) return [];
  return schemaErrorsToIssues(validate.errors ?? [], doc, ALERTING_SCHEMA_CODE, ALERTING_SCHEMA.definitions).map((i) => ({ ...i, message: durationMessage(i.message) }));
}

/** The shared formatter words a failed "duration or reference" choice as an empty list of values; name the duration instead. */
function durationMessage(message: string): string {
  return message.replace(/^expected one of  \(or an environment reference\)/, "expected a duration such as 30s, 5m or 1h30m (Prometheus' ParseDuration) or an environment reference");
}
