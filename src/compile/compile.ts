import { MIXED_UID } from '../model/datasource-plugins.js';
import { datasourceRef, GRAFANA_BUILTIN, type DatasourceSpec } from '../datasources/datasource.js';
import { isDashboard, notMadeByDashboard, type DashboardSpec } from '../dashboards/dashboard.js';
import { builtinAnnotation } from '../dashboards/annotations.js';
import type { Json, JsonObject } from '../model/loose.js';
import { clone, deepMerge } from '../model/merge.js';
import type { PanelSpec } from '../panels/panel.js';
import type { RowSpec } from '../rows/row.js';
import type { VariableSpec } from '../variables/variable.js';
import { issue, withSource, type Issue } from '../model/issue.js';
import { joinPath, panelAt, type IssuePath } from '../model/issue-path.js';
import { refIdFor } from './ids.js';
import { layoutPanels, type GridPos, type LayoutNode } from './layout.js';
import { SCHEMA_VERSION } from './schema-version.js';
import { findNonSerializable } from './serialize.js';
import { orderKeys, printOrdered, type Ordered } from './print-stringified.js';
import { assignOwn, hasOwn, setOwn } from '../model/own.js';
import { builderIssue } from '../validate/guard.js';
import { typedReferenceIssues } from '../queries/positions.js';
import { isChecked } from '../validate/typed.js';

export interface CompileOptions {
  /** Provisioned datasources. When given, a reference to any other datasource is an error. */
  datasources?: readonly DatasourceSpec[];
  /** Source file, for error messages. */
  file?: string;
}

export interface CompileResult {
  json: JsonObject;
  issues: Issue[];
  /** Keys set through the `raw` escape hatch, as `panel "title": key`. */
  escapeHatches: string[];
}

const MIXED = { type: 'datasource', uid: MIXED_UID };

/**
 * For each compiled dashboard JSON: the indices in its top-level `panels` of
 * the entries that did not come (wholly) out of checked builders, which
 * `buildDashboard` must still validate; absent when everything must be
 * (dashboard-level `raw` can rewrite any part). See validate/typed.ts.
 */
const uncheckedEntries = new WeakMap<object, readonly number[]>();

/**
 * For each compiled dashboard JSON whose walk found it plain JSON: that walk's
 * result, so `buildDashboard` prints it without walking it again. Internal:
 * `buildDashboard` holds the JSON from compile to print, so nothing can change
 * it in between; a caller of `compileDashboard` gets no such promise.
 */
const orderedOutputs = new WeakMap<object, Ordered>();

/** The canonical text of `json` as compiled, or undefined: print it with `printCanonical`. */
export function printCompiled(json: JsonObject): string | undefined {
  const ordered = orderedOutputs.get(json);
  return ordered === undefined ? undefined : printOrdered(ordered);
}

/** Top-level panel indices of `json` that need run-time validation; undefined: validate the whole document. */
export function uncheckedPanelIndices(json: JsonObject): readonly number[] | undefined {
  return uncheckedEntries.get(json);
}

/**
 * Dashboard spec → Grafana dashboard JSON. Pure: never mutates the spec, and
 * the same spec always gives the same JSON. Every problem found is returned
 * (none is thrown), each with the path of the field in the output and the
 * dashboard and panel it belongs to.
 */
export function compileDashboard(spec: DashboardSpec, options: CompileOptions = {}): CompileResult {
  // Never throws (README, "Using it as a library"): a value that is not a dashboard spec, or one that
  // breaks compilation (a cyclic raw, say), is one error issue and no JSON.
  const failed = (i: Issue): CompileResult => ({ json: {}, issues: withSource([i], { file: options.file }), escapeHatches: [] });
  if (!isDashboard(spec)) return failed(builderIssue('compileDashboard', spec));
  const notASpec = notMadeByDashboard(spec);
  if (notASpec !== undefined) return failed(issue('builder-input', [], notASpec));
  try {
    return compileSpec(spec, options);
  } catch (err) {
    // Neither is about dashboard()'s options, which it took as they are: a cycle (raw is copied only here), or
    // something in the spec that no builder made (a hand-written panel, say).
    if (err instanceof RangeError) {
      return failed(issue('json-non-serializable', [], 'cannot compile this dashboard: a value in it contains itself (a cycle) or nests too deeply for JSON; look in raw, options and other values passed through as they are'));
    }
    const message = err instanceof Error ? err.message : String(err);
    return failed(issue('builder-input', [], `cannot compile this dashboard spec: every panel, row, variable, link and annotation in it must come from its builder; if they all do, this is a bug in dashcode (${message})`));
  }
}

