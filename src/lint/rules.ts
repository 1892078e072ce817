/**
 * The rule registry: every code `dashcode lint` can report, its default
 * severity and a one-line summary. Codes are stable (configs and exclusions
 * name them); each has a page at docs/rules/<code>.md.
 */

export type RuleSeverity = 'error' | 'warning';

export type RuleCategory = 'references' | 'layout' | 'panels' | 'sql' | 'promql' | 'provisioning' | 'alerting' | 'lint';

export interface RuleInfo {
  readonly code: string;
  readonly category: RuleCategory;
  readonly severity: RuleSeverity;
  readonly summary: string;
}

export const RULES = [
  // references
  { code: 'datasource-unknown', category: 'references', severity: 'error', summary: 'a datasource reference names no provisioned datasource' },
  { code: 'datasource-type-mismatch', category: 'references', severity: 'error', summary: 'a datasource reference and the provisioned datasource disagree on the type' },
  { code: 'datasource-missing-uid', category: 'references', severity: 'error', summary: 'a datasource reference has no uid ({"default": true}, {})' },
  { code: 'datasource-panel-mismatch', category: 'references', severity: 'error', summary: "a query's datasource differs from its (non-mixed) panel's" },
  { code: 'variable-undefined', category: 'references', severity: 'warning', summary: 'a query, title, link or repeat uses a variable the dashboard does not define' },
  { code: 'variable-unused', category: 'references', severity: 'warning', summary: 'a variable is defined but never used' },
  { code: 'dashboard-uid', category: 'references', severity: 'error', summary: 'the dashboard uid is missing, longer than 40 characters or has characters Grafana rejects' },
  { code: 'dashboard-uid-duplicate', category: 'references', severity: 'error', summary: 'two dashboard files share a uid' },
  { code: 'panel-id-duplicate', category: 'references', severity: 'error', summary: 'two panels share an id' },
  { code: 'query-refid-duplicate', category: 'references', severity: 'error', summary: 'two queries of a panel share a refId' },
  // layout
  { code: 'layout-overlap', category: 'layout', severity: 'error', summary: 'two panels overlap' },
  { code: 'layout-overflow', category: 'layout', severity: 'error', summary: 'a panel reaches beyond column 24 (or starts before column 0)' },
  { code: 'layout-zero-size', category: 'layout', severity: 'error', summary: 'a panel has no gridPos or a zero width or height' },
  { code: 'layout-nested-row', category: 'layout', severity: 'error', summary: 'a row is nested inside a row' },
  // panels
  { code: 'panel-title', category: 'panels', severity: 'warning', summary: 'a panel has no title' },
  { code: 'panel-unit', category: 'panels', severity: 'warning', summary: 'a panel shows times, bytes or percentages without a unit' },
  { code: 'panel-no-queries', category: 'panels', severity: 'warning', summary: 'a data panel has no queries' },
  { code: 'panel-duplicate-query', category: 'panels', severity: 'warning', summary: 'two panels of the same type run identical queries' },
  // SQL
  { code: 'sql-unsafe-interpolation', category: 'sql', severity: 'error', summary: 'a variable is interpolated into SQL with a format that is unsafe where it stands' },
  { code: 'sql-time-filter', category: 'sql', severity: 'warning', summary: 'a time-series SQL query has no $__timeFilter or other time condition' },
  { code: 'sql-trailing-comment', category: 'sql', severity: 'warning', summary: 'text (usually a comment) follows the terminating ";" of a SQL query' },
  // PromQL
  { code: 'promql-unsafe-interpolation', category: 'promql', severity: 'warning', summary: 'a variable a viewer can set stands where its value can leave its PromQL string (or is PromQL code)' },
  { code: 'promql-rate-counter', category: 'promql', severity: 'warning', summary: 'rate/irate/increase over a series that is not a counter' },
  { code: 'promql-rate-interval', category: 'promql', severity: 'warning', summary: 'rate/irate/increase with a range other than $__rate_interval (or $__range)' },
  { code: 'promql-histogram-bucket', category: 'promql', severity: 'warning', summary: 'histogram_quantile over series that are not _bucket series' },
  { code: 'promql-histogram-le', category: 'promql', severity: 'error', summary: 'an aggregation drops the le label before histogram_quantile' },
  // provisioning
  { code: 'provisioning-secret', category: 'provisioning', severity: 'error', summary: 'a provisioning file holds a plaintext secret' },
  { code: 'provisioning-api-version', category: 'provisioning', severity: 'error', summary: 'a provisioning file has no apiVersion: 1' },
  { code: 'provisioning-provider-path', category: 'provisioning', severity: 'error', summary: "a dashboard provider's path does not hold the generated dashboards" },
  { code: 'provisioning-default-datasource', category: 'provisioning', severity: 'error', summary: 'more than one default datasource in an organization' },
  { code: 'provisioning-datasource-uid', category: 'provisioning', severity: 'warning', summary: 'a provisioned datasource has no uid, so dashboards cannot reference it stably' },
  { code: 'provisioning-unescaped-variable', category: 'provisioning', severity: 'error', summary: 'a Grafana template variable ($__rate_interval, ${__from}) in a provisioning file, where Grafana expands it as an environment variable' },
  // alerting
  { code: 'alert-for-missing', category: 'alerting', severity: 'warning', summary: 'an alert rule on a sampled metric fires on its first evaluation (no `for`)' },
  { code: 'alert-annotation-missing', category: 'alerting', severity: 'warning', summary: 'an alert rule has no summary or runbook_url annotation' },
  { code: 'alert-counter-threshold', category: 'alerting', severity: 'warning', summary: 'an alert rule compares a raw counter with a threshold' },
  { code: 'alert-panel-unknown', category: 'alerting', severity: 'error', summary: 'an alert rule links to a dashboard or panel that does not exist' },
  { code: 'alert-raw-dollar', category: 'alerting', severity: 'error', summary: 'a `$$` in a query model or annotation, which Grafana reads raw: it stays `$$`' },
  { code: 'alert-time-filter', category: 'alerting', severity: 'warning', summary: "an alert rule's SQL query has no time filter, so its time range is ignored" },
  // the linter itself
  { code: 'lint-config', category: 'lint', severity: 'error', summary: 'the lint configuration is invalid (unknown rule, bad severity, exclusion without a reason)' },
  { code: 'lint-parse', category: 'lint', severity: 'error', summary: 'a file could not be read as a dashboard or provisioning document' },
] as const satisfies readonly RuleInfo[];

export type RuleCode = (typeof RULES)[number]['code'];

const BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

export const RULE_CODES: readonly RuleCode[] = RULES.map((r) => r.code);

export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

export function isRuleCode(code: string): code is RuleCode {
  return BY_CODE.has(code);
}
