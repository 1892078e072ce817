/**
 * JSON Schema (draft-07) for Grafana provisioning files: data sources
 * (provisioning/datasources/*.yaml) and dashboard providers
 * (provisioning/dashboards/*.yaml).
 *
 * Written as a typed object rather than zod: the JSON is the product (it ships as
 * `dashcode/schemas/provisioning.json` for editors and is compiled ahead of time
 * by scripts/gen-validators.ts), so it should read exactly as authored, with
 * stable definition names that error messages and editors can point at.
 *
 * Field list and value types follow Grafana's readers
 * (pkg/services/provisioning/datasources/types.go, dashboards/types.go): v1
 * fields are `values.*Value` types, which read the YAML scalar as a string, run
 * env expansion ($VAR, ${VAR}, $__env{VAR}, $__file{path}, $__vault{...}; `$$` is a
 * literal `$`), then parse it. So every string, integer and boolean field may be
 * an environment reference. `apiVersion`, `prune` and
 * `options.foldersFromFilesStructure` are read without expansion and must be
 * literal.
 *
 * dashcode is stricter than Grafana in three places (see docs/provisioning-schema.md):
 * unknown keys are errors, secureJsonData values must come from a reference,
 * and `apiVersion` must be 1.
 */

export { NON_EMPTY_PATTERN, type JsonSchema } from '../validate/json-schema.js';
import { ENV_REFERENCE_PATTERN, SECRET_REFERENCE_PATTERN } from '../model/env.js';
import { NON_EMPTY_PATTERN, type JsonSchema } from '../validate/json-schema.js';

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

const text = (description: string): JsonSchema => ({ type: 'string', description });
const nonEmpty = (description: string): JsonSchema => ({ $ref: '#/definitions/NonEmptyString', description });
const int = (description: string): JsonSchema => ({ $ref: '#/definitions/IntegerOrReference', description });
const bool = (description: string): JsonSchema => ({ $ref: '#/definitions/BooleanOrReference', description });
/** A closed choice that Grafana still env-expands. */
const choice = (values: readonly string[], description: string): JsonSchema => ({
  description,
  anyOf: [{ enum: values }, ref('EnvReference')],
});

const API_VERSION: JsonSchema = {
  const: 1,
  description: 'Provisioning file format version. Grafana reads a file without it as the deprecated v0 format.',
};

const datasource: JsonSchema = {
  type: 'object',
  description: 'A data source to insert or update.',
  required: ['name', 'type'],
  additionalProperties: false,
  properties: {
    name: nonEmpty('Name used to refer to the data source in panels and queries.'),
    type: nonEmpty('Plugin id, e.g. prometheus, postgres, tempo.'),
    access: choice(['proxy', 'direct'], 'proxy (Server) or direct (Browser). Grafana defaults to proxy.'),
    orgId: int('Organization id. Grafana defaults to 1.'),
    orgName: text('Organization name, an alternative to orgId.'),
    uid: text('Stable id that dashboards reference. Grafana derives one from the name when omitted.'),
    url: text('URL of the backend, including the port.'),
    user: text('Database user.'),
    database: text('Database name.'),
    basicAuth: bool('Enables basic authentication.'),
    basicAuthUser: text('Basic authentication user name.'),
    withCredentials: bool('Sends credentials (cookies, headers) with cross-site requests.'),
    isDefault: bool('Pre-selects this data source for new panels. At most one per organization.'),
    jsonData: {
      type: 'object',
      description: 'Plugin-specific settings, stored as JSON. Open: each plugin defines its own keys.',
    },
    secureJsonData: {
      type: 'object',
      description: 'Plugin-specific secrets, stored encrypted. dashcode requires every value to come from a reference.',
      additionalProperties: ref('SecretReference'),
    },
    correlations: { type: 'array', items: { type: 'object' }, description: 'Correlations from this data source.' },
    version: int('Config version; Grafana updates only data sources with the same or a lower version.'),
    editable: bool('Allows editing the data source in the Grafana UI.'),
  },
};

const deleteDatasource: JsonSchema = {
  type: 'object',
  description: 'A data source to delete before inserting or updating.',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: nonEmpty('Name of the data source to delete.'),
    orgId: int('Organization id. Grafana defaults to 1.'),
    orgName: text('Organization name, an alternative to orgId.'),
  },
};

const dashboardProvider: JsonSchema = {
  type: 'object',
  description: 'A dashboard provider: where Grafana loads dashboard JSON files from.',
  required: ['name', 'options'],
  additionalProperties: false,
  properties: {
    name: nonEmpty('Unique provider name.'),
    orgId: int('Organization id. Grafana defaults to 1.'),
    folder: text('Grafana folder for the dashboards; empty means the root level.'),
    folderUid: text('UID of that folder; generated when omitted.'),
    type: choice(['file'], 'Provider type. Grafana supports only file (the default).'),
    disableDeletion: bool('Keeps dashboards in Grafana when their file is removed.'),
    editable: bool('Deprecated alias Grafana still reads; prefer allowUiUpdates.'),
    // IntegerOrReference plus a floor: a negative interval makes Grafana's ticker panic.
    updateIntervalSeconds: {
      type: ['integer', 'string'],
      minimum: 0,
      pattern: ENV_REFERENCE_PATTERN,
      description: 'How often Grafana rescans the path, in seconds. 0 means the default, 10.',
    },
    allowUiUpdates: bool('Allows saving provisioned dashboards from the UI.'),
    options: {
      type: 'object',
      description: 'Options of the file provider.',
      required: ['path'],
      additionalProperties: false,
      properties: {
        path: nonEmpty('Directory with the dashboard JSON files, as seen by Grafana.'),
        foldersFromFilesStructure: {
          type: 'boolean',
          description:
            'Mirrors sub-directories as Grafana folders. Must be a literal boolean: Grafana reads it without env expansion.',
        },
      },
    },
  },
};

