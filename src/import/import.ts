/**
 * `importDashboard`: classic Grafana dashboard JSON → an idiomatic dashcode
 * module. The importer evaluates every builder call it writes, compiles the
 * result and compares it with the original the way `dashcode diff` does, so
 * whatever it could not reproduce is reported, never silently lost.
 */
import type { IssueCode } from '../model/issue-codes.js';
import { compileDashboard } from '../compile/compile.js';
import { dashboard, type DashboardSpec } from '../dashboards/dashboard.js';
import type { Change } from '../diff/changes.js';
import { diffDashboards } from '../diff/diff.js';
import { describeChange } from '../diff/format.js';
import { asArray, isObject } from '../diff/json.js';
import { collapsedShift, shiftY, sortByPosition } from '../diff/normalize.js';
import type { JsonObject } from '../model/loose.js';
import { row } from '../rows/row.js';
import type { Issue } from '../model/issue.js';
import { Code, code, commentText, invoke, render, stringLiteral, type ExprObject } from './code.js';
import { ImportContext } from './context.js';
import { dashboardSettings, importAnnotations, importLinks } from './dashboard.js';
import { DatasourceResolver, type KnownDatasource, type NewDatasource } from './datasources.js';
import { printStatement } from './print.js';
import { SlotPlanner } from './layout.js';
import { importPanel } from './panels.js';
import { importVariables } from './variables.js';
import { setOwn } from '../model/own.js';
import { migrateLegacyDashboard } from './legacy.js';
import { COMPACTION_BUDGET, grafanaGrid } from './grid.js';
import { fillInputs } from './inputs.js';
import { joinPath, renderPath, type IssuePath } from '../model/issue-path.js';

export type { KnownDatasource, NewDatasource } from './datasources.js';

export interface ImportOptions {
  /** Datasources of the project's datasources module; references to their uids use the exports. */
  datasources?: readonly KnownDatasource[];
  /** How the generated module imports the datasources module. Default `../datasources/index.js`. */
  datasourcesModule?: string;
  /** How the generated module imports dashcode. Default `dashcode`. */
  library?: string;
  /** The input file, for messages and the header comment. */
  file?: string;
  /** Line width of the generated code (default 120). */
  printWidth?: number;
  /** Names the datasources module already binds; new datasource exports never reuse them. */
  datasourcesModuleNames?: ReadonlySet<string>;
  /** Uids other dashboards of a bulk import have: a uid made up for a dashboard without one avoids them, and is added. */
  takenUids?: Set<string>;
}

export interface ImportResult {
  /** The TypeScript module, formatted; empty when the input cannot be imported (see issues). */
  code: string;
  issues: Issue[];
  /** Fields kept through `raw`, the `withFields`/verbatim helpers, or dropped: `where: field (how)`. */
  unmodelled: string[];
  /**
   * Datasources the dashboard references that the datasources module lacks:
   * append them there (`dashcode import` does), as `export const`s.
   */
  newDatasources: NewDatasource[];
  /** What the generated code does not rebuild exactly (normally empty). */
  roundTrip: Change[];
}

/** The oldest schema with a `panels` list; older dashboards use `rows`. */
const FIRST_PANELS_SCHEMA = 16;
const OLDEST_TESTED_SCHEMA = 27;

