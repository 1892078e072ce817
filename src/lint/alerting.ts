/**
 * Alert-rule lint, on Grafana's alerting provisioning format (generated or
 * hand-written): what the schema cannot say about a rule that will page
 * someone.
 */
import { joinPath } from '../model/issue-path.js';
import { isObject } from './dashboard/model.js';
import { TIME_CONDITION } from './dashboard/sql.js';
import type { Report } from './report.js';
import { SECRET_SETTINGS } from '../alerting/notifications/contact-point.js';
import { isEnvReference } from '../model/env.js';
import { findVariableReferences } from '../languages/variables/references.js';

/** Dashboards a rule may link to: uid → panel ids. */
export type DashboardPanels = ReadonlyMap<string, ReadonlySet<number>>;

/**
 * `$$` where Grafana does not expand: query models and annotations are read
 * raw (rules_types.go: QueryV1.mapToModel uses Model.Raw, AlertRuleV1 keeps
 * Annotations.Raw), so an escaped `$$__timeFilter`, `$$A` or `{{ $$labels }}`
 * reaches Grafana as written. In SQL only before a macro (`$$` also opens a
 * PostgreSQL dollar-quoted string).
 */
const RAW_DOLLAR_SQL = /\$\$__[A-Za-z]/;
const RAW_DOLLAR = /\$\$(?:__[A-Za-z]|[A-Za-z{])/;

const RAW_COUNTER = /^\s*([A-Za-z_:][A-Za-z0-9_:]*_(total|count|sum|bucket))\s*(\{[^}]*\})?\s*$/;

