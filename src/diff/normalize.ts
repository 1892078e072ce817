/**
 * The semantic form of a dashboard: what Grafana shows and queries, without
 * the noise two saves of the same dashboard differ in. `semanticEqual` and
 * `diffDashboards` both compare this form, so "equal" means one thing.
 *
 * Noise (dropped or defaulted), each because Grafana behaves the same either way:
 * - ids, `version`, `iteration`, `schemaVersion`, `pluginVersion`, key order,
 *   the built-in "Annotations & Alerts" annotation, deprecated `style`;
 * - panel order in the file (panels are keyed by row and title, rows own the
 *   panels below them, as Grafana decides on load);
 * - fields set to the value Grafana uses when they are absent (`transparent:
 *   false`, `mappings: []`, `hide: false`, a builder's default options, ...);
 * - runtime state: variable `options`, `current.selected`, `definition`;
 * - query-editor state that does not change what runs: `editorMode`, the SQL
 *   visual editor's `sql`/`table`/`dataset`, the PromQL builder's UI flags;
 * - where a target's datasource is written (on the target or inherited from
 *   the panel): both resolve to the same datasource;
 * - the y offset of a collapsed row's panels (Grafana re-bases them under the
 *   row when it is expanded).
 */
import type { Json, JsonObject } from '../model/loose.js';
import { normalizeDatasourceRef } from './datasource-ref.js';
import { asArray, asObject, asString, isObject, jsonTree, sortKeys, stableStringify } from './json.js';
import { normalizeLink } from './normalize-links.js';
import { normalizePanels } from './normalize-panels.js';
import { normalizeVariable } from './normalize-variables.js';
import { setOwn } from '../model/own.js';

export interface NormalPanel {
  kind: 'panel' | 'row';
  /** Unique within the dashboard: row title and panel title (plus `#n` for repeats). */
  key: string;
  title: string;
  /** Title of the row that owns the panel; undefined above the first row. */
  row?: string;
  type: string;
  gridPos: JsonObject;
  /** Panels only. */
  targets: JsonObject[];
  /** Every other field, normalised. */
  body: JsonObject;
}

export interface NormalVariable {
  /** The name, plus `#n` for a repeated name (Grafana keeps the first). */
  key: string;
  name: string;
  type: string;
  body: JsonObject;
}

export interface NormalDashboard {
  title: string;
  uid: string;
  /** Dashboard-level fields (time, refresh, tags, ...). */
  settings: JsonObject;
  links: Json[];
  annotations: Json[];
  variables: NormalVariable[];
  panels: NormalPanel[];
  /** Every datasource referenced, as stable JSON strings of the normalised reference. */
  datasources: string[];
}

const DASHBOARD_NOISE = new Set(['id', 'version', 'iteration', 'schemaVersion', 'style', 'gnetId', '__inputs', '__requires', '__elements', 'panels', 'templating', 'annotations', 'links']);
/** Values Grafana assumes when a dashboard field is absent. */
const DASHBOARD_DEFAULTS: JsonObject = { time: { from: 'now-6h', to: 'now' }, timezone: '', editable: true, graphTooltip: 0, liveNow: false, preload: false, fiscalYearStartMonth: 0, weekStart: '', description: '', refresh: '', tags: [] };
const TIMEPICKER_DEPRECATED = new Set(['collapse', 'enable', 'notice', 'now', 'status', 'type', 'time_options']);

export function normalizeDashboard(input: unknown): NormalDashboard {
  const d = asObject(jsonTree(input));
  // Absent fields take Grafana's default, so a change from the default reads as a change of value.
  const settings: JsonObject = sortKeys(DASHBOARD_DEFAULTS);
  for (const [k, v] of Object.entries(d)) {
    if (DASHBOARD_NOISE.has(k) || v === undefined || v === null) continue;
    setOwn(settings, k, k === 'timepicker' ? normalizeTimepicker(v) : (sortKeys(v) as Json));
  }
  if (typeof settings.refresh === 'boolean') settings.refresh = '';
  if (isObject(settings.timepicker) && Object.keys(settings.timepicker).length === 0) delete settings.timepicker;

  const seenNames = new Map<string, number>();
  const variables = asArray(asObject(d.templating).list)
    .filter(isObject)
    .map((v) => {
      const normal = normalizeVariable(v);
      const n = (seenNames.get(normal.name) ?? 0) + 1;
      seenNames.set(normal.name, n);
      return n === 1 ? normal : { ...normal, key: `${normal.name}#${n}` };
    });
  const annotations = asArray(asObject(d.annotations).list)
    .filter((a) => !(isObject(a) && a.builtIn === 1))
    .map(normalizeAnnotation);
  const panels = normalizePanels(asArray(d.panels));
  return {
    title: asString(d.title) ?? '',
    uid: asString(d.uid) ?? '',
    settings,
    links: asArray(d.links).map(normalizeLink),
    annotations,
    variables,
    panels,
    datasources: collectDatasources(panels, variables, annotations),
  };
}

function normalizeTimepicker(v: unknown): Json {
  const out: JsonObject = {};
  for (const [k, value] of Object.entries(asObject(v))) {
    if (TIMEPICKER_DEPRECATED.has(k) || value === null) continue;
    if ((k === 'hidden' && value === false) || (k === 'nowDelay' && value === '')) continue;
    setOwn(out, k, sortKeys(value));
  }
  return out;
}


export function normalizeAnnotation(a: unknown): Json {
  if (!isObject(a)) return sortKeys(a as Json);
  const out = sortKeys(a);
  const ds = normalizeDatasourceRef(a.datasource);
  if (ds) out.datasource = ds;
  else delete out.datasource;
  if (out.enable === undefined) out.enable = true;
  if (out.hide === undefined) out.hide = false;
  return out;
}

// --- Datasources

function collectDatasources(panels: NormalPanel[], variables: NormalVariable[], annotations: Json[]): string[] {
  const refs = new Set<string>();
  const add = (ref: unknown) => {
    if (isObject(ref) && Object.keys(ref).length > 0) refs.add(stableStringify(ref));
  };
  for (const p of panels) for (const t of p.targets) add(t.datasource);
  for (const v of variables) add(v.body.datasource);
  for (const a of annotations) if (isObject(a)) add(a.datasource);
  return [...refs].sort();
}

/** The normalised fields of one panel JSON other than its title, type, position and queries. */

export { normalizeVariable } from './normalize-variables.js';
export { normalizePanelBody, rebaseCollapsed, collapsedShift, shiftY, sortByPosition } from './normalize-panels.js';
export { EDITOR_STATE, effectiveTargetDatasource, normalizeTarget } from './normalize-targets.js';
export { normalizeLink } from './normalize-links.js';