export async function importDashboard(json: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  const input = unwrap(json);
  const title = isObject(input) && typeof input.title === 'string' ? input.title : undefined;
  const ctx = new ImportContext(options.file, title);
  const fail = (codeName: IssueCode, message: string): ImportResult => {
    ctx.report(codeName, [], message, 'error');
    return { code: '', issues: ctx.issues, unmodelled: ctx.unmodelled, newDatasources: [], roundTrip: [] };
  };
  const name = options.file ?? 'the input';
  if (!isObject(input)) return fail('import-not-dashboard', `${name} is not a Grafana dashboard: expected a JSON object`);
  const schemaVersion = typeof input.schemaVersion === 'number' ? input.schemaVersion : undefined;
  if (Array.isArray(input.rows) && (!Array.isArray(input.panels) || (schemaVersion ?? 0) < FIRST_PANELS_SCHEMA)) {
    return fail('import-legacy-rows', `${name} uses the legacy "rows" layout (schemaVersion ${schemaVersion ?? 'missing'}, before ${FIRST_PANELS_SCHEMA}); open and save it in Grafana 5 or later so it is migrated to "panels", then import it`);
  }
  if (!Array.isArray(input.panels) && typeof input.title !== 'string') return fail('import-not-dashboard', `${name} is not a Grafana dashboard: it has no "panels" list and no "title"`);
  if (input.panels !== undefined && !Array.isArray(input.panels)) return fail('import-not-dashboard', `${name} is not a Grafana dashboard: "panels" is not a list`);
  if (schemaVersion !== undefined && schemaVersion < OLDEST_TESTED_SCHEMA) {
    ctx.report('import-schema-version', ['schemaVersion'], `schemaVersion ${schemaVersion} is older than ${OLDEST_TESTED_SCHEMA}; the import may miss fields Grafana migrates on load (save it in a recent Grafana first)`, 'warning');
  }
  if (input !== json) ctx.report('import-unwrapped', [], 'the file is an API response ({ dashboard, meta }); imported its "dashboard"', 'info');

  try {
    return await build(ctx, placeAsGrafana(ctx, migrateLegacyPanels(ctx, fillSharedInputs(ctx, input, options.datasources ?? []))), options);
  } catch (err) {
    // A bug in the importer must not take the CLI down with a stack trace: report it as an issue.
    return fail('import-internal', `internal error while importing ${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The dashboard with its legacy panels migrated (see legacy.ts), each
 * migration reported; the import, and its round-trip check, start from it.
 */
function migrateLegacyPanels(ctx: ImportContext, d: JsonObject): JsonObject {
  const { dashboard: migrated, migrations } = migrateLegacyDashboard(d);
  for (const { path, title, migration: m } of migrations) {
    if (m.from !== m.to) ctx.report('import-legacy-panel', joinPath(path, 'type'), `legacy ${m.from} panel migrated to ${m.to}, as Grafana does when it loads the dashboard`, 'info', title);
    if (m.dropped.length > 0) {
      const inert = m.from === m.to;
      ctx.report('import-legacy-dropped', path, inert ? `dropped, as they have no effect in Grafana 7+: ${m.dropped.join(', ')}` : `not carried over by Grafana's ${m.from} → ${m.to} migration: ${m.dropped.join(', ')}`, 'warning', title);
      ctx.keep(title ? `panel "${title}"` : renderPath(path), m.dropped.join(', '), inert ? 'dropped: no effect in Grafana 7+' : `dropped: Grafana's ${m.from} → ${m.to} migration does not carry it over`);
    }
  }
  return migrated;
}

/** `${DS_X}` placeholders of an "export for sharing" filled in as Grafana's import does (inputs.ts), each choice reported. */
function fillSharedInputs(ctx: ImportContext, d: JsonObject, known: readonly KnownDatasource[]): JsonObject {
  const { dashboard: filled, choices } = fillInputs(d, known);
  for (const c of choices) {
    const what = `input \${${c.name}} (a ${c.pluginId} datasource${c.label ? `, ${JSON.stringify(c.label)}` : ''})`;
    if (!c.chosen) {
      ctx.report('import-input', ['__inputs'], `${what}: no ${c.pluginId} datasource is known (add one to the datasources module or pass its provisioning), so it stays a placeholder Grafana cannot resolve`, 'warning');
    } else {
      const many = c.candidates > 1 ? `; ${c.candidates} ${c.pluginId} datasources are known, this is ${c.chosen.isDefault ? 'the default one' : 'the first'}: check it` : '';
      ctx.report('import-input', ['__inputs'], `${what} is the project's ${c.pluginId} datasource "${c.chosen.exportName}" (Grafana's import asks for it and puts its uid in every \${${c.name}})${many}`, many ? 'warning' : 'info');
    }
  }
  return filled;
}

/**
 * Positions dashcode's layout refuses (overlaps, fractional rows) moved to
 * where Grafana's grid shows them (grid.ts), each move reported.
 */
function placeAsGrafana(ctx: ImportContext, d: JsonObject): JsonObject {
  const { dashboard: placed, moved, tooCostly } = grafanaGrid(d);
  if (tooCostly) {
    ctx.report('import-grid-position', ['panels'], `checking this layout and compacting it as Grafana's grid does would take more than ${COMPACTION_BUDGET.toLocaleString('en-US')} collision tests; the positions are kept as given, and each overlap is reported on its own`, 'warning');
  }
  for (const m of moved) {
    const g = m.from;
    ctx.report('import-grid-compacted', joinPath(m.path, 'gridPos'), `${m.title ? '' : `${renderPath(m.path)}: `}at x=${String(g.x)} y=${String(g.y)} w=${String(g.w)} h=${String(g.h)}, ${m.reason}; moved to x=${m.to.x} y=${m.to.y}, where Grafana's grid (react-grid-layout's vertical compaction) shows it`, 'warning', m.title);
  }
  return placed;
}