export function checkAlertingDocument(doc: Record<string, unknown>, report: Report, dashboards?: DashboardPanels): void {
  (Array.isArray(doc.contactPoints) ? doc.contactPoints : []).forEach((cp, ci) => {
    if (!isObject(cp) || !Array.isArray(cp.receivers)) return;
    cp.receivers.forEach((r, ri) => {
      if (!isObject(r) || !isObject(r.settings) || typeof r.type !== 'string') return;
      for (const key of Object.hasOwn(SECRET_SETTINGS, r.type) ? SECRET_SETTINGS[r.type]! : []) {
        const v = r.settings[key];
        if (typeof v === 'string' && v !== '' && !isEnvReference(v)) {
          report('provisioning-secret', joinPath('contactPoints', ci, 'receivers', ri, 'settings', key), `contact point "${String(cp.name)}": the ${r.type} ${key} is a credential written in plain text; use an environment reference such as $${r.type.toUpperCase()}_${key.toUpperCase()}`);
        }
      }
    });
  });
  const groups = Array.isArray(doc.groups) ? doc.groups : [];
  groups.forEach((g, gi) => {
    if (!isObject(g) || !Array.isArray(g.rules)) return;
    g.rules.forEach((r, ri) => {
      if (!isObject(r)) return;
      const at = joinPath('groups', gi, 'rules', ri);
      const title = typeof r.title === 'string' ? r.title : `rules[${ri}]`;
      const data = (Array.isArray(r.data) ? r.data : []).filter(isObject);
      const models = data.map((d) => (isObject(d.model) ? d.model : {}));
      const isExpr = (d: Record<string, unknown>) => d.datasourceUid === '__expr__';
      const forText = typeof r.for === 'string' ? r.for : '';
      if (models.some((m, i) => !isExpr(data[i]!) && typeof m.expr === 'string') && (forText === '' || /^0+[a-z]*$/.test(forText))) {
        report('alert-for-missing', joinPath(at, 'for'), `rule "${title}" fires on the first evaluation of a sampled metric: one noisy scrape pages someone; set \`for\` (e.g. "5m")`);
      }
      const annotations = isObject(r.annotations) ? r.annotations : {};
      const missing = ['summary', 'runbook_url'].filter((k) => typeof annotations[k] !== 'string' || annotations[k] === '');
      if (missing.length > 0) report('alert-annotation-missing', joinPath(at, 'annotations'), `rule "${title}" has no ${missing.join(' or ')} annotation: whoever is paged needs to know what broke and what to do`);
      for (const [key, value] of Object.entries(annotations)) {
        if (typeof value === 'string' && RAW_DOLLAR.test(value)) report('alert-raw-dollar', joinPath(at, 'annotations', key), rawDollarMessage(title, `annotation ${key}`));
      }
      data.forEach((d, i) => {
        const m = models[i]!;
        for (const key of ['rawSql', 'expr', 'expression'] as const) {
          const text = m[key];
          if (typeof text === 'string' && (key === 'rawSql' ? RAW_DOLLAR_SQL : RAW_DOLLAR).test(text)) report('alert-raw-dollar', joinPath(at, 'data', i, 'model', key), rawDollarMessage(title, `query ${String(d.refId)}`));
        }
        if (isExpr(d)) return;
        if (typeof m.rawSql === 'string' && !TIME_CONDITION.test(m.rawSql)) {
          report('alert-time-filter', joinPath(at, 'data', i, 'model', 'rawSql'), `rule "${title}": the SQL query has no $__timeFilter (or $__timeFrom/$__timeTo), so the rule's time range (relativeTimeRange) is ignored and every evaluation reads the whole table`);
        }
        if (typeof m.expr === 'string' && RAW_COUNTER.test(m.expr) && feedsThreshold(String(d.refId), data)) {
          const name = RAW_COUNTER.exec(m.expr)![1];
          report('alert-counter-threshold', joinPath(at, 'data', i, 'model', 'expr'), `rule "${title}" compares the raw counter ${name} with a threshold: a counter only grows (and resets on restart); alert on rate(${name}[5m]) or increase(…) instead`);
        }
      });
      if (dashboards && typeof r.dashboardUid === 'string') {
        const panels = dashboards.get(r.dashboardUid);
        if (!panels) report('alert-panel-unknown', joinPath(at, 'dashboardUid'), `rule "${title}" links to dashboard "${r.dashboardUid}", which no dashboard here has`);
        else if (r.panelId !== undefined && !panels.has(Number(r.panelId))) report('alert-panel-unknown', joinPath(at, 'panelId'), `rule "${title}" links to panel ${String(r.panelId)}, which dashboard "${r.dashboardUid}" does not have`);
      }
    });
  });
}

function rawDollarMessage(title: string, where: string): string {
  return `rule "${title}": the ${where} has "$$", but Grafana reads query models and annotations without environment expansion, so "$$" stays "$$" (a broken macro, expression reference or template); write a single "$" there`;
}

/** Whether a threshold or comparison reads this refId, directly or through reduce/resample. */
function feedsThreshold(refId: string, data: ReadonlyArray<Record<string, unknown>>): boolean {
  // What each expression reads: a reduce or resample names its input (`A`), math writes `$A` or `${A}`. Found once,
  // and walked breadth-first with a visited set: a rule whose expressions read each other in a cycle, or in layers
  // that each read both of the layer before, must neither overflow the stack nor take exponential time.
  const readers = data
    .filter((d) => d.datasourceUid === '__expr__' && isObject(d.model))
    .map((d) => {
      const m = d.model as Record<string, unknown>;
      const expression = typeof m.expression === 'string' ? m.expression : '';
      return { refId: String(d.refId), model: m, reads: new Set([expression, ...findVariableReferences(expression).map((r) => r.name)]) };
    });
  const seen = new Set([refId]);
  const todo = [refId];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    for (const { refId: next, model: m, reads } of readers) {
      if (!reads.has(id)) continue;
      if (m.type === 'threshold' || (m.type === 'math' && /[<>]=?|==|!=/.test(String(m.expression)))) return true;
      if ((m.type === 'reduce' || m.type === 'resample') && !seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return false;
}
