/**
 * The alerting model: what the builders return and `alertingDocument` turns
 * into Grafana's file-provisioning format (pkg/services/provisioning/alerting).
 * Nodes (queries and expressions) are referenced by object; refIds are given
 * at compile, in order, unless a node names its own.
 */
import type { DatasourceSpec } from '../datasources/datasource.js';
import type { EnvRef } from '../model/env.js';
import type { QuerySpec } from '../queries/query.js';
import type { Issue } from '../model/issue.js';

export type ReduceFunction = 'last' | 'mean' | 'min' | 'max' | 'sum' | 'count';
/** strict: any NaN/null gives NaN; dropNN drops them; replaceNN replaces them with `replaceWith`. */
export type ReduceMode = 'strict' | 'dropNN' | 'replaceNN';
export type ThresholdType =
  | 'gt' | 'lt' | 'eq' | 'ne' | 'gte' | 'lte'
  | 'within_range' | 'outside_range' | 'within_range_included' | 'outside_range_included';
export type Downsampler = 'mean' | 'min' | 'max' | 'sum' | 'count' | 'last';
export type Upsampler = 'pad' | 'backfilling' | 'fillna';

/** A piece of math-expression text with the nodes it refers to (`${node}` becomes `$REFID`). */
export interface MathText {
  readonly kind: 'math-text';
  readonly strings: readonly string[];
  readonly refs: readonly AlertNode[];
}

export type ExpressionSpec =
  | { readonly kind: 'expression'; readonly type: 'reduce'; readonly refId?: string; readonly input: AlertNode; readonly reducer: ReduceFunction; readonly mode: ReduceMode; readonly replaceWith?: number; readonly issues: readonly Issue[] }
  | { readonly kind: 'expression'; readonly type: 'math'; readonly refId?: string; readonly expression: MathText; readonly issues: readonly Issue[] }
  | { readonly kind: 'expression'; readonly type: 'threshold'; readonly refId?: string; readonly input: AlertNode; readonly evaluator: { readonly type: ThresholdType; readonly params: readonly number[] }; readonly unloadEvaluator?: { readonly type: ThresholdType; readonly params: readonly number[] }; readonly issues: readonly Issue[] }
  | { readonly kind: 'expression'; readonly type: 'resample'; readonly refId?: string; readonly input: AlertNode; readonly window: string; readonly downsampler: Downsampler; readonly upsampler: Upsampler; readonly issues: readonly Issue[] };

/** A datasource query inside a rule, with the time range it looks back over. */
export interface AlertQuerySpec {
  readonly kind: 'alert-query';
  readonly query: QuerySpec;
  readonly refId?: string;
  /** How far back the query looks from each evaluation, e.g. `10m`. */
  readonly range: string;
  /** End of the window before the evaluation time; default `0s`. */
  readonly rangeEnd: string;
  readonly issues: readonly Issue[];
}

export type AlertNode = AlertQuerySpec | ExpressionSpec;

export type NoDataState = 'OK' | 'Alerting' | 'NoData' | 'KeepLast';
export type ExecErrState = 'OK' | 'Alerting' | 'Error' | 'KeepLast';

export interface PanelLink {
  /** The dashboard's uid (a dashcode dashboard or any other). */
  readonly dashboardUid: string;
  /** The panel's title in that dashboard; compile resolves it to the panel id. */
  readonly panelTitle: string;
}

export interface AlertRuleSpec {
  readonly kind: 'alert-rule';
  readonly uid: string;
  readonly title: string;
  readonly nodes: readonly AlertNode[];
  readonly condition: AlertNode;
  readonly for: string;
  readonly keepFiringFor?: string;
  readonly noDataState: NoDataState;
  readonly execErrState: ExecErrState;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly panel?: PanelLink;
  readonly isPaused: boolean;
  readonly notification?: { readonly receiver: ContactPointSpec; readonly groupBy?: readonly string[] };
  readonly issues: readonly Issue[];
}

export interface RuleGroupSpec {
  readonly kind: 'rule-group';
  readonly name: string;
  readonly folder: string;
  readonly folderUid?: string;
  readonly interval: string;
  readonly orgId: number;
  readonly rules: readonly AlertRuleSpec[];
  readonly issues: readonly Issue[];
}

export type SettingValue = string | number | boolean | EnvRef | readonly string[] | { readonly [key: string]: SettingValue };

export interface ReceiverSpec {
  readonly uid: string;
  readonly type: string;
  readonly settings: Readonly<Record<string, SettingValue>>;
  readonly disableResolveMessage: boolean;
}

export interface ContactPointSpec {
  readonly kind: 'contact-point';
  readonly name: string;
  readonly orgId: number;
  readonly receivers: readonly ReceiverSpec[];
  readonly issues: readonly Issue[];
}

export interface Matcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

export interface PolicyRouteSpec {
  readonly receiver?: ContactPointSpec;
  readonly matchers: readonly Matcher[];
  readonly groupBy?: readonly string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly continue: boolean;
  readonly muteTimings: readonly MuteTimingSpec[];
  readonly activeTimings: readonly MuteTimingSpec[];
  readonly routes: readonly PolicyRouteSpec[];
}

export interface NotificationPolicySpec {
  readonly kind: 'notification-policy';
  readonly orgId: number;
  readonly root: PolicyRouteSpec & { readonly receiver: ContactPointSpec };
  readonly issues: readonly Issue[];
}

export interface TimeIntervalSpec {
  readonly times?: ReadonlyArray<{ readonly start: string; readonly end: string }>;
  readonly weekdays?: readonly string[];
  readonly daysOfMonth?: readonly string[];
  readonly months?: readonly string[];
  readonly years?: readonly string[];
  readonly location?: string;
}

export interface MuteTimingSpec {
  readonly kind: 'mute-timing';
  readonly name: string;
  readonly orgId: number;
  readonly intervals: readonly TimeIntervalSpec[];
  readonly issues: readonly Issue[];
}

export interface NotificationTemplateSpec {
  readonly kind: 'notification-template';
  readonly name: string;
  readonly orgId: number;
  readonly template: string;
  readonly issues: readonly Issue[];
}

export interface AlertingSpec {
  readonly groups?: readonly RuleGroupSpec[];
  readonly contactPoints?: readonly ContactPointSpec[];
  readonly policies?: readonly NotificationPolicySpec[];
  readonly muteTimings?: readonly MuteTimingSpec[];
  readonly templates?: readonly NotificationTemplateSpec[];
}

export const EXPR_DATASOURCE_UID = '__expr__';

export function isAlertNode(v: unknown): v is AlertNode {
  return typeof v === 'object' && v !== null && ((v as AlertNode).kind === 'alert-query' || (v as AlertNode).kind === 'expression');
}

export type { DatasourceSpec };
