import type { EnvRef, Configurable } from '../model/env.js';
import type { JsonObject } from '../model/loose.js';
import type { Issue } from '../model/issue.js';

/**
 * A datasource is a value. Panels, queries and variables hold the object, not
 * a uid string, and the provisioning YAML is generated from the same objects,
 * so a dashboard cannot point at a datasource that is not provisioned.
 */
export interface DatasourceSpec<TType extends string = string> {
  readonly kind: 'datasource';
  /** Grafana plugin id, e.g. `grafana-postgresql-datasource`, `prometheus`, `tempo`. */
  readonly type: TType;
  readonly name: string;
  readonly uid: string;
  readonly url?: Configurable;
  readonly access: 'proxy' | 'direct';
  readonly isDefault: boolean;
  readonly user?: Configurable;
  readonly orgId: number;
  readonly editable: boolean;
  readonly jsonData: JsonObject;
  /** Secrets, always environment references: emitted as `$NAME`, expanded by Grafana. */
  readonly secureJsonData: Readonly<Record<string, EnvRef>>;
  /** Problems found in the builder's input; reported by compile and provisioning. */
  readonly issues: readonly Issue[];
  /** Datasources this one links to (Tempo → Prometheus); they must be provisioned too. */
  readonly linked?: readonly DatasourceSpec[];
  /** Declared with `externalDatasource`: referenced by dashboards, provisioned elsewhere (never in the YAML). */
  readonly external?: true;
}

/** The JSON reference a dashboard stores: `{ type, uid }`. */
export interface DatasourceRef {
  type: string;
  uid: string;
}

export function datasourceRef(ds: Pick<DatasourceSpec, 'type' | 'uid'>): DatasourceRef {
  return { type: ds.type, uid: ds.uid };
}

export function isDatasource(v: unknown): v is DatasourceSpec {
  return typeof v === 'object' && v !== null && (v as DatasourceSpec).kind === 'datasource';
}

/** Grafana's built-in datasource for annotations and dashboard queries; always present, never provisioned. */
export const GRAFANA_BUILTIN: DatasourceRef = Object.freeze({ type: 'grafana', uid: '-- Grafana --' }) as DatasourceRef;

/** Options every datasource builder accepts. */
export interface CommonDatasourceOptions {
  name: string;
  /** Stable uid, 1–40 characters of `[A-Za-z0-9_-]`. Defined once, referred to by object everywhere else. */
  uid: string;
  url?: Configurable;
  access?: 'proxy' | 'direct';
  isDefault?: boolean;
  orgId?: number;
  /** Provisioned datasources are read-only in the UI by default: the code is the source of truth. */
  editable?: boolean;
}

/** The frozen spec every datasource builder returns; defaults shared by all kinds are applied here, once. */
export function makeDatasource<T extends string>(
  type: T,
  common: CommonDatasourceOptions & { user?: Configurable },
  parts: { jsonData: Record<string, unknown>; secureJsonData?: Record<string, EnvRef>; issues: readonly Issue[]; linked?: readonly DatasourceSpec[] },
): DatasourceSpec<T> {
  return Object.freeze({
    kind: 'datasource',
    type,
    name: common.name,
    uid: common.uid,
    url: common.url,
    user: common.user,
    access: common.access ?? 'proxy',
    isDefault: common.isDefault ?? false,
    orgId: common.orgId ?? 1,
    editable: common.editable ?? false,
    jsonData: parts.jsonData as JsonObject,
    secureJsonData: parts.secureJsonData ?? {},
    issues: parts.issues,
    linked: parts.linked,
  });
}

/**
 * Stand-in for a datasource builder that could not build from its options (see
 * validate/guard.ts): the right kind, empty, carrying the issue that says why,
 * so the dashboard that uses it reports it by path and writes nothing.
 */
export function invalidDatasource<T extends DatasourceSpec>(type: string, i: Issue): T {
  return { kind: 'datasource', type, uid: '', name: '', access: 'proxy', isDefault: false, orgId: 1, editable: false, jsonData: {}, secureJsonData: {}, issues: [i] } as DatasourceSpec as T;
}
