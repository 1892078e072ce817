/**
 * When a rule would have fired over a time range, as spans to mark on the
 * panel the rule links to (what Grafana shows there as the rule's state
 * annotations). A span runs from the evaluation that made an instance
 * Pending (or Alerting, with no `for`) to the one that made it Normal again,
 * with the moment it started firing; spans that stayed Pending and never
 * fired are not marks.
 */
import { parseDuration } from './duration.js';
import { backtestRule } from './engine/backtest.js';
import type { AlertState, Transition } from './engine/state.js';
import { labelKey, type Labels } from './engine/values.js';
import type { ProvisionedRule } from './read.js';
import { alertQueryRunner, type AlertBackends } from './runners.js';

export interface FiringSpan {
  readonly labels: Labels;
  /** First evaluation of the span (Pending, or Alerting at once), epoch ms. */
  readonly from: number;
  /** When it started firing. */
  readonly firingFrom: number;
  /** The evaluation that found it Normal again; undefined: still firing at the end. */
  readonly to?: number;
  /** Values of the rule's nodes when it started firing (refId → value). */
  readonly values: Readonly<Record<string, number | null>>;
}

export interface RuleMarks {
  readonly uid: string;
  readonly title: string;
  /** The group's interval, ms: how much new data each evaluation saw. */
  readonly intervalMs: number;
  readonly spans: readonly FiringSpan[];
  /** Why the rule was not backtested (no backend for its queries, an expression dashcode does not evaluate). */
  readonly skipped?: string;
  /** The first failed evaluation's error, when some failed. */
  readonly error?: string;
}

const active = (s: AlertState) => s === 'Pending' || s === 'Alerting' || s === 'Recovering';
const firing = (s: AlertState) => s === 'Alerting' || s === 'Recovering';

/** Spans per instance from a backtest's transitions, in time order. */
export function firingSpans(transitions: readonly Transition[]): FiringSpan[] {
  const open = new Map<string, { labels: Labels; from: number; firingFrom?: number; values: Readonly<Record<string, number | null>> }>();
  const out: FiringSpan[] = [];
  const close = (key: string, to?: number) => {
    const o = open.get(key);
    open.delete(key);
    if (o?.firingFrom !== undefined) out.push({ labels: o.labels, from: o.from, firingFrom: o.firingFrom, values: o.values, ...(to !== undefined ? { to } : {}) });
  };
  for (const t of transitions) {
    const key = labelKey(t.labels);
    if (!active(t.from) && active(t.to)) open.set(key, { labels: t.labels, from: t.at, values: t.values });
    const o = open.get(key);
    if (o && firing(t.to) && o.firingFrom === undefined) Object.assign(o, { firingFrom: t.at, values: t.values });
    if (active(t.from) && !active(t.to)) close(key, t.at);
  }
  for (const key of [...open.keys()]) close(key);
  return out.sort((a, b) => a.from - b.from || labelKey(a.labels).localeCompare(labelKey(b.labels)));
}

/**
 * Backtests `rule` over `range` and returns its firing spans. Evaluation
 * starts `for` plus one interval early, so an instance already pending when
 * the range begins is not reported late.
 */
export async function ruleMarks(rule: ProvisionedRule, range: { from: Date; to: Date }, backends: AlertBackends): Promise<RuleMarks> {
  const intervalMs = parseDuration(rule.interval) ?? 60_000;
  const base = { uid: rule.uid, title: rule.title, intervalMs, spans: [] };
  if (!rule.spec) return { ...base, skipped: rule.unsupported ?? 'not evaluated' };
  const languages = new Set(rule.spec.nodes.flatMap((n) => (n.kind === 'alert-query' ? [n.query.text.language] : [])));
  if (languages.has('promql') && !backends.prometheus) return { ...base, skipped: 'its PromQL needs a Prometheus' };
  if (languages.has('sql') && !backends.sql) return { ...base, skipped: 'its SQL needs a database' };
  const warmUp = (parseDuration(rule.spec.for) ?? 0) + intervalMs;
  const result = await backtestRule(rule.spec, { interval: rule.interval, from: new Date(range.from.getTime() - warmUp), to: range.to, run: alertQueryRunner(backends) });
  const spans = firingSpans(result.transitions).filter((s) => (s.to ?? Infinity) >= range.from.getTime());
  const failed = result.transitions.find((t) => t.to === 'Error' || t.reason === 'Error');
  return { ...base, spans, ...(failed ? { error: failed.error ?? 'an evaluation failed' } : {}) };
}
