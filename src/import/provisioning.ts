/**
 * Grafana datasource provisioning YAML (already parsed) → builder calls for
 * the datasources module. PostgreSQL, Prometheus and Tempo become their
 * builders; other types become `externalDatasource` (dashcode cannot
 * provision them, so they stay provisioned where they are today). Secrets
 * never reach the code: `$VAR` / `${VAR}` become `env('VAR')`, and a literal
 * secret becomes an `env()` reference to a variable named after the
 * datasource, with a warning (its value is not written anywhere).
 */
import { isObject } from '../diff/json.js';
import type { DatasourceSpec } from '../datasources/datasource.js';
import { externalDatasource } from '../datasources/external/external.js';
import { POSTGRES_TYPE } from '../datasources/postgres/options.js';
import { postgresDatasource } from '../datasources/postgres/postgres.js';
import { prometheusDatasource } from '../datasources/prometheus/prometheus.js';
import { tempoDatasource } from '../datasources/tempo/tempo.js';
import { env } from '../model/env.js';
import type { JsonObject } from '../model/loose.js';
import { issue, type Issue } from '../model/issue.js';
import { camelIdentifier, invoke, isIdentifier, isReserved, type Code, type ExprObject } from './code.js';
import type { NewDatasource } from './datasources.js';
import { joinPath, type IssuePath } from '../model/issue-path.js';

export interface ProvisioningFile {
  /** For messages. */
  file: string;
  /** The parsed YAML document. */
  doc: unknown;
}

export interface ProvisionedDatasources {
  datasources: NewDatasource[];
  issues: Issue[];
}

/** Postgres jsonData keys the builder models (the rest is reported). */
const POSTGRES_JSON = ['database', 'sslmode', 'maxOpenConns', 'maxIdleConns', 'maxIdleConnsAuto', 'connMaxLifetime', 'postgresVersion', 'timescaledb'] as const;
const PROMETHEUS_JSON = ['timeInterval', 'httpMethod', 'prometheusType', 'prometheusVersion', 'exemplarTraceIdDestinations'] as const;
const TEMPO_JSON = ['streamingEnabled'] as const;
const COMMON = new Set(['name', 'type', 'uid', 'url', 'access', 'isDefault', 'orgId', 'editable', 'user', 'jsonData', 'secureJsonData', 'database', 'version']);

/**
 * Every datasource of the files, in file order, skipping uids in `known`
 * (the datasources module already has them: it wins, matched by uid).
 * `taken` are names the datasources module binds; new export names avoid them.
 */
