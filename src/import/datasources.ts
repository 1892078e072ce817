/**
 * Datasource references in the original JSON → identifiers in the generated
 * module: an export of the project's datasources module when the uid (or
 * legacy name) is known there. A uid the module lacks becomes a new export
 * of the datasources module, `externalDatasource({ type, uid })` (referenced,
 * never provisioned), returned in `newDatasources` for the caller to append.
 * Datasource variables (`${ds}`) and Grafana's built-in datasources are
 * declared in the dashboard module itself, also with `externalDatasource`.
 */
import { POSTGRES_TYPE } from '../datasources/postgres/options.js';
import { BUILTIN_UIDS, canonicalPluginType, MIXED_UID } from '../model/datasource-plugins.js';
import { normalizeDatasourceRef, type TargetKind } from '../diff/datasource-ref.js';
import { asString } from '../diff/json.js';
import type { DatasourceSpec } from '../datasources/datasource.js';
import { externalDatasource } from '../datasources/external/external.js';
import { code, render, type Code } from './code.js';
import { printStatement } from './print.js';
import type { ImportContext } from './context.js';
import type { IssuePath } from '../model/issue-path.js';

/** A datasource exported by the project's datasources module (or about to be). */
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

/** A datasource to append to the datasources module: `export const <exportName> = <code>;`. */
export interface NewDatasource extends KnownDatasource {
  /** The builder call, e.g. `externalDatasource({ type: 'prometheus', uid: 'abc' })`. */
  code: string;
  /** Library exports the call uses. */
  imports: string[];
  /** A comment written above the export (why it is external, what to fill in). */
  comment?: string;
  spec: DatasourceSpec;
}

/** A datasource declared in the dashboard module itself (`${ds}` variables, built-ins). */
interface LocalDatasource {
  identifier: string;
  code: string;
}

export interface ResolvedDatasource {
  identifier: string;
  type: string;
  uid: string;
  /** The identifier as an expression, evaluating to the datasource object. */
  expr: Code;
}

export class DatasourceResolver {
  readonly usedExports = new Set<string>();
  /** Datasources this dashboard needs that the datasources module lacks. */
  readonly added: NewDatasource[] = [];
  readonly local: LocalDatasource[] = [];
  private readonly localByKey = new Map<string, ResolvedDatasource>();
  private readonly known: KnownDatasource[];

  constructor(
    private readonly ctx: ImportContext,
    known: readonly KnownDatasource[],
    /** Names the datasources module already binds (its imports and declarations): never reused. */
    moduleNames: ReadonlySet<string> = new Set(),
  ) {
    this.known = [...known];
    for (const k of known) ctx.reserve(k.exportName);
    for (const n of moduleNames) ctx.reserve(n);
  }

