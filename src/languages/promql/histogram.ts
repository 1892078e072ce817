/**
 * `histogram_quantile(φ, v)` needs the `le` label on every series of `v`: the
 * classic mistake is aggregating it away (`sum(rate(x_bucket[5m]))`, or
 * `sum by (job) (...)`), which Prometheus answers with an empty result instead
 * of an error. These helpers tell whether `le` survives down to the call.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parsePromQL } from './parse.js';
import {
  aggregationInfo,
  childrenOf,
  functionCallInfo,
  groupingLabels,
  selectorInfo,
  unquote,
  type AggregationInfo,
  type Arg,
  type Span,
} from './walk.js';

export interface HistogramQuantileCall extends Span {
  /** The φ argument as a number, when it is a plain literal. */
  readonly quantile?: number;
  readonly quantileText: string;
  /** The bucket vector argument. */
  readonly input?: Arg;
  /** The aggregation that feeds the call, looking through parentheses. */
  readonly aggregation?: AggregationInfo;
  /** Whether `le` reaches the call; undefined where the expression is too clever to tell. */
  readonly keepsLe: boolean | undefined;
  /** Metric names selected inside the bucket argument. */
  readonly metrics: readonly string[];
}

/** Every `histogram_quantile` call in `expr`; none when `expr` does not parse. */
export function histogramQuantileCalls(expr: string, tree?: Tree): HistogramQuantileCall[] {
  let parsed = tree;
  if (!parsed) {
    const result = parsePromQL(expr);
    if (!result.ok) return [];
    parsed = result.tree;
  }
  const calls: HistogramQuantileCall[] = [];
  parsed.iterate({
    enter(ref) {
      if (ref.name !== 'FunctionCall') return;
      const info = functionCallInfo(ref.node, expr);
      if (info.name !== 'histogram_quantile') return;
      const body = childrenOf(ref.node.getChild('FunctionCallBody')).filter((c) => !c.type.isError && c.name !== 'LineComment');
      const [phi, input] = info.args;
      const inputNode = body[1];
      const aggNode = inputNode ? unwrap(inputNode) : undefined;
      const quantile = phi?.kind === 'NumberDurationLiteral' ? Number(phi.text) : undefined;
      calls.push({
        from: info.from,
        to: info.to,
        quantileText: phi?.text ?? '',
        ...(quantile === undefined || Number.isNaN(quantile) ? {} : { quantile }),
        ...(input ? { input } : {}),
        ...(aggNode?.name === 'AggregateExpr' ? { aggregation: aggregationInfo(aggNode, expr) } : {}),
        keepsLe: inputNode ? keepsLabel(inputNode, expr, 'le') : undefined,
        metrics: inputNode ? metricNames(inputNode, expr) : [],
      });
    },
  });
  return calls;
}

/**
 * Whether series produced by `node` still carry `label`. True/false where PromQL's
 * rules make it certain, undefined for vector matching with modifiers and `absent`.
 */
export function keepsLabel(node: SyntaxNode, expr: string, label: string): boolean | undefined {
  switch (node.name) {
    case 'VectorSelector':
    case 'MatrixSelector':
      return true;
    case 'NumberDurationLiteral':
    case 'StringLiteral':
      return false;
    case 'ParenExpr':
    case 'SubqueryExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr':
    case 'UnaryExpr':
      return firstExpr(node, expr, label);
    case 'AggregateExpr':
      return aggregationKeeps(node, expr, label);
    case 'FunctionCall':
      return functionKeeps(node, expr, label);
    case 'BinaryExpr':
      return binaryKeeps(node, expr, label);
    default:
      return undefined;
  }
}

function firstExpr(node: SyntaxNode, expr: string, label: string): boolean | undefined {
  const inner = childrenOf(node).find((c) => !c.type.isError && c.name !== 'UnaryOp' && c.name !== 'LineComment');
  return inner ? keepsLabel(inner, expr, label) : undefined;
}

