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
import { deepMerge } from '../model/merge.js';
import { isSpecificRef, MIXED_UID, normalizeDatasourceRef, targetKind } from './datasource-ref.js';
import { asArray, asObject, asString, deepEqual, isObject, sortKeys, stableStringify } from './json.js';
import { defaultPanelOptions } from './panel-defaults.js';
import { parseCustomQuery } from './custom-query.js';

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
const DASHBOARD_DEFAULTS: JsonObject = { editable: true, graphTooltip: 0, liveNow: false, preload: false, fiscalYearStartMonth: 0, weekStart: '', description: '', refresh: '', tags: [] };
const TIMEPICKER_DEPRECATED = new Set(['collapse', 'enable', 'notice', 'now', 'status', 'type', 'time_options']);

/** Link fields dashcode's builders always write; absent means the same in Grafana. */
const LINK_DEFAULTS: JsonObject = { asDropdown: false, icon: 'external link', includeVars: false, keepTime: false, tags: [], targetBlank: false, tooltip: '', type: 'link' };

export function normalizeDashboard(input: unknown): NormalDashboard {
  const d = asObject(input);
  const settings: JsonObject = {};
  for (const [k, v] of Object.entries(d)) {
    if (DASHBOARD_NOISE.has(k) || v === undefined || v === null) continue;
    if (Object.prototype.hasOwnProperty.call(DASHBOARD_DEFAULTS, k) && deepEqual(v, DASHBOARD_DEFAULTS[k])) continue;
    settings[k] = k === 'timepicker' ? normalizeTimepicker(v) : (sortKeys(v) as Json);
  }
  if (typeof d.refresh === 'boolean') delete settings.refresh;
  if (isObject(settings.timepicker) && Object.keys(settings.timepicker).length === 0) delete settings.timepicker;

  const variables = asArray(asObject(d.templating).list).filter(isObject).map(normalizeVariable);
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
    out[k] = sortKeys(value);
  }
  return out;
}

