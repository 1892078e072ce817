/**
 * One panel JSON → a panel builder call (`timeseriesPanel({...})`). Options
 * equal to the builder's defaults are left out; fields the builders do not
 * model go to `raw`; panel types without a typed builder become
 * `pluginPanel({ type, ... })`, with untyped options.
 */
import { asArray, deepEqual, isObject } from '../diff/json.js';
import { normalizePanelBody } from '../diff/normalize.js';
import { defaultPanelOptions } from '../diff/panel-defaults.js';
import type { Json, JsonObject } from '../model/loose.js';
import { isPlainObject } from '../model/merge.js';
import { barchartPanel } from '../panels/barchart/barchart.js';
import { bargaugePanel } from '../panels/bargauge/bargauge.js';
import { gaugePanel } from '../panels/gauge/gauge.js';
import { heatmapPanel } from '../panels/heatmap/heatmap.js';
import { histogramPanel } from '../panels/histogram/histogram.js';
import type { PanelSpec } from '../panels/panel.js';
import { piechartPanel } from '../panels/piechart/piechart.js';
import { pluginPanel } from '../panels/plugin/plugin.js';
import { statPanel } from '../panels/stat/stat.js';
import { tablePanel } from '../panels/table/table.js';
import { textPanel } from '../panels/text/text.js';
import { timeseriesPanel } from '../panels/timeseries/timeseries.js';
import { tracesPanel } from '../panels/traces/traces.js';
import { code, invoke, ordered, type Code, type Expr, type ExprObject } from './code.js';
import type { ImportContext } from './context.js';
import { importFieldConfig, linkInputs } from './field-config.js';
import { fitObject, shapeFor } from './option-fit.js';
import { importQuery } from './queries.js';
import { fieldsToRestore, restoreFields } from './verify.js';
import { setOwn } from '../model/own.js';
import { joinPath, renderPath, type IssuePath } from '../model/issue-path.js';

type Builder = (input: never) => PanelSpec;

const BUILDERS: Record<string, [string, Builder]> = {
  timeseries: ['timeseriesPanel', timeseriesPanel as Builder],
  table: ['tablePanel', tablePanel as Builder],
  barchart: ['barchartPanel', barchartPanel as Builder],
  stat: ['statPanel', statPanel as Builder],
  gauge: ['gaugePanel', gaugePanel as Builder],
  bargauge: ['bargaugePanel', bargaugePanel as Builder],
  text: ['textPanel', textPanel as Builder],
  heatmap: ['heatmapPanel', heatmapPanel as Builder],
  histogram: ['histogramPanel', histogramPanel as Builder],
  piechart: ['piechartPanel', piechartPanel as Builder],
  traces: ['tracesPanel', tracesPanel as Builder],
};

/** Fields compile fills in (id, position, queries and their datasource), so never `raw`. */
const COMPILED = new Set(['id', 'gridPos', 'targets', 'datasource', 'type', 'title', 'pluginVersion']);

export interface PanelSite {
  path: IssuePath;
  /** Position props decided by the layout (`w`, `h`, `x`, `y`). */
  slot: ExprObject;
}

