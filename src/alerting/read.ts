/**
 * Alert rules read back from an alerting provisioning document (the YAML
 * `dashcode build` writes, or a hand-written one), as the specs the backtest
 * engine evaluates. This is how tools that only see generated files
 * (`preview`) backtest the rules linked to a panel.
 *
 * Grafana expands `$NAME` (and reads `$$` as `$`) in the rule's own strings
 * (title, labels: provisioning/values StringValue), but reads query models and
 * annotations raw (AlertRuleV1/QueryV1 mapToModel in
 * pkg/services/provisioning/alerting/rules_types.go), so only those are
 * unescaped here. A rule this reader cannot evaluate
 * (classic conditions, SQL expressions, an unknown reducer) is returned with
 * the reason instead of a spec.
 */
import type { DatasourceSpec } from '../datasources/datasource.js';
import type { JsonObject } from '../model/loose.js';
import type { QuerySpec } from '../queries/query.js';
import type { QueryLanguage } from '../queries/text.js';
import type { AlertNode, AlertQuerySpec, AlertRuleSpec, ExecErrState, MathText, NoDataState, ThresholdType } from './model.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const unescape = (s: string) => s.replaceAll('$$', '$');

export interface ProvisionedRule {
  readonly group: string;
  /** The group's evaluation interval, e.g. `1m`. */
  readonly interval: string;
  readonly uid: string;
  readonly title: string;
  /** `dashboardUid` in the file format, `__dashboardUid__` in an API export. */
  readonly dashboardUid?: string;
  readonly panelId?: number;
  /** The rule as the backtest engine evaluates it, or why it cannot be. */
  readonly spec?: AlertRuleSpec;
  readonly unsupported?: string;
}

const THRESHOLDS = new Set(['gt', 'lt', 'eq', 'ne', 'gte', 'lte', 'within_range', 'outside_range', 'within_range_included', 'outside_range_included']);
const REDUCERS = new Set(['last', 'mean', 'min', 'max', 'sum', 'count']);

