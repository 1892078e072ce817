/**
 * Variable use: every `$var` Grafana would interpolate must name a defined
 * variable (or a built-in), and every defined variable should be used.
 * References are found with Grafana's own regex (findVariableReferences).
 */
import { findVariableReferences } from '../../languages/variables/references.js';
import { closestMatch } from '../../model/closest-match.js';
import { joinPath, type IssuePath } from '../../model/issue-path.js';
import type { Report } from '../report.js';
import { classifyRef, effectiveType } from './datasources.js';
import { isObject, panelLabel, str, targetsOf, type DashboardModel, type PanelEntry } from './model.js';

/** A string Grafana interpolates, with where it sits. */
export interface InterpolatedText {
  readonly text: string;
  readonly path: IssuePath;
  readonly panel?: PanelEntry;
}

/** Names Grafana provides without a definition. `$__anything` is a built-in or a macro. */
const LEGACY_BUILTINS = new Set(['timeFilter', 'interval', 'interval_ms']);

export function isBuiltinName(name: string): boolean {
  return name.startsWith('__') || LEGACY_BUILTINS.has(name) || /^\d+$/.test(name);
}

/** Every string Grafana interpolates: queries, titles, descriptions, links, datasource uids, variable queries. */
export function interpolatedTexts(model: DashboardModel): InterpolatedText[] {
  const out: InterpolatedText[] = [];
  const add = (value: unknown, path: IssuePath, panel?: PanelEntry): void => {
    if (typeof value === 'string') {
      if (value.includes('$') || value.includes('[[')) out.push(panel ? { text: value, path, panel } : { text: value, path });
    } else if (Array.isArray(value)) value.forEach((v, i) => add(v, joinPath(path, i), panel));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) add(v, joinPath(path, k), panel);
  };
  for (const panel of model.panels) {
    const p = panel.panel;
    add(p.title, joinPath(panel.path, 'title'), panel);
    add(p.description, joinPath(panel.path, 'description'), panel);
    add(p.links, joinPath(panel.path, 'links'), panel);
    add(p.fieldConfig, joinPath(panel.path, 'fieldConfig'), panel);
    for (const key of ['interval', 'timeFrom', 'timeShift']) add(p[key], joinPath(panel.path, key), panel);
    if (isObject(p.options)) add(p.options.content, joinPath(panel.path, 'options', 'content'), panel);
    add(datasourceText(p.datasource), joinPath(panel.path, 'datasource', 'uid'), panel);
    for (const t of targetsOf(panel)) {
      for (const k of interpolatedKeys(t.target, effectiveType(t, undefined, model))) add(t.target[k], joinPath(t.path, k), panel);
      add(datasourceText(t.target.datasource), joinPath(t.path, 'datasource', 'uid'), panel);
    }
  }
  for (const v of model.variables) {
    add(v.def.query, joinPath(v.path, 'query'));
    add(datasourceText(v.def.datasource), joinPath(v.path, 'datasource', 'uid'));
  }
  const links = Array.isArray(model.root.links) ? model.root.links : [];
  links.forEach((l, i) => {
    if (!isObject(l)) return;
    for (const key of ['url', 'title', 'tooltip']) add(l[key], joinPath('links', i, key));
  });
  const annotations = isObject(model.root.annotations) && Array.isArray(model.root.annotations.list) ? model.root.annotations.list : [];
  annotations.forEach((a, i) => {
    if (!isObject(a) || a.builtIn === 1) return;
    for (const [k, v] of Object.entries(a)) {
      if (k === 'datasource' || k === 'name' || k === 'iconColor') continue;
      add(v, joinPath('annotations', 'list', i, k));
    }
  });
  return out;
}

/** What the query editors keep besides the query Grafana runs: builder state of the SQL, InfluxDB and Prometheus editors. */
const BUILDER_STATE = new Set(['sql', 'select', 'where', 'groupBy', 'group', 'tags', 'table', 'timeColumn', 'metricColumn', 'measurement', 'policy', 'orderByTime', 'resultFormat', 'dsType']);

