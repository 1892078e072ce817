/**
 * Legacy (Angular) panels → the React panels Grafana migrates them to when
 * it loads a dashboard, so the import writes `timeseriesPanel`, `statPanel`,
 * `gaugePanel` and `tablePanel` and the panel keeps its look. Each function
 * follows one Grafana migration (docs/import.md cites file and function):
 *
 * - `graph` → `timeseries`: graphToTimeseriesOptions in
 *   public/app/plugins/panel/timeseries/migrations.ts;
 * - `singlestat` → `stat` (or `gauge` when its gauge was shown):
 *   sharedSingleStatPanelChangedHandler / migrateFromAngularSinglestat in
 *   packages/grafana-ui (SingleStatBaseOptions.ts) and statPanelChangedHandler
 *   in public/app/plugins/panel/stat/StatMigrations.ts;
 * - `table-old` (and a `table` still holding Angular `styles`) → `table`:
 *   tablePanelChangedHandler in public/app/plugins/panel/table/migrations.ts;
 * - the Angular `heatmap` → the React one: angularToReactHeatmap in
 *   public/app/plugins/panel/heatmap/migrations.ts (legacy-heatmap.ts).
 *
 * Pure JSON → JSON; what Grafana's migration does not carry over is listed
 * in `dropped` so the importer can say so.
 */
import { isObject } from '../diff/json.js';
import type { Json, JsonObject } from '../model/loose.js';
import { setOwn } from '../model/own.js';
import { ANGULAR_HEATMAP_KEYS, angularToReactHeatmap } from './legacy-heatmap.js';
import { joinPath, type IssuePath } from '../model/issue-path.js';

export interface Migration {
  panel: JsonObject;
  /** `graph → timeseries`, for the info message. */
  from: string;
  to: string;
  /** Legacy fields Grafana's migration does not carry over (`hiddenSeries`, `alert`, ...). */
  dropped: string[];
}

export interface PanelMigration {
  /** `['panels', 3]`, `['panels', 2, 'panels', 0]`. */
  path: IssuePath;
  title?: string;
  migration: Migration;
}

/** The dashboard with every legacy panel (collapsed rows' too) migrated; the input is not changed. */
export function migrateLegacyDashboard(d: JsonObject): { dashboard: JsonObject; migrations: PanelMigration[] } {
  const migrations: PanelMigration[] = [];
  const migrate = (list: Json[], path: IssuePath): Json[] =>
    list.map((p, i) => {
      if (!isObject(p)) return p;
      const where = joinPath(path, i);
      if (p.type === 'row') {
        const junk = ROW_INERT_KEYS.filter((k) => p[k] !== undefined);
        const row = rest(p, ROW_INERT_KEYS);
        if (junk.length > 0) migrations.push({ path: where, title: typeof p.title === 'string' && p.title !== '' ? p.title : undefined, migration: { panel: row, from: 'row', to: 'row', dropped: junk } });
        return Array.isArray(p.panels) ? { ...row, panels: migrate(p.panels, joinPath(where, 'panels')) } : row;
      }
      const m = migrateLegacyPanel(p);
      if (!m) return withQueryIds(p);
      migrations.push({ path: where, title: typeof p.title === 'string' && p.title !== '' ? p.title : undefined, migration: m });
      return withQueryIds(m.panel);
    });
  return { dashboard: Array.isArray(d.panels) ? { ...d, panels: migrate(d.panels, ['panels']) } : d, migrations };
}

/** The migrated panel, or undefined for a panel that is not legacy. */
export function migrateLegacyPanel(p: JsonObject): Migration | undefined {
  const junk = INERT_KEYS.filter((k) => p[k] !== undefined);
  if (junk.length > 0) {
    const inner = migrateLegacyPanel(rest(p, INERT_KEYS));
    return inner ? { ...inner, dropped: [...junk, ...inner.dropped] } : { panel: rest(p, INERT_KEYS), from: String(p.type), to: String(p.type), dropped: junk };
  }
  if (p.type === 'heatmap') return heatmapAngularLeftovers(p);
  if (p.type === 'graph') return graphToTimeseries(p);
  if (p.type === 'text' && (typeof p.content === 'string' || typeof p.mode === 'string')) return textTopLevelToOptions(p);
  if (p.type === 'singlestat' || p.type === 'grafana-singlestat-panel') return singlestatToStat(p);
  if (p.type === 'table-old' || (p.type === 'table' && Array.isArray(p.styles))) return tableOldToTable(p);
  return undefined;
}

