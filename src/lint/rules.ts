/**
 * The rule registry: every code `dashcode lint` can report, its default
 * severity and a one-line summary. Codes are stable (configs and exclusions
 * name them); each has a page at docs/rules/<code>.md. The rules are the
 * entries of the one table of issue codes (src/model/issue-codes.ts) that
 * carry a lint category, in its order: this file only reads them.
 */
import { ISSUE_CODES, type LintCode, type RuleCategory } from '../model/issue-codes.js';

export type { RuleCategory };

export type RuleSeverity = 'error' | 'warning';

export type RuleCode = LintCode;

export interface RuleInfo {
  readonly code: RuleCode;
  readonly category: RuleCategory;
  readonly severity: RuleSeverity;
  readonly summary: string;
}

export const RULES: readonly RuleInfo[] = Object.entries(ISSUE_CODES).flatMap(([code, info]) =>
  'lint' in info ? [{ code: code as RuleCode, category: info.lint, severity: info.severity, summary: info.summary }] : [],
);

const BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

export const RULE_CODES: readonly RuleCode[] = RULES.map((r) => r.code);

export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

export function isRuleCode(code: string): code is RuleCode {
  return BY_CODE.has(code);
}