/** The dashboard inside an API response (`{ dashboard, meta }`), or the input itself. */
function unwrap(json: unknown): unknown {
  if (isObject(json) && isObject(json.dashboard) && isObject(json.meta) && json.panels === undefined) return json.dashboard;
  return json;
}

async function build(ctx: ImportContext, d: JsonObject, options: ImportOptions): Promise<ImportResult> {
  ctx.datasources = new DatasourceResolver(ctx, options.datasources ?? [], options.datasourcesModuleNames);
  const variables = importVariables(ctx, asArray(isObject(d.templating) ? d.templating.list : undefined));
  const panels = importPanels(ctx, asArray(d.panels));
  const settings = dashboardSettings(ctx, d, options.takenUids);
  const links = importLinks(ctx, d.links);
  const annotations = importAnnotations(ctx, d.annotations);

  const { raw, ...props } = settings;
  if (links.length > 0) props.links = links;
  if (annotations.length > 0) props.annotations = annotations;
  if (variables.length > 0) props.variables = variables.map((v) => code(v.identifier, v.spec));
  props.panels = panels;
  // The escape hatch goes last, as in hand-written code.
  if (raw !== undefined) props.raw = raw;
  const dashboardCall = invoke(ctx.lib('dashboard'), dashboard, props);

  const spec = dashboardCall.value as DashboardSpec;
  const compiled = compileDashboard(spec);
  const roundTrip = diffDashboards(d, compiled.json);
  // A diff change's path is prose ("query A.expr"), part of describeChange's text, not an issue path.
  for (const c of roundTrip) ctx.report('import-round-trip', [], `not reproduced exactly: ${describeChange(c)}`, 'warning');
  if (ctx.editorState.size > 0) {
    const fields = [...ctx.editorState].map(([k, n]) => `${k} (${n}×)`).join(', ');
    ctx.report('import-editor-state', [], `query-editor state dropped, as it does not change what runs: ${fields}`, 'info');
    ctx.keep('queries', [...ctx.editorState.keys()].join(', '), 'dropped: query-editor state');
  }

  const source = moduleSource(ctx, options, variables.map((v) => v.declaration), render(dashboardCall));
  return { code: source, issues: ctx.issues, unmodelled: ctx.unmodelled, newDatasources: ctx.datasources.added, roundTrip };
}

/**
 * Panels in Grafana's order (by position), grouped as Grafana groups them:
 * an expanded row owns the panels below it up to the next row; a collapsed
 * row holds its own.
 */
function importPanels(ctx: ImportContext, list: unknown[]): Code[] {
  const index = new Map<object, number>();
  const objects = list.filter((p, i): p is JsonObject => {
    if (isObject(p)) index.set(p, i);
    else ctx.report('import-panel-invalid', joinPath('panels', i), `panels[${i}] is not an object; dropped`);
    return isObject(p);
  });
  const planner = new SlotPlanner(ctx);
  const out: Array<Code | RowDraft> = [];
  let open: RowDraft | undefined;
  for (const p of sortByPosition(objects)) {
    const path = joinPath('panels', index.get(p)!);
    if (p.type === 'row') {
      open = rowDraft(ctx, p, path);
      out.push(open);
      planner.row(p.gridPos, open.collapsed, open.where, path);
      if (open.collapsed) {
        const children = asArray(p.panels).filter(isObject);
        const g = isObject(p.gridPos) ? p.gridPos : {};
        const shift = collapsedShift(children, (typeof g.y === 'number' ? g.y : 0) + (typeof g.h === 'number' ? g.h : 1));
        const childIndex = new Map(children.map((c, j) => [shiftY(c, shift), j]));
        for (const c of sortByPosition([...childIndex.keys()])) {
          const childPath = joinPath(path, 'panels', childIndex.get(c)!);
          if (c.type === 'row') {
            ctx.report('import-nested-row', childPath, `${open.where} holds a row; rows cannot nest, so it is dropped`);
            ctx.keep(open.where, 'a nested row', 'dropped');
            continue;
          }
          const slot = planner.rowPanel(c.gridPos, describe(c, childPath), childPath);
          open.panels.push(importPanel(ctx, c, { path: childPath, slot }));
        }
      }
      continue;
    }
    if (open && !open.collapsed) {
      const slot = planner.rowPanel(p.gridPos, describe(p, path), path);
      open.panels.push(importPanel(ctx, p, { path, slot }));
    } else {
      const slot = planner.panel(p.gridPos, describe(p, path), path);
      out.push(importPanel(ctx, p, { path, slot }));
    }
  }
  return out.map((item) => (item instanceof Code ? item : rowCall(ctx, item)));
}

