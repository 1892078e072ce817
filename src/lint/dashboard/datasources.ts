/**
 * Datasource references as Grafana stores them (`{type, uid}`, legacy name
 * strings, `{"default": true}`, `${ds}` variables, built-ins like
 * `-- Mixed --`) and their resolution against the provisioned datasources.
 */
import { BUILTIN_UIDS, canonicalPluginType as canonicalType } from '../../model/datasource-plugins.js';
import { joinPath, type IssuePath } from '../../model/issue-path.js';
import { isObject, str, targetsOf, type DashboardModel, type PanelEntry, type TargetEntry } from './model.js';

/** A provisioned datasource, as read from provisioning YAML or the project's datasources module. */
export interface LintDatasource {
  readonly name: string;
  readonly type: string;
  readonly uid?: string;
  readonly orgId?: number | string;
  readonly isDefault?: boolean;
}

export type DatasourceRefKind =
  | { kind: 'none' } // null/absent: inherits (target → panel → default)
  | { kind: 'builtin' } // -- Grafana --, -- Mixed --, -- Dashboard --
  | { kind: 'variable'; text: string }
  | { kind: 'no-uid'; type?: string; text: string }
  | { kind: 'name'; name: string }
  | { kind: 'uid'; uid: string; type?: string };

export interface DatasourceRefEntry {
  readonly ref: DatasourceRefKind;
  readonly path: IssuePath;
  readonly panel?: PanelEntry;
  readonly target?: TargetEntry;
}

const BUILTIN_TYPES = new Set(['grafana', 'datasource', 'dashboard', '__expr__']);

export function classifyRef(value: unknown): DatasourceRefKind {
  if (value === null || value === undefined) return { kind: 'none' };
  if (typeof value === 'string') {
    if (BUILTIN_UIDS.has(value)) return { kind: 'builtin' };
    if (value.includes('$')) return { kind: 'variable', text: value };
    return { kind: 'name', name: value };
  }
  if (!isObject(value)) return { kind: 'no-uid', text: JSON.stringify(value) };
  const uid = str(value.uid);
  const type = str(value.type);
  if ((uid !== undefined && BUILTIN_UIDS.has(uid)) || (type !== undefined && BUILTIN_TYPES.has(type))) return { kind: 'builtin' };
  if (uid !== undefined && uid.includes('$')) return { kind: 'variable', text: uid };
  if (uid === undefined || uid === '') return { kind: 'no-uid', ...(type !== undefined ? { type } : {}), text: JSON.stringify(value) };
  return { kind: 'uid', uid, ...(type !== undefined ? { type } : {}) };
}

/** Every datasource reference in the dashboard: panels, their queries, variables, annotations. */
export function datasourceRefs(model: DashboardModel): DatasourceRefEntry[] {
  const out: DatasourceRefEntry[] = [];
  for (const panel of model.panels) {
    if ('datasource' in panel.panel) out.push({ ref: classifyRef(panel.panel.datasource), path: joinPath(panel.path, 'datasource'), panel });
    for (const target of targetsOf(panel)) {
      if ('datasource' in target.target) out.push({ ref: classifyRef(target.target.datasource), path: joinPath(target.path, 'datasource'), panel, target });
    }
  }
  for (const v of model.variables) {
    if ('datasource' in v.def) out.push({ ref: classifyRef(v.def.datasource), path: joinPath(v.path, 'datasource') });
  }
  const annotations = isObject(model.root.annotations) && Array.isArray(model.root.annotations.list) ? model.root.annotations.list : [];
  annotations.forEach((a, i) => {
    if (isObject(a) && 'datasource' in a) out.push({ ref: classifyRef(a.datasource), path: joinPath('annotations', 'list', i, 'datasource') });
  });
  return out;
}

/** Grafana looks a reference up by uid, then by name. */
export function resolveRef(ref: DatasourceRefKind, datasources: readonly LintDatasource[]): LintDatasource | undefined {
  if (ref.kind === 'uid') return datasources.find((d) => d.uid === ref.uid) ?? datasources.find((d) => d.name === ref.uid);
  if (ref.kind === 'name') return datasources.find((d) => d.name === ref.name) ?? datasources.find((d) => d.uid === ref.name);
  return undefined;
}

/**
 * The datasource type a query runs against: its own reference, else its panel's
 * (unless the panel is mixed), using provisioned types for uid-only references.
 */
export function effectiveType(target: TargetEntry, datasources: readonly LintDatasource[] = [], model?: DashboardModel): string | undefined {
  if (isObject(target.target.datasource) && target.target.datasource.type === '__expr__') return '__expr__';
  const own = typeOfRef(classifyRef(target.target.datasource), datasources, model);
  if (own !== undefined) return own;
  return typeOfRef(classifyRef(target.panel.panel.datasource), datasources, model);
}

function typeOfRef(ref: DatasourceRefKind, datasources: readonly LintDatasource[], model?: DashboardModel): string | undefined {
  if (ref.kind === 'uid' || ref.kind === 'no-uid') {
    if (ref.type !== undefined) return canonicalType(ref.type);
  }
  if (ref.kind === 'variable' && model) return variableType(ref.text, model);
  const ds = resolveRef(ref, datasources);
  return ds ? canonicalType(ds.type) : undefined;
}

/**
 * `$ds` / `${ds}`: a datasource variable's plugin id is its `query`; an export's
 * `${DS_X}` input names its `pluginId` in `__inputs`.
 */
function variableType(text: string, model: DashboardModel): string | undefined {
  const m = /^\$\{?(\w+)\}?$/.exec(text.trim());
  if (!m) return undefined;
  const name = m[1] ?? '';
  const v = model.variables.find((x) => x.name === name && x.type === 'datasource');
  if (v && typeof v.def.query === 'string' && v.def.query) return canonicalType(v.def.query);
  const inputs = Array.isArray(model.root.__inputs) ? model.root.__inputs : [];
  const input = inputs.find((i): i is Record<string, unknown> => isObject(i) && i.name === name);
  return input && typeof input.pluginId === 'string' ? canonicalType(input.pluginId) : undefined;
}