function compileSpec(spec: DashboardSpec, options: CompileOptions): CompileResult {
  const ctx = new Context(spec, options);
  ctx.add(spec.issues, []);

  const variables = compileVariables(spec.variables, ctx);
  const unchecked: number[] = [];
  const panels = compilePanels(spec.panels, ctx, unchecked);
  const annotations = [builtinAnnotation(), ...spec.annotations.map((a, i) => compileAnnotation(a, i, ctx))];

  const json: JsonObject = {
    annotations: { list: annotations },
    editable: spec.editable ?? false,
    fiscalYearStartMonth: spec.fiscalYearStartMonth ?? 0,
    graphTooltip: { off: 0, crosshair: 1, tooltip: 2 }[spec.graphTooltip ?? 'off'],
    id: null,
    links: spec.links.map((l) => clone(l.model)),
    panels,
    schemaVersion: SCHEMA_VERSION,
    tags: [...(spec.tags ?? [])],
    templating: { list: variables },
    time: { ...(spec.time ?? { from: 'now-6h', to: 'now' }) },
    timepicker: timepicker(spec),
    timezone: spec.timezone ?? 'browser',
    title: spec.title,
    uid: spec.uid,
    weekStart: spec.weekStart ?? '',
  };
  if (spec.description !== undefined) json.description = spec.description;
  if (spec.refresh) json.refresh = spec.refresh;
  if (spec.liveNow !== undefined) json.liveNow = spec.liveNow;

  if (spec.raw) {
    assignOwn(json, deepMerge(json, spec.raw));
    ctx.escapeHatches.push(...Object.keys(spec.raw).map((k) => `dashboard: ${k}`));
  }
  // One walk checks the output is plain JSON and puts every key in canonical order (panels come out of
  // cloneWith sorted; the few objects that are not, and what users wrote in options or raw, are copied
  // sorted), so printing it is JSON.stringify (print-stringified.ts).
  const ordered = orderKeys(json);
  if (ordered === undefined) {
    for (const bad of findNonSerializable(json)) ctx.add([issue('json-non-serializable', bad.path, bad.message)], [], panelTitleAt(json, bad.path));
    if (!spec.raw) uncheckedEntries.set(json, unchecked);
    return { json, issues: ctx.issues, escapeHatches: ctx.escapeHatches };
  }
  const out = ordered.value as JsonObject;
  if (!spec.raw) uncheckedEntries.set(out, unchecked);
  orderedOutputs.set(out, ordered);
  return { json: out, issues: ctx.issues, escapeHatches: ctx.escapeHatches };
}

class Context {
  readonly issues: Issue[] = [];
  readonly escapeHatches: string[] = [];
  readonly variableNames: Set<string>;
  private readonly provisioned?: Map<string, DatasourceSpec>;

  constructor(
    readonly spec: DashboardSpec,
    readonly options: CompileOptions,
  ) {
    this.variableNames = new Set(spec.variables.map((v) => v.name));
    if (options.datasources) this.provisioned = new Map(options.datasources.map((d) => [d.uid, d]));
  }

  add(issues: readonly Issue[], basePath: IssuePath, panel?: string): void {
    if (issues.length === 0) return;
    const source = { file: this.options.file, dashboard: this.spec.title, panel };
    for (const i of withSource(issues, source)) this.issues.push({ ...i, path: joinPath(basePath, i.path) });
  }

  /**
   * The `{type, uid}` reference, after checking the datasource is provisioned and agrees on type.
   * `at` gives the reference's path, made only for an issue (compile's hot path).
   */
  datasource(ds: DatasourceSpec | undefined, at: PathAt, panel?: string): Json {
    if (!ds || typeof ds !== 'object') {
      this.add([issue('datasource-missing', pathOf(at), 'no datasource: pass a datasource object from datasources/')], [], panel);
      return null;
    }
    if (this.provisioned) {
      const known = this.provisioned.get(ds.uid);
      // An external datasource (a `${ds}` variable, Grafana's built-in one) may be declared next to the dashboard.
      if (!known && ds.external !== true) {
        this.add([issue('datasource-unknown', pathOf(at), `datasource "${ds.name}" (uid ${ds.uid}) is not in datasources/, so Grafana would not have it`)], [], panel);
      } else if (known && known.type !== ds.type) {
        this.add([issue('datasource-type-mismatch', pathOf(at), `datasource uid ${ds.uid} is provisioned as type "${known.type}", referenced as "${ds.type}"`)], [], panel);
      }
    }
    return { ...datasourceRef(ds) };
  }