export function normalizeLink(link: unknown): Json {
  if (!isObject(link)) return sortKeys(link as Json);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(link)) {
    if (v === undefined || (Object.prototype.hasOwnProperty.call(LINK_DEFAULTS, k) && deepEqual(v, LINK_DEFAULTS[k]))) continue;
    out[k] = sortKeys(v);
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

// --- Variables

export function normalizeVariable(v: JsonObject): NormalVariable {
  const type = asString(v.type) ?? '';
  const body: JsonObject = {};
  for (const [k, value] of Object.entries(v)) {
    if (value === undefined || value === null || k === 'options' || k === 'definition' || k === 'name' || k === 'type') continue;
    body[k] = sortKeys(value);
  }
  const drop = (k: string, dflt: Json) => {
    if (body[k] === undefined || deepEqual(body[k], dflt)) delete body[k];
  };
  drop('hide', 0);
  drop('skipUrlSync', false);
  drop('description', '');
  drop('label', '');
  drop('multi', false);
  drop('includeAll', false);
  drop('allValue', '');
  for (const deprecated of ['tags', 'tagsQuery', 'tagValuesQuery', 'useTags', 'id', 'error', 'state', 'index', 'global', 'rootStateKey']) delete body[deprecated];
  if (isObject(body.current)) {
    const current = { ...body.current };
    delete current.selected;
    if (Object.keys(current).length === 0) delete body.current;
    else body.current = current;
  }
  const ds = normalizeDatasourceRef(v.datasource);
  if (ds) body.datasource = ds;
  else delete body.datasource;

  switch (type) {
    case 'query':
      if (isObject(body.query) && typeof body.query.query === 'string') body.query = body.query.query;
      drop('refresh', 1);
      drop('regex', '');
      drop('sort', 0);
      break;
    case 'custom':
      body.query = parseCustomQuery(asString(v.query) ?? '') as unknown as Json;
      break;
    case 'interval':
      body.query = (asString(v.query) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      drop('auto', false);
      drop('auto_count', 30);
      drop('auto_min', '10s');
      delete body.refresh;
      break;
    case 'constant':
      // Always hidden, and its current value is its query.
      delete body.hide;
      delete body.current;
      break;
    case 'datasource':
      drop('regex', '');
      delete body.refresh;
      break;
    default:
      break;
  }
  return { name: asString(v.name) ?? '', type, body };
}

// --- Panels

interface Placed {
  panel: JsonObject;
  row?: string;
}

/** Flattens rows: every panel with the row that owns it, in reading order. */
function normalizePanels(raw: Json[]): NormalPanel[] {
  const top = sortByPosition(raw.filter(isObject));
  const placed: Array<Placed & { isRow: boolean }> = [];
  let currentRow: string | undefined;
  for (const p of top) {
    if (p.type === 'row') {
      currentRow = asString(p.title) ?? '';
      placed.push({ panel: p, isRow: true });
      if (p.collapsed === true) {
        const rowY = numberOr(asObject(p.gridPos).y, 0) + numberOr(asObject(p.gridPos).h, 1);
        for (const child of rebaseCollapsed(asArray(p.panels).filter(isObject), rowY)) placed.push({ panel: child, row: currentRow, isRow: false });
      }
    } else {
      placed.push({ panel: p, row: currentRow, isRow: false });
    }
  }
  const seen = new Map<string, number>();
  return placed.map(({ panel, row, isRow }) => {
    const title = asString(panel.title) ?? '';
    const base = isRow ? `row\u0000${title}` : `${row ?? ''}\u0000${title}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const key = n === 1 ? base : `${base}\u0000#${n}`;
    return isRow ? normalizeRow(panel, key, title) : normalizePanel(panel, key, title, row);
  });
}

function numberOr(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

/** Stable sort by (y, x): Grafana's own order, which decides row membership. */
export function sortByPosition<T extends JsonObject>(panels: T[]): T[] {
  const pos = (p: T) => asObject(p.gridPos);
  return panels
    .map((p, i) => ({ p, i, y: numberOr(pos(p).y, Number.MAX_SAFE_INTEGER), x: numberOr(pos(p).x, 0) }))
    .sort((a, b) => a.y - b.y || a.x - b.x || a.i - b.i)
    .map((e) => e.p);
}

/**
 * A collapsed row keeps its panels' positions from when it was last expanded;
 * Grafana moves them under the row's current position on expand. Re-basing
 * them the same way makes a row that moved while collapsed compare equal.
 */
export function rebaseCollapsed(children: JsonObject[], firstY: number): JsonObject[] {
  const ys = children.map((c) => asObject(c.gridPos).y).filter((y): y is number => typeof y === 'number' && Number.isFinite(y));
  if (ys.length === 0) return sortByPosition(children);
  const shift = firstY - Math.min(...ys);
  if (shift === 0) return sortByPosition(children);
  return sortByPosition(
    children.map((c) => {
      const gp = asObject(c.gridPos);
      return typeof gp.y === 'number' ? { ...c, gridPos: { ...gp, y: gp.y + shift } } : c;
    }),
  );
}

function gridPosOf(p: JsonObject): JsonObject {
  const gp = asObject(p.gridPos);
  const out: JsonObject = {};
  for (const k of ['h', 'w', 'x', 'y']) if (gp[k] !== undefined) out[k] = gp[k]!;
  return out;
}

function normalizeRow(p: JsonObject, key: string, title: string): NormalPanel {
  const body: JsonObject = { collapsed: p.collapsed === true };
  if (typeof p.repeat === 'string' && p.repeat !== '') body.repeat = p.repeat;
  return { kind: 'row', key, title, type: 'row', gridPos: gridPosOf(p), targets: [], body };
}

const PANEL_NOISE = new Set(['id', 'gridPos', 'pluginVersion', 'datasource', 'targets', 'type', 'title', 'panels']);

function normalizePanel(p: JsonObject, key: string, title: string, row: string | undefined): NormalPanel {
  const type = asString(p.type) ?? '';
  const body: JsonObject = {};
  for (const [k, v] of Object.entries(p)) {
    if (PANEL_NOISE.has(k) || v === undefined || v === null) continue;
    body[k] = sortKeys(v);
  }
  const dropIf = (k: string, dflt: Json) => {
    if (body[k] !== undefined && deepEqual(body[k], dflt)) delete body[k];
  };
  dropIf('transparent', false);
  dropIf('description', '');
  dropIf('transformations', []);
  dropIf('hideTimeOverride', false);
  for (const k of ['interval', 'timeFrom', 'timeShift']) dropIf(k, '');
  if (Array.isArray(body.links)) body.links = body.links.map(normalizeLink);
  dropIf('links', []);

  const options = sortKeys(deepMerge(defaultPanelOptions(type), isObject(p.options) ? p.options : {}) as JsonObject);
  if (Object.keys(options).length > 0) body.options = options;
  else delete body.options;

  const fieldConfig = normalizeFieldConfig(p.fieldConfig);
  if (fieldConfig) body.fieldConfig = fieldConfig;
  else delete body.fieldConfig;

  if (typeof body.repeat === 'string' && body.repeat !== '') {
    body.repeatDirection ??= 'h';
  } else {
    delete body.repeat;
    delete body.repeatDirection;
    delete body.maxPerRow;
  }

  // Text panels run no queries; Grafana ignores targets saved on them.
  const targets = type === 'text' ? [] : asArray(p.targets).filter(isObject).map((t) => normalizeTarget(t, p.datasource));
  return { kind: 'panel', key, title, row, type, gridPos: gridPosOf(p), targets, body };
}

function normalizeFieldConfig(fc: unknown): JsonObject | undefined {
  const f = asObject(fc);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(f)) if (k !== 'defaults' && k !== 'overrides' && v !== undefined) out[k] = sortKeys(v);
  const defaults = normalizeFieldProperties(asObject(f.defaults));
  if (Object.keys(defaults).length > 0) out.defaults = defaults;
  const overrides = asArray(f.overrides).map(normalizeOverride);
  if (overrides.length > 0) out.overrides = overrides;
  return Object.keys(out).length > 0 ? out : undefined;
}

function normalizeFieldProperties(d: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(d)) {
    if (v === undefined || v === null) continue;
    if ((k === 'mappings' || k === 'links') && Array.isArray(v) && v.length === 0) continue;
    if (k === 'custom' && isObject(v) && Object.keys(v).length === 0) continue;
    out[k] = propertyValue(k, v);
  }
  return out;
}

function propertyValue(id: string, v: Json): Json {
  if (id === 'thresholds') return normalizeThresholds(v);
  if (id === 'links' && Array.isArray(v)) return v.map(normalizeLink);
  return sortKeys(v);
}

/** The first step's value is always "from minus infinity": absent and null mean the same. */
function normalizeThresholds(v: Json): Json {
  if (!isObject(v)) return sortKeys(v);
  const out = sortKeys(v);
  out.mode ??= 'absolute';
  if (Array.isArray(out.steps)) {
    out.steps = out.steps.map((s, i) => (i === 0 && isObject(s) && s.value === undefined ? { ...s, value: null } : s));
  }
  return out;
}

function normalizeOverride(o: Json): Json {
  if (!isObject(o)) return sortKeys(o);
  const out = sortKeys(o);
  if (Array.isArray(o.properties)) {
    const props = o.properties.map((p) => (isObject(p) && typeof p.id === 'string' && p.value !== undefined ? { ...sortKeys(p), value: propertyValue(p.id, p.value) } : sortKeys(p)));
    const ids = props.map((p) => (isObject(p) ? p.id : undefined));
    // Distinct ids apply independently, so their order carries no meaning.
    if (ids.every((id) => typeof id === 'string') && new Set(ids).size === ids.length) {
      props.sort((a, b) => String((a as JsonObject).id).localeCompare(String((b as JsonObject).id)));
    }
    out.properties = props;
  }
  return out;
}

// --- Targets

export const EDITOR_STATE: Record<string, readonly string[]> = {
  sql: ['editorMode', 'sql', 'table', 'dataset', 'rawQuery'],
  prometheus: ['editorMode', 'disableTextWrap', 'fullMetaSearch', 'includeNullMetadata', 'useBackend'],
  tempo: [],
};

/** The datasource a target runs on: its own when it names one, else the panel's. */
export function effectiveTargetDatasource(target: JsonObject, panelDatasource: unknown): unknown {
  if (isSpecificRef(target.datasource)) return target.datasource;
  const panel = normalizeDatasourceRef(panelDatasource);
  if (panel && panel.uid !== MIXED_UID) return panelDatasource;
  return target.datasource ?? panelDatasource;
}

export function normalizeTarget(t: JsonObject, panelDatasource: unknown): JsonObject {
  const ds = normalizeDatasourceRef(effectiveTargetDatasource(t, panelDatasource));
  const kind = targetKind(t, asString(ds?.type));
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(t)) {
    if (v === undefined || v === null || k === 'datasource' || k === 'key') continue;
    out[k] = sortKeys(v);
  }
  if (ds) out.datasource = ds;
  if (out.hide === false) delete out.hide;
  if (!kind) return out;
  // Legacy (pre-Grafana 8) SQL builder: the query is generated from these fields, so they are not editor state.
  const legacySql = kind === 'sql' && t.rawQuery === false && t.editorMode === undefined;
  if (!legacySql) for (const k of EDITOR_STATE[kind] ?? []) delete out[k];
  switch (kind) {
    case 'prometheus': {
      const instant = t.instant === true;
      out.instant = instant;
      out.range = typeof t.range === 'boolean' ? t.range : !instant;
      if (out.exemplar === false) delete out.exemplar;
      if (out.legendFormat === '') delete out.legendFormat;
      if (out.interval === '') delete out.interval;
      out.format ??= 'time_series';
      break;
    }
    case 'sql':
      out.format ??= 'table';
      break;
    case 'tempo':
      if (Array.isArray(out.filters) && out.filters.length === 0) delete out.filters;
      out.limit ??= 20;
      out.tableType ??= 'traces';
      break;
  }
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
export function normalizePanelBody(p: JsonObject): JsonObject {
  return normalizePanel(p, '', '', undefined).body;
}
