/**
 * Dashboard-level fields → `dashboard({...})` options, links and
 * annotations. A field `dashboard()` has no option for (or holds a value its
 * option does not take) goes to its `raw`, listed as unmodelled.
 */
import { promAnnotation } from '../dashboards/annotations.js';
import type { AnnotationSpec } from '../dashboards/annotations.js';
import type { DashboardLinkSpec } from '../dashboards/links.js';
import { dashboardsLink, urlLink } from '../dashboards/links.js';
import { datasourceRef } from '../datasources/datasource.js';
import { normalizeDatasourceRef } from '../diff/datasource-ref.js';
import { asArray, isObject } from '../diff/json.js';
import { normalizeAnnotation, normalizeLink } from '../diff/normalize.js';
import type { Json, JsonObject } from '../model/loose.js';
import { clone } from '../model/merge.js';
import { invoke, type Code, type ExprObject } from './code.js';
import type { ImportContext } from './context.js';
import { queryTemplate } from './query-text.js';
import { fieldsToRestore } from './verify.js';
import { setOwn } from '../model/own.js';
import { joinPath } from '../model/issue-path.js';
import { trimRuns } from '../model/trim-runs.js';

/** Fields the importer handles elsewhere, or noise (see diff/normalize.ts). */
const HANDLED = new Set(['panels', 'templating', 'annotations', 'links', 'id', 'version', 'iteration', 'schemaVersion', 'style', 'gnetId', '__inputs', '__requires', '__elements']);
const GRAPH_TOOLTIP = ['off', 'crosshair', 'tooltip'] as const;
const WEEK_START = new Set(['', 'monday', 'saturday', 'sunday']);

/** The `dashboard({...})` options other than panels, variables, links and annotations; `raw` when needed. */
export function dashboardSettings(ctx: ImportContext, d: JsonObject, takenUids?: Set<string>): ExprObject {
  const props: ExprObject = {};
  const uid = typeof d.uid === 'string' && d.uid !== '' ? d.uid : undefined;
  if (!uid) ctx.report('import-uid', ['uid'], 'the dashboard has no uid; dashcode requires a stable one, so one was made from the title: check it', 'warning');
  props.uid = uid ?? unusedUid(slugOf(typeof d.title === 'string' ? d.title : '') || 'dashboard', takenUids);
  props.title = typeof d.title === 'string' ? d.title : '';
  const raw: JsonObject = {};
  const drop = (k: string, why: string) => {
    setOwn(raw, k, d[k]!);
    ctx.keep('dashboard', k, `raw: ${why}`);
  };
  for (const [k, v] of Object.entries(d)) {
    if (HANDLED.has(k) || k === 'uid' || k === 'title' || v === undefined || v === null) continue;
    switch (k) {
      case 'description':
        if (typeof v === 'string') {
          if (v !== '') props.description = v;
        } else drop(k, 'not a string');
        break;
      case 'tags':
        if (Array.isArray(v) && v.every((t) => typeof t === 'string')) {
          if (v.length > 0) props.tags = v;
        } else drop(k, 'not a list of strings');
        break;
      case 'time':
        if (isObject(v) && typeof v.from === 'string' && typeof v.to === 'string' && Object.keys(v).length === 2) {
          if (v.from !== 'now-6h' || v.to !== 'now') props.time = { from: v.from, to: v.to };
        } else drop(k, 'not { from, to }');
        break;
      case 'timezone':
        if (typeof v === 'string') {
          if (v !== 'browser') props.timezone = v;
        } else drop(k, 'not a string');
        break;
      case 'refresh':
        if (typeof v === 'string' && v !== '') props.refresh = v;
        else if (v !== false && v !== '') drop(k, 'not an interval');
        break;
      case 'graphTooltip':
        if (typeof v === 'number' && GRAPH_TOOLTIP[v]) {
          if (v !== 0) props.graphTooltip = GRAPH_TOOLTIP[v];
        } else drop(k, 'not 0, 1 or 2');
        break;
      case 'editable':
      case 'liveNow':
        if (typeof v === 'boolean') {
          // compile writes editable: false unless told, and no liveNow (read as false).
          if (v) props[k] = true;
        } else drop(k, 'not a boolean');
        break;
      case 'weekStart':
        if (typeof v === 'string' && WEEK_START.has(v)) {
          if (v !== '') props.weekStart = v;
        } else drop(k, 'not a known week start');
        break;
      case 'fiscalYearStartMonth':
        if (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 11) {
          if (v !== 0) props.fiscalYearStartMonth = v;
        } else drop(k, 'not a month 0..11');
        break;
      case 'timepicker':
        timepicker(ctx, v, props, raw);
        break;
      case 'preload':
        if (v !== false) drop(k, 'no option for it');
        break;
      case 'revision':
        revision(ctx, v, raw);
        break;
      default:
        if (GRAFANA_DASHBOARD_KEYS.has(k)) drop(k, 'no option for it');
        else {
          // Grafana's DashboardModel (public/app/features/dashboard/state/DashboardModel.ts) copies only the fields
          // it knows in its constructor and saves only those (getSaveModelClone); Scenes' transformSaveModelToScene
          // reads the same ones. A key outside the schema has no effect, and dashcode's output schema refuses it.
          ctx.report('import-dropped', [k], `dashboard key "${k}" dropped: it is not in Grafana's dashboard schema, and Grafana neither reads nor saves it`, 'warning');
          ctx.keep('dashboard', k, "dropped: not in Grafana's dashboard schema");
        }
    }
  }
  // Where Grafana's default for a missing field differs from what compile writes, say it.
  if (d.editable === undefined) props.editable = true;
  if (d.timezone === undefined || d.timezone === null) props.timezone = '';
  if (Object.keys(raw).length > 0) props.raw = raw;
  return props;
}

