/**
 * Grafana's published JSON Schemas (../shared/schemas/grafana) as an
 * independent oracle: the dashboard schema for the whole document, and each
 * panel kind's `Options` / `FieldConfig` definitions for `options` and
 * `fieldConfig.defaults.custom`, and each query kind's `Dataquery` for targets.
 */
import { readFileSync, existsSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { sharedPath } from './shared.js';

const cache = new Map<string, ValidateFunction | null>();

function load(file: string, definition?: string): ValidateFunction | null {
  const key = `${file}#${definition ?? ''}`;
  if (cache.has(key)) return cache.get(key)!;
  const p = sharedPath('schemas/grafana', file);
  if (!existsSync(p)) {
    cache.set(key, null);
    return null;
  }
  const schema = patchKnownSchemaBugs(JSON.parse(readFileSync(p, 'utf8')));
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addKeyword('x-deprecation-message');
  const root = definition ? { ...schema, $ref: `#/definitions/${definition}` } : schema;
  const fn = ajv.compile(root);
  cache.set(key, fn);
  return fn;
}

export interface OracleError {
  where: string;
  errors: string[];
}

const QUERY_SCHEMA: Record<string, string> = { prometheus: 'prometheus.jsonschema.json', tempo: 'tempo.jsonschema.json' };

export function validateWithGrafanaSchemas(dashboard: Record<string, unknown>): OracleError[] {
  const out: OracleError[] = [];
  const check = (fn: ValidateFunction | null, data: unknown, where: string) => {
    if (!fn) return;
    if (!fn(data)) out.push({ where, errors: (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`) });
  };
  check(load('dashboard.jsonschema.json'), dashboard, 'dashboard');
  const panels = (dashboard.panels as Array<Record<string, unknown>>) ?? [];
  const all = panels.flatMap((p) => (p.type === 'row' ? [p, ...((p.panels as Array<Record<string, unknown>>) ?? [])] : [p]));
  for (const p of all) {
    const type = p.type as string;
    if (type === 'row') continue;
    const file = `${type}.jsonschema.json`;
    if (!existsSync(sharedPath('schemas/grafana', file))) continue;
    const where = `panel "${p.title as string}" (${type})`;
    check(load(file, 'Options'), p.options ?? {}, `${where} options`);
    const custom = (p.fieldConfig as { defaults?: { custom?: unknown } } | undefined)?.defaults?.custom;
    const schema = JSON.parse(readFileSync(sharedPath('schemas/grafana', file), 'utf8'));
    if (custom !== undefined && schema.definitions.FieldConfig) check(load(file, 'FieldConfig'), custom, `${where} fieldConfig.defaults.custom`);
    for (const t of (p.targets as Array<Record<string, unknown>>) ?? []) {
      const ds = (t.datasource as { type?: string } | undefined)?.type ?? '';
      if (QUERY_SCHEMA[ds]) check(load(QUERY_SCHEMA[ds]!), t, `${where} target ${t.refId as string}`);
    }
  }
  return out;
}

/**
 * Grafana's CUE declares `MatcherConfig.options?: _` and
 * `DynamicConfigValue.value?: _` (any value); the published JSON Schema
 * exports `_` as `{"type": "object"}`, which rejects every real override
 * (`{"id": "byName", "options": "p95"}`, `{"id": "unit", "value": "ms"}`, as
 * Grafana's UI saves them). We relax exactly those two fields back to "any"
 * and nothing else.
 */
export function patchKnownSchemaBugs(schema: { definitions?: Record<string, { properties?: Record<string, unknown> }> }) {
  const defs = schema.definitions;
  if (defs?.MatcherConfig?.properties?.options) defs.MatcherConfig.properties.options = {};
  if (defs?.DynamicConfigValue?.properties?.value) defs.DynamicConfigValue.properties.value = {};
  return schema;
}
