/**
 * Read-only views of a parsed PromQL expression for the linter: which functions
 * are called with what, which ranges are used, which metrics are selected, how
 * aggregations group. Text is always sliced from the user's `expr` (not the
 * masked one), so a variable shows as `$__rate_interval`, not its placeholder.
 */
import type { SyntaxNode, Tree } from '@lezer/common';

export interface Span {
  readonly from: number;
  readonly to: number;
}

export interface Arg extends Span {
  /** Grammar node name: `MatrixSelector`, `NumberDurationLiteral`, `AggregateExpr`, ... */
  readonly kind: string;
  readonly text: string;
}

export interface FunctionCallInfo extends Span {
  /** As written (function names are case-sensitive): `rate`, `histogram_quantile`. */
  readonly name: string;
  readonly args: readonly Arg[];
}

export interface AggregationInfo extends Span {
  /** Lower-cased (keywords are case-insensitive): `sum`, `topk`, `count_values`. */
  readonly op: string;
  readonly modifier?: 'by' | 'without';
  readonly labels: readonly string[];
  /** Parameter first (`topk(5, x)` → `5`, `x`), then the aggregated expression. */
  readonly args: readonly Arg[];
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly label: string;
  readonly op: MatchOp;
  /** Unquoted value. */
  readonly value: string;
}

export interface SelectorInfo extends Span {
  /** `foo` in `foo{a="b"}`, `{"foo"}` or `{__name__="foo"}`; absent for `{job="x"}`. */
  readonly name?: string;
  readonly matchers: readonly Matcher[];
}

export interface RangeInfo extends Span {
  readonly kind: 'range' | 'subquery';
  /** The range text as written: `5m`, `$__rate_interval`. */
  readonly range: string;
  /** Milliseconds, or undefined when the range is a variable or an expression. */
  readonly rangeMs?: number;
  /** Subquery resolution as written (`1m` in `[1h:1m]`), if any. */
  readonly step?: string;
  /** The selector or subquery expression the range applies to. */
  readonly target: Arg;
}

export interface PromQLSummary {
  readonly functionCalls: readonly FunctionCallInfo[];
  readonly aggregations: readonly AggregationInfo[];
  readonly selectors: readonly SelectorInfo[];
  readonly ranges: readonly RangeInfo[];
}

/** Everything the linter asks about, in one pass, each list in source order. */
export function walkPromQL(tree: Tree, expr: string): PromQLSummary {
  const functionCalls: FunctionCallInfo[] = [];
  const aggregations: AggregationInfo[] = [];
  const selectors: SelectorInfo[] = [];
  const ranges: RangeInfo[] = [];
  tree.iterate({
    enter(ref) {
      const node = ref.node;
      switch (node.name) {
        case 'FunctionCall':
          functionCalls.push(functionCallInfo(node, expr));
          break;
        case 'AggregateExpr':
          aggregations.push(aggregationInfo(node, expr));
          break;
        case 'VectorSelector':
          selectors.push(selectorInfo(node, expr));
          break;
        case 'MatrixSelector':
        case 'SubqueryExpr':
          ranges.push(rangeInfo(node, expr));
          break;
      }
    },
  });
  return { functionCalls, aggregations, selectors, ranges };
}

export function functionCallInfo(node: SyntaxNode, expr: string): FunctionCallInfo {
  const id = node.getChild('FunctionIdentifier');
  return {
    from: node.from,
    to: node.to,
    name: id ? text(id, expr) : '',
    args: args(node.getChild('FunctionCallBody'), expr),
  };
}

export function aggregationInfo(node: SyntaxNode, expr: string): AggregationInfo {
  const op = node.getChild('AggregateOp');
  const modifier = node.getChild('AggregateModifier');
  const kind = modifier?.getChild('By') ? 'by' : modifier?.getChild('Without') ? 'without' : undefined;
  const base = {
    from: node.from,
    to: node.to,
    op: op ? text(op, expr).toLowerCase() : '',
    labels: groupingLabels(modifier?.getChild('GroupingLabels') ?? null, expr),
    args: args(node.getChild('FunctionCallBody'), expr),
  };
  return kind ? { ...base, modifier: kind } : base;
}

