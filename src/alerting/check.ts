/**
 * `dashcode check` for alerting provisioning (generated or hand-written):
 * every rule query runs once over its own window ending at `at`, as Grafana
 * would send it at that evaluation, and is reported like a panel query. A
 * rule query must return numbers or series the expressions can use, so a
 * SQL table with no numeric column is "wrong shape".
 */
import type { DashboardCheck, QueryCheck } from '../check/run/model.js';
import type { PromRunner, SqlRunner } from '../check/run/runners.js';
import { runAlertQueryText, type AlertBackends, type AlertLanguage } from './runners.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function checkAlerting(doc: unknown, o: { file?: string; at: Date; sql?: SqlRunner; prometheus?: PromRunner }): Promise<DashboardCheck> {
  const queries: QueryCheck[] = [];
  let earliest = o.at.getTime();
  for (const { rule, data, model, language, path } of ruleQueries(doc)) {
    const base = { dashboard: 'alert rules', panel: `rule "${String(rule.title)}"`, path, refId: typeof data.refId === 'string' ? data.refId : undefined };
    if (!language) {
      queries.push({ ...base, language: 'unknown', status: 'skipped', message: `not checked (datasource ${String(data.datasourceUid)})`, ms: 0 });
      continue;
    }
    const range = isObj(data.relativeTimeRange) ? data.relativeTimeRange : {};
    const window = { from: new Date(o.at.getTime() - Number(range.from ?? 600) * 1000), to: new Date(o.at.getTime() - Number(range.to ?? 0) * 1000) };
    earliest = Math.min(earliest, window.from.getTime());
    // The model is read raw by Grafana (QueryV1.mapToModel: Model.Raw): no `$$` unescaping.
    const text = language === 'sql' ? String(model.rawSql) : String(model.expr);
    queries.push({ ...base, ...(await runOne(text, language, window, model.instant === true, o)) });
  }
  return { file: o.file, dashboard: 'alert rules', range: { from: new Date(earliest).toISOString(), to: o.at.toISOString() }, variables: [], queries };
}

/** Whether a rule of `doc` has an SQL query checkAlerting would run: the embedded database will be needed. */
export function hasSqlRuleQuery(doc: unknown): boolean {
  for (const q of ruleQueries(doc)) if (q.language === 'sql') return true;
  return false;
}

interface RuleQuery {
  rule: Obj;
  data: Obj;
  model: Obj;
  language: AlertLanguage | undefined;
  path: string;
}

/** Every query of every rule (expressions, `__expr__`, are not queries), with its language when dashcode runs it. */
function* ruleQueries(doc: unknown): Generator<RuleQuery> {
  const groups = isObj(doc) && Array.isArray(doc.groups) ? doc.groups : [];
  for (const [gi, g] of groups.entries()) {
    if (!isObj(g) || !Array.isArray(g.rules)) continue;
    for (const [ri, rule] of g.rules.entries()) {
      if (!isObj(rule) || !Array.isArray(rule.data)) continue;
      for (const [di, data] of rule.data.entries()) {
        if (!isObj(data) || data.datasourceUid === '__expr__' || !isObj(data.model)) continue;
        const model = data.model;
        const language = typeof model.rawSql === 'string' ? 'sql' : typeof model.expr === 'string' ? 'promql' : undefined;
        yield { rule, data, model, language, path: `groups[${gi}].rules[${ri}].data[${di}]` };
      }
    }
  }
}

async function runOne(text: string, language: AlertLanguage, window: { from: Date; to: Date }, instant: boolean, o: AlertBackends): Promise<Omit<QueryCheck, 'dashboard' | 'panel' | 'path' | 'refId'>> {
  const started = performance.now();
  const run = await runAlertQueryText(text, language, instant, window, o);
  const ms = Math.round(performance.now() - started);
  const common = { language, expanded: run.expanded, ms, ...(run.rows !== undefined ? { rows: run.rows } : {}), ...(run.columns ? { columns: run.columns } : {}) };
  if (run.notRun) return { ...common, status: 'skipped', message: run.notRun, ...(run.needs ? { needs: run.needs } : {}) };
  if (run.result instanceof Error) return { ...common, status: run.rows !== undefined ? 'wrong-shape' : 'error', message: run.result.message };
  return { ...common, status: run.result.values.length === 0 ? 'empty' : 'ok' };
}