// --- helpers ---------------------------------------------------------------

/**
 * Queries without a refId get the one Grafana gives them on load: PanelModel's
 * constructor calls ensureQueryIds (public/app/features/dashboard/state/PanelModel.ts),
 * which takes getNextRefId (packages/grafana-data/src/query/refId.ts): the first
 * of A..Z, AA, AB, ... no query of the panel uses yet.
 */
function withQueryIds(p: JsonObject): JsonObject {
  if (!Array.isArray(p.targets) || p.targets.every((t) => !isObject(t) || (typeof t.refId === 'string' && t.refId !== ''))) return p;
  const targets: Json[] = p.targets.map((t) => (isObject(t) ? { ...t } : t));
  // The used ids in a set, and one counter: every id before it is taken already and stays taken (searching from A for
  // each query, through every query, was cubic: 1,000 queries took 6 s).
  const used = new Set(targets.flatMap((q) => (isObject(q) ? [q.refId] : [])));
  let n = 0;
  for (const t of targets) {
    if (!isObject(t) || (typeof t.refId === 'string' && t.refId !== '')) continue;
    while (used.has(refIdLetters(n))) n++;
    t.refId = refIdLetters(n);
    used.add(t.refId);
  }
  return { ...p, targets };
}

/** getRefId in Grafana's refId.ts: 0 → A, 25 → Z, 26 → AA. */
function refIdLetters(n: number): string {
  return n < 26 ? String.fromCharCode(65 + n) : refIdLetters(Math.floor(n / 26) - 1) + String.fromCharCode(65 + (n % 26));
}

/**
 * Panel keys with no effect in Grafana 7+: the pre-5 layout (`height`, `span`)
 * and editor state saved by old versions (`error`, `editable`, `isNew`,
 * `$$hashKey`), and the row-repeat bookkeeping Grafana 5/6 saved on the
 * panels of a repeated row (`repeatedByRow`; DashboardModel.processRepeats
 * rebuilds the copies on every load). dashcode's output schema rejects them, so the import drops
 * them and lists them (a dashcode decision, not a Grafana migration).
 */
const INERT_KEYS = ['error', 'editable', 'height', 'span', 'isNew', '$$hashKey', 'scopedVars', 'repeatedByRow'];

/**
 * A row's keys beyond Grafana's RowPanel schema (dashboard.jsonschema.json
 * definitions.RowPanel): a row runs no queries and repeats downwards only, so
 * `targets` and `repeatDirection` (and `options`, `fieldConfig` left by a panel
 * turned into a row) have no effect. `scopedVars` (above) is the value a repeat
 * assigns at load time, saved by old versions; without a value it does nothing.
 */
const ROW_INERT_KEYS = [...INERT_KEYS, 'targets', 'repeatDirection', 'options', 'fieldConfig', 'pluginVersion'];

/**
 * A heatmap with the Angular heatmap's keys. heatmapMigrationHandler
 * (public/app/plugins/panel/heatmap/migrations.ts) migrates from Angular only
 * when `options` is empty: that is the Angular panel itself, migrated as
 * angularToReactHeatmap does (legacy-heatmap.ts). Otherwise it is a React
 * heatmap that still carries the old keys (Grafana 9/10 saved them alongside
 * the migrated `options`): `options` is what renders, the old keys are inert
 * and dropped.
 */