export function importPanel(ctx: ImportContext, p: JsonObject, site: PanelSite): Code {
  const type = typeof p.type === 'string' ? p.type : '';
  const title = typeof p.title === 'string' ? p.title : '';
  const where = title ? `panel "${title}"` : `untitled ${type || 'panel'} (${renderPath(site.path)})`;
  const panel = title || undefined;
  if (title === '') ctx.report('import-panel-title', joinPath(site.path, 'title'), `${where}: no title (Grafana allows it; \`dashcode lint\` warns panel-title)`, 'info', panel);

  const builder = Object.prototype.hasOwnProperty.call(BUILDERS, type) ? BUILDERS[type]! : undefined;
  if (!builder) {
    ctx.report('import-panel-type', joinPath(site.path, 'type'), `${where}: dashcode has no typed builder for panel type "${type}"; imported with pluginPanel (options and custom field config untyped)`, 'info', panel);
  }
  // pluginPanel takes the plugin id as its first prop; typed builders know their type.
  const props: ExprObject = builder ? { title, ...site.slot } : { type, title, ...site.slot };
  const raw: JsonObject = {};
  const toRaw = (k: string, v: Json, how = 'raw') => {
    setOwn(raw, k, v);
    ctx.keep(where, k, how);
  };

  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === null || COMPILED.has(k) || k === 'options' || k === 'fieldConfig' || k === 'panels') continue;
    switch (k) {
      case 'description':
      case 'interval':
      case 'timeFrom':
      case 'timeShift':
        if (typeof v === 'string') {
          if (v !== '') props[k] = v;
        } else toRaw(k, v);
        break;
      case 'transparent':
      case 'hideTimeOverride':
        if (typeof v === 'boolean') {
          if (v) props[k] = true;
        } else toRaw(k, v);
        break;
      case 'maxDataPoints':
        if (Number.isInteger(v) && (v as number) > 0) props[k] = v;
        else toRaw(k, v);
        break;
      case 'links': {
        const links = linkInputs(v);
        if (links) {
          if (links.length > 0) props.links = links;
        } else toRaw(k, v);
        break;
      }
      case 'transformations':
        if (Array.isArray(v) && v.every(isTransformation)) {
          if (v.length > 0) props.transformations = v;
        } else toRaw(k, v);
        break;
      case 'repeat':
      case 'repeatDirection':
      case 'maxPerRow':
        break;
      default:
        toRaw(k, v);
    }
  }
  repeat(ctx, p, props, toRaw);

  if (Array.isArray(p.panels) && p.panels.length > 0) {
    ctx.report('import-panel-children', joinPath(site.path, 'panels'), `${where}: only rows hold panels; ${p.panels.length} nested panel(s) dropped`, 'warning', panel);
    ctx.keep(where, 'panels', 'dropped: panels nest only in rows');
  }

  // Field config: text panels have none in dashcode, so theirs (if any) is kept whole.
  if (type === 'text') {
    if (normalizePanelBody({ type, fieldConfig: p.fieldConfig ?? null }).fieldConfig !== undefined) toRaw('fieldConfig', p.fieldConfig as Json);
  } else {
    const fc = importFieldConfig(ctx, p.fieldConfig, where, builder ? type : 'plugin');
    Object.assign(props, fc.props);
    if (fc.raw) raw.fieldConfig = fc.raw;
  }

  const targets = asArray(p.targets);
  if (type === 'text') {
    if (targets.length > 0) {
      ctx.report('import-text-queries', joinPath(site.path, 'targets'), `${where}: text panels run no queries; ${targets.length} saved query(ies) dropped`, 'info', panel);
      ctx.keep(where, 'targets', 'dropped: text panels run no queries');
    }
  } else if (targets.length > 0) {
    props.queries = targets.flatMap((t, i) => {
      if (isObject(t)) return [importQuery(ctx, t, i, p.datasource, { where, path: site.path, panel })];
      ctx.report('import-query-invalid', joinPath(site.path, 'targets', i), `${where}: target ${i} is not an object; dropped`, 'warning', panel);
      return [];
    });
  }

  const options = isObject(p.options) ? p.options : {};
  if (type === 'text') {
    const { content, mode, ...rest } = options;
    props.content = typeof content === 'string' ? content : '';
    if (mode === 'html' || mode === 'code') props.mode = mode;
    else if (mode !== undefined && mode !== 'markdown') rest.mode = mode;
    typedOptions(ctx, prune(rest, defaultPanelOptions('text')), 'text', props, raw, where);
  } else if (builder) {
    typedOptions(ctx, prune(options, defaultPanelOptions(type)), type, props, raw, where);
  } else if (Object.keys(options).length > 0) {
    // pluginPanel's options are an untyped record: everything fits.
    props.options = options;
  }
  const [name, fn] = type === 'text' ? ['textPanel', textPanel as Builder] : (builder ?? ['pluginPanel', pluginPanel as Builder]);
  const build = (r: JsonObject | undefined) => invoke(ctx.lib(name), fn, ordered({ ...props, raw: r }, PROP_ORDER));
  return restore(ctx, build, raw, p, where, site.path, panel);
}