/** Every rule of every group of `doc`, in file order. */
export function provisionedRules(doc: unknown): ProvisionedRule[] {
  const out: ProvisionedRule[] = [];
  const groups = isObj(doc) && Array.isArray(doc.groups) ? doc.groups : [];
  for (const g of groups) {
    if (!isObj(g) || !Array.isArray(g.rules)) continue;
    for (const r of g.rules) {
      if (!isObj(r)) continue;
      const annotations = isObj(r.annotations) ? r.annotations : {};
      const dashboardUid = str(r.dashboardUid) ?? str(annotations.__dashboardUid__);
      const panel = r.panelId ?? annotations.__panelId__;
      const panelId = panel === undefined || panel === '' ? undefined : Number(panel);
      const base = {
        group: String(g.name ?? ''),
        interval: String(g.interval ?? '1m'),
        uid: String(r.uid ?? ''),
        title: unescape(String(r.title ?? r.uid ?? '')),
        ...(dashboardUid !== undefined ? { dashboardUid } : {}),
        ...(panelId !== undefined && Number.isInteger(panelId) ? { panelId } : {}),
      };
      try {
        out.push({ ...base, spec: ruleSpec(r, base.uid, base.title) });
      } catch (e) {
        out.push({ ...base, unsupported: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  return out;
}

function ruleSpec(r: Obj, uid: string, title: string): AlertRuleSpec {
  const data = Array.isArray(r.data) ? r.data.filter(isObj) : [];
  const byRefId = new Map<string, AlertNode>();
  // Expressions refer to nodes by refId; resolve them lazily, in data order (Grafana sorts the graph; a forward reference is rare).
  const pending = data.map((d) => ({ d, refId: String(d.refId ?? '') }));
  for (let pass = 0; pass < pending.length && byRefId.size < pending.length; pass++) {
    for (const { d, refId } of pending) {
      if (byRefId.has(refId)) continue;
      const node = nodeSpec(d, refId, byRefId);
      if (node) byRefId.set(refId, node);
    }
  }
  const missing = pending.filter((p) => !byRefId.has(p.refId));
  if (missing.length > 0) throw new Error(`node ${missing[0]!.refId} refers to a node the rule does not have`);
  const condition = byRefId.get(String(r.condition ?? ''));
  if (!condition) throw new Error(`the condition "${String(r.condition)}" is not one of the rule's nodes`);
  const annotations = isObj(r.annotations) ? r.annotations : {};
  const labels = isObj(r.labels) ? r.labels : {};
  return {
    kind: 'alert-rule',
    uid,
    title,
    nodes: pending.map((p) => byRefId.get(p.refId)!),
    condition,
    for: str(r.for) ?? '0s',
    ...(str(r.keepFiringFor) ? { keepFiringFor: str(r.keepFiringFor) } : {}),
    noDataState: (str(r.noDataState) ?? 'NoData') as NoDataState,
    execErrState: (str(r.execErrState) ?? 'Error') as ExecErrState,
    labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, unescape(String(v))])),
    annotations: Object.fromEntries(Object.entries(annotations).map(([k, v]) => [k, String(v)])),
    isPaused: r.isPaused === true,
    issues: [],
  };
}

/** One data entry as a node; undefined while an input it names is not read yet. */
function nodeSpec(d: Obj, refId: string, known: ReadonlyMap<string, AlertNode>): AlertNode | undefined {
  const model = isObj(d.model) ? d.model : {};
  if (d.datasourceUid !== '__expr__') return querySpec(d, model, refId);
  const type = str(model.type);
  const input = () => known.get(String(model.expression ?? ''));
  const common = { kind: 'expression' as const, refId, issues: [] };
  switch (type) {
    case 'reduce': {
      const i = input();
      if (!i) return undefined;
      const reducer = String(model.reducer ?? '');
      if (!REDUCERS.has(reducer)) throw new Error(`reducer "${reducer}" is not evaluated`);
      const settings = isObj(model.settings) ? model.settings : {};
      const mode = settings.mode === 'dropNN' || settings.mode === 'replaceNN' ? settings.mode : 'strict';
      return { ...common, type: 'reduce', input: i, reducer: reducer as 'last', mode, ...(typeof settings.replaceWithValue === 'number' ? { replaceWith: settings.replaceWithValue } : {}) };
    }
    case 'threshold': {
      const i = input();
      if (!i) return undefined;
      const c = Array.isArray(model.conditions) && isObj(model.conditions[0]) ? model.conditions[0] : {};
      const evaluator = thresholdOf(c.evaluator);
      if (!evaluator) throw new Error('the threshold has no evaluator dashcode can read');
      const unload = c.unloadEvaluator === undefined ? undefined : thresholdOf(c.unloadEvaluator);
      return { ...common, type: 'threshold', input: i, evaluator, ...(unload ? { unloadEvaluator: unload } : {}) };
    }
    case 'resample': {
      const i = input();
      if (!i) return undefined;
      return { ...common, type: 'resample', input: i, window: String(model.window ?? '1m'), downsampler: String(model.downsampler ?? 'mean') as 'mean', upsampler: String(model.upsampler ?? 'fillna') as 'fillna' };
    }
    case 'math': {
      const text = String(model.expression ?? '');
      const expression = mathOf(text, known);
      return expression ? { ...common, type: 'math', expression } : undefined;
    }
    default:
      throw new Error(`${type ?? 'untyped'} expressions are not evaluated by dashcode's backtest`);
  }
}

function thresholdOf(e: unknown): { type: ThresholdType; params: number[] } | undefined {
  if (!isObj(e) || !THRESHOLDS.has(String(e.type)) || !Array.isArray(e.params)) return undefined;
  return { type: e.type as ThresholdType, params: e.params.map(Number) };
}

/** `$A / ${B} - 1` → strings and the nodes named; undefined while a named node is not read yet. */
function mathOf(text: string, known: ReadonlyMap<string, AlertNode>): MathText | undefined {
  const strings: string[] = [];
  const refs: AlertNode[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$\{([A-Za-z][\w-]*)\}|\$([A-Za-z]\w*)/g)) {
    const node = known.get(m[1] ?? m[2]!);
    if (!node) return undefined;
    strings.push(text.slice(last, m.index));
    refs.push(node);
    last = m.index + m[0].length;
  }
  strings.push(text.slice(last));
  return { kind: 'math-text', strings, refs };
}

function querySpec(d: Obj, model: Obj, refId: string): AlertQuerySpec {
  const range = isObj(d.relativeTimeRange) ? d.relativeTimeRange : {};
  const language: QueryLanguage | undefined = typeof model.rawSql === 'string' ? 'sql' : typeof model.expr === 'string' ? 'promql' : undefined;
  if (!language) throw new Error(`query ${refId} (datasource ${String(d.datasourceUid)}) is neither SQL nor PromQL: not evaluated`);
  const ds = isObj(model.datasource) ? model.datasource : {};
  const datasource = { kind: 'datasource', type: String(ds.type ?? ''), name: String(d.datasourceUid ?? ''), uid: String(d.datasourceUid ?? ''), access: 'proxy', isDefault: false, orgId: 1, editable: false, jsonData: {}, secureJsonData: {}, issues: [] } satisfies DatasourceSpec;
  const text = language === 'sql' ? String(model.rawSql) : String(model.expr);
  const query: QuerySpec = {
    kind: 'query',
    datasource,
    text: { kind: 'query-text', language, text, variables: [], literalNames: [], issues: [] },
    model: model as JsonObject,
    issues: [],
  };
  const seconds = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return { kind: 'alert-query', refId, query, range: `${seconds(range.from, 600)}s`, rangeEnd: `${seconds(range.to, 0)}s`, issues: [] };
}