function heatmapAngularLeftovers(p: JsonObject): Migration | undefined {
  const leftovers = ANGULAR_HEATMAP_KEYS.filter((k) => p[k] !== undefined);
  if (leftovers.length === 0) return undefined;
  if (!isObject(p.options) || Object.keys(p.options).length === 0) {
    const { options, fieldConfig } = angularToReactHeatmap(p);
    return { panel: { ...rest(p, ANGULAR_HEATMAP_KEYS), options, fieldConfig }, from: 'heatmap (Angular)', to: 'heatmap', dropped: [] };
  }
  return { panel: rest(p, ANGULAR_HEATMAP_KEYS), from: 'heatmap (with Angular leftovers)', to: 'heatmap', dropped: leftovers };
}

/** Text panels before 7.1 kept `content` and `mode` at the top: textPanelMigrationHandler (public/app/plugins/panel/text/textPanelMigrationHandler.ts) moves them into options. */
function textTopLevelToOptions(p: JsonObject): Migration {
  const options: JsonObject = { ...(isObject(p.options) ? p.options : {}) };
  if (typeof p.content === 'string') options.content = p.content;
  if (typeof p.mode === 'string') options.mode = p.mode;
  return { panel: { ...rest(p, ['content', 'mode']), options }, from: 'text (before 7.1)', to: 'text', dropped: [] };
}

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

/** Drops undefined values (lodash omitBy isNil in Grafana's code; null too). */
function compact(o: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) setOwn(out, k, v as Json);
  return out;
}

/** The panel without the legacy keys the migration consumed; what is left is imported as usual. */
function rest(p: JsonObject, consumed: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(p)) if (!consumed.includes(k)) setOwn(out, k, v);
  return out;
}

/** Grafana's reducer ids and the legacy aliases fieldReducers.getIfExists accepts. */
const REDUCERS: Record<string, string> = {
  min: 'min', max: 'max', mean: 'mean', avg: 'mean', sum: 'sum', total: 'sum', last: 'last', lastNotNull: 'lastNotNull', current: 'lastNotNull',
  first: 'first', firstNotNull: 'firstNotNull', count: 'count', range: 'range', delta: 'delta', diff: 'diff', logmin: 'logmin', allIsNull: 'allIsNull', allIsZero: 'allIsZero',
  distinctCount: 'distinctCount', changeCount: 'changeCount', step: 'step', median: 'median', variance: 'variance', stdDev: 'stdDev', diffperc: 'diffperc',
};
const reducerId = (k: unknown): string | undefined => (typeof k === 'string' && Object.prototype.hasOwnProperty.call(REDUCERS, k) ? REDUCERS[k] : undefined);

/** A legacy `fieldConfig` (Grafana 7 graphs carry one), defaults and overrides. */
function fieldConfigOf(p: JsonObject): { defaults: JsonObject; overrides: Json[] } {
  const fc = isObject(p.fieldConfig) ? p.fieldConfig : {};
  return { defaults: isObject(fc.defaults) ? { ...fc.defaults } : {}, overrides: Array.isArray(fc.overrides) ? [...fc.overrides] : [] };
}

// --- graph → timeseries ------------------------------------------------------

const GRAPH_KEYS = [
  'aliasColors', 'bars', 'dashLength', 'dashes', 'fill', 'fillGradient', 'legend', 'lines', 'linewidth', 'nullPointMode', 'percentage', 'pointradius',
  'points', 'renderer', 'seriesOverrides', 'spaceLength', 'stack', 'steppedLine', 'thresholds', 'timeRegions', 'tooltip', 'xaxis', 'yaxes', 'yaxis',
  'options', 'fieldConfig', 'pluginVersion', 'hiddenSeries', 'alert', 'decimals', 'grid', '$$hashKey', 'isNew', 'zindex',
];

/** Keys of the legacy graph Grafana's migration ignores: listed as dropped when set. */
const GRAPH_DROPPED = ['hiddenSeries', 'alert', 'timeRegions', 'decimals', 'percentage'];

interface AxisConfig {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  custom: JsonObject;
}