/** Options that type-check go to `options`; the rest (old or unknown options) to `raw.options`. */
function typedOptions(ctx: ImportContext, pruned: unknown, type: string, props: ExprObject, raw: JsonObject, where: string): void {
  if (pruned === SAME || !isPlainObject(pruned)) return;
  const fitted = fitObject(pruned, shapeFor(`${type}.options`));
  if (fitted.typed) props.options = fitted.typed as Expr;
  if (fitted.rest) {
    raw.options = fitted.rest as Json;
    for (const k of Object.keys(fitted.rest)) ctx.keep(where, `options.${k}`, `raw: not in the ${type} panel's options type`);
  }
}

function isTransformation(t: Json): boolean {
  return isObject(t) && typeof t.id === 'string' && isPlainObject(t.options) && (t.disabled === undefined || typeof t.disabled === 'boolean') && Object.keys(t).every((k) => k === 'id' || k === 'options' || k === 'disabled');
}

function repeat(ctx: ImportContext, p: JsonObject, props: ExprObject, toRaw: (k: string, v: Json, how?: string) => void): void {
  if (p.repeat === undefined || p.repeat === null || p.repeat === '') return;
  const v = typeof p.repeat === 'string' ? ctx.scope.get(p.repeat) : undefined;
  const direction = p.repeatDirection;
  const maxPerRow = p.maxPerRow;
  if (!v || (direction !== undefined && direction !== 'h' && direction !== 'v') || (maxPerRow !== undefined && !(Number.isInteger(maxPerRow) && (maxPerRow as number) >= 1 && (maxPerRow as number) <= 24))) {
    for (const k of ['repeat', 'repeatDirection', 'maxPerRow']) if (p[k] !== undefined) toRaw(k, p[k]!, 'raw: repeat over an unknown variable or with unusual settings');
    return;
  }
  const r: ExprObject = { variable: code(v.identifier, v.spec) };
  if (direction === 'v') r.direction = 'v';
  if (maxPerRow !== undefined) r.maxPerRow = maxPerRow;
  props.repeat = r;
}

const SAME = Symbol('same');

/** The order props are written in: what the panel is and shows first, escape hatches last. */
const PROP_ORDER = [
  'type', 'title', 'content', 'mode', 'description', 'x', 'y', 'w', 'h', 'transparent', 'queries',
  'unit', 'decimals', 'min', 'max', 'displayName', 'noValue', 'color', 'thresholds', 'mappings', 'dataLinks', 'custom', 'overrides',
  'options', 'links', 'transformations', 'repeat', 'interval', 'maxDataPoints', 'timeFrom', 'timeShift', 'hideTimeOverride', 'raw',
];

/**
 * The part of `original` the builder's defaults do not already give: the
 * smallest value that deep-merged into `defaults` reads as `original`.
 */
export function prune(original: unknown, defaults: unknown): unknown {
  if (isPlainObject(original) && isPlainObject(defaults)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(original)) {
      if (v === undefined) continue;
      if (Object.prototype.hasOwnProperty.call(defaults, k)) {
        const r = prune(v, defaults[k]);
        if (r !== SAME) setOwn(out, k, r);
      } else setOwn(out, k, v);
    }
    return Object.keys(out).length === 0 ? SAME : out;
  }
  return deepEqual(original, defaults) ? SAME : original;
}

/** Builds the panel and checks it against the original; top-level fields that still differ are restored. */
function restore(ctx: ImportContext, build: (raw: JsonObject | undefined) => Code, raw: JsonObject, p: JsonObject, where: string, path: IssuePath, panel: string | undefined): Code {
  const expected = normalizePanelBody(p);
  const built = restoreFields(ctx, {
    where,
    build,
    raw,
    differences: (c) => fieldsToRestore(p, expected, normalizePanelBody((c.value as PanelSpec).model)),
  });
  const spec = built.value as PanelSpec;
  for (const i of spec.issues) {
    if (i.code.startsWith('layout-') || (i.path.length === 1 && i.path[0] === 'title')) continue;
    ctx.report('import-panel-check', joinPath(path, i.path), `${where}: ${i.message}`, 'warning', panel);
  }
  return built;
}
