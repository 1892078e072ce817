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
  const groups = isObj(doc) && Array.isArray(doc.groups) ? doc.groups : [];
  for (const [gi, g] of groups.entries()) {
    if (!isObj(g) || !Array.isArray(g.rules)) continue;
    for (const [ri, r] of g.rules.entries()) {
      if (!isObj(r) || !Array.isArray(r.data)) continue;
      for (const [di, d] of r.data.entries()) {
        if (!isObj(d) || d.datasourceUid === '__expr__' || !isObj(d.model)) continue;
        const m = d.model;
        const language = typeof m.rawSql === 'string' ? 'sql' : typeof m.expr === 'string' ? 'promql' : undefined;
        const base = { dashboard: 'alert rules', panel: `rule "${String(r.title)}"`, path: `groups[${gi}].rules[${ri}].data[${di}]`, refId: typeof d.refId === 'string' ? d.refId : undefined };
        if (!language) {
          queries.push({ ...base, language: 'unknown', status: 'skipped', message: `not checked (datasource ${String(d.datasourceUid)})`, ms: 0 });
          continue;
        }
        const range = isObj(d.relativeTimeRange) ? d.relativeTimeRange : {};
        const window = { from: new Date(o.at.getTime() - Number(range.from ?? 600) * 1000), to: new Date(o.at.getTime() - Number(range.to ?? 0) * 1000) };
        earliest = Math.min(earliest, window.from.getTime());
        // The model is read raw by Grafana (QueryV1.mapToModel: Model.Raw): no `$$` unescaping.
        const text = language === 'sql' ? String(m.rawSql) : String(m.expr);
        queries.push({ ...base, ...(await runOne(text, language, window, m.instant === true, o)) });
      }
    }
  }
  return { file: o.file, dashboard: 'alert rules', range: { from: new Date(earliest).toISOString(), to: o.at.toISOString() }, variables: [], queries };
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