function aggregationKeeps(node: SyntaxNode, expr: string, label: string): boolean | undefined {
  const info = aggregationInfo(node, expr);
  const body = exprChildren(node.getChild('FunctionCallBody'));
  // These select series rather than merge them: every label stays.
  if (['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(info.op)) {
    const inner = body.at(-1);
    return inner ? keepsLabel(inner, expr, label) : undefined;
  }
  if (info.op === 'count_values' && info.args[0] && unquote(info.args[0].text) === label) return true;
  if (info.modifier === 'by') return info.labels.includes(label);
  if (info.modifier === 'without') return !info.labels.includes(label);
  return false;
}

function functionKeeps(node: SyntaxNode, expr: string, label: string): boolean | undefined {
  const info = functionCallInfo(node, expr);
  const body = exprChildren(node.getChild('FunctionCallBody'));
  if (info.name === 'absent' || info.name === 'absent_over_time') return undefined;
  if (info.name === 'histogram_quantile' || info.name === 'histogram_fraction') {
    if (label === 'le') return false;
  }
  if ((info.name === 'label_replace' || info.name === 'label_join') && info.args[1]?.kind === 'StringLiteral') {
    if (unquote(info.args[1].text) === label) return true;
  }
  // Most functions map series one to one and keep their labels: follow the vector argument.
  const vector = body.find((c) => c.name !== 'NumberDurationLiteral' && c.name !== 'StringLiteral');
  return vector ? keepsLabel(vector, expr, label) : false; // vector(1), time(), pi(): no labels
}

function binaryKeeps(node: SyntaxNode, expr: string, label: string): boolean | undefined {
  const sides = exprChildren(node).filter((c) => !OPERATOR_PARTS.has(c.name));
  const lhs = sides[0];
  const rhs = sides.at(-1);
  if (!lhs || !rhs || lhs === rhs) return undefined;
  if (isScalarLiteral(lhs)) return keepsLabel(rhs, expr, label);
  if (isScalarLiteral(rhs)) return keepsLabel(lhs, expr, label);
  const matching = node.getChild('MatchingModifierClause');
  if (matching) {
    // `on(le)` / `ignoring(x)` one-to-one are certain; group_left/right copy labels across: too clever.
    if (matching.getChild('GroupLeft') || matching.getChild('GroupRight')) return undefined;
    const labels = groupingLabels(matching.getChild('GroupingLabels'), expr);
    if (matching.getChild('On')) return labels.includes(label) && keepsLabel(lhs, expr, label) === true;
    if (labels.includes(label)) return false;
  }
  // One-to-one matching keeps the left side's labels.
  return keepsLabel(lhs, expr, label);
}

const OPERATOR_PARTS = new Set([
  'Pow', 'Mul', 'Div', 'Mod', 'Add', 'Sub', 'Eql', 'Gte', 'Gtr', 'Lte', 'Lss', 'Neq', 'And', 'Or', 'Unless', 'Atan2',
  'BoolModifier', 'MatchingModifierClause', 'FillModifier', 'TrimUpper', 'TrimLower',
]);

function isScalarLiteral(node: SyntaxNode): boolean {
  if (node.name === 'NumberDurationLiteral') return true;
  if (node.name === 'ParenExpr' || node.name === 'UnaryExpr') {
    const inner = exprChildren(node).find((c) => c.name !== 'UnaryOp');
    return inner ? isScalarLiteral(inner) : false;
  }
  return false;
}

function exprChildren(node: SyntaxNode | null): SyntaxNode[] {
  return childrenOf(node).filter((c) => !c.type.isError && c.name !== 'LineComment');
}

function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === 'ParenExpr') {
    const inner = exprChildren(n)[0];
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** Names of the metrics selected anywhere under `node` (the bucket series), deduplicated. */
function metricNames(node: SyntaxNode, expr: string): string[] {
  const names = new Set<string>();
  const cursor = node.cursor();
  do {
    if (cursor.from >= node.to) break;
    if (cursor.name === 'VectorSelector') {
      const name = selectorInfo(cursor.node, expr).name;
      if (name !== undefined) names.add(name);
    }
  } while (cursor.next());
  return [...names];
}