/** The keys of Grafana's dashboard schema (dashboard.jsonschema.json definitions.Dashboard, kinds/dashboard). */
const GRAFANA_DASHBOARD_KEYS = new Set(['annotations', 'description', 'editable', 'fiscalYearStartMonth', 'gnetId', 'graphTooltip', 'id', 'links', 'liveNow', 'panels', 'preload', 'refresh', 'revision', 'schemaVersion', 'snapshot', 'tags', 'templating', 'time', 'timepicker', 'timezone', 'title', 'uid', 'version', 'weekStart']);

/**
 * `revision` (the grafana.com revision) is an integer in Grafana's schema
 * (`revision?: int64`); a string holding a whole number ("1.0", written by
 * hand-made exports) becomes that number, anything else is dropped. Neither
 * changes what Grafana shows.
 */
function revision(ctx: ImportContext, v: Json, raw: JsonObject): void {
  if (Number.isInteger(v)) {
    raw.revision = v;
    ctx.keep('dashboard', 'revision', 'raw: no option for it');
    return;
  }
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (Number.isInteger(n)) {
    raw.revision = n;
    ctx.report('import-revision', ['revision'], `revision ${JSON.stringify(v)} is a string; Grafana's schema has an integer, so it becomes ${n}`, 'warning');
    ctx.keep('dashboard', 'revision', `raw: ${JSON.stringify(v)} written as ${n}`);
  } else {
    ctx.report('import-revision', ['revision'], `revision ${JSON.stringify(v)} is not an integer, as Grafana's schema requires; dropped (it is grafana.com metadata, not shown)`, 'warning');
    ctx.keep('dashboard', 'revision', 'dropped: not an integer');
  }
}

/**
 * A made-up uid no other imported dashboard has or was given (`-2`, `-3`, ...):
 * Grafana gives a dashboard without a uid a fresh one, so two such dashboards,
 * or one titled like another's uid, never collide there either.
 */
function unusedUid(base: string, taken: Set<string> | undefined): string {
  if (!taken) return base;
  let uid = base;
  for (let n = 2; taken.has(uid); n++) uid = `${base.slice(0, 40 - String(n).length - 1)}-${n}`;
  taken.add(uid);
  return uid;
}

function slugOf(s: string): string {
  return trimRuns(s.toLowerCase().replace(/[^a-z0-9_-]+/g, '-'), '-').slice(0, 40);
}

const TIMEPICKER_DEPRECATED = new Set(['collapse', 'enable', 'notice', 'now', 'status', 'type', 'time_options']);

function timepicker(ctx: ImportContext, v: Json, props: ExprObject, raw: JsonObject): void {
  if (!isObject(v)) {
    raw.timepicker = v;
    ctx.keep('dashboard', 'timepicker', 'raw: not an object');
    return;
  }
  const out: ExprObject = {};
  const rest: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null || TIMEPICKER_DEPRECATED.has(k)) continue;
    if (k === 'refresh_intervals' && Array.isArray(x) && x.every((s) => typeof s === 'string')) out.refreshIntervals = x;
    else if (k === 'hidden' && typeof x === 'boolean') {
      if (x) out.hidden = true;
    } else if (k === 'nowDelay' && typeof x === 'string') {
      if (x !== '') out.nowDelay = x;
    } else {
      setOwn(rest, k, x);
      ctx.keep('dashboard', `timepicker.${k}`, 'raw: no timepicker option for it');
    }
  }
  if (Object.keys(out).length > 0) props.timepicker = out;
  if (Object.keys(rest).length > 0) raw.timepicker = rest;
}

