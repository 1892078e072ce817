/**
 * Panels and rows in their semantic form: flattened with the row that owns
 * each panel (as Grafana decides it, by position), keyed by row and title,
 * defaults filled in or removed. See normalize.ts.
 */
import type { Json, JsonObject } from '../model/loose.js';
import { deepMerge } from '../model/merge.js';
import { asArray, asObject, asString, deepEqual, isObject, sortKeys } from './json.js';
import type { NormalPanel } from './normalize.js';
import { normalizeLink } from './normalize-links.js';
import { normalizeTarget } from './normalize-targets.js';
import { defaultPanelOptions } from './panel-defaults.js';
import { setOwn } from '../model/own.js';

interface Placed {
  panel: JsonObject;
  row?: string;
}

/** Flattens rows: every panel with the row that owns it, in reading order. */
export function normalizePanels(raw: Json[]): NormalPanel[] {
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
  const shift = collapsedShift(children, firstY);
  if (shift === 0) return sortByPosition(children);
  return sortByPosition(children.map((c) => shiftY(c, shift)));
}

/** How far a collapsed row's panels move so the topmost sits at `firstY`. */
export function collapsedShift(children: JsonObject[], firstY: number): number {
  const ys = children.map((c) => asObject(c.gridPos).y).filter((y): y is number => typeof y === 'number' && Number.isFinite(y));
  return ys.length === 0 ? 0 : firstY - Math.min(...ys);
}

export function shiftY(panel: JsonObject, shift: number): JsonObject {
  const gp = asObject(panel.gridPos);
  return shift !== 0 && typeof gp.y === 'number' ? { ...panel, gridPos: { ...gp, y: gp.y + shift } } : panel;
}

function gridPosOf(p: JsonObject): JsonObject {
  const gp = asObject(p.gridPos);
  const out: JsonObject = {};
  for (const k of ['h', 'w', 'x', 'y']) if (gp[k] !== undefined) setOwn(out, k, gp[k]!);
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
    setOwn(body, k, sortKeys(v));
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
  for (const [k, v] of Object.entries(f)) if (k !== 'defaults' && k !== 'overrides' && v !== undefined) setOwn(out, k, sortKeys(v));
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
    setOwn(out, k, propertyValue(k, v));
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

export function normalizePanelBody(p: JsonObject): JsonObject {
  return normalizePanel(p, '', '', undefined).body;
}
