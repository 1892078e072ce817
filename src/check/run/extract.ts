import { DASHBOARD_UID, isPostgresPlugin, MIXED_UID } from '../../model/datasource-plugins.js';
import type { QueryLanguage } from './model.js';
import type { IssuePath } from '../../model/issue-path.js';

/**
 * The queries in any dashboard JSON (ours or hand-written): every panel
 * target, including panels inside collapsed rows, and every annotation query.
 * The language is chosen by the datasource type, as Grafana sends the target to
 * that datasource's plugin: a Loki `expr` is LogQL, a Prometheus `expr` PromQL,
 * a `__expr__` target a server-side expression. A type dashcode does not know is
 * never parsed as something else.
 */
export interface TargetRef {
  panelTitle: string;
  panelType: string;
  /** Where the target is in the dashboard JSON: `['panels', 3, 'targets', 0]`. */
  path: IssuePath;
  refId?: string;
  language: QueryLanguage;
  text: string;
  format?: string;
  datasourceType?: string;
  maxDataPoints?: number;
  /** The panel's "Min interval" (`panel.interval`): the lower limit of the frontend `$__interval`. */
  minInterval?: string;
  /** The Prometheus query's "Min step" (`target.interval`); not the panel's min interval. */
  minStep?: string;
  instant?: boolean;
  /** Variables this panel is repeated by (the row's first, then the panel's): Grafana runs one clone per value. */
  repeat?: string[];
  /** Server-side expressions: the expression type (`math`, `reduce`, `sql`, …). */
  expressionType?: string;
  /** RefIds of the panel's other queries, which an expression may refer to. */
  panelRefIds?: string[];
  /** The panel is in a collapsed row: Grafana runs nothing of it on load, only once the row is opened. */
  collapsed?: boolean;
}

type Obj = Record<string, unknown>;

/** Whether `dashboard` has a panel query in SQL with any text: the only thing that needs the database. */
export function hasSqlQuery(dashboard: Obj): boolean {
  return extractTargets(dashboard).some((t) => t.language === 'sql' && t.text.trim() !== '');
}

export function extractTargets(dashboard: Obj): TargetRef[] {
  const out: TargetRef[] = [];
  const inputs = inputTypes(dashboard);
  // Annotation queries run on every dashboard load: a broken one is as visible as a broken panel.
  asArray((dashboard.annotations as Obj | undefined)?.list).forEach((a, i) => {
    if (a.builtIn === 1 || a.enable === false) return;
    const target = (a.target as Obj | undefined) ?? a;
    const dsType = datasourceType(a.datasource, inputs) ?? datasourceType(target.datasource, inputs);
    const { language, text } = languageOf(target, dsType);
    if (language === 'unknown' && dsType === undefined) return;
    out.push({ panelTitle: `annotation ${String(a.name ?? i)}`, panelType: 'annotation', path: ['annotations', 'list', i], refId: typeof target.refId === 'string' ? target.refId : undefined, language, text, format: 'table', datasourceType: dsType });
  });
  // Schema < 16: panels live in `rows[]` (each row may repeat), as DashboardMigrator reads them.
  if (!Array.isArray(dashboard.panels)) {
    asArray(dashboard.rows).forEach((r, i) => {
      const repeat = typeof r.repeat === 'string' && r.repeat ? r.repeat : undefined;
      asArray(r.panels).forEach((p, j) => visitPanel(p, ['rows', i, 'panels', j], repeat, inputs, out, r.collapse === true));
    });
  }
  let rowRepeat: string | undefined;
  asArray(dashboard.panels).forEach((p, i) => {
    if (p.type === 'row') {
      // A row's repeat covers its children: the collapsed ones inside it, the open ones after it until the next row.
      rowRepeat = typeof p.repeat === 'string' && p.repeat ? p.repeat : undefined;
      // A row's own `panels` are its collapsed children (an open row's follow it at the top level).
      asArray(p.panels).forEach((child, j) => visitPanel(child, ['panels', i, 'panels', j], rowRepeat, inputs, out, p.collapsed === true));
      return;
    }
    visitPanel(p, ['panels', i], rowRepeat, inputs, out);
  });
  return out;
}

function visitPanel(p: Obj, path: IssuePath, rowRepeat: string | undefined, inputs: ReadonlyMap<string, string>, out: TargetRef[], collapsed = false): void {
  if (p.type === 'row') return;
  const panelDs = p.datasource;
  const targets = asArray(p.targets);
  const refIds = targets.map((t) => t.refId).filter((r): r is string => typeof r === 'string');
  const repeat = [rowRepeat, typeof p.repeat === 'string' && p.repeat ? p.repeat : undefined].filter((r): r is string => r !== undefined);
  targets.forEach((t, k) => {
    if (t.hide === true) return;
    const dsType = datasourceType(t.datasource, inputs) ?? datasourceType(panelDs, inputs);
    const { language, text } = languageOf(t, dsType);
    const ref: TargetRef = {
      panelTitle: typeof p.title === 'string' && p.title ? p.title : `(untitled ${String(p.type)})`,
      panelType: String(p.type),
      path: [...path, 'targets', k],
      refId: typeof t.refId === 'string' ? t.refId : undefined,
      language,
      text,
      format: typeof t.format === 'string' ? t.format : undefined,
      datasourceType: dsType,
      maxDataPoints: typeof p.maxDataPoints === 'number' && p.maxDataPoints > 0 ? p.maxDataPoints : undefined,
      minInterval: typeof p.interval === 'string' && p.interval ? p.interval : undefined,
      minStep: typeof t.interval === 'string' && t.interval ? t.interval : undefined,
      instant: t.instant === true && t.range !== true,
    };
    if (repeat.length > 0) ref.repeat = repeat;
    if (collapsed) ref.collapsed = true;
    if (language === 'expression') {
      ref.expressionType = typeof t.type === 'string' ? t.type : undefined;
      ref.panelRefIds = refIds.filter((r) => r !== ref.refId);
    }
    out.push(ref);
  });
}