/**
 * The target fields Grafana interpolates, so lint checks only what Grafana would run:
 * a server-side expression (`__expr__`) names other queries by refId (`$A`), not
 * variables; a query with raw text (`rawSql`, `expr`, a raw InfluxQL `query`) runs that
 * text, and the builder state left beside it is ignored (SqlDatasource.applyTemplateVariables
 * sends only rawSql; PrometheusDatasource interpolates expr, legendFormat and interval).
 */
export function interpolatedKeys(target: Record<string, unknown>, type: string | undefined): string[] {
  if (type === '__expr__') return [];
  if (typeof target.rawSql === 'string') return ['rawSql'];
  if (typeof target.expr === 'string') return ['expr', 'legendFormat', 'interval'].filter((k) => k in target);
  return Object.keys(target).filter((k) => k !== 'refId' && k !== 'datasource' && !(target.rawQuery === true && BUILDER_STATE.has(k)) && !(k === 'alias' && isInfluxAlias(target.alias)));
}

/** InfluxDB alias patterns (`$tag_host`, `[[tag_path]]`, `$col`, `$m`, `$measurement`, `$1`) are the datasource's, not variables. */
function isInfluxAlias(alias: unknown): boolean {
  return typeof alias === 'string' && findVariableReferences(alias).every((r) => /^(tag_\w+|col|m|measurement|\d+)$/.test(r.name));
}

function datasourceText(value: unknown): string | undefined {
  const ref = classifyRef(value);
  return ref.kind === 'variable' ? ref.text : undefined;
}

export function checkVariables(model: DashboardModel, report: Report): void {
  const defined = new Set([...model.variables.map((v) => v.name), ...model.inputs]);
  const names = [...defined];
  const used = new Set<string>();
  // One hint per undefined name, however often it is used.
  const hints = new Map<string, string>();
  const hint = (name: string): string => {
    let h = hints.get(name);
    if (h === undefined) hints.set(name, (h = hintFor(name, names)));
    return h;
  };

  for (const t of interpolatedTexts(model)) {
    const seen = new Set<string>();
    for (const ref of findVariableReferences(t.text)) {
      used.add(ref.name);
      if (defined.has(ref.name) || isBuiltinName(ref.name) || seen.has(ref.name)) continue;
      seen.add(ref.name);
      report('variable-undefined', t.path, `${ref.match} is used but no variable "${ref.name}" is defined${hint(ref.name)}`, t.panel && panelLabel(t.panel));
    }
  }
  for (const panel of model.panels) {
    const repeat = str(panel.panel.repeat);
    if (repeat === undefined || repeat === '') continue;
    used.add(repeat);
    if (!defined.has(repeat)) {
      report('variable-undefined', joinPath(panel.path, 'repeat'), `repeats over "${repeat}", which is not a variable of this dashboard${hint(repeat)}`, panelLabel(panel));
    }
  }

  // A library panel's queries live outside this JSON; an ad hoc filter applies itself to every query.
  if (model.panels.some((p) => isObject(p.panel.libraryPanel))) return;
  const usedByOthers = usedByOtherVariables(model);
  for (const v of model.variables) {
    if (v.type === 'adhoc' || v.type === 'groupby') continue;
    if (used.has(v.name) || usedByOthers.has(v.name)) continue;
    report('variable-unused', joinPath(v.path, 'name'), `variable "${v.name}" is defined but no query, title, link or repeat uses it; remove it or use it`);
  }
}

/**
 * The names some variable's regex or definition refers to, other than its own:
 * those fields are not interpolated for checking, but a use there still
 * counts. Found once for the dashboard, not once per variable.
 */
function usedByOtherVariables(model: DashboardModel): Set<string> {
  const out = new Set<string>();
  for (const v of model.variables) {
    for (const s of [v.def.regex, v.def.definition]) {
      if (typeof s !== 'string') continue;
      for (const r of findVariableReferences(s)) if (r.name !== v.name) out.add(r.name);
    }
  }
  return out;
}

/** How many defined names a message lists. */
const LISTED_NAMES = 10;

function hintFor(name: string, names: readonly string[]): string {
  const near = closestMatch(name, names);
  if (near) return ` (did you mean "${near}"?)`;
  if (names.length === 0) return ' (the dashboard defines no variables)';
  const more = names.length > LISTED_NAMES ? `, and ${names.length - LISTED_NAMES} more` : '';
  return ` (defined: ${names.slice(0, LISTED_NAMES).join(', ')}${more})`;
}