export function selectorInfo(node: SyntaxNode, expr: string): SelectorInfo {
  let name: string | undefined;
  const id = node.getChild('Identifier');
  if (id) name = text(id, expr);
  const matchers: Matcher[] = [];
  for (const m of node.getChild('LabelMatchers')?.getChildren('QuotedLabelName') ?? []) {
    name = unquote(text(m, expr)); // `{"metric.name"}`: a bare quoted name is the metric name
  }
  for (const child of childrenOf(node.getChild('LabelMatchers'))) {
    if (child.name !== 'UnquotedLabelMatcher' && child.name !== 'QuotedLabelMatcher') continue;
    const labelNode = child.getChild('LabelName') ?? child.getChild('QuotedLabelName');
    const op = child.getChild('MatchOp');
    const value = child.getChild('StringLiteral');
    if (!labelNode || !op || !value) continue;
    const label = labelNode.name === 'QuotedLabelName' ? unquote(text(labelNode, expr)) : text(labelNode, expr);
    const matcher: Matcher = { label, op: text(op, expr) as MatchOp, value: unquote(text(value, expr)) };
    if (label === '__name__' && matcher.op === '=') name = matcher.value;
    matchers.push(matcher);
  }
  return name === undefined ? { from: node.from, to: node.to, matchers } : { from: node.from, to: node.to, name, matchers };
}

export function rangeInfo(node: SyntaxNode, expr: string): RangeInfo {
  // Direct DurationExpr children: range first, then (subqueries) the step.
  const durations = node.getChildren('DurationExpr');
  const target = childrenOf(node).find((c) => c.name !== 'DurationExpr');
  const range = durations[0] ? text(durations[0], expr) : '';
  const rangeMs = parseDuration(range);
  const step = node.name === 'SubqueryExpr' && durations[1] ? text(durations[1], expr) : undefined;
  return {
    from: node.from,
    to: node.to,
    kind: node.name === 'SubqueryExpr' ? 'subquery' : 'range',
    range,
    ...(rangeMs === undefined ? {} : { rangeMs }),
    ...(step === undefined ? {} : { step }),
    target: target ? arg(target, expr) : { from: node.from, to: node.from, kind: '', text: '' },
  };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3, y: 365 * 86400e3 };

/** `1h30m` → 5400000. Plain numbers are seconds. Undefined for anything else (variables, expressions). */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  if (!/^(\d+(ms|[smhdwy]))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+)(ms|[smhdwy])/g)) total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  return total;
}

/** Label names of a `by (...)` / `on (...)` list; quoted names are unquoted. */
export function groupingLabels(node: SyntaxNode | null, expr: string): string[] {
  return childrenOf(node)
    .filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName')
    .map((c) => (c.name === 'LabelName' ? text(c, expr) : unquote(text(c, expr))));
}

/** Argument expressions of a call body; commas and comments are not nodes we want. */
export function args(body: SyntaxNode | null, expr: string): Arg[] {
  return childrenOf(body)
    .filter((c) => !c.type.isError && c.name !== 'LineComment')
    .map((c) => arg(c, expr));
}

function arg(node: SyntaxNode, expr: string): Arg {
  return { from: node.from, to: node.to, kind: node.name, text: text(node, expr) };
}

export function childrenOf(node: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) out.push(c);
  return out;
}

export function text(node: SyntaxNode, expr: string): string {
  return expr.slice(node.from, node.to);
}

/** PromQL string literal → its value. Backticks are raw; quotes take Go-style escapes. */
export function unquote(literal: string): string {
  const q = literal[0];
  if (q !== '"' && q !== "'" && q !== '`') return literal;
  const body = literal.slice(1, literal.endsWith(q) && literal.length > 1 ? -1 : undefined);
  if (q === '`') return body;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };
  return body.replace(/\\(.)/g, (_, c: string) => escapes[c] ?? `\\${c}`);
}
