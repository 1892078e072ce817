/**
 * A read-only walk of dashboard JSON as Grafana stores it: panels (row
 * children flattened, each with its path), queries, variables and datasource
 * references. Input is untrusted JSON, so every field is checked before use
 * and nothing here throws.
 */
import { joinPath, type IssuePath } from '../../model/issue-path.js';

export type JsonObject = Record<string, unknown>;

export interface PanelEntry {
  readonly panel: JsonObject;
  /** `panels[3]` or `panels[3].panels[0]` for a collapsed row's child. */
  readonly path: IssuePath;
  readonly type: string;
  readonly title?: string;
  /** The collapsed row holding this panel, if any. */
  readonly row?: PanelEntry;
}

export interface TargetEntry {
  readonly target: JsonObject;
  readonly path: IssuePath;
  readonly panel: PanelEntry;
}

export interface VariableEntry {
  readonly def: JsonObject;
  readonly path: IssuePath;
  readonly name: string;
  readonly type: string;
  readonly multi: boolean;
  readonly includeAll: boolean;
  readonly allValue?: string;
}

export interface DashboardModel {
  readonly root: JsonObject;
  readonly uid?: string;
  readonly title?: string;
  /** Every panel, row children right after their row, in document order. */
  readonly panels: readonly PanelEntry[];
  readonly variables: readonly VariableEntry[];
  /** `__inputs` names of an export (`${DS_PROMETHEUS}`), which Grafana asks for on import. */
  readonly inputs: ReadonlySet<string>;
}

import { isObject } from '../../model/loose.js';

export { isObject };

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The dashboard inside an API response (`{ dashboard, meta }`), or the JSON itself. */
function dashboardRoot(json: unknown): JsonObject | undefined {
  if (!isObject(json)) return undefined;
  return isObject(json.dashboard) && !Array.isArray(json.panels) ? json.dashboard : json;
}

/** Whether JSON is a dashboard at all (and not, say, package.json): it has panels, variables or a schema version. */
export function looksLikeDashboard(json: unknown): boolean {
  const root = dashboardRoot(json);
  return root !== undefined && (Array.isArray(root.panels) || isObject(root.templating) || typeof root.schemaVersion === 'number');
}

export function readDashboard(json: unknown): DashboardModel | undefined {
  const root = dashboardRoot(json);
  if (!root || !looksLikeDashboard(root)) return undefined;
  const panels: PanelEntry[] = [];
  const list = Array.isArray(root.panels) ? root.panels : [];
  list.forEach((p, i) => {
    if (!isObject(p)) return;
    const entry = panelEntry(p, joinPath('panels', i));
    panels.push(entry);
    if (Array.isArray(p.panels)) {
      p.panels.forEach((child, j) => {
        if (isObject(child)) panels.push(panelEntry(child, joinPath(entry.path, 'panels', j), entry));
      });
    }
  });
  // Schema < 16 keeps panels in `rows[].panels`; Grafana's DashboardMigrator turns each row into a row panel.
  if (!Array.isArray(root.panels) && Array.isArray(root.rows)) {
    root.rows.forEach((r, i) => {
      if (!isObject(r) || !Array.isArray(r.panels)) return;
      r.panels.forEach((child, j) => {
        if (isObject(child)) panels.push(panelEntry(child, joinPath('rows', i, 'panels', j)));
      });
    });
  }
  const variables: VariableEntry[] = [];
  const templating = isObject(root.templating) && Array.isArray(root.templating.list) ? root.templating.list : [];
  templating.forEach((v, i) => {
    if (!isObject(v) || typeof v.name !== 'string' || v.name === '') return;
    const allValue = str(v.allValue);
    variables.push({
      def: v,
      path: joinPath('templating', 'list', i),
      name: v.name,
      type: str(v.type) ?? 'query',
      multi: v.multi === true,
      includeAll: v.includeAll === true,
      ...(allValue ? { allValue } : {}),
    });
  });
  const inputs = new Set<string>();
  if (Array.isArray(root.__inputs)) for (const input of root.__inputs) if (isObject(input) && typeof input.name === 'string') inputs.add(input.name);
  const uid = str(root.uid);
  const title = str(root.title);
  return { root, ...(uid !== undefined ? { uid } : {}), ...(title !== undefined ? { title } : {}), panels, variables, inputs };
}

function panelEntry(panel: JsonObject, path: IssuePath, row?: PanelEntry): PanelEntry {
  const title = str(panel.title);
  return { panel, path, type: str(panel.type) ?? '', ...(title !== undefined ? { title } : {}), ...(row ? { row } : {}) };
}

export function targetsOf(entry: PanelEntry): TargetEntry[] {
  const targets = entry.panel.targets;
  if (!Array.isArray(targets)) return [];
  const out: TargetEntry[] = [];
  targets.forEach((t, i) => {
    if (isObject(t)) out.push({ target: t, path: joinPath(entry.path, 'targets', i), panel: entry });
  });
  return out;
}

/** The field holding a query's text, by datasource convention. */
export function queryTextOf(target: JsonObject): { key: string; text: string } | undefined {
  for (const key of ['rawSql', 'expr', 'query']) {
    const text = target[key];
    if (typeof text === 'string') return { key, text };
  }
  return undefined;
}

/** A panel title for messages and exclusions; rows and untitled panels get their type. */
export function panelLabel(entry: PanelEntry): string {
  return entry.title && entry.title.trim() !== '' ? entry.title : `(untitled ${entry.type || 'panel'})`;
}