export function datasourcesFromProvisioning(files: readonly ProvisioningFile[], known: ReadonlySet<string>, taken: Set<string>): ProvisionedDatasources {
  const out: NewDatasource[] = [];
  const issues: Issue[] = [];
  const seen = new Set(known);
  const report = (file: string, path: IssuePath, message: string, severity: 'error' | 'warning' | 'info' = 'warning') => issues.push({ ...issue('import-provisioning', path, message, severity), source: { file } });
  for (const { file, doc } of files) {
    if (!isObject(doc)) {
      report(file, [], 'not a provisioning document (expected a YAML mapping); skipped', 'error');
      continue;
    }
    if (doc.datasources === undefined) continue;
    if (!Array.isArray(doc.datasources)) {
      report(file, ['datasources'], '"datasources" is not a list; skipped', 'error');
      continue;
    }
    doc.datasources.forEach((d, i) => {
      const path = joinPath('datasources', i);
      if (!isObject(d) || typeof d.type !== 'string' || typeof d.name !== 'string') {
        report(file, path, 'a datasource needs a "name" and a "type"; skipped', 'error');
        return;
      }
      const uid = typeof d.uid === 'string' && d.uid !== '' ? d.uid : slug(d.name);
      if (typeof d.uid !== 'string') report(file, joinPath(path, 'uid'), `datasource "${d.name}" has no uid (Grafana generates one); given uid "${uid}": dashboards must reference it by that uid`);
      if (seen.has(uid)) return;
      seen.add(uid);
      const exportName = freshName(d.name, taken);
      const { call, comment } = builderCall(expandLiterals(d) as JsonObject, uid, exportName, (p, m) => report(file, joinPath(path, p), `datasource "${d.name}": ${m}`));
      for (const k of Object.keys(d)) if (!COMMON.has(k)) report(file, joinPath(path, k), `datasource "${d.name}": "${k}" is not modelled by the builders; not imported`);
      const spec = call.value as DatasourceSpec;
      for (const i of spec.issues) report(file, joinPath(path, i.path), `datasource "${d.name}": ${i.message}`);
      out.push({
        exportName,
        uid,
        type: spec.type,
        name: d.name,
        isDefault: d.isDefault === true,
        spec,
        code: call.text,
        imports: [...call.text.matchAll(/\b(postgresDatasource|prometheusDatasource|tempoDatasource|externalDatasource|env)\(/g)].map((m) => m[1]!).filter((v, j, a) => a.indexOf(v) === j),
        comment,
      });
    });
  }
  return { datasources: out, issues };
}

function builderCall(d: JsonObject, uid: string, exportName: string, warn: (path: IssuePath, message: string) => void): { call: Code; comment?: string } {
  const name = d.name as string;
  const jsonData = isObject(d.jsonData) ? d.jsonData : {};
  const secure = isObject(d.secureJsonData) ? d.secureJsonData : {};
  const common: ExprObject = { name, uid };
  const envPrefix = exportName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  const configurable = (v: unknown, suffix: string): Code | string | undefined => {
    if (typeof v !== 'string' || v === '') return undefined;
    const ref = envName(v);
    return ref ? invoke('env', env, ref) : v.includes('$') ? invoke('env', env, `${envPrefix}_${suffix}`) : v;
  };
  const secret = (v: unknown, suffix: string, path: IssuePath): Code => {
    const ref = typeof v === 'string' ? envName(v) : undefined;
    if (ref) return invoke('env', env, ref);
    const fallback = `${envPrefix}_${suffix}`;
    if (v !== undefined) warn(path, `a literal secret in the YAML; written as env("${fallback}") (its value is not imported): set that variable where Grafana runs`);
    return invoke('env', env, fallback);
  };
  const flags = (keys: readonly string[], into: ExprObject, known: readonly string[]) => {
    for (const k of keys) if (jsonData[k] !== undefined) into[k] = jsonData[k] as never;
    for (const k of Object.keys(jsonData)) if (!known.includes(k)) warn(joinPath('jsonData', k), `jsonData.${k} is not modelled by the builder; not imported`);
  };
  if (d.isDefault === true) common.isDefault = true;
  if (d.editable === true) common.editable = true;
  if (typeof d.orgId === 'number' && d.orgId !== 1) common.orgId = d.orgId;
  if (d.access === 'direct') common.access = 'direct';
  const url = configurable(d.url, 'URL');
  if (d.type === POSTGRES_TYPE || d.type === 'postgres') {
    const props: ExprObject = { ...common, url: url ?? invoke('env', env, `${envPrefix}_URL`), user: configurable(d.user, 'USER') ?? invoke('env', env, `${envPrefix}_USER`), password: secret(secure.password, 'PASSWORD', ['secureJsonData', 'password']) };
    props.database = (typeof jsonData.database === 'string' ? jsonData.database : typeof d.database === 'string' ? d.database : '') as string;
    flags(POSTGRES_JSON.filter((k) => k !== 'database'), props, POSTGRES_JSON);
    return { call: invoke('postgresDatasource', postgresDatasource, props) };
  }
  if (d.type === 'prometheus' && url !== undefined && typeof url === 'string') {
    const props: ExprObject = { ...common, url };
    flags(PROMETHEUS_JSON, props, PROMETHEUS_JSON);
    return { call: invoke('prometheusDatasource', prometheusDatasource, props) };
  }
  if (d.type === 'tempo' && url !== undefined && typeof url === 'string') {
    const props: ExprObject = { ...common, url };
    flags(TEMPO_JSON, props, [...TEMPO_JSON, 'tracesToMetrics', 'serviceMap', 'nodeGraph']);
    if (jsonData.tracesToMetrics !== undefined || jsonData.serviceMap !== undefined) warn(['jsonData'], 'trace-to-metrics and the service map link to a Prometheus datasource object: add them by hand (tracesToMetrics, serviceMap)');
    return { call: invoke('tempoDatasource', tempoDatasource, props) };
  }
  const call = invoke('externalDatasource', externalDatasource, { type: d.type as string, uid, name });
  warn(['type'], `dashcode has no builder for type "${String(d.type)}"${url !== undefined && typeof url !== 'string' ? ' with an environment URL' : ''}; declared with externalDatasource (keep provisioning it as today)`);
  return { call, comment: `Provisioned outside dashcode (type ${String(d.type)} has no builder).` };
}

/**
 * Grafana expands `$$` to a literal `$` in provisioning files (and dashcode
 * writes `$` back as `$$`), so the builders get the expanded text. Whole
 * `$VAR` references are left for `envName`.
 */
function expandLiterals(v: unknown): unknown {
  if (typeof v === 'string') return envName(v) ? v : v.replaceAll('$$', '$');
  if (Array.isArray(v)) return v.map(expandLiterals);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandLiterals(x)]));
  return v;
}

/** `$VAR` or `${VAR}` (Grafana's environment expansion in provisioning files) → `VAR`. */
function envName(v: string): string | undefined {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(v);
  return m ? (m[1] ?? m[2]) : undefined;
}

function freshName(text: string, taken: Set<string>): string {
  let base = camelIdentifier(text, 'datasource');
  if (!isIdentifier(base) || isReserved(base)) base = `${base}Datasource`;
  if (!isIdentifier(base)) base = 'datasource';
  let name = base;
  for (let n = 2; taken.has(name) || isReserved(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'datasource';
}