const LINK_ICONS = new Set(['external link', 'dashboard', 'doc', 'info', 'question', 'bolt', 'cloud']);

export function importLinks(ctx: ImportContext, links: unknown): Code[] {
  return asArray(links).flatMap((l, i) => {
    const where = `dashboard link ${i + 1}`;
    if (!isObject(l) || typeof l.title !== 'string') {
      ctx.report('import-link', joinPath('links', i), `${where} has no title; dropped`);
      ctx.keep(where, 'the whole link', 'dropped');
      return [];
    }
    const common: ExprObject = { title: l.title };
    if (typeof l.tooltip === 'string' && l.tooltip !== '') common.tooltip = l.tooltip;
    if (l.includeVars === true) common.includeVars = true;
    if (l.keepTime === true) common.keepTime = true;
    if (l.targetBlank === true) common.targetBlank = true;
    let built: Code;
    if (l.type === 'dashboards') {
      const props: ExprObject = { ...common, tags: Array.isArray(l.tags) ? l.tags.filter((t) => typeof t === 'string') : [] };
      if (l.asDropdown === false) props.asDropdown = false;
      built = invoke(ctx.lib('dashboardsLink'), dashboardsLink, props);
    } else {
      const props: ExprObject = { ...common, url: typeof l.url === 'string' ? l.url : '' };
      if (typeof l.icon === 'string' && l.icon !== 'external link' && LINK_ICONS.has(l.icon)) props.icon = l.icon;
      built = invoke(ctx.lib('urlLink'), urlLink, props);
    }
    const fields = fieldsToRestore(l, asObj(normalizeLink(l)), asObj(normalizeLink((built.value as DashboardLinkSpec).model)));
    if (Object.keys(fields).length === 0) return [built];
    ctx.keep(where, Object.keys(fields).join(', '), 'withFields');
    return [ctx.callHelper('withFields', built, fields)];
  });
}

function asObj(v: Json): JsonObject {
  return isObject(v) ? v : {};
}

/** Annotations other than Grafana's built-in one (compile always adds that). */
export function importAnnotations(ctx: ImportContext, annotations: unknown): Code[] {
  const list = asArray(isObject(annotations) ? annotations.list : undefined);
  return list.flatMap((a, i) => {
    const path = joinPath('annotations', 'list', i);
    if (!isObject(a) || a.builtIn === 1) return [];
    const name = typeof a.name === 'string' ? a.name : `annotation ${i}`;
    const where = `annotation "${name}"`;
    const ref = normalizeDatasourceRef(a.datasource);
    const builtin = ref === undefined || ref.type === 'grafana' || ref.uid === '-- Grafana --';
    let built: Code;
    if (!builtin && typeof a.expr === 'string' && (ref?.type === 'prometheus' || ref?.type === undefined)) {
      const ds = ctx.datasources.resolve(a.datasource, 'prometheus', where, joinPath(path, 'datasource'));
      const props: ExprObject = { name, datasource: ds.expr, expr: queryTemplate(ctx, 'promql', a.expr, { where, path: joinPath(path, 'expr') }) };
      if (typeof a.iconColor === 'string') props.iconColor = a.iconColor;
      if (a.enable === false) props.enable = false;
      if (a.hide === true) props.hide = true;
      for (const k of ['titleFormat', 'textFormat', 'tagKeys', 'step']) if (typeof a[k] === 'string') props[k] = a[k];
      built = invoke(ctx.lib('promAnnotation'), promAnnotation, props);
    } else {
      const ds = builtin ? undefined : ctx.datasources.resolve(a.datasource, undefined, where, joinPath(path, 'datasource'));
      const model = clone(a);
      delete model.datasource;
      if (!builtin) ctx.report('import-annotation-verbatim', path, `${where}: dashcode has a builder for Prometheus annotations only; kept verbatim`);
      ctx.keep(where, 'the whole annotation', 'rawAnnotation');
      return [ctx.callHelper('rawAnnotation', { datasource: ds?.expr, model })];
    }
    const spec = built.value as AnnotationSpec;
    const json: JsonObject = { ...spec.model, datasource: spec.datasource ? ({ ...datasourceRef(spec.datasource) } as Json) : null };
    const fields = fieldsToRestore(a, asObj(normalizeAnnotation(a)), asObj(normalizeAnnotation(json)), ['datasource']);
    if (Object.keys(fields).length === 0) return [built];
    ctx.keep(where, Object.keys(fields).join(', '), 'withFields');
    return [ctx.callHelper('withFields', built, fields)];
  });
}
