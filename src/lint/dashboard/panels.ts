/**
 * Panel hygiene: a title, a unit where the values are times, sizes or
 * percentages, at least one query on data panels, and no two panels of the
 * same kind showing the same queries (usually a copy-paste that was never
 * edited: "Fourth compile forward pass" still querying the third).
 */
import { joinPath, renderPath } from '../../model/issue-path.js';
import type { Report } from '../report.js';
import { classifyRef, effectiveType, type LintDatasource } from './datasources.js';
import { isObject, panelLabel, queryTextOf, targetsOf, type DashboardModel, type PanelEntry } from './model.js';
import { inferPromUnit, inferSqlUnit, type InferredUnit } from './units.js';

/** Panels that show no query results. */
const NO_QUERY_PANELS = new Set(['row', 'text', 'dashlist', 'news', 'annolist', 'alertlist', 'welcome', 'gettingstarted', 'pluginlist', 'alertGroups']);
/** Panels whose values a unit formats. */
const VALUE_PANELS = new Set(['timeseries', 'stat', 'gauge', 'bargauge', 'barchart', 'table', 'histogram', 'state-timeline', 'status-history', 'trend', 'xychart', 'candlestick', 'heatmap', 'graph', 'singlestat']);

export function checkPanels(model: DashboardModel, datasources: readonly LintDatasource[] | undefined, report: Report): void {
  const signatures = new Map<string, PanelEntry>();
  for (const panel of model.panels) {
    const label = panelLabel(panel);
    // A text panel's content is its heading, and an open row without a title is a divider: both are left untitled on purpose.
    const untitledByDesign = panel.type === 'text' || (panel.type === 'row' && panel.panel.collapsed !== true);
    if ((!panel.title || panel.title.trim() === '') && !untitledByDesign) {
      report('panel-title', joinPath(panel.path, 'title'), `${panel.type || 'panel'} at ${renderPath(panel.path)} has no title; say what it shows`, label);
    }
    if (NO_QUERY_PANELS.has(panel.type) || isObject(panel.panel.libraryPanel)) continue;
    const targets = targetsOf(panel);
    if (targets.length === 0) {
      report('panel-no-queries', joinPath(panel.path, 'targets'), `${panel.type} panel has no queries, so it shows "No data"; add a query or remove the panel`, label);
      continue;
    }
    checkUnit(panel, datasources, report);
    const signature = querySignature(panel);
    if (signature === undefined) continue;
    const key = `${panel.type}\n${signature}`;
    const first = signatures.get(key);
    if (first) {
      report('panel-duplicate-query', joinPath(panel.path, 'targets'), `runs the same queries as "${panelLabel(first)}" (${renderPath(first.path)}); a copied panel whose query was never changed?`, label);
    } else signatures.set(key, panel);
  }
}

function checkUnit(panel: PanelEntry, datasources: readonly LintDatasource[] | undefined, report: Report): void {
  if (!VALUE_PANELS.has(panel.type) || hasUnit(panel)) return;
  const inferred = inferUnit(panel, datasources);
  if (!inferred) return;
  report(
    'panel-unit',
    joinPath(panel.path, 'fieldConfig', 'defaults', 'unit'),
    `no unit, but the values are ${describe(inferred.unit)} ("${inferred.name}"); set unit "${inferred.unit}"`,
    panelLabel(panel),
  );
}

function hasUnit(panel: PanelEntry): boolean {
  const fc = panel.panel.fieldConfig;
  if (isObject(fc)) {
    if (isObject(fc.defaults) && typeof fc.defaults.unit === 'string' && fc.defaults.unit !== '') return true;
    const overrides = Array.isArray(fc.overrides) ? fc.overrides : [];
    const setsUnit = (o: unknown): boolean => isObject(o) && Array.isArray(o.properties) && o.properties.some((p) => isObject(p) && p.id === 'unit');
    if (overrides.some(setsUnit)) return true;
  }
  // Legacy panels (schema before the fieldConfig migration) keep the unit in `yaxes[].format`
  // (graph) or `format` (singlestat); Grafana's migration moves it to fieldConfig.defaults.unit.
  const legacy = [panel.panel.format, ...(Array.isArray(panel.panel.yaxes) ? panel.panel.yaxes.map((y) => (isObject(y) ? y.format : undefined)) : [])];
  if (legacy.some((f) => typeof f === 'string' && f !== '' && f !== 'short' && f !== 'none')) return true;
  // The heatmap keeps its axis unit in options.
  const options = panel.panel.options;
  return isObject(options) && isObject(options.yAxis) && typeof options.yAxis.unit === 'string' && options.yAxis.unit !== '';
}

function inferUnit(panel: PanelEntry, datasources: readonly LintDatasource[] | undefined): InferredUnit | undefined {
  for (const t of targetsOf(panel)) {
    if (t.target.hide === true) continue;
    if (typeof t.target.rawSql === 'string') {
      const found = inferSqlUnit(t.target.rawSql, hiddenFields(panel));
      if (found) return found;
    } else if (typeof t.target.expr === 'string') {
      const type = effectiveType(t, datasources);
      if (type !== undefined && type !== 'prometheus') continue;
      const found = inferPromUnit(t.target.expr);
      if (found) return found;
    }
  }
  return undefined;
}

/** Fields hidden by a `custom.hidden` override or an organize transformation: not shown, so no unit needed. */
function hiddenFields(panel: PanelEntry): Set<string> {
  const hidden = new Set<string>();
  const fc = panel.panel.fieldConfig;
  for (const o of isObject(fc) && Array.isArray(fc.overrides) ? fc.overrides : []) {
    if (!isObject(o) || !isObject(o.matcher) || o.matcher.id !== 'byName' || typeof o.matcher.options !== 'string') continue;
    const props = Array.isArray(o.properties) ? o.properties : [];
    if (props.some((p) => isObject(p) && p.id === 'custom.hidden' && p.value === true)) hidden.add(o.matcher.options);
  }
  for (const t of Array.isArray(panel.panel.transformations) ? panel.panel.transformations : []) {
    if (!isObject(t) || t.id !== 'organize' || !isObject(t.options) || !isObject(t.options.excludeByName)) continue;
    for (const [name, excluded] of Object.entries(t.options.excludeByName)) if (excluded === true) hidden.add(name);
  }
  return hidden;
}

function describe(unit: string): string {
  if (unit === 'percent') return 'percentages';
  if (unit.endsWith('bytes')) return 'sizes';
  return 'durations';
}

/** The panel's visible queries, whitespace-normalized, with their datasource; undefined when there is no query text. */
function querySignature(panel: PanelEntry): string | undefined {
  const parts: string[] = [];
  const panelRef = refKey(panel.panel.datasource);
  for (const t of targetsOf(panel)) {
    if (t.target.hide === true) continue;
    const q = queryTextOf(t.target);
    if (!q || q.text.trim() === '') continue;
    const ref = t.target.datasource === undefined || t.target.datasource === null ? panelRef : refKey(t.target.datasource);
    parts.push(`${ref}|${String(t.target.format ?? '')}|${q.key}:${q.text.replace(/\s+/g, ' ').trim()}`);
  }
  return parts.length > 0 ? parts.sort().join('\n') : undefined;
}

function refKey(value: unknown): string {
  const ref = classifyRef(value);
  switch (ref.kind) {
    case 'uid':
      return ref.uid;
    case 'name':
      return ref.name;
    case 'variable':
      return ref.text;
    default:
      return ref.kind;
  }
}