  /**
   * The datasource for a reference; `hint` says which query builder will use
   * it, so a reference without a type still gets the right kind.
   * The mixed pseudo-datasource names no datasource, so it resolves like no reference at all.
   */
  resolve(ref: unknown, hint: TargetKind | undefined, where: string, path: IssuePath, panel?: string): ResolvedDatasource {
    const r = normalizeDatasourceRef(ref);
    const hintType = hint === 'sql' ? POSTGRES_TYPE : hint;
    const mixed = r?.uid === MIXED_UID;
    const uid = mixed ? undefined : asString(r?.uid);
    // `${ds}` names a datasource variable: Grafana resolves it to a datasource of the plugin the variable selects.
    // The variable's name: `$ds`, `${ds}`, `${ds:fmt}` (anchored: stripping `(:[^}]*)?\}$` tried every `:` as a start).
    const variableType = uid?.startsWith('$') ? this.ctx.datasourceVariables.get(/^\$\{?(\w*)/.exec(uid)![1]!) : undefined;
    const type = (mixed ? undefined : asString(r?.type)) ?? variableType ?? hintType;
    if (uid !== undefined) {
      const k = this.known.find((d) => d.uid === uid);
      if (k) {
        if (type !== undefined && canonicalPluginType(k.type) !== type) {
          this.ctx.report('import-datasource-type', path, `${where}: datasource uid ${uid} is "${type}" in the dashboard but "${k.type}" in the datasources module`, 'warning', panel);
        }
        return this.use(k);
      }
      if (uid.startsWith('$') || BUILTIN_UIDS.has(uid)) return this.dashboardLocal(type ?? 'datasource', uid);
      return this.external(type, uid, undefined, where, path, panel);
    }
    const name = asString(r?.name);
    if (name !== undefined) {
      const k = this.known.find((d) => d.name === name);
      if (k) return this.use(k);
      this.ctx.report('import-datasource-name', path, `${where}: datasource referenced by its name "${name}" (Grafana before schemaVersion 33); its uid is unknown, so it is declared with uid "${slug(name)}"`, 'warning', panel);
      return this.external(type, slug(name), name, where, path, panel);
    }
    // No uid: Grafana's default datasource (of this type, when one is given).
    const candidates = this.known.filter((d) => type === undefined || canonicalPluginType(d.type) === type);
    const chosen = candidates.find((d) => d.isDefault) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (chosen) {
      this.ctx.report('import-datasource-default', path, `${where}: no datasource uid (Grafana's default datasource); using ${chosen.exportName} (uid ${chosen.uid})`, 'info', panel);
      return this.use(chosen);
    }
    const fallback = `default-${type ?? 'datasource'}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
    this.ctx.report('import-datasource-default', path, `${where}: no datasource uid (Grafana's default datasource) and no default ${type ?? ''} datasource in the datasources module; declared as external uid "${fallback}"`, 'warning', panel);
    return this.external(type, fallback, undefined, where, path, panel);
  }

  private use(k: KnownDatasource): ResolvedDatasource {
    this.usedExports.add(k.exportName);
    const spec = k.spec ?? externalDatasource({ type: k.type, uid: k.uid, name: k.name ?? k.exportName });
    return { identifier: k.exportName, type: canonicalPluginType(k.type), uid: k.uid, expr: code(k.exportName, spec) };
  }

  /** A new export of the datasources module: referenced here, provisioned elsewhere. */
  private external(type: string | undefined, uid: string, name: string | undefined, where: string, path: IssuePath, panel?: string): ResolvedDatasource {
    const t = type ?? 'datasource';
    const short = t === POSTGRES_TYPE ? 'postgres' : t.replace(/-datasource$/, '');
    const exportName = this.ctx.identifier(`${short} ${uid}`, 'datasource');
    const props: Record<string, string> = { type: t, uid };
    if (name !== undefined) props.name = name;
    const spec = externalDatasource({ type: t, uid, name });
    const added: NewDatasource = {
      exportName,
      uid,
      type: t,
      name,
      spec,
      code: printStatement(`externalDatasource(${render(props)})`),
      imports: ['externalDatasource'],
      comment: `Used by ${this.ctx.dashboardTitle === undefined ? 'an imported dashboard' : `dashboard "${this.ctx.dashboardTitle}"`}; provisioned outside this repository (define it with a datasource builder to provision it here).`,
    };
    this.ctx.report('import-datasource-external', path, `${where}: datasource uid ${uid} (${t}) is not in the datasources module; added there as external ${exportName}`, 'info', panel);
    this.added.push(added);
    this.known.push(added);
    return this.use(added);
  }

  private dashboardLocal(type: string, uid: string): ResolvedDatasource {
    const key = `${type}\u0000${uid}`;
    const existing = this.localByKey.get(key);
    if (existing) return existing;
    const identifier = this.ctx.identifier(uid.startsWith('$') ? `${uid.replace(/[${}]/g, '')} datasource` : `${type} builtin`, 'datasource');
    const props = { type, uid };
    const definition = code(`${this.ctx.lib('externalDatasource')}(${render(props)})`, externalDatasource(props));
    this.local.push({ identifier, code: `const ${identifier} = ${definition.text};` });
    const resolved = { identifier, type, uid, expr: code(identifier, definition.value) };
    this.localByKey.set(key, resolved);
    return resolved;
  }
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'datasource';
}
