/**
 * One evaluation of a rule at one instant, as Grafana's ngalert evaluator:
 * datasource nodes give their results, expressions run in order
 * (pkg/expr/graph.go), and the condition's result becomes one result per
 * instance (pkg/services/ngalert/eval/eval.go evaluateExecutionResult):
 * null → NoData, 0 → Normal, anything else (NaN included) → Alerting; a
 * series in the condition, or two instances with the same labels, is an
 * Error; no values at all is one NoData result.
 */
import { parseDuration } from '../duration.js';
import { mathText } from '../document.js';
import type { AlertNode, AlertRuleSpec } from '../model.js';
import { evaluateMath } from './math.js';
import { reduceValue } from './reduce.js';
import { resampleSeries } from './resample.js';
import { applyThreshold, predicate } from './threshold.js';
import { labelKey, type Labels, type NodeResult, type Value } from './values.js';

export type EvalState = 'Normal' | 'Alerting' | 'NoData' | 'Error';

export interface InstanceResult {
  readonly labels: Labels;
  readonly state: EvalState;
  /** Value of every number node for this instance (refId → value), for the report. */
  readonly values: Readonly<Record<string, number | null>>;
  readonly error?: string;
}

export interface EvaluationInput {
  /** Evaluation time, ms. */
  readonly at: number;
  /** Results of the datasource nodes, by refId; an Error for a query that failed. */
  readonly queries: ReadonlyMap<string, NodeResult | Error>;
  readonly refIds: ReadonlyMap<AlertNode, string>;
  /** Instances currently firing: a threshold with a recovery condition tests those with it (hysteresis.go). */
  readonly firing?: ReadonlySet<string>;
}

export function evaluateRule(rule: AlertRuleSpec, input: EvaluationInput): InstanceResult[] {
  const results = new Map<string, NodeResult>();
  const failed: string[] = [];
  for (const node of rule.nodes) {
    const refId = input.refIds.get(node)!;
    try {
      results.set(refId, runNode(node, refId, input, results));
    } catch (e) {
      failed.push(`${refId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (failed.length > 0) return [{ labels: {}, state: 'Error', values: {}, error: failed.join('; ') }];
  // A datasource node with nothing at all makes the whole evaluation NoData, labelled with it (ExecutionResults.NoData).
  const empty = rule.nodes.filter((n) => n.kind === 'alert-query' && results.get(input.refIds.get(n)!)!.noData);
  if (empty.length > 0) {
    return [{ labels: { datasource_uid: (empty[0] as Extract<AlertNode, { kind: 'alert-query' }>).query.datasource.uid, ref_id: empty.map((n) => input.refIds.get(n)).join(',') }, state: 'NoData', values: {} }];
  }
  const condition = results.get(input.refIds.get(rule.condition)!)!;
  if (condition.values.length === 0) return [{ labels: {}, state: 'NoData', values: {} }];
  const out: InstanceResult[] = [];
  for (const v of condition.values) {
    if (v.kind === 'series') {
      return [{ labels: v.labels, state: 'Error', values: {}, error: 'looks like time series data, only reduced data can be alerted on' }];
    }
    out.push({ labels: v.labels, state: v.value === null ? 'NoData' : v.value === 0 ? 'Normal' : 'Alerting', values: capture(v.labels, results) });
  }
  const keys = new Set<string>();
  for (const r of out) {
    const k = labelKey(r.labels);
    if (keys.has(k)) return [{ labels: r.labels, state: 'Error', values: {}, error: `frame cannot uniquely be identified by its labels: has duplicate results with labels ${k}` }];
    keys.add(k);
  }
  return out;
}

function capture(labels: Labels, results: ReadonlyMap<string, NodeResult>): Record<string, number | null> {
  const out: Array<[string, number | null]> = [];
  for (const [refId, r] of results) {
    const match = r.values.find((v) => v.kind === 'number' && labelKey(v.labels) === labelKey(labels)) ?? (r.values.length === 1 && r.values[0]!.kind === 'number' ? r.values[0] : undefined);
    if (match?.kind === 'number') out.push([refId, match.value]);
  }
  // fromEntries defines each key as data: a query's refId "__proto__" (a query refId may be any text) would be
  // lost to the setter by a plain assignment.
  return Object.fromEntries(out);
}

function runNode(node: AlertNode, refId: string, input: EvaluationInput, done: ReadonlyMap<string, NodeResult>): NodeResult {
  if (node.kind === 'alert-query') {
    const r = input.queries.get(refId);
    if (r === undefined) throw new Error('the query was not run');
    if (r instanceof Error) throw r;
    return r.values.length === 0 ? { values: [], noData: true } : r;
  }
  const inputOf = (n: AlertNode): NodeResult => done.get(input.refIds.get(n)!) ?? { values: [] };
  switch (node.type) {
    case 'reduce':
      return { values: inputOf(node.input).values.map((v) => reduceValue(v, node.reducer, node.mode, node.replaceWith)) };
    case 'math':
      return evaluateMath(mathText(node, input.refIds), done);
    case 'threshold': {
      const load = predicate(node.evaluator.type, node.evaluator.params);
      const unload = node.unloadEvaluator ? predicate(node.unloadEvaluator.type, node.unloadEvaluator.params) : undefined;
      return {
        values: inputOf(node.input).values.map((v: Value) =>
          unload && input.firing?.has(labelKey(v.labels)) ? applyThreshold(v, unload, true) : applyThreshold(v, load),
        ),
      };
    }
    case 'resample': {
      const window = parseDuration(node.window) ?? 60_000;
      const source = node.input.kind === 'alert-query' ? node.input : undefined;
      const from = input.at - (source ? (parseDuration(source.range) ?? 0) : 0);
      const to = input.at - (source ? (parseDuration(source.rangeEnd) ?? 0) : 0);
      return {
        values: inputOf(node.input).values.map((v) => (v.kind === 'series' ? resampleSeries(v, window, from, to, node.downsampler, node.upsampler) : v)),
      };
    }
  }
}
