/**
 * Validates parsed Grafana provisioning documents against the ahead-of-time
 * compiled schema (src/validate/generated/provisioning.js) and turns ajv's
 * errors into Issues a person can act on: what was given, what is allowed.
 */
import type { ErrorObject } from 'ajv';
import { closestMatch } from '../model/closest-match.js';
import { validateDashboards, validateDatasources } from '../validate/generated/provisioning.js';
import type { GeneratedValidateFunction } from '../validate/generated/provisioning.js';
import { issue, joinPath, type Issue } from '../validate/issues.js';
import {
  ENV_REFERENCE_PATTERN,
  NON_EMPTY_PATTERN,
  PROVISIONING_SCHEMA,
  SECRET_REFERENCE_PATTERN,
  type JsonSchema,
} from './schema.js';

export type ProvisioningKind = 'datasources' | 'dashboards';

export const PROVISIONING_SCHEMA_CODE = 'provisioning.schema';

const VALIDATORS: Readonly<Record<ProvisioningKind, GeneratedValidateFunction>> = {
  datasources: validateDatasources,
  dashboards: validateDashboards,
};

const REFERENCE_FORMS = '$VAR, ${VAR}, $__env{VAR} or $__file{path}';

/** Validates a parsed provisioning file (YAML already parsed). Empty result means valid. */
export function validateProvisioning(doc: unknown, kind: ProvisioningKind): Issue[] {
  const validate = VALIDATORS[kind];
  if (validate(doc)) return [];
  return schemaErrorsToIssues(validate.errors ?? [], doc, PROVISIONING_SCHEMA_CODE);
}

/**
 * Converts errors from a validator generated with `verbose: true` (see
 * scripts/gen-validators.ts) into Issues. Not provisioning-specific apart from
 * the pattern wording below, so other generated validators can reuse it.
 */
export function schemaErrorsToIssues(
  errors: readonly ErrorObject[],
  doc: unknown,
  code: string,
  definitions: Definitions = PROVISIONING_SCHEMA.definitions,
): Issue[] {
  return collapseAnyOf(errors).map((e) => {
    const { path, message } = describeError(e, doc, definitions);
    return issue(code, path, message);
  });
}

/**
 * A failed `anyOf` is preceded by one error per branch at the same value
 * ("must be equal to one of the allowed values", "must match pattern ..."). The
 * anyOf error alone says it better, so the branch errors are dropped. This relies
 * on ajv emitting branch errors right before the anyOf error, and on anyOf only
 * being used on leaf values in these schemas.
 */
function collapseAnyOf(errors: readonly ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === 'anyOf') {
      while (out.length > 0 && out[out.length - 1]!.instancePath === e.instancePath) out.pop();
    }
    out.push(e);
  }
  return out;
}

/** The schema's `definitions`, to resolve `$ref`s inside `anyOf` branches. */
type Definitions = Readonly<Record<string, JsonSchema>>;

function describeError(e: ErrorObject, doc: unknown, definitions: Definitions): { path: string; message: string } {
  const at = pointerToPath(e.instancePath, doc);
  const parent = (e.parentSchema ?? {}) as JsonSchema;
  const secret = parent.pattern === SECRET_REFERENCE_PATTERN;
  // Never echo a value that should have been a secret reference.
  const given = secret ? 'a literal value' : describeValue(e.data);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const near = closestMatch(key, allowed);
      const hint = near ? ` (did you mean "${near}"?)` : allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '';
      return { path: joinPath(at, keySegment(key)), message: `unknown key "${key}"${hint}` };
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      const hint = key === 'apiVersion' ? ' (add "apiVersion: 1"; without it Grafana reads the file as the deprecated v0 format)' : '';
      return { path: joinPath(at, keySegment(key)), message: `missing required key "${key}"${hint}` };
    }
    case 'enum':
      return { path: at, message: choiceMessage((e.params as { allowedValues: unknown[] }).allowedValues, false, e.data) };
    case 'const':
      return {
        path: at,
        message: `expected ${describeValue((e.params as { allowedValue: unknown }).allowedValue)}, got ${given}${unexpandedHint(parent, e.data)}`,
      };
    case 'anyOf':
      return { path: at, message: anyOfMessage((e.schema ?? []) as JsonSchema[], e.data, definitions) };
    case 'type':
    case 'pattern':
      if (secret) return { path: at, message: LITERAL_SECRET };
      if (e.keyword === 'pattern') return { path: at, message: patternMessage(parent, given) };
      return { path: at, message: `expected ${expectedType(parent)}, got ${given}${unexpandedHint(parent, e.data)}` };
    case 'minimum':
      return { path: at, message: `expected at least ${String((e.params as { limit: number }).limit)}, got ${given}` };
    default:
      return { path: at, message: `${e.message ?? 'is invalid'}, got ${given}` };
  }
}

