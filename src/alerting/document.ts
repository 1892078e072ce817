/**
 * Compiles alerting specs to Grafana's file-provisioning format
 * (pkg/services/provisioning/alerting: AlertRuleGroupV1, AlertRuleV1,
 * QueryV1, ContactPointV1, NotificationPolicyV1, MuteTimeIntervalV1,
 * NotificationTemplateV1). Grafana expands `$NAME` in most of those strings
 * (provisioning/values), so there a literal `$` is written `$$` and only
 * `env()` references are written as `$NAME`, as for datasources; but it reads
 * query models and annotations raw (rules_types.go: `Model.Raw`,
 * `Annotations.Raw`) and mute timings and templates as plain API structs, so
 * those are written as they are.
 */
import { datasourceRef } from '../datasources/datasource.js';
import { literal, literalDeep } from '../provisioning/yaml.js';
import { issue, underPath, type Issue } from '../model/issue.js';
import { joinPath, renderPath, type IssuePath } from '../model/issue-path.js';
import { parseDuration } from './duration.js';
import {
  EXPR_DATASOURCE_UID,
  type AlertNode,
  type AlertRuleSpec,
  type AlertingSpec,
  type ExpressionSpec,
  type PolicyRouteSpec,
} from './model.js';

/** Panel ids of the dashboards a rule may link to: dashboard uid → panel title → id. */
export type PanelIndex = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface AlertingCompileResult {
  document: Record<string, unknown>;
  /** refId of every node of every rule, for check, backtest and diff. */
  refIds: ReadonlyMap<AlertNode, string>;
  issues: Issue[];
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A, B, …, Z, AA, AB, … skipping refIds the rule already uses. */
export function assignRefIds(nodes: readonly AlertNode[]): Map<AlertNode, string> {
  const out = new Map<AlertNode, string>();
  const taken = new Set(nodes.map((n) => n.refId).filter((r): r is string => typeof r === 'string'));
  let next = 0;
  const fresh = (): string => {
    for (;;) {
      let n = next++;
      let id = '';
      do {
        id = LETTERS[n % 26] + id;
        n = Math.floor(n / 26) - 1;
      } while (n >= 0);
      if (!taken.has(id)) return id;
    }
  };
  for (const n of nodes) out.set(n, n.refId ?? fresh());
  return out;
}

export function mathText(e: Extract<ExpressionSpec, { type: 'math' }>, refIds: ReadonlyMap<AlertNode, string>): string {
  return e.expression.strings.map((s, i) => (i < e.expression.refs.length ? `${s}$${refIds.get(e.expression.refs[i]!) ?? '?'}` : s)).join('');
}

function inputsOf(e: ExpressionSpec): AlertNode[] {
  return e.type === 'math' ? [...e.expression.refs] : [e.input];
}

function nodeData(n: AlertNode, refIds: ReadonlyMap<AlertNode, string>): Record<string, unknown> {
  const refId = refIds.get(n)!;
  if (n.kind === 'alert-query') {
    const q = n.query;
    return {
      refId,
      relativeTimeRange: { from: Math.round((parseDuration(n.range) ?? 0) / 1000), to: Math.round((parseDuration(n.rangeEnd) ?? 0) / 1000) },
      datasourceUid: literal(q.datasource.uid),
      // Raw: Grafana reads the model without env expansion (QueryV1.mapToModel uses Model.Raw, so `$__timeFilter` survives).
      model: { ...q.model, datasource: datasourceRef(q.datasource), refId, intervalMs: 1000, maxDataPoints: 43200 },
    };
  }
  const model: Record<string, unknown> = { datasource: { type: EXPR_DATASOURCE_UID, uid: EXPR_DATASOURCE_UID }, refId, type: n.type };
  switch (n.type) {
    case 'reduce':
      Object.assign(model, { expression: refIds.get(n.input), reducer: n.reducer });
      if (n.mode !== 'strict') model.settings = n.mode === 'replaceNN' ? { mode: n.mode, replaceWithValue: n.replaceWith } : { mode: n.mode };
      break;
    case 'math':
      model.expression = mathText(n, refIds);
      break;
    case 'threshold': {
      const condition: Record<string, unknown> = { evaluator: { params: [...n.evaluator.params], type: n.evaluator.type } };
      if (n.unloadEvaluator) condition.unloadEvaluator = { params: [...n.unloadEvaluator.params], type: n.unloadEvaluator.type };
      Object.assign(model, { expression: refIds.get(n.input), conditions: [condition] });
      break;
    }
    case 'resample':
      Object.assign(model, { expression: refIds.get(n.input), window: n.window, downsampler: n.downsampler, upsampler: n.upsampler });
      break;
  }
  return { refId, datasourceUid: EXPR_DATASOURCE_UID, model };
}


const stringMap = (m: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, literal(v)]));