/** Datasource plugin ids, by the language their query text is in. */
const PROMETHEUS = new Set(['prometheus']);
const LOKI = new Set(['loki']);
const TEMPO = new Set(['tempo']);
const EXPRESSION = new Set(['__expr__']);

/** A Tempo query that is a trace id (hex) or only a variable (filled from a data link) is a lookup. */
const TRACE_ID_OR_VARIABLE = /^\s*([0-9a-fA-F]{16,32}|\$\w+|\$\{\w+(:\w+)?\}|\[\[\w+\]\])\s*$/;

export function languageOf(t: Obj, dsType: string | undefined): { language: QueryLanguage; text: string } {
  const str = (k: string): string | undefined => (typeof t[k] === 'string' ? (t[k] as string) : undefined);
  if (dsType === undefined) return guessLanguage(t);
  if (EXPRESSION.has(dsType)) return { language: 'expression', text: str('expression') ?? '' };
  // The SQL `check` runs is PostgreSQL's: MySQL and MSSQL speak other dialects and are not checked.
  if (isPostgresPlugin(dsType)) return str('rawSql') !== undefined ? { language: 'sql', text: str('rawSql')! } : { language: 'unknown', text: '' };
  if (PROMETHEUS.has(dsType)) return str('expr') !== undefined ? { language: 'promql', text: str('expr')! } : { language: 'unknown', text: '' };
  if (LOKI.has(dsType)) return str('expr') !== undefined ? { language: 'logql', text: str('expr')! } : { language: 'unknown', text: '' };
  if (TEMPO.has(dsType)) {
    const query = str('query');
    if (query === undefined) return { language: 'unknown', text: '' };
    if (t.queryType === 'traceId' || TRACE_ID_OR_VARIABLE.test(query)) return { language: 'traceid', text: query };
    if (t.queryType === undefined || t.queryType === 'traceql') return { language: 'traceql', text: query };
    return { language: 'unknown', text: '' };
  }
  return { language: 'unknown', text: '' };
}

/** No datasource type (a legacy name, or the default datasource): go by the fields, as old dashboards must. */
function guessLanguage(t: Obj): { language: QueryLanguage; text: string } {
  if (typeof t.rawSql === 'string') return { language: 'sql', text: t.rawSql };
  if (typeof t.expr === 'string') return { language: 'promql', text: t.expr };
  if (typeof t.query === 'string' && t.queryType === 'traceId') return { language: 'traceid', text: t.query };
  if (typeof t.query === 'string' && t.queryType === 'traceql') return { language: 'traceql', text: t.query };
  return { language: 'unknown', text: '' };
}

/**
 * The plugin id of a datasource reference: `{type}`, or an exported dashboard's
 * `${DS_X}` placeholder resolved through `__inputs` (their `pluginId`).
 */
function datasourceType(ref: unknown, inputs: ReadonlyMap<string, string>): string | undefined {
  const fromInput = (s: string): string | undefined => {
    const m = /^\$\{(\w+)\}$|^\$(\w+)$/.exec(s);
    return m ? inputs.get(m[1] ?? m[2] ?? '') : undefined;
  };
  if (typeof ref === 'string') return ref === MIXED_UID ? undefined : fromInput(ref);
  if (!ref || typeof ref !== 'object') return undefined;
  const r = ref as Obj;
  if (typeof r.type === 'string' && r.type !== '' && r.type !== 'datasource') return r.type;
  if (r.type === 'datasource') return r.uid === MIXED_UID || r.uid === DASHBOARD_UID ? undefined : 'grafana';
  return typeof r.uid === 'string' ? fromInput(r.uid) : undefined;
}

/** `${DS_X}` of an export (`__inputs` pluginId) and `$ds` datasource variables (their `query` is the plugin id). */
function inputTypes(dashboard: Obj): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of asArray((dashboard.templating as Obj | undefined)?.list)) {
    if (v.type === 'datasource' && typeof v.name === 'string' && typeof v.query === 'string' && v.query) out.set(v.name, v.query);
  }
  for (const input of asArray(dashboard.__inputs)) {
    if (typeof input.name === 'string' && typeof input.pluginId === 'string') out.set(input.name, input.pluginId);
  }
  return out;
}

export function asArray(v: unknown): Obj[] {
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Obj[]) : [];
}
