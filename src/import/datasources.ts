/**
 * Datasource references in the original JSON → identifiers in the generated
 * module: an export of the project's datasources module when the uid (or
 * legacy name) is known there, else a definition stub written into the
 * module and listed, for the user to move into datasources/.
 */
import { POSTGRES_TYPE } from '../datasources/postgres/options.js';
import { canonicalDatasourceType, MIXED_UID, normalizeDatasourceRef, type TargetKind } from '../diff/datasource-ref.js';
import { asString } from '../diff/json.js';
import { verbatimDatasource } from './helpers.js';
import type { DatasourceSpec } from '../datasources/datasource.js';
import { postgresDatasource } from '../datasources/postgres/postgres.js';
import { prometheusDatasource } from '../datasources/prometheus/prometheus.js';
import { tempoDatasource } from '../datasources/tempo/tempo.js';
import { env } from '../model/env.js';
import { code, commentText, invoke, render, type Code } from './code.js';
import type { ImportContext } from './context.js';

/** A datasource exported by the project's datasources module. */
export interface KnownDatasource {
  /** The export's name, e.g. `metricsDb`. */
  exportName: string;
  uid: string;
  type: string;
  name?: string;
  isDefault?: boolean;
  /** The datasource object itself, when the caller loaded the module (used to check the import). */
  spec?: DatasourceSpec;
}

/** A datasource the dashboard uses that the datasources module lacks: its definition was generated. */
export interface DatasourceStub {
  identifier: string;
  uid: string;
  type: string;
  /** `const x = prometheusDatasource({...});`, ready to move into the datasources module. */
  code: string;
  /** False for references kept verbatim (`${ds}` variables, built-ins): nothing to move. */
  movable: boolean;
}

export interface ResolvedDatasource {
  identifier: string;
  type: string;
  uid: string;
  /** The identifier as an expression, evaluating to the datasource object. */
  expr: Code;
}

const BUILTIN_UIDS = new Set(['-- Grafana --', '-- Dashboard --', 'grafana']);

export class DatasourceResolver {
  readonly usedExports = new Set<string>();
  readonly stubs: DatasourceStub[] = [];
  private readonly stubByKey = new Map<string, ResolvedDatasource>();

  constructor(
    private readonly ctx: ImportContext,
    private readonly known: readonly KnownDatasource[],
  ) {
    for (const k of known) ctx.reserve(k.exportName);
  }

