import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { serialize } from 'node:v8';
import { stringify } from 'yaml';
import { isPlainObject } from '../model/merge.js';
import type { DatasourceSpec } from '../datasources/datasource.js';
import { envReference, isEnvRef, type Configurable } from '../model/env.js';
import type { ResolvedConfig } from '../config/config.js';

/**
 * Grafana expands `$NAME`, `${NAME}` and `$__env{NAME}` in every string of a
 * provisioning file, jsonData included (pkg/services/provisioning/values), and
 * writes `$$` as one literal `$`. So every literal string is written with its
 * `$` doubled: `rate(x[$__rate_interval])` in a Tempo trace-to-metrics query
 * would otherwise reach Grafana as `rate(x[])`. Only `env()` references are
 * written as references.
 */
export function literal(text: string): string {
  return text.replaceAll('$', () => '$$');
}

/** Every string of a value written as a literal (`$` doubled), `env()` references as `$NAME`. */
export function literalDeep(value: unknown): unknown {
  if (isEnvRef(value)) return envReference(value);
  if (typeof value === 'string') return literal(value);
  if (Array.isArray(value)) return value.map(literalDeep);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalDeep(v)]));
  return value;
}

const configurable = (v: Configurable): string => (isEnvRef(v) ? envReference(v) : literal(v));

/**
 * Grafana provisioning files, generated from the same datasource objects the
 * dashboards refer to. Secrets are written as `$NAME` references only; the
 * values never pass through dashcode.
 */
export function datasourcesDocument(datasources: readonly DatasourceSpec[]): Record<string, unknown> {
  return {
    apiVersion: 1,
    // Datasources removed from code are removed from Grafana too.
    prune: true,
    // External datasources (externalDatasource) are provisioned elsewhere: referenced, never written.
    datasources: datasources.filter((ds) => ds.external !== true).map((ds) => {
      const out: Record<string, unknown> = {
        name: literal(ds.name),
        type: ds.type,
        uid: literal(ds.uid),
        orgId: ds.orgId,
        access: ds.access,
      };
      if (ds.url !== undefined) out.url = configurable(ds.url);
      if (ds.user !== undefined) out.user = configurable(ds.user);
      out.isDefault = ds.isDefault;
      out.editable = ds.editable;
      out.jsonData = literalDeep(ds.jsonData);
      const secure = Object.entries(ds.secureJsonData);
      if (secure.length > 0) out.secureJsonData = Object.fromEntries(secure.map(([k, ref]) => [k, envReference(ref)]));
      return out;
    }),
  };
}

export function dashboardProvidersDocument(config: ResolvedConfig): Record<string, unknown> {
  const p = config.provisioning;
  const provider: Record<string, unknown> = { name: literal(p.providerName), orgId: p.orgId, type: 'file' };
  if (p.folder !== undefined) provider.folder = literal(p.folder);
  if (p.folderUid !== undefined) provider.folderUid = literal(p.folderUid);
  Object.assign(provider, {
    disableDeletion: true,
    updateIntervalSeconds: p.updateIntervalSeconds,
    // The code is the source of truth: edits in the UI could not be saved back to it.
    allowUiUpdates: false,
    options: { path: literal(p.dashboardsPath), foldersFromFilesStructure: false },
  });
  return { apiVersion: 1, providers: [provider] };
}

/**
 * Texts `toYaml` made before, by a key of its input and of yaml's version.
 * `dashcode build` keeps one between runs (issue 15): yaml's first stringify
 * in a process runs cold and was the largest single part of a rebuild after
 * a one-dashboard change, while the documents (datasources, alert rules)
 * rarely change.
 */
export interface YamlMemo {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

export function toYaml(doc: unknown, header: string, memo?: YamlMemo): string {
  const key = memo && isPlainData(doc, 0) ? memoKey(doc, header) : undefined;
  const known = key === undefined ? undefined : memo!.get(key);
  if (known !== undefined) return known;
  // lineWidth 0: never fold long strings, so diffs stay line-per-field.
  const text = `# ${header}\n${stringify(doc, { lineWidth: 0, indent: 2, sortMapEntries: false })}`;
  if (key !== undefined) memo!.set(key, text);
  return text;
}

let yamlVersion: string | undefined;

/** v8.serialize keeps what stringify sees of plain data: key order, types, `undefined`, -0. */
function memoKey(doc: unknown, header: string): string {
  yamlVersion ??= (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  return createHash('sha256').update(`yaml ${yamlVersion}\0${header}\0`).update(serialize(doc)).digest('hex');
}

/** Plain objects, arrays and primitives only: a class instance (a Date, a Map) may print in ways its bytes do not show. */
function isPlainData(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'function' && typeof v !== 'symbol' && typeof v !== 'bigint';
  if (depth > 64) return false;
  if (Array.isArray(v)) return v.every((e) => isPlainData(e, depth + 1));
  return isPlainObject(v) && Object.values(v).every((e) => isPlainData(e, depth + 1));
}