  /** Variables a query's text names literally (`$instance`), which no variable object vouches for. */
  requireNames(names: readonly string[], at: PathAt, panel?: string): void {
    for (const name of names) {
      if (!this.variableNames.has(name)) {
        this.add(
          [issue('variable-undefined', pathOf(at), `uses $${name}, which the dashboard does not define (define the variable and interpolate the object: \${${name}})`, 'error')],
          [],
          panel,
        );
      }
    }
  }

  requireVariables(used: readonly VariableSpec[], at: PathAt, panel?: string): void {
    for (const v of used) {
      if (!this.variableNames.has(v.name)) {
        this.add(
          [issue('variable-undefined', pathOf(at), `uses variable "${v.name}", which the dashboard does not define (add it to \`variables\`)`, 'error')],
          [],
          panel,
        );
      }
    }
  }
}

/** A path, or how to make it: most never name an issue, and the hot path should not build them. */
type PathAt = IssuePath | (() => IssuePath);
const pathOf = (at: PathAt): IssuePath => (typeof at === 'function' ? at() : at);

function compileVariables(variables: readonly VariableSpec[], ctx: Context): JsonObject[] {
  const seen = new Set<string>();
  return variables.map((v, i) => {
    const path: IssuePath = ['templating', 'list', i];
    ctx.add(v.issues, path);
    if (seen.has(v.name)) ctx.add([issue('variable-duplicate', joinPath(path, 'name'), `variable "${v.name}" is defined twice`)], []);
    seen.add(v.name);
    for (const dep of v.dependsOn) {
      if (dep.name === v.name) ctx.add([issue('variable-cycle', joinPath(path, 'query'), `variable "${v.name}" refers to itself`)], []);
    }
    ctx.requireVariables(v.dependsOn, joinPath(path, 'query'));
    ctx.escapeHatches.push(...(v.rawKeys ?? []).map((k) => `variable "${v.name}": ${k}`));
    const json = clone(v.model);
    if (v.datasource !== undefined || v.type === 'query') json.datasource = ctx.datasource(v.datasource, joinPath(path, 'datasource'));
    return json;
  });
}

function compileAnnotation(a: DashboardSpec['annotations'][number], index: number, ctx: Context): JsonObject {
  const path: IssuePath = ['annotations', 'list', index + 1];
  const json = clone(a.model);
  json.datasource = a.datasource ? ctx.datasource(a.datasource, joinPath(path, 'datasource')) : { ...GRAFANA_BUILTIN };
  if (a.text) {
    ctx.requireVariables(a.text.variables, path);
    ctx.requireNames(a.text.literalNames, path);
    const field = a.text.language === 'sql' ? ['target', 'rawSql'] : ['expr'];
    ctx.add([...a.text.issues, ...typedReferenceIssues(a.text, ctx.spec.variables)], joinPath(path, field));
  }
  return json;
}

