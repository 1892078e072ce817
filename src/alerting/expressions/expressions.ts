/**
 * Server-side expressions (the `__expr__` datasource), as Grafana's
 * expression engine reads them (pkg/expr/commands.go: UnmarshalReduceCommand,
 * UnmarshalResampleCommand, UnmarshalMathCommand; pkg/expr/threshold.go:
 * UnmarshalThresholdCommand). Each input is a node object, never a refId
 * string, so an expression cannot refer to a query the rule does not have.
 */
import { z } from 'zod';
import { issue, type Issue } from '../../model/issue.js';
import { joinPath, type IssuePath } from '../../model/issue-path.js';
import { inputIssues } from '../../validate/zod-issues.js';
import { REF_ID } from '../../queries/query.js';
import { lazySchema } from '../../validate/lazy-schema.js';
import { matching, oneOf, strictObjectLooksValid, type Check } from '../../validate/input-checks.js';
import { parseDuration } from '../duration.js';
import { isAlertNode, type AlertNode, type Downsampler, type ExpressionSpec, type MathText, type ReduceFunction, type ReduceMode, type ThresholdType, type Upsampler } from '../model.js';

// Schemas are built on first use (validate/lazy-schema.ts): loading the alerting builders builds no zod.
const node = () => z.custom<AlertNode>(isAlertNode, { message: 'must be a query or expression object of this rule' });
const refId = () => z.string().regex(REF_ID, 'refId must start with a letter (letters, digits, "_" and "-", up to 32)').optional();


export interface ReduceExpressionOptions {
  input: AlertNode;
  /** Grafana's reducers (pkg/expr/mathexp/reduce.go GetReduceFunc). */
  reducer: ReduceFunction;
  /** strict (default): one NaN or null makes the result NaN; dropNN drops them; replaceNN replaces them. */
  mode?: ReduceMode;
  /** The value replaceNN puts in place of NaN, ±Inf and null. */
  replaceWith?: number;
  refId?: string;
}

const REDUCERS = ['last', 'mean', 'min', 'max', 'sum', 'count'] as const;
const REDUCE_MODES = ['strict', 'dropNN', 'replaceNN'] as const;

export const reduceInputSchema = lazySchema(() =>
  z
    .object({
      input: node(),
      reducer: z.enum(REDUCERS),
      mode: z.enum(REDUCE_MODES).optional(),
      replaceWith: z.number().optional(),
      refId: refId(),
    })
    .strict(),
);

const REDUCE_CHECKS: Readonly<Record<string, Check>> = {
  input: isAlertNode,
  reducer: (v) => typeof v === 'string' && (REDUCERS as readonly string[]).includes(v),
  mode: oneOf(...REDUCE_MODES),
  replaceWith: (v) => v === undefined || (typeof v === 'number' && Number.isFinite(v)),
  refId: matching(REF_ID),
};

/** The hand-written check of `reduceInputSchema` (input-checks.ts): true only for options zod accepts. */
export function reduceInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, REDUCE_CHECKS, ['input', 'reducer']);
}

/** Reduces each series of `input` to one number per label set. */
export function reduceExpression(options: ReduceExpressionOptions): ExpressionSpec {
  const issues = inputIssues(reduceInputSchema, options, reduceInputLooksValid);
  if (options?.mode === 'replaceNN' && typeof options.replaceWith !== 'number') {
    issues.push(issue('alert-expression-replace-with', ['replaceWith'], 'mode "replaceNN" needs replaceWith, the number to put in place of NaN and null'));
  }
  return Object.freeze({
    kind: 'expression',
    type: 'reduce',
    refId: options?.refId,
    input: options?.input,
    reducer: options?.reducer,
    mode: options?.mode ?? 'strict',
    replaceWith: options?.replaceWith,
    issues,
  }) as ExpressionSpec;
}

/**
 * Math over other nodes: `mathExpression({ expression: math`${p95} / ${baseline} - 1` })`.
 * Grafana's operators (+ - * / % ** == != > < >= <= && || !) and functions
 * (abs, ceil, floor, log, round, is_nan, is_inf, is_null, is_number, nan, inf, infn, null).
 */
export function math(strings: TemplateStringsArray, ...refs: AlertNode[]): MathText {
  return Object.freeze({ kind: 'math-text', strings: [...strings], refs: [...refs] });
}

export interface MathExpressionOptions {
  expression: MathText;
  refId?: string;
}

const mathSchema = lazySchema(() =>
  z
    .object({
      expression: z.custom<MathText>((v) => typeof v === 'object' && v !== null && (v as MathText).kind === 'math-text', { message: 'must be written with the math`` tag' }),
      refId: refId(),
    })
    .strict(),
);

export function mathExpression(options: MathExpressionOptions): ExpressionSpec {
  const issues = inputIssues(mathSchema, options);
  if (options?.expression?.refs?.some((r) => !isAlertNode(r))) {
    issues.push(issue('alert-expression-reference', ['expression'], 'every ${…} in a math expression must be a query or expression object of the rule'));
  }
  return Object.freeze({ kind: 'expression', type: 'math', refId: options?.refId, expression: options?.expression, issues }) as ExpressionSpec;
}