function ruleDocument(rule: AlertRuleSpec, panels: PanelIndex | undefined, at: IssuePath, issues: Issue[], refIdsOut: Map<AlertNode, string>): Record<string, unknown> {
  const refIds = assignRefIds(rule.nodes);
  for (const [n, r] of refIds) refIdsOut.set(n, r);
  const seen = new Map<string, number>();
  rule.nodes.forEach((n, i) => {
    const r = refIds.get(n)!;
    if (seen.has(r)) issues.push(issue('alert-rule-refid-duplicate', joinPath(at, 'nodes', i), `refId "${r}" is used twice in rule "${rule.title}"`));
    seen.set(r, i);
    if (n.kind === 'expression') {
      for (const input of inputsOf(n)) {
        if (!refIds.has(input)) issues.push(issue('alert-expression-reference', joinPath(at, 'nodes', i), `a ${n.type} expression refers to a node that is not in this rule's nodes`));
      }
    }
  });
  const out: Record<string, unknown> = {
    uid: rule.uid,
    title: literal(rule.title),
    condition: refIds.get(rule.condition) ?? '',
    data: rule.nodes.map((n) => nodeData(n, refIds)),
  };
  if (rule.panel) {
    const id = panels?.get(rule.panel.dashboardUid)?.get(rule.panel.panelTitle);
    if (panels && id === undefined) {
      issues.push(issue('alert-panel-unknown', joinPath(at, 'panel'), `no panel titled "${rule.panel.panelTitle}" in dashboard "${rule.panel.dashboardUid}"`));
    }
    out.dashboardUid = literal(rule.panel.dashboardUid);
    if (id !== undefined) out.panelId = id;
  }
  Object.assign(out, { noDataState: rule.noDataState, execErrState: rule.execErrState, for: rule.for });
  if (rule.keepFiringFor !== undefined) out.keepFiringFor = rule.keepFiringFor;
  // Raw: Grafana keeps annotations as written (AlertRuleV1.mapToModel: Annotations.Raw), so `{{ $labels.x }}` stays a template.
  out.annotations = { ...rule.annotations };
  out.labels = stringMap(rule.labels);
  out.isPaused = rule.isPaused;
  if (rule.notification) {
    const ns: Record<string, unknown> = { receiver: literal(rule.notification.receiver.name) };
    if (rule.notification.groupBy) ns.group_by = rule.notification.groupBy.map(literal);
    out.notification_settings = ns;
  }
  return out;
}


function routeDocument(r: PolicyRouteSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.receiver) out.receiver = literal(r.receiver.name);
  if (r.groupBy) out.group_by = r.groupBy.map(literal);
  if (r.matchers.length > 0) out.object_matchers = r.matchers.map((m) => [literal(m.label), m.op, literal(m.value)]);
  if (r.groupWait) out.group_wait = r.groupWait;
  if (r.groupInterval) out.group_interval = r.groupInterval;
  if (r.repeatInterval) out.repeat_interval = r.repeatInterval;
  if (r.continue) out.continue = true;
  if (r.muteTimings.length > 0) out.mute_time_intervals = r.muteTimings.map((m) => literal(m.name));
  if (r.activeTimings.length > 0) out.active_time_intervals = r.activeTimings.map((m) => literal(m.name));
  if (r.routes.length > 0) out.routes = r.routes.map(routeDocument);
  return out;
}

/**
 * The alerting provisioning document: every section Grafana's file
 * provisioning reads, in one file. `panels` resolves rule → panel links.
 */