/** Lays out rows and panels, assigns ids, and compiles each panel. */
function compilePanels(items: DashboardSpec['panels'], ctx: Context, unchecked: number[]): JsonObject[] {
  const nodes: LayoutNode[] = items.map((item) =>
    item.kind === 'row' ? { kind: 'row', collapsed: item.collapsed, panels: item.panels.map((p) => p.slot) } : { kind: 'panel', slot: item.slot },
  );
  const layout = layoutPanels(nodes);

  // Output paths: an expanded row's panels follow it at the top level; a collapsed row keeps them inside.
  const outputPath: IssuePath[] = [];
  const childPath: IssuePath[][] = [];
  let top = 0;
  items.forEach((item, i) => {
    outputPath[i] = ['panels', top++];
    childPath[i] = [];
    if (item.kind === 'row') {
      item.panels.forEach((_, j) => {
        childPath[i]![j] = item.collapsed ? joinPath(outputPath[i]!, 'panels', j) : ['panels', top++];
      });
    }
  });
  for (const li of layout.issues) {
    // Layout reports input positions (`panels[i].panels[j]…`, a row's own list); the output moves an expanded row's panels up.
    const at = panelAt(li.path);
    const [i = -1, j] = at?.indexes ?? [];
    const item = items[i];
    const panelTitle = j === undefined ? item?.title : (item as RowSpec | undefined)?.panels[j]?.title;
    const path = (j === undefined ? outputPath[i] : childPath[i]?.[j]) ?? [];
    ctx.add([{ ...li, path: joinPath(path, at?.rest ?? li.path) }], [], panelTitle);
  }

  const ids = assignIds(items, ctx, outputPath, childPath);
  const out: JsonObject[] = [];
  items.forEach((item, i) => {
    const placed = layout.nodes[i];
    if (item.kind === 'row') {
      const rowPlaced = placed?.kind === 'row' ? placed : undefined;
      const children = item.panels.map((p, j) =>
        compilePanel(p, ids.get(p) ?? 0, rowPlaced?.panels[j] ?? fallbackPos(), childPath[i]![j]!, ctx),
      );
      const rowJson: JsonObject = {
        collapsed: item.collapsed,
        gridPos: gridPosJson(rowPlaced?.gridPos ?? fallbackPos()),
        id: ids.get(item) ?? 0,
        panels: item.collapsed ? children : [],
        title: item.title,
        type: 'row',
      };
      ctx.add(item.issues, outputPath[i]!, item.title);
      if (item.raw) {
        assignOwn(rowJson, deepMerge(rowJson, item.raw));
        ctx.escapeHatches.push(...Object.keys(item.raw).map((k) => `row "${item.title}": ${k}`));
      }
      if (item.repeat) {
        rowJson.repeat = item.repeat.name;
        ctx.requireVariables([item.repeat], joinPath(outputPath[i]!, 'repeat'), item.title);
      }
      const rowChecked = isChecked(item) && typeof item.title === 'string' && typeof item.collapsed === 'boolean';
      if (!rowChecked || (item.collapsed && !item.panels.every((p, j) => panelChecked(p, children[j]!)))) unchecked.push(out.length);
      out.push(rowJson);
      if (!item.collapsed) {
        item.panels.forEach((p, j) => {
          if (!panelChecked(p, children[j]!)) unchecked.push(out.length + j);
        });
        out.push(...children);
      }
    } else {
      const json = compilePanel(item, ids.get(item) ?? 0, placed?.gridPos ?? fallbackPos(), outputPath[i]!, ctx);
      if (!panelChecked(item, json)) unchecked.push(out.length);
      out.push(json);
    }
  });
  return out;
}

function assignIds(items: DashboardSpec['panels'], ctx: Context, outputPath: IssuePath[], childPath: IssuePath[][]): Map<object, number> {
  const ids = new Map<object, number>();
  const owner = new Map<number, string>();
  let ordinal = 0;
  const take = (node: PanelSpec | RowSpec, path: IssuePath) => {
    ordinal += 1;
    const id = node.id ?? ordinal;
    const previous = owner.get(id);
    if (previous !== undefined) {
      ctx.add(
        [issue('panel-id-duplicate', joinPath(path, 'id'), `id ${id} is already used by ${previous}; ids must be unique within a dashboard`)],
        [],
        node.title,
      );
    } else {
      owner.set(id, `${node.kind} "${node.title}"`);
    }
    ids.set(node, id);
  };
  // Explicit ids claim their number first, so an automatic id that collides is reported on the explicit one's twin.
  items.forEach((item, i) => {
    take(item, outputPath[i]!);
    if (item.kind === 'row') item.panels.forEach((p, j) => take(p, childPath[i]![j]!));
  });
  return ids;
}