const LITERAL_SECRET = `literal secret: secureJsonData values must come from the environment or a file (${REFERENCE_FORMS}); dashcode rejects literal secrets so they never reach version control`;

/** apiVersion, prune and foldersFromFilesStructure are read without expansion: say so when someone tries. */
function unexpandedHint(parent: JsonSchema, data: unknown): string {
  const envAllowed = parent.pattern === ENV_REFERENCE_PATTERN;
  const looksLikeReference = typeof data === 'string' && new RegExp(ENV_REFERENCE_PATTERN, 'u').test(data);
  return !envAllowed && looksLikeReference ? ' (Grafana does not expand environment references in this field)' : '';
}

function patternMessage(parent: JsonSchema, given: string): string {
  switch (parent.pattern) {
    case ENV_REFERENCE_PATTERN:
      return `expected ${expectedType(parent)}, got ${given}`;
    case NON_EMPTY_PATTERN:
      return 'must not be empty';
    default:
      return `expected a string matching /${String(parent.pattern)}/, got ${given}`;
  }
}

/** "an integer or an environment reference (...)" for the union types, plain names otherwise. */
function expectedType(schema: JsonSchema): string {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const envAllowed = schema.pattern === ENV_REFERENCE_PATTERN && types.includes('string');
  const names = types.filter((t) => !(envAllowed && t === 'string')).map(typeName);
  if (envAllowed) names.push(`an environment reference (${REFERENCE_FORMS})`);
  if (names.length === 0) return 'a valid value';
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    integer: 'an integer',
    number: 'a number',
    boolean: 'true/false',
    string: 'a string',
    object: 'a mapping',
    array: 'a list',
    null: 'null',
  };
  return names[t] ?? t;
}

/** anyOf here is always "one of these values, or an env reference". */
function anyOfMessage(branches: readonly JsonSchema[], data: unknown, definitions: Definitions): string {
  const values: unknown[] = [];
  let envAllowed = false;
  for (const b of branches) {
    const resolved = resolveRef(b, definitions);
    if (resolved.enum) values.push(...resolved.enum);
    else if (resolved.const !== undefined) values.push(resolved.const);
    else if (resolved.pattern === ENV_REFERENCE_PATTERN) envAllowed = true;
  }
  return choiceMessage(values, envAllowed, data);
}

function choiceMessage(values: readonly unknown[], envAllowed: boolean, data: unknown): string {
  const listed = values.map((v) => describeValue(v));
  const allowed = listed.length === 1 ? listed[0]! : `one of ${listed.join(', ')}`;
  const env = envAllowed ? ' (or an environment reference)' : '';
  const near = typeof data === 'string' ? closestMatch(data, values.filter((v): v is string => typeof v === 'string')) : undefined;
  const hint = near !== undefined && near !== data ? ` (did you mean "${near}"?)` : '';
  return `expected ${allowed}${env}, got ${describeValue(data)}${hint}`;
}

function resolveRef(schema: JsonSchema, definitions: Definitions): JsonSchema {
  const m = /^#\/definitions\/(.+)$/.exec(schema.$ref ?? '');
  return (m && definitions[m[1]!]) || schema;
}

/** What was given, short enough for one line. */
function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

/**
 * `/datasources/0/secureJsonData/password` -> `datasources[0].secureJsonData.password`.
 * Walks the document so a numeric key in a mapping stays a key (`jsonData["0"]`)
 * and only list positions become `[n]`.
 */
export function pointerToPath(pointer: string, doc: unknown): string {
  if (pointer === '') return '';
  const segments: Array<string | number> = [];
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      segments.push(Number(key));
      node = node[Number(key)];
    } else {
      segments.push(keySegment(key));
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return joinPath(...segments);
}

function keySegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}