/** getFieldConfigFromOldAxis: one entry of `yaxes`. */
function axisConfig(axis: unknown): AxisConfig | undefined {
  if (!isObject(axis)) return undefined;
  const custom: JsonObject = { axisPlacement: axis.show ? 'auto' : 'hidden' };
  if (typeof axis.label === 'string' && axis.label !== '') custom.axisLabel = axis.label;
  const log = num(axis.logBase);
  if (log === 2 || log === 10) custom.scaleDistribution = { type: 'log', log };
  return { ...compact({ unit: typeof axis.format === 'string' ? axis.format : undefined, decimals: num(axis.decimals), min: num(axis.min), max: num(axis.max) }), custom };
}

function graphToTimeseries(p: JsonObject): Migration {
  const { defaults: oldDefaults, overrides } = fieldConfigOf(p);
  const yaxes = Array.isArray(p.yaxes) ? p.yaxes : [];
  const y1Axis = axisConfig(yaxes[0]);
  const y1: JsonObject = { ...oldDefaults, ...(y1Axis ?? {}) };
  const dash = { fill: p.dashes ? 'dash' : 'solid', dash: [num(p.dashLength) ?? 10, num(p.spaceLength) ?? 10] };
  const dropped = GRAPH_DROPPED.filter((k) => p[k] !== undefined && p[k] !== null && p[k] !== false && !(Array.isArray(p[k]) && (p[k] as Json[]).length === 0));

  if (isObject(p.aliasColors)) {
    for (const [alias, color] of Object.entries(p.aliasColors)) {
      if (typeof color === 'string' && color !== '') overrides.push({ matcher: { id: 'byName', options: alias }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }] });
    }
  }

  let fillBelowTo = false;
  for (const so of Array.isArray(p.seriesOverrides) ? p.seriesOverrides : []) {
    if (!isObject(so) || typeof so.alias !== 'string' || so.alias === '') continue;
    const regex = /^([/~@;%#'])(.*?)\1([gimsuy]*)$/.test(so.alias);
    const properties: JsonObject[] = [];
    let dashOverride: { fill: string; dash: number[] } | undefined;
    for (const [k, v] of Object.entries(so)) {
      switch (k) {
        case 'alias':
        case '$$hashKey':
          break;
        case 'yaxis':
          if (v === 2) {
            const y2 = axisConfig(yaxes[1]);
            if (y2) {
              for (const [key, value] of Object.entries(y2)) if (key !== 'custom' && value !== y1[key]) properties.push({ id: key, value: value as Json });
              const y1c = isObject(y1.custom) ? y1.custom : {};
              for (const [key, value] of Object.entries(y2.custom)) if (!sameJson(value, y1c[key])) properties.push({ id: `custom.${key}`, value });
            }
          }
          break;
        case 'fill':
          if (num(v) !== undefined) properties.push({ id: 'custom.fillOpacity', value: num(v)! * 10 });
          break;
        case 'fillBelowTo':
          fillBelowTo = true;
          properties.push({ id: 'custom.fillBelowTo', value: v as Json });
          break;
        case 'fillGradient':
          if (num(v)) properties.push({ id: 'custom.fillGradient', value: 'opacity' }, { id: 'custom.fillOpacity', value: num(v)! * 10 });
          break;
        case 'points':
          properties.push({ id: 'custom.showPoints', value: v ? 'always' : 'never' });
          break;
        case 'bars':
          if (v) properties.push({ id: 'custom.drawStyle', value: 'bars' }, { id: 'custom.fillOpacity', value: 100 });
          else properties.push({ id: 'custom.drawStyle', value: 'line' });
          break;
        case 'lines':
          properties.push(v ? { id: 'custom.drawStyle', value: 'line' } : { id: 'custom.lineWidth', value: 0 });
          break;
        case 'linewidth':
          properties.push({ id: 'custom.lineWidth', value: v as Json });
          break;
        case 'pointradius':
          if (num(v) !== undefined) properties.push({ id: 'custom.pointSize', value: 2 + num(v)! * 2 });
          break;
        case 'dashLength':
        case 'spaceLength':
        case 'dashes':
          dashOverride ??= { fill: dash.fill, dash: [...dash.dash] };
          if (k === 'dashLength') dashOverride.dash[0] = num(v) ?? 10;
          else if (k === 'spaceLength') dashOverride.dash[1] = num(v) ?? 10;
          else dashOverride.fill = v ? 'dash' : 'solid';
          break;
        case 'stack':
          // getStackingFromOverrides: true/number/letter groups stack normally; false turns stacking off.
          properties.push({ id: 'custom.stacking', value: v === false ? { mode: 'none', group: 'A' } : { mode: 'normal', group: v === true ? 'A' : String(v) } });
          break;
        case 'color':
          properties.push({ id: 'color', value: { fixedColor: v as Json, mode: 'fixed' } });
          break;
        case 'transform':
          properties.push({ id: 'custom.transform', value: v === 'negative-Y' ? 'negative-Y' : 'constant' });
          break;
        default:
          dropped.push(`seriesOverrides "${so.alias}".${k}`);
      }
    }
    if (dashOverride) properties.push({ id: 'custom.lineStyle', value: dashOverride });
    if (properties.length > 0) overrides.push({ matcher: { id: regex ? 'byRegexp' : 'byName', options: so.alias }, properties });
  }

  const graph: JsonObject = isObject(y1.custom) ? { ...y1.custom } : {};
  graph.drawStyle = p.bars ? 'bars' : p.lines ? 'line' : 'points';
  if (p.points) {
    graph.showPoints = 'always';
    if (num(p.pointradius) !== undefined) graph.pointSize = 2 + num(p.pointradius)! * 2;
  } else if (graph.drawStyle !== 'points') graph.showPoints = 'never';
  if (num(p.linewidth) !== undefined) graph.lineWidth = num(p.linewidth)!;
  if (dash.fill !== 'solid') graph.lineStyle = dash;
  if (fillBelowTo) graph.fillOpacity = 35;
  else if (num(p.fill) !== undefined) graph.fillOpacity = num(p.fill)! * 10;
  if ((num(p.fillGradient) ?? 0) > 0) {
    graph.gradientMode = 'opacity';
    graph.fillOpacity = num(p.fillGradient)! * 10;
  }
  graph.spanNulls = p.nullPointMode === 'connected';
  if (p.steppedLine) graph.lineInterpolation = 'stepAfter';
  if (graph.drawStyle === 'bars') graph.fillOpacity = 100;
  if (p.stack) graph.stacking = { mode: 'normal', group: 'A' };
  y1.custom = graph;

  const legend: JsonObject = { displayMode: 'list', showLegend: true, placement: 'bottom', calcs: [] };
  const tooltip: JsonObject = { mode: 'single', sort: 'none' };
  if (isObject(p.legend)) {
    const l = p.legend;
    if (l.show) legend.displayMode = l.alignAsTable ? 'table' : 'list';
    else legend.showLegend = false;
    if (l.rightSide) legend.placement = 'right';
    if (l.values) legend.calcs = Object.entries(l).flatMap(([k, v]) => (v && reducerId(k) ? [reducerId(k)!] : []));
    if (num(l.sideWidth)) legend.width = num(l.sideWidth)!;
    if (l.hideZero) overrides.push(hideFromLegend('allIsZero'));
    if (l.hideEmpty) overrides.push(hideFromLegend('allIsNull'));
  }
  if (isObject(p.tooltip)) {
    if (p.tooltip.shared !== undefined) tooltip.mode = p.tooltip.shared ? 'multi' : 'single';
    if (p.tooltip.sort !== undefined && p.tooltip.shared) tooltip.sort = p.tooltip.sort === 1 ? 'asc' : p.tooltip.sort === 2 ? 'desc' : 'none';
  }

  const thresholds = graphThresholds(p.thresholds);
  if (thresholds) {
    graph.thresholdsStyle = { mode: thresholds.style };
    y1.thresholds = { mode: 'absolute', steps: thresholds.steps };
  }
  if (isObject(p.xaxis) && typeof p.xaxis.mode === 'string' && p.xaxis.mode !== 'time') dropped.push(`xaxis.mode "${p.xaxis.mode}" (Grafana turns it into a bar chart or histogram; imported as a time series)`);

  const panel: JsonObject = { ...rest(p, GRAPH_KEYS), type: 'timeseries', fieldConfig: { defaults: y1, overrides }, options: { legend, tooltip } };
  return { panel, from: 'graph', to: 'timeseries', dropped };
}

function hideFromLegend(reducer: string): JsonObject {
  return { matcher: { id: 'byValue', options: { op: 'gte', reducer, value: 0 } }, properties: [{ id: 'custom.hideFrom', value: { tooltip: true, viz: false, legend: true } }] };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The graph's threshold lines and areas → threshold steps and a thresholds style (graphToTimeseriesOptions). */
function graphThresholds(list: unknown): { steps: JsonObject[]; style: string } | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const sorted = list.filter(isObject).filter((t) => num(t.value) !== undefined).sort((a, b) => num(a.value)! - num(b.value)!);
  const color = (t: JsonObject): string =>
    t.colorMode === 'warning' ? 'orange' : t.colorMode === 'custom' ? String(t.fillColor || t.lineColor || 'red') : 'red';
  const steps: Array<{ value: number | null; color: string }> = [];
  let area = false;
  let line = false;
  sorted.forEach((t, i) => {
    const next = sorted[i + 1];
    const value = num(t.value)!;
    if (t.fill) area = true;
    if (t.line) line = true;
    if (t.op === 'gt') steps.push({ value, color: color(t) });
    if (t.op === 'lt') {
      if (steps.length === 0) steps.push({ value: null, color: color(t) });
      if (next && next.op === 'gt' && num(next.value)! > value) steps.push({ value, color: 'transparent' });
      else if (next && next.op === 'lt') steps.push({ value, color: color(next) });
      else steps.push({ value, color: 'transparent' });
    }
  });
  if (steps.length === 0) return undefined;
  // -Infinity is stored as null in dashboard JSON.
  if (steps[0]!.value !== null) steps.unshift({ value: null, color: 'transparent' });
  return { steps: steps.map((s) => ({ color: s.color, value: s.value })), style: line && area ? 'line+area' : area ? 'area' : 'line' };
}

// --- singlestat → stat / gauge -------------------------------------------------

const SINGLESTAT_KEYS = [
  'colorBackground', 'colorValue', 'colors', 'colorPrefix', 'colorPostfix', 'decimals', 'format', 'gauge', 'mappingType', 'mappingTypes', 'nullPointMode',
  'nullText', 'postfix', 'postfixFontSize', 'prefix', 'prefixFontSize', 'rangeMaps', 'sparkline', 'tableColumn', 'thresholds', 'valueFontSize', 'valueMaps',
  'valueName', 'options', 'fieldConfig', 'pluginVersion', 'combine', '$$hashKey', 'isNew',
];

function singlestatToStat(p: JsonObject): Migration {
  const gauge = isObject(p.gauge) && p.gauge.show === true;
  const defaults: JsonObject = {};
  const reduceOptions: JsonObject = { calcs: [reducerId(p.valueName) ?? 'mean'] };
  if (typeof p.format === 'string' && p.format !== '') defaults.unit = p.format;
  if (typeof p.tableColumn === 'string' && p.tableColumn !== '') reduceOptions.fields = `/^${p.tableColumn}$/`;
  if (typeof p.nullText === 'string' && p.nullText !== '') defaults.noValue = p.nullText;
  if (num(p.decimals) !== undefined) defaults.decimals = num(p.decimals)!;
  const colors = Array.isArray(p.colors) ? p.colors.filter((c): c is string => typeof c === 'string') : undefined;
  if (typeof p.thresholds === 'string' && colors) {
    const levels = p.thresholds.split(',').map((s) => Number(s.trim()));
    const steps = colors.map((color, i) => ({ color, value: i === 0 ? null : Number.isFinite(levels[i - 1]) ? levels[i - 1]! : null }));
    defaults.thresholds = { mode: 'absolute', steps };
  }
  const mappings = valueMappings(p);
  if (mappings.length > 0) defaults.mappings = mappings;
  if (gauge && isObject(p.gauge)) {
    if (num(p.gauge.minValue) !== undefined) defaults.min = num(p.gauge.minValue)!;
    if (num(p.gauge.maxValue) !== undefined) defaults.max = num(p.gauge.maxValue)!;
  }
  const dropped = ['prefix', 'postfix', 'nullPointMode'].filter((k) => p[k] !== undefined && p[k] !== '' && p[k] !== null);
  const kept = rest(p, SINGLESTAT_KEYS);
  if (gauge) {
    // Grafana's dashboard migration picks the gauge for a singlestat showing one (DashboardMigrator); gaugePanelChangedHandler keeps the shared options.
    const options: JsonObject = { reduceOptions, orientation: 'horizontal', showThresholdMarkers: (p.gauge as JsonObject).thresholdMarkers !== false, showThresholdLabels: (p.gauge as JsonObject).thresholdLabels === true };
    return { panel: { ...kept, type: 'gauge', fieldConfig: { defaults, overrides: [] }, options }, from: String(p.type), to: 'gauge', dropped };
  }
  const sparkline = isObject(p.sparkline) ? p.sparkline : {};
  const options: JsonObject = { reduceOptions, orientation: 'horizontal', graphMode: sparkline.show ? 'area' : 'none' };
  if (p.colorBackground) options.colorMode = 'background';
  else if (p.colorValue) options.colorMode = 'value';
  else {
    options.colorMode = 'none';
    if (typeof sparkline.lineColor === 'string' && options.graphMode === 'area') defaults.color = { mode: 'fixed', fixedColor: sparkline.lineColor };
  }
  if (p.valueName === 'name') options.textMode = 'name';
  return { panel: { ...kept, type: 'stat', fieldConfig: { defaults, overrides: [] }, options }, from: String(p.type), to: 'stat', dropped };
}

/** valueMaps / rangeMaps → value, special (null) and range mappings (convertOldAngularValueMappings, without threshold colors). */
function valueMappings(p: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  const type = num(p.mappingType) ?? 1;
  if (type === 1 && Array.isArray(p.valueMaps)) {
    for (const m of p.valueMaps.filter(isObject)) {
      if (typeof m.text !== 'string' || m.value === undefined) continue;
      if (m.value === 'null') out.push({ type: 'special', options: { match: 'null', result: { text: m.text } } });
      else out.push({ type: 'value', options: { [String(m.value)]: { text: m.text } } });
    }
  }
  if (type === 2 && Array.isArray(p.rangeMaps)) {
    for (const m of p.rangeMaps.filter(isObject)) {
      if (typeof m.text !== 'string') continue;
      out.push({ type: 'range', options: { from: num(m.from) ?? null, to: num(m.to) ?? null, result: { text: m.text } } });
    }
  }
  return out;
}

// --- table-old → table -------------------------------------------------------

const TABLE_KEYS = ['columns', 'fontSize', 'pageSize', 'scroll', 'showHeader', 'sort', 'styles', 'transform', 'options', 'fieldConfig', 'pluginVersion', '$$hashKey'];

const TRANSFORMS: Record<string, string> = { timeseries_to_rows: 'seriesToRows', timeseries_to_columns: 'seriesToColumns', timeseries_aggregations: 'reduce', table: 'merge' };
const COLUMN_REDUCERS: Record<string, string> = { avg: 'mean', min: 'min', max: 'max', total: 'sum', current: 'lastNotNull', count: 'count' };
const COLOR_MODES: Record<string, string> = { cell: 'color-background', row: 'color-background', value: 'color-text' };

function tableThresholds(thresholds: unknown[], colors: unknown): JsonObject[] {
  const c = Array.isArray(colors) ? colors : [];
  return [null, ...thresholds].map((t, i) => ({ color: (c[i] ?? null) as Json, value: t === null ? null : typeof t === 'number' ? t : Number.isFinite(parseInt(String(t), 10)) ? parseInt(String(t), 10) : null }));
}

function styleProperties(s: JsonObject, dropped: string[]): JsonObject[] {
  const props: JsonObject[] = [];
  if (typeof s.alias === 'string' && s.alias !== '') props.push({ id: 'displayName', value: s.alias });
  if (typeof s.unit === 'string' && s.unit !== '') props.push({ id: 'unit', value: s.unit });
  if (num(s.decimals)) props.push({ id: 'decimals', value: num(s.decimals)! });
  if (s.type === 'date') props.push({ id: 'unit', value: `time: ${String(s.dateFormat ?? 'YYYY-MM-DD HH:mm:ss')}` });
  if (s.type === 'hidden') dropped.push(`styles "${String(s.pattern)}": type hidden (the column shows)`);
  if (s.link) props.push({ id: 'links', value: [{ title: String(s.linkTooltip ?? ''), url: String(s.linkUrl ?? ''), targetBlank: s.linkTargetBlank === true }] });
  if (typeof s.colorMode === 'string' && COLOR_MODES[s.colorMode]) props.push({ id: 'custom.cellOptions', value: { type: COLOR_MODES[s.colorMode]! } });
  // Grafana writes null for 'auto', the table's default: left out here.
  if (typeof s.align === 'string' && s.align !== 'auto') props.push({ id: 'custom.align', value: s.align });
  if (Array.isArray(s.thresholds) && s.thresholds.length > 0) props.push({ id: 'thresholds', value: { mode: 'absolute', steps: tableThresholds(s.thresholds, s.colors) } });
  return props;
}

function tableOldToTable(p: JsonObject): Migration {
  const dropped: string[] = [];
  const styles = (Array.isArray(p.styles) ? p.styles : []).filter(isObject);
  const transformations: Json[] = Array.isArray(p.transformations) ? [...p.transformations] : [];
  if (typeof p.transform === 'string' && TRANSFORMS[p.transform]) {
    const options: JsonObject = { reducers: [] };
    if (p.transform === 'timeseries_aggregations') {
      options.includeTimeField = false;
      options.reducers = (Array.isArray(p.columns) ? p.columns : []).filter(isObject).map((c) => COLUMN_REDUCERS[String(c.value)] ?? null);
    }
    transformations.push({ id: TRANSFORMS[p.transform]!, options });
  } else if (p.transform !== undefined) dropped.push(`transform "${String(p.transform)}"`);
  const base = styles.find((s) => s.pattern === '/.*/');
  let defaults: JsonObject = { custom: {} };
  if (base) {
    defaults = compact({ unit: base.unit || undefined, decimals: base.decimals, displayName: base.alias || undefined, custom: typeof base.align === 'string' && base.align !== 'auto' ? { align: base.align } : {} });
    if (Array.isArray(base.thresholds) && base.thresholds.length > 0) defaults.thresholds = { mode: 'absolute', steps: tableThresholds(base.thresholds, base.colors) };
    if (typeof base.colorMode === 'string' && COLOR_MODES[base.colorMode]) (defaults.custom as JsonObject).cellOptions = { type: COLOR_MODES[base.colorMode]! };
  }
  const overrides = styles
    .filter((s) => s.pattern !== '/.*/')
    .map((s) => ({ matcher: { id: /^\/.*\/$/.test(String(s.pattern)) ? 'byRegexp' : 'byName', options: (s.pattern ?? '') as Json }, properties: styleProperties(s, dropped) }));
  for (const k of ['sort', 'pageSize', 'fontSize']) if (p[k] !== undefined && p[k] !== null) dropped.push(k);
  const panel: JsonObject = { ...rest(p, [...TABLE_KEYS, 'transformations']), type: 'table', fieldConfig: { defaults, overrides }, options: {} };
  if (transformations.length > 0) panel.transformations = transformations;
  return { panel, from: String(p.type), to: 'table', dropped };
}
