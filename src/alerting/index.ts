/**
 * Alert rules as code: Grafana-managed alerting built with the same
 * datasource objects and query tags as the dashboards, compiled to file
 * provisioning, and backtested on the data already in the database.
 */
export { alertQuery, type AlertQueryOptions } from './rules/query.js';
export { alertRule, type AlertRuleOptions } from './rules/rule.js';
export { ruleGroup, type RuleGroupOptions } from './rules/group.js';
export {
  reduceExpression,
  mathExpression,
  thresholdExpression,
  resampleExpression,
  math,
  type ReduceExpressionOptions,
  type MathExpressionOptions,
  type ThresholdExpressionOptions,
  type ThresholdCondition,
  type ResampleExpressionOptions,
} from './expressions/expressions.js';
export { contactPoint, SECRET_SETTINGS, type ContactPointOptions, type ReceiverOptions } from './notifications/contact-point.js';
export { notificationPolicy, type NotificationPolicyOptions, type PolicyRouteOptions } from './notifications/policy.js';
export { muteTiming, notificationTemplate, type MuteTimingOptions, type NotificationTemplateOptions } from './notifications/mute-timing.js';
export { alertingDocument, assignRefIds, type AlertingCompileResult, type PanelIndex } from './document.js';
export { backtestRule, type BacktestOptions, type BacktestResult, type FiringPeriod, type QueryRunner } from './engine/backtest.js';
export { evaluateRule, type InstanceResult, type EvalState } from './engine/evaluate.js';
export { framesFromSql, framesFromProm } from './engine/frames.js';
export { parseDuration, formatDuration } from './duration.js';
export type * from './model.js';
export { provisionedRules, type ProvisionedRule } from './read.js';
export { ruleMarks, firingSpans, type RuleMarks, type FiringSpan } from './marks.js';
export { validateAlertingDocument, ALERTING_SCHEMA_CODE } from './validate.js';
export { ALERTING_SCHEMA, ALERTING_SCHEMA_ID } from './schema.js';