/** One condition: `{ above: 5 }`, `{ below: 1 }`, `{ within: [1, 5] }`, … (Grafana's threshold types). */
export type ThresholdCondition =
  | { above: number }
  | { below: number }
  | { equal: number }
  | { notEqual: number }
  | { atLeast: number }
  | { atMost: number }
  | { within: readonly [number, number] }
  | { outside: readonly [number, number] }
  | { withinIncluded: readonly [number, number] }
  | { outsideIncluded: readonly [number, number] };

const CONDITION_TYPES: Record<string, ThresholdType> = {
  above: 'gt',
  below: 'lt',
  equal: 'eq',
  notEqual: 'ne',
  atLeast: 'gte',
  atMost: 'lte',
  within: 'within_range',
  outside: 'outside_range',
  withinIncluded: 'within_range_included',
  outsideIncluded: 'outside_range_included',
};

export type ThresholdExpressionOptions = ThresholdCondition & {
  input: AlertNode;
  /** Recovery threshold (hysteresis): once firing, the alert stays until this condition holds. */
  recoverWhen?: ThresholdCondition;
  refId?: string;
};

function evaluatorOf(cond: Record<string, unknown>, path: IssuePath, issues: Issue[]): { type: ThresholdType; params: number[] } | undefined {
  const keys = Object.keys(cond ?? {}).filter((k) => Object.hasOwn(CONDITION_TYPES, k));
  if (keys.length !== 1) {
    issues.push(issue('alert-expression-threshold', path, `give exactly one of ${Object.keys(CONDITION_TYPES).join(', ')} (got ${keys.length === 0 ? 'none' : keys.join(', ')})`));
    return undefined;
  }
  const key = keys[0]!;
  const value = cond[key];
  const params = Array.isArray(value) ? value : [value];
  const arity = Array.isArray(value) ? 2 : 1;
  if (params.length !== arity || params.some((p) => typeof p !== 'number' || !Number.isFinite(p))) {
    issues.push(issue('alert-expression-threshold', joinPath(path, key), arity === 2 ? 'must be two finite numbers [low, high]' : 'must be a finite number'));
    return undefined;
  }
  if (arity === 2 && (params[0] as number) > (params[1] as number)) issues.push(issue('alert-expression-threshold', joinPath(path, key), `the range is reversed: ${params[0]} > ${params[1]}`));
  return { type: CONDITION_TYPES[key]!, params: params as number[] };
}

export function thresholdExpression(options: ThresholdExpressionOptions): ExpressionSpec {
  const issues: Issue[] = [];
  if (!isAlertNode(options?.input)) issues.push(issue('alert-expression-input', ['input'], 'is required: a query or expression object of this rule'));
  const { input: _i, recoverWhen, refId: id, ...cond } = (options ?? {}) as ThresholdExpressionOptions & Record<string, unknown>;
  const evaluator = evaluatorOf(cond as Record<string, unknown>, [], issues);
  const unloadEvaluator = recoverWhen === undefined ? undefined : evaluatorOf(recoverWhen as Record<string, unknown>, ['recoverWhen'], issues);
  if (id !== undefined && !REF_ID.test(String(id))) issues.push(issue('alert-expression-refid', ['refId'], 'refId must start with a letter (letters, digits, "_" and "-", up to 32)'));
  return Object.freeze({
    kind: 'expression',
    type: 'threshold',
    refId: id,
    input: options?.input,
    evaluator: evaluator ?? { type: 'gt', params: [0] },
    unloadEvaluator,
    issues,
  }) as ExpressionSpec;
}

export interface ResampleExpressionOptions {
  input: AlertNode;
  /** The new step, e.g. `1m`. */
  window: string;
  downsampler?: Downsampler;
  upsampler?: Upsampler;
  refId?: string;
}

const resampleSchema = lazySchema(() =>
  z
    .object({
      input: node(),
      window: z.string().refine((w) => (parseDuration(w) ?? 0) > 0, 'must be a duration such as "1m"'),
      downsampler: z.enum(['mean', 'min', 'max', 'sum', 'count', 'last']).optional(),
      upsampler: z.enum(['pad', 'backfilling', 'fillna']).optional(),
      refId: refId(),
    })
    .strict(),
);

/** Resamples each series of `input` onto a regular grid of `window` steps. */
export function resampleExpression(options: ResampleExpressionOptions): ExpressionSpec {
  const issues = inputIssues(resampleSchema, options);
  return Object.freeze({
    kind: 'expression',
    type: 'resample',
    refId: options?.refId,
    input: options?.input,
    window: options?.window,
    downsampler: options?.downsampler ?? 'mean',
    upsampler: options?.upsampler ?? 'fillna',
    issues,
  }) as ExpressionSpec;
}