  /**
   * The datasource for a reference; `hint` says which query builder will use
   * it, so a reference without a type still gets a stub of the right kind.
   * The mixed pseudo-datasource names no datasource, so it resolves like no reference at all.
   */
  resolve(ref: unknown, hint: TargetKind | undefined, where: string, path: string, panel?: string): ResolvedDatasource {
    const r = normalizeDatasourceRef(ref);
    const hintType = hint === 'sql' ? POSTGRES_TYPE : hint;
    const mixed = r?.uid === MIXED_UID;
    const uid = mixed ? undefined : asString(r?.uid);
    const type = (mixed ? undefined : asString(r?.type)) ?? hintType;
    if (uid !== undefined) {
      const k = this.known.find((d) => d.uid === uid);
      if (k) {
        if (type !== undefined && canonicalDatasourceType(k.type) !== type) {
          this.ctx.report('import.datasource-type', path, `${where}: datasource uid ${uid} is "${type}" in the dashboard but "${k.type}" in the datasources module`, 'warning', panel);
        }
        return this.use(k);
      }
      if (uid.startsWith('$') || BUILTIN_UIDS.has(uid)) {
        this.ctx.report('import.datasource-verbatim', path, `${where}: datasource "${uid}" is ${uid.startsWith('$') ? 'a datasource variable reference' : "one of Grafana's built-in datasources"}, which dashcode cannot reference yet; kept verbatim`, 'warning', panel);
        return this.verbatim(type ?? 'datasource', uid, uid);
      }
      return this.stub(type, uid);
    }
    const name = asString(r?.name);
    if (name !== undefined) {
      const k = this.known.find((d) => d.name === name);
      if (k) return this.use(k);
      this.ctx.report('import.datasource-name', path, `${where}: datasource referenced by its name "${name}" (Grafana before schemaVersion 33); its uid is unknown, so a stub with uid "${slug(name)}" was generated`, 'warning', panel);
      return this.stub(type, slug(name));
    }
    // No uid: Grafana's default datasource (of this type, when one is given).
    const candidates = this.known.filter((d) => type === undefined || canonicalDatasourceType(d.type) === type);
    const chosen = candidates.find((d) => d.isDefault) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (chosen) {
      this.ctx.report('import.datasource-default', path, `${where}: no datasource uid (Grafana's default datasource); using ${chosen.exportName} (uid ${chosen.uid})`, 'info', panel);
      return this.use(chosen);
    }
    this.ctx.report('import.datasource-default', path, `${where}: no datasource uid (Grafana's default datasource) and no default ${type ?? ''} datasource in the datasources module; a stub was generated`, 'warning', panel);
    return this.stub(type, `default-${type ?? 'datasource'}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40));
  }

  private use(k: KnownDatasource): ResolvedDatasource {
    this.usedExports.add(k.exportName);
    const spec = k.spec ?? verbatimDatasource(k.type, k.uid, k.name ?? k.exportName);
    return { identifier: k.exportName, type: canonicalDatasourceType(k.type), uid: k.uid, expr: code(k.exportName, spec) };
  }

  private stub(type: string | undefined, uid: string): ResolvedDatasource {
    const t = type ?? 'unknown';
    const key = `${t}\u0000${uid}`;
    const existing = this.stubByKey.get(key);
    if (existing) return existing;
    const short = t === POSTGRES_TYPE ? 'postgres' : t;
    const identifier = this.ctx.identifier(`${short} ${uid}`, 'datasource');
    const name = `${short} ${uid}`;
    const envPrefix = `${short}_${uid}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
    let definition: Code;
    if (t === POSTGRES_TYPE) {
      const envRef = (suffix: string) => invoke(this.ctx.lib('env'), env, `${envPrefix}_${suffix}`);
      definition = invoke(this.ctx.lib('postgresDatasource'), postgresDatasource, { name, uid, url: envRef('URL'), user: envRef('USER'), password: envRef('PASSWORD'), database: 'TODO' });
    } else if (t === 'prometheus') {
      definition = invoke(this.ctx.lib('prometheusDatasource'), prometheusDatasource, { name, uid, url: 'http://localhost:9090' });
    } else if (t === 'tempo') {
      definition = invoke(this.ctx.lib('tempoDatasource'), tempoDatasource, { name, uid, url: 'http://localhost:3200' });
    } else {
      definition = this.ctx.callHelper('verbatimDatasource', t, uid, name);
    }
    const source = `// TODO: datasource uid ${commentText(uid)} (${commentText(t)}) is not in the datasources module: move this definition there and fill in its settings.\nconst ${identifier} = ${render(definition)};`;
    this.stubs.push({ identifier, uid, type: t, code: source, movable: true });
    const resolved = { identifier, type: t, uid, expr: code(identifier, definition.value) };
    this.stubByKey.set(key, resolved);
    return resolved;
  }

  private verbatim(type: string, uid: string, name: string): ResolvedDatasource {
    const key = `verbatim\u0000${type}\u0000${uid}`;
    const existing = this.stubByKey.get(key);
    if (existing) return existing;
    const identifier = this.ctx.identifier(uid.startsWith('$') ? `${uid.replace(/[${}]/g, '')} datasource` : `${type} builtin`, 'datasource');
    const definition = this.ctx.callHelper('verbatimDatasource', type, uid, name);
    this.stubs.push({ identifier, uid, type, code: `const ${identifier} = ${render(definition)};`, movable: false });
    const resolved = { identifier, type, uid, expr: code(identifier, definition.value) };
    this.stubByKey.set(key, resolved);
    return resolved;
  }
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'datasource';
}
