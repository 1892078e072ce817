/**
 * Backtest: evaluates a rule at its group's interval over a past time range,
 * on the data the database and Prometheus already hold, and reports when it
 * would have gone Pending → Firing → Normal, with the values. Grafana's
 * scheduler evaluates a group at multiples of its interval
 * (pkg/services/ngalert/schedule: ticks of the base interval), so do we.
 */
import { parseDuration } from '../duration.js';
import { assignRefIds } from '../document.js';
import type { AlertQuerySpec, AlertRuleSpec } from '../model.js';
import { evaluateRule } from './evaluate.js';
import { StateTracker, type AlertState, type Transition } from './state.js';
import type { Labels, NodeResult } from './values.js';

/** Runs one datasource node over [from, to]; an Error is a failed query. */
export type QueryRunner = (query: AlertQuerySpec, window: { from: Date; to: Date }) => Promise<NodeResult | Error>;

export interface BacktestOptions {
  /** The group's evaluation interval, e.g. `1m`. */
  interval: string;
  from: Date;
  to: Date;
  run: QueryRunner;
  /** Safety net against a range/interval that would mean millions of evaluations. */
  maxEvaluations?: number;
}

export interface FiringPeriod {
  readonly labels: Labels;
  /** When it started firing. */
  readonly from: number;
  /** When it stopped (undefined: still firing at the end of the range). */
  readonly to?: number;
  /** Values at the moment it fired. */
  readonly values: Readonly<Record<string, number | null>>;
}

export interface BacktestResult {
  readonly evaluations: number;
  readonly transitions: readonly Transition[];
  readonly firing: readonly FiringPeriod[];
  readonly finalStates: ReadonlyArray<{ labels: Labels; state: AlertState }>;
}

export async function backtestRule(rule: AlertRuleSpec, o: BacktestOptions): Promise<BacktestResult> {
  const intervalMs = parseDuration(o.interval) ?? 60_000;
  const refIds = assignRefIds(rule.nodes);
  const tracker = new StateTracker(rule, { forMs: parseDuration(rule.for) ?? 0, keepFiringForMs: parseDuration(rule.keepFiringFor ?? '0s') ?? 0, intervalMs });
  const start = Math.ceil(o.from.getTime() / intervalMs) * intervalMs;
  const count = Math.floor((o.to.getTime() - start) / intervalMs) + 1;
  const max = o.maxEvaluations ?? 100_000;
  if (count > max) throw new RangeError(`${count} evaluations at ${o.interval} between ${o.from.toISOString()} and ${o.to.toISOString()}: more than ${max}; shorten the range`);
  const transitions: Transition[] = [];
  let evaluations = 0;
  for (let at = start; at <= o.to.getTime(); at += intervalMs) {
    const queries = new Map<string, NodeResult | Error>();
    for (const node of rule.nodes) {
      if (node.kind !== 'alert-query') continue;
      const window = { from: new Date(at - (parseDuration(node.range) ?? 0)), to: new Date(at - (parseDuration(node.rangeEnd) ?? 0)) };
      queries.set(refIds.get(node)!, await o.run(node, window));
    }
    const results = evaluateRule(rule, { at, queries, refIds, firing: tracker.firing() });
    transitions.push(...tracker.apply(at, results));
    evaluations++;
  }
  return { evaluations, transitions, firing: firingPeriods(transitions), finalStates: [...tracker.instances.values()].map((s) => ({ labels: s.labels, state: s.state })) };
}

const isFiring = (s: AlertState) => s === 'Alerting' || s === 'Recovering';

function firingPeriods(transitions: readonly Transition[]): FiringPeriod[] {
  const open = new Map<string, { labels: Labels; from: number; values: Readonly<Record<string, number | null>> }>();
  const out: FiringPeriod[] = [];
  for (const t of transitions) {
    const key = JSON.stringify(Object.entries(t.labels).sort());
    if (!isFiring(t.from) && isFiring(t.to)) open.set(key, { labels: t.labels, from: t.at, values: t.values });
    if (isFiring(t.from) && !isFiring(t.to)) {
      const o = open.get(key);
      if (o) out.push({ ...o, to: t.at });
      open.delete(key);
    }
  }
  for (const o of open.values()) out.push(o);
  return out.sort((a, b) => a.from - b.from);
}