export const PROVISIONING_SCHEMA_ID = 'urn:dashcode:schema:provisioning';

export const PROVISIONING_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: PROVISIONING_SCHEMA_ID,
  title: 'Grafana provisioning file',
  description:
    'A Grafana data source provisioning file or dashboard provider file, as checked by dashcode. Generated from src/provisioning/schema.ts.',
  oneOf: [ref('DatasourcesFile'), ref('DashboardProvidersFile')],
  definitions: {
    DatasourcesFile: {
      type: 'object',
      title: 'Data source provisioning file',
      required: ['apiVersion'],
      additionalProperties: false,
      properties: {
        apiVersion: API_VERSION,
        deleteDatasources: { type: 'array', items: ref('DeleteDatasource'), description: 'Deleted before datasources are applied.' },
        prune: { type: 'boolean', description: 'Deletes provisioned data sources that are no longer in any file (Grafana 11.1+).' },
        datasources: { type: 'array', items: ref('Datasource'), description: 'Data sources to insert or update.' },
      },
    },
    DashboardProvidersFile: {
      type: 'object',
      title: 'Dashboard provider provisioning file',
      required: ['apiVersion', 'providers'],
      additionalProperties: false,
      properties: {
        apiVersion: API_VERSION,
        providers: { type: 'array', items: ref('DashboardProvider'), description: 'Dashboard providers.' },
      },
    },
    Datasource: datasource,
    DeleteDatasource: deleteDatasource,
    DashboardProvider: dashboardProvider,
    EnvReference: {
      type: 'string',
      description: 'An environment reference Grafana expands: $VAR, ${VAR}, $__env{VAR}, $__file{path}.',
      pattern: ENV_REFERENCE_PATTERN,
      examples: ['$PORT', '${ORG_ID}', '$__env{ORG_ID}', '$__file{/run/secrets/org_id}'],
    },
    SecretReference: {
      type: 'string',
      description:
        'A secret taken from the environment or a file: $VAR, ${VAR}, $__env{VAR}, $__file{path}, possibly with literal text around it (Bearer $TOKEN). dashcode rejects literal secrets.',
      pattern: SECRET_REFERENCE_PATTERN,
      examples: ['$POSTGRES_PASSWORD', '$__file{/run/secrets/pg_password}', 'Bearer ${API_TOKEN}'],
    },
    NonEmptyString: { type: 'string', pattern: NON_EMPTY_PATTERN },
    // Union types keep errors to one per value: `pattern` only applies to the string branch.
    IntegerOrReference: { type: ['integer', 'string'], pattern: ENV_REFERENCE_PATTERN },
    BooleanOrReference: { type: ['boolean', 'string'], pattern: ENV_REFERENCE_PATTERN },
  },
} as const satisfies JsonSchema;

/** Exports of the generated module src/validate/generated/provisioning.js, one validator per file kind. */
export const PROVISIONING_VALIDATORS = {
  validateDatasources: '#/definitions/DatasourcesFile',
  validateDashboards: '#/definitions/DashboardProvidersFile',
} as const;

// ---- TypeScript view of the same documents, for code that writes them. ----

/** `$VAR`, `${VAR}`, `$__env{VAR}`, `$__file{path}`. */
export type EnvReference = `$${string}`;

export interface DatasourceConfig {
  name: string;
  type: string;
  access?: 'proxy' | 'direct' | EnvReference;
  orgId?: number | EnvReference;
  orgName?: string;
  uid?: string;
  url?: string;
  user?: string;
  database?: string;
  basicAuth?: boolean | EnvReference;
  basicAuthUser?: string;
  withCredentials?: boolean | EnvReference;
  isDefault?: boolean | EnvReference;
  jsonData?: Record<string, unknown>;
  /** Values must contain a reference; see SECRET_REFERENCE_PATTERN. */
  secureJsonData?: Record<string, string>;
  correlations?: Record<string, unknown>[];
  version?: number | EnvReference;
  editable?: boolean | EnvReference;
}

export interface DatasourcesFile {
  apiVersion: 1;
  deleteDatasources?: { name: string; orgId?: number | EnvReference; orgName?: string }[];
  prune?: boolean;
  datasources?: DatasourceConfig[];
}

export interface DashboardProviderConfig {
  name: string;
  orgId?: number | EnvReference;
  folder?: string;
  folderUid?: string;
  type?: 'file' | EnvReference;
  disableDeletion?: boolean | EnvReference;
  editable?: boolean | EnvReference;
  updateIntervalSeconds?: number | EnvReference;
  allowUiUpdates?: boolean | EnvReference;
  options: { path: string; foldersFromFilesStructure?: boolean };
}

export interface DashboardProvidersFile {
  apiVersion: 1;
  providers: DashboardProviderConfig[];
}