function compilePanel(p: PanelSpec, id: number, gridPos: GridPos, path: IssuePath, ctx: Context): JsonObject {
  ctx.add(p.issues, path, p.title);
  if (p.rawKeys.length > 0) ctx.escapeHatches.push(...p.rawKeys.map((k) => `panel "${p.title}": ${k}`));
  const extra: JsonObject = {};
  let targets: JsonObject[] | undefined;
  if (p.queries.length > 0 || p.type !== 'text') {
    // Most panels have one query: no set to find a second use of its refId in.
    const usedRefIds = p.queries.length > 1 ? new Set<string>() : undefined;
    targets = p.queries.map((q, i) => {
      const refId = q.refId ?? refIdFor(i);
      if (usedRefIds?.has(refId)) {
        ctx.add([issue('query-refid-duplicate', joinPath(path, 'targets', i, 'refId'), `refId "${refId}" is used twice in this panel`)], [], p.title);
      }
      usedRefIds?.add(refId);
      if (q.rawKeys && q.rawKeys.length > 0) ctx.escapeHatches.push(...q.rawKeys.map((k) => `panel "${p.title}" query ${refId}: ${k}`));
      const target = () => joinPath(path, 'targets', i);
      if (q.text) {
        ctx.requireVariables(q.text.variables, target, p.title);
        ctx.requireNames(q.text.literalNames, target, p.title);
        const typed = typedReferenceIssues(q.text, ctx.spec.variables);
        if (typed.length > 0) ctx.add(typed, joinPath(target(), q.text.language === 'sql' ? 'rawSql' : 'expr'), p.title);
      }
      return cloneWith(q.model, { datasource: ctx.datasource(q.datasource, () => joinPath(target(), 'datasource'), p.title), refId });
    });
    const first = p.queries[0]?.datasource;
    if (first) extra.datasource = p.queries.every((q) => q.datasource?.uid === first.uid) ? { ...datasourceRef(first) } : { ...MIXED };
  }
  extra.gridPos = gridPosJson(gridPos);
  extra.id = id;
  if (targets) extra.targets = targets;
  if (p.repeat) ctx.requireVariables([p.repeat], joinPath(path, 'repeat'), p.title);
  return cloneWith(p.model, extra);
}

/** A fresh gridPos with its keys in canonical order, so the printer need not sort it (serialize.ts). */
function gridPosJson(p: GridPos): JsonObject {
  return { h: p.h, w: p.w, x: p.x, y: p.y };
}

/**
 * `{ ...clone(model), ...extra }`, built in key order: when both `model`'s keys
 * and `extra`'s are in canonical (sorted) order, as the builders write them,
 * so is the result, and printing it needs no sort (serialize.ts). Any order
 * still gives the same JSON; only the printer's work differs.
 */
function cloneWith(model: JsonObject, extra: JsonObject): JsonObject {
  const out: JsonObject = {};
  const extraKeys = Object.keys(extra);
  let e = 0;
  for (const key in model) {
    if (!hasOwn(model, key)) continue;
    while (e < extraKeys.length && extraKeys[e]! < key) {
      out[extraKeys[e]!] = extra[extraKeys[e]!]!;
      e++;
    }
    if (hasOwn(extra, key)) continue;
    const v = model[key];
    if (v !== undefined) setOwn(out, key, clone(v));
  }
  for (; e < extraKeys.length; e++) out[extraKeys[e]!] = extra[extraKeys[e]!]!;
  return out;
}

/**
 * Whether a compiled panel needs no run-time schema check: the panel and its
 * queries came out of checked builders (validate/typed.ts), and the datasource
 * references, which come from the datasource objects the user passed, are
 * what the schema wants (non-empty type and uid).
 */
function panelChecked(p: PanelSpec, json: JsonObject): boolean {
  if (!isChecked(p)) return false;
  for (const q of p.queries) if (!isChecked(q)) return false;
  if (json.datasource !== undefined && !isRef(json.datasource)) return false;
  for (const t of (json.targets as JsonObject[] | undefined) ?? []) if (!isRef(t.datasource)) return false;
  return true;
}

function isRef(v: Json | undefined): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return typeof v.type === 'string' && v.type !== '' && typeof v.uid === 'string' && v.uid !== '';
}

/** Title of the panel a JSON path points into (`panels[3]…` or `panels[2].panels[1]…`). */
export function panelTitleAt(json: JsonObject, path: IssuePath): string | undefined {
  const at = panelAt(path);
  if (!at) return undefined;
  const [i, j] = at.indexes;
  let node = (json.panels as JsonObject[] | undefined)?.[i!];
  if (j !== undefined) node = (node?.panels as JsonObject[] | undefined)?.[j];
  return typeof node?.title === 'string' ? node.title : undefined;
}

function fallbackPos(): GridPos {
  return { h: 8, w: 12, x: 0, y: 0 };
}

function timepicker(spec: DashboardSpec): JsonObject {
  const t = spec.timepicker;
  const out: JsonObject = {};
  if (t?.refreshIntervals) out.refresh_intervals = [...t.refreshIntervals];
  if (t?.hidden !== undefined) out.hidden = t.hidden;
  if (t?.nowDelay !== undefined) out.nowDelay = t.nowDelay;
  return out;
}