export function alertingDocument(spec: AlertingSpec, panels?: PanelIndex): AlertingCompileResult {
  const issues: Issue[] = [];
  const refIds = new Map<AlertNode, string>();
  const groups = spec.groups ?? [];
  const ruleUids = new Map<string, string>();
  const groupDocs = groups.map((g, gi) => {
    issues.push(...underPath(['groups', gi], g.issues));
    g.rules.forEach((r, ri) => {
      const where = renderPath(['groups', gi, 'rules', ri]);
      if (ruleUids.has(r.uid) && ruleUids.get(r.uid) !== where) issues.push(issue('alert-rule-uid-duplicate', ['groups', gi, 'rules', ri, 'uid'], `uid "${r.uid}" is already used by ${ruleUids.get(r.uid)}`));
      ruleUids.set(r.uid, where);
    });
    const doc: Record<string, unknown> = { orgId: g.orgId, name: literal(g.name), folder: literal(g.folder), interval: g.interval };
    doc.rules = g.rules.map((r, ri) => ruleDocument(r, panels, ['groups', gi, 'rules', ri], issues, refIds));
    return doc;
  });
  const contactPoints = (spec.contactPoints ?? []).map((cp, ci) => {
    issues.push(...underPath(['contactPoints', ci], cp.issues));
    return {
      orgId: cp.orgId,
      name: literal(cp.name),
      receivers: cp.receivers.map((r) => ({ uid: r.uid, type: r.type, settings: literalDeep(r.settings), disableResolveMessage: r.disableResolveMessage })),
    };
  });
  const known = new Set((spec.contactPoints ?? []).map((c) => c.name));
  const policies = (spec.policies ?? []).map((p, pi) => {
    issues.push(...underPath(['policies', pi], p.issues));
    const walk = (r: PolicyRouteSpec, path: IssuePath): void => {
      if (r.receiver && !known.has(r.receiver.name)) issues.push(issue('alert-policy-receiver-unknown', joinPath(path, 'receiver'), `contact point "${r.receiver.name}" is not provisioned: add it to contactPoints`));
      r.routes.forEach((x, i) => walk(x, joinPath(path, 'routes', i)));
    };
    walk(p.root, ['policies', pi]);
    return { orgId: p.orgId, ...routeDocument(p.root) };
  });
  groups.forEach((g, gi) =>
    g.rules.forEach((r, ri) => {
      if (r.notification && !known.has(r.notification.receiver.name)) {
        issues.push(issue('alert-policy-receiver-unknown', ['groups', gi, 'rules', ri, 'notify'], `contact point "${r.notification.receiver.name}" is not provisioned: add it to contactPoints`));
      }
    }),
  );
  const muteTimes = (spec.muteTimings ?? []).map((m, mi) => {
    issues.push(...underPath(['muteTimes', mi], m.issues));
    return {
      orgId: m.orgId,
      // MuteTimeV1 and TemplateV1 embed Grafana's API structs: plain strings, not expanded.
      name: m.name,
      time_intervals: m.intervals.map((iv) => {
        const o: Record<string, unknown> = {};
        if (iv.times) o.times = iv.times.map((t) => ({ start_time: t.start, end_time: t.end }));
        if (iv.weekdays) o.weekdays = [...iv.weekdays];
        if (iv.daysOfMonth) o.days_of_month = [...iv.daysOfMonth];
        if (iv.months) o.months = [...iv.months];
        if (iv.years) o.years = [...iv.years];
        if (iv.location) o.location = iv.location;
        return o;
      }),
    };
  });
  const templates = (spec.templates ?? []).map((t, ti) => {
    issues.push(...underPath(['templates', ti], t.issues));
    return { orgId: t.orgId, name: t.name, template: t.template };
  });
  const document: Record<string, unknown> = { apiVersion: 1 };
  if (groupDocs.length > 0) document.groups = groupDocs;
  if (contactPoints.length > 0) document.contactPoints = contactPoints;
  if (policies.length > 0) document.policies = policies;
  if (muteTimes.length > 0) document.muteTimes = muteTimes;
  if (templates.length > 0) document.templates = templates;
  return { document, refIds, issues };
}