function describe(p: JsonObject, path: IssuePath): string {
  return typeof p.title === 'string' && p.title !== '' ? `panel "${p.title}"` : `untitled ${typeof p.type === 'string' ? p.type : 'panel'} (${renderPath(path)})`;
}

interface RowDraft {
  where: string;
  props: ExprObject;
  collapsed: boolean;
  panels: Code[];
}

/** Row fields Grafana writes that carry nothing (the row's own datasource and targets are unused). */
const ROW_NOISE = new Set(['type', 'title', 'collapsed', 'gridPos', 'id', 'panels', 'repeat', 'datasource', 'targets', 'repeatIteration', 'repeatPanelId', 'scopedVars']);

function rowDraft(ctx: ImportContext, p: JsonObject, path: IssuePath): RowDraft {
  const title = typeof p.title === 'string' ? p.title : '';
  const where = `row "${title}"`;
  if (title === '') ctx.report('import-row-title', joinPath(path, 'title'), `${where}: no title (Grafana allows it; \`dashcode lint\` warns panel-title)`, 'info');
  const collapsed = p.collapsed === true;
  const props: ExprObject = { title };
  const raw: JsonObject = {};
  if (collapsed) props.collapsed = true;
  if (typeof p.repeat === 'string' && p.repeat !== '') {
    const v = ctx.scope.get(p.repeat);
    if (v) props.repeat = code(v.identifier, v.spec);
    else {
      // Kept as Grafana stored it, so the reviewer sees it; dashcode build cannot check it.
      ctx.report('import-row-repeat', joinPath(path, 'repeat'), `${where}: repeats over "${p.repeat}", which the dashboard does not define; kept through raw`);
      raw.repeat = p.repeat;
      ctx.keep(where, 'repeat', 'raw: repeat over an unknown variable');
    }
  }
  for (const [k, v] of Object.entries(p)) {
    if (ROW_NOISE.has(k) || v === undefined || v === null) continue;
    setOwn(raw, k, v);
    ctx.keep(where, k, 'raw');
  }
  if (Object.keys(raw).length > 0) props.raw = raw;
  if (!collapsed && asArray(p.panels).length > 0) {
    ctx.report('import-row-panels', joinPath(path, 'panels'), `${where}: an expanded row with panels stored inside it; Grafana ignores them, so they are dropped`);
    ctx.keep(where, 'panels', 'dropped: stored inside an expanded row');
  }
  return { where, props, collapsed, panels: [] };
}

function rowCall(ctx: ImportContext, r: RowDraft): Code {
  // The escape hatch goes last, after what the row holds.
  const { raw, ...props } = r.props;
  return invoke(ctx.lib('row'), row, { ...props, panels: r.panels, raw });
}

function moduleSource(ctx: ImportContext, options: ImportOptions, declarations: string[], dashboardExpr: string): string {
  const library = options.library ?? 'dashcode';
  const width = options.printWidth ?? 120;
  const lines: string[] = [];
  const hatches = ['withFields', 'rawQuery', 'rawVariable', 'rawAnnotation'].filter((h) => ctx.libraryValues.has(h)).map((h) => `\`${h}\``);
  lines.push(`/**\n * Imported from ${commentText(options.file ?? 'Grafana dashboard JSON')} by \`dashcode import\`.\n * Review anything kept through ${['`raw`', ...hatches].join(', ')}, then delete this note.\n */`);
  lines.push(printStatement(`import { ${[...ctx.libraryValues].sort().join(', ')} } from ${stringLiteral(library)};`, width));
  if (ctx.datasources.usedExports.size > 0) {
    lines.push(printStatement(`import { ${[...ctx.datasources.usedExports].sort().join(', ')} } from ${stringLiteral(options.datasourcesModule ?? '../datasources/index.js')};`, width));
  }
  lines.push('');
  for (const s of ctx.datasources.local) lines.push(printStatement(s.code, width));
  if (ctx.datasources.local.length > 0) lines.push('');
  for (const d of declarations) lines.push(printStatement(d, width));
  if (declarations.length > 0) lines.push('');
  lines.push(printStatement(`export default ${dashboardExpr};`, width));
  return `${lines.join('\n')}\n`;
}

