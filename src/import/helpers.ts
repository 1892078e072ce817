/**
 * Small functions the importer writes into a generated module for what
 * neither the builders nor their `raw` escape hatch can express: fields of
 * dashboard links and annotations (no `raw`), removing a field a builder
 * writes (`raw` only deep-merges), and queries, variables and datasources of
 * kinds dashcode has no builder for. Each is written only when used and
 * says why it exists (see docs/import.md, "What import cannot model yet").
 */
import type { AnnotationSpec } from '../dashboards/annotations.js';
import type { DatasourceSpec } from '../datasources/datasource.js';
import type { Json, JsonObject } from '../model/loose.js';
import type { QuerySpec } from '../queries/query.js';
import { rawQueryText } from '../queries/text.js';
import type { VariableSpec } from '../variables/variable.js';

export type HelperName = 'withFields' | 'verbatimQuery' | 'verbatimVariable' | 'verbatimDatasource' | 'verbatimAnnotation';

export const HELPER_NAMES: readonly HelperName[] = ['withFields', 'verbatimQuery', 'verbatimVariable', 'verbatimDatasource', 'verbatimAnnotation'];

interface Helper {
  /** Library exports the helper's code needs. */
  values: string[];
  types: string[];
  source: string;
}

export const HELPERS: Record<HelperName, Helper> = {
  withFields: {
    values: [],
    types: ['Json', 'JsonObject'],
    source: `/**
 * Fields of the original JSON the builder does not model, set on the built
 * object's JSON model (\`undefined\` removes a field the builder writes).
 * Written by \`dashcode import\`: review each one.
 */
function withFields<T extends { readonly model: JsonObject }>(spec: T, fields: { [key: string]: Json | undefined }): T {
  return { ...spec, model: { ...spec.model, ...fields } as JsonObject };
}`,
  },
  verbatimQuery: {
    values: ['rawQueryText'],
    types: ['DatasourceSpec', 'JsonObject', 'QuerySpec'],
    source: `/** A query dashcode has no builder for, kept as Grafana stored it (written by \`dashcode import\`). */
function verbatimQuery(datasource: DatasourceSpec, refId: string, model: JsonObject): QuerySpec {
  return { kind: 'query', datasource, refId, text: rawQueryText('sql', ''), model, issues: [] };
}`,
  },
  verbatimVariable: {
    values: [],
    types: ['JsonObject', 'VariableSpec'],
    source: `/** A variable dashcode has no builder for, kept as Grafana stored it (written by \`dashcode import\`). */
function verbatimVariable(model: JsonObject): VariableSpec {
  const spec: VariableSpec = {
    kind: 'variable',
    type: model.type as VariableSpec['type'],
    name: String(model.name),
    multi: model.multi === true,
    includeAll: model.includeAll === true,
    dependsOn: [],
    model,
    issues: [],
    as: (format) => ({ kind: 'variable-ref', variable: spec, format }),
  };
  return spec;
}`,
  },
  verbatimDatasource: {
    values: [],
    types: ['DatasourceSpec'],
    source: `/**
 * A datasource reference dashcode cannot resolve to a provisioned datasource
 * (a type without a builder, a \`\${variable}\`, or one of Grafana's built-in
 * datasources). Written by \`dashcode import\`.
 */
function verbatimDatasource(type: string, uid: string, name: string): DatasourceSpec {
  return { kind: 'datasource', type, uid, name, access: 'proxy', isDefault: false, orgId: 1, editable: false, jsonData: {}, secureJsonData: {}, issues: [] };
}`,
  },
  verbatimAnnotation: {
    values: [],
    types: ['AnnotationSpec', 'DatasourceSpec', 'JsonObject'],
    source: `/** An annotation dashcode has no builder for, kept as Grafana stored it (written by \`dashcode import\`). */
function verbatimAnnotation(datasource: DatasourceSpec | undefined, model: JsonObject): AnnotationSpec {
  return { kind: 'annotation', datasource, model };
}`,
  },
};

// --- The same helpers as functions: the importer evaluates the code it writes with them.


export function withFields<T extends { readonly model: JsonObject }>(spec: T, fields: { [key: string]: Json | undefined }): T {
  return { ...spec, model: { ...spec.model, ...fields } as JsonObject };
}

export function verbatimQuery(datasource: DatasourceSpec, refId: string, model: JsonObject): QuerySpec {
  return { kind: 'query', datasource, refId, text: rawQueryText('sql', ''), model, issues: [] };
}

export function verbatimVariable(model: JsonObject): VariableSpec {
  const spec: VariableSpec = {
    kind: 'variable',
    type: model.type as VariableSpec['type'],
    name: String(model.name),
    multi: model.multi === true,
    includeAll: model.includeAll === true,
    dependsOn: [],
    model,
    issues: [],
    as: (format) => ({ kind: 'variable-ref', variable: spec, format }),
  };
  return spec;
}

export function verbatimDatasource(type: string, uid: string, name: string): DatasourceSpec {
  return { kind: 'datasource', type, uid, name, access: 'proxy', isDefault: false, orgId: 1, editable: false, jsonData: {}, secureJsonData: {}, issues: [] };
}

export function verbatimAnnotation(datasource: DatasourceSpec | undefined, model: JsonObject): AnnotationSpec {
  return { kind: 'annotation', datasource, model };
}

export const HELPER_FUNCTIONS = { withFields, verbatimQuery, verbatimVariable, verbatimDatasource, verbatimAnnotation } as const;
