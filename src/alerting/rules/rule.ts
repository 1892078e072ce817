import { issue, underPath, type Issue } from '../../model/issue.js';
import { parseDuration } from '../duration.js';
import { isAlertNode, type AlertNode, type AlertRuleSpec, type ContactPointSpec, type ExecErrState, type NoDataState, type PanelLink } from '../model.js';
import { isUid } from '../../model/uid.js';

export interface AlertRuleOptions {
  /** Stable uid, 1–40 characters of `[A-Za-z0-9_-]`. */
  uid: string;
  title: string;
  /** Queries and expressions, in evaluation order; refIds A, B, C… unless a node names its own. */
  nodes: readonly AlertNode[];
  /** The node whose result decides the state: non-zero fires, zero is normal, no value is no data. */
  condition: AlertNode;
  /** Pending period before firing; `0s` fires on the first true evaluation. Default `0s`. */
  for?: string;
  /** Keeps firing (Recovering) this long after the condition clears. */
  keepFiringFor?: string;
  noDataState?: NoDataState;
  execErrState?: ExecErrState;
  labels?: Record<string, string>;
  /** `summary`, `description`, `runbook_url`, … */
  annotations?: Record<string, string>;
  /** The panel that shows what this rule watches; written as `__dashboardUid__`/`__panelId__`. */
  panel?: PanelLink;
  isPaused?: boolean;
  /** Simplified routing: send straight to this contact point. */
  notify?: ContactPointSpec;
  groupBy?: readonly string[];
}

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function alertRule(options: AlertRuleOptions): AlertRuleSpec {
  const issues: Issue[] = [];
  const o = (options ?? {}) as AlertRuleOptions;
  if (!isUid(o.uid)) issues.push(issue('alert-rule-uid', ['uid'], `must be 1–40 characters of letters, digits, "_" and "-" (got ${JSON.stringify(o.uid)})`));
  if (typeof o.title !== 'string' || o.title.trim() === '' || o.title.length > 190) issues.push(issue('alert-rule-title', ['title'], 'must be a non-empty string of at most 190 characters'));
  const nodes = Array.isArray(o.nodes) ? o.nodes : [];
  if (nodes.length === 0) issues.push(issue('alert-rule-nodes', ['nodes'], 'needs at least one query'));
  nodes.forEach((n, i) => {
    if (!isAlertNode(n)) issues.push(issue('alert-rule-nodes', ['nodes', i], 'must be an alertQuery(...) or an expression'));
    else issues.push(...underPath(['nodes', i], n.issues));
  });
  if (!isAlertNode(o.condition)) issues.push(issue('alert-rule-condition', ['condition'], 'is required: one of the rule\'s nodes'));
  else if (!nodes.includes(o.condition)) issues.push(issue('alert-rule-condition', ['condition'], 'must be one of the nodes listed in `nodes`'));
  for (const key of ['for', 'keepFiringFor'] as const) {
    const v = o[key];
    if (v !== undefined && parseDuration(v) === undefined) issues.push(issue('alert-rule-duration', [key], `must be a duration such as "5m" (got ${JSON.stringify(v)})`));
  }
  for (const [k] of Object.entries(o.labels ?? {})) if (!LABEL_NAME.test(k)) issues.push(issue('alert-rule-label', ['labels', k], 'label names are letters, digits and "_", not starting with a digit'));
  for (const k of Object.keys(o.annotations ?? {})) if (k.startsWith('__')) issues.push(issue('alert-rule-annotation', ['annotations', k], 'names starting with "__" are Grafana\'s own; use `panel` to link a panel'));
  return Object.freeze({
    kind: 'alert-rule',
    uid: o.uid,
    title: o.title,
    nodes: [...nodes],
    condition: o.condition,
    for: o.for ?? '0s',
    keepFiringFor: o.keepFiringFor,
    noDataState: o.noDataState ?? 'NoData',
    execErrState: o.execErrState ?? 'Error',
    labels: { ...(o.labels ?? {}) },
    annotations: { ...(o.annotations ?? {}) },
    panel: o.panel,
    isPaused: o.isPaused ?? false,
    notification: o.notify ? { receiver: o.notify, groupBy: o.groupBy } : undefined,
    issues,
  });
}
