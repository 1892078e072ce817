/**
 * The state of each alert instance across evaluations, as Grafana's state
 * manager (pkg/services/ngalert/state/state.go: resultNormal,
 * resultAlerting, resultNoData, resultError, resultKeepLast; and
 * manager.go's stale-instance handling): Pending until `for` has passed
 * since the first true evaluation, then Alerting; with keepFiringFor, a
 * cleared condition is Recovering until that long has passed; no data and
 * errors follow the rule's noDataState and execErrState.
 */
import type { AlertRuleSpec } from '../model.js';
import type { EvalState, InstanceResult } from './evaluate.js';
import { labelKey, type Labels } from './values.js';

export type AlertState = 'Normal' | 'Pending' | 'Alerting' | 'Recovering' | 'NoData' | 'Error';

export interface InstanceState {
  labels: Labels;
  state: AlertState;
  startsAt: number;
  lastEvaluation: number;
}

export interface Transition {
  readonly at: number;
  readonly labels: Labels;
  readonly from: AlertState;
  readonly to: AlertState;
  /** Why, when not the condition itself: "NoData", "Error", "MissingSeries". */
  readonly reason?: string;
  readonly values: Readonly<Record<string, number | null>>;
  readonly error?: string;
}

export interface RuleTiming {
  forMs: number;
  keepFiringForMs: number;
  intervalMs: number;
}

function toNormal(s: InstanceState, t: RuleTiming, at: number): AlertState {
  if (s.state === 'Recovering') return at - s.startsAt >= t.keepFiringForMs ? 'Normal' : 'Recovering';
  if (s.state === 'Alerting' && t.keepFiringForMs > 0) return 'Recovering';
  return 'Normal';
}

function toAlerting(s: InstanceState, t: RuleTiming, at: number): AlertState {
  if (s.state === 'Alerting') return 'Alerting';
  if (s.state === 'Pending') return at - s.startsAt >= t.forMs ? 'Alerting' : 'Pending';
  return s.state !== 'Recovering' && t.forMs > 0 ? 'Pending' : 'Alerting';
}

/** The next state of one instance for one result. */
export function nextState(s: InstanceState, result: EvalState, rule: Pick<AlertRuleSpec, 'noDataState' | 'execErrState'>, t: RuleTiming, at: number): AlertState {
  switch (result) {
    case 'Normal':
      return toNormal(s, t, at);
    case 'Alerting':
      return toAlerting(s, t, at);
    case 'NoData':
      switch (rule.noDataState) {
        case 'Alerting': return toAlerting(s, t, at);
        case 'OK': return toNormal(s, t, at);
        case 'KeepLast': return s.state === 'Pending' || s.state === 'Alerting' ? toAlerting(s, t, at) : toNormal(s, t, at);
        default: return 'NoData';
      }
    case 'Error':
      switch (rule.execErrState) {
        case 'Alerting': return toAlerting(s, t, at);
        case 'OK': return toNormal(s, t, at);
        case 'KeepLast': return s.state === 'Pending' || s.state === 'Alerting' ? toAlerting(s, t, at) : toNormal(s, t, at);
        default: return 'Error';
      }
  }
}

/** Keeps every instance's state; `apply` takes one evaluation's results and returns the transitions. */
export class StateTracker {
  readonly instances = new Map<string, InstanceState>();
  constructor(private readonly rule: Pick<AlertRuleSpec, 'noDataState' | 'execErrState'>, private readonly timing: RuleTiming) {}

  firing(): Set<string> {
    return new Set([...this.instances].filter(([, s]) => s.state === 'Alerting' || s.state === 'Recovering').map(([k]) => k));
  }

  apply(at: number, results: readonly InstanceResult[]): Transition[] {
    const out: Transition[] = [];
    const seen = new Set<string>();
    for (const r of results) {
      const key = labelKey(r.labels);
      seen.add(key);
      const s = this.instances.get(key) ?? { labels: r.labels, state: 'Normal' as AlertState, startsAt: at, lastEvaluation: at };
      const next = nextState(s, r.state, this.rule, this.timing, at);
      if (next !== s.state) {
        out.push({ at, labels: r.labels, from: s.state, to: next, values: r.values, reason: r.state === 'NoData' || r.state === 'Error' ? r.state : undefined, error: r.error });
        // SetPending/SetAlerting/SetNormal/SetRecovering all start the new state at the evaluation time.
        s.startsAt = at;
        s.state = next;
      }
      s.lastEvaluation = at;
      this.instances.set(key, s);
    }
    // An instance missing for two intervals is stale: resolved (manager.go stateIsStale).
    for (const [key, s] of this.instances) {
      if (seen.has(key)) continue;
      if (at - s.lastEvaluation >= 2 * this.timing.intervalMs) {
        if (s.state !== 'Normal') out.push({ at, labels: s.labels, from: s.state, to: 'Normal', reason: 'MissingSeries', values: {} });
        this.instances.delete(key);
      }
    }
    return out;
  }
}
