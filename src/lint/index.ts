/**
 * `dashcode lint`: rules for dashboard JSON and provisioning YAML, as a
 * library (pure functions returning Issues) and a CLI command. See docs/lint.md
 * and docs/rules/<code>.md.
 */
export { RULES, RULE_CODES, ruleInfo, isRuleCode, type RuleCode, type RuleInfo, type RuleCategory, type RuleSeverity } from './rules.js';
export { checkLintConfig, type LintConfig, type LintExclusion, type RuleSetting } from './config.js';
export { lintDashboard, type LintDashboardContext } from './dashboard/lint.js';
export type { LintDatasource } from './dashboard/datasources.js';
export {
  lintProvisioning,
  provisioningKind,
  datasourcesOf,
  type DashboardMount,
  type LintProvisioningContext,
  type ProvisioningKind,
} from './provisioning.js';
export { lintRepo, type LintRepoInput, type RepoDashboard, type RepoProvisioning } from './repo.js';
export { formatLintReport, summarize, githubAnnotation, LINT_FORMATS, type LintFormat, type LintSummary } from './format.js';
export { loadLintSettings, type LintSettings } from './settings.js';
