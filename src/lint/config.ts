/**
 * Lint configuration: `lint` in dashcode.config.ts, or dashcode.lint.json.
 *
 *   lint: {
 *     rules: { 'panel-unit': 'error', 'variable-unused': 'off' },
 *     exclude: {
 *       'panel-duplicate-query': [{ dashboard: 'transformers-benchmarks', panel: 'GPU memory', reason: 'same data, two views' }],
 *     },
 *   }
 *
 * An exclusion silences one rule for a dashboard uid, a panel title, or both;
 * it must say why, so the reason is reviewed with the code. Exclusions without
 * a reason are reported (`lint-config`) and ignored, never applied silently.
 */
import { isObject } from '../model/loose.js';
import { closestMatch } from '../model/closest-match.js';
import { issue, type Issue } from '../model/issue.js';
import { joinPath, type IssuePath } from '../model/issue-path.js';
import { RULE_CODES, isRuleCode, type RuleCode } from './rules.js';

export type RuleSetting = 'off' | 'warning' | 'error';

export interface LintExclusion {
  /** Dashboard uid the exclusion applies to; any dashboard when absent. */
  dashboard?: string;
  /** Panel title the exclusion applies to; any panel when absent. */
  panel?: string;
  /** Why this finding is acceptable. Required. */
  reason: string;
}

export interface LintConfig {
  /** Severity per rule code, replacing the rule's default. */
  rules?: Partial<Record<RuleCode, RuleSetting>>;
  /** Exclusions per rule code. */
  exclude?: Partial<Record<RuleCode, LintExclusion[]>>;
}

const SETTINGS: readonly RuleSetting[] = ['off', 'warning', 'error'];

/**
 * Checks a configuration read from a file (or a TS config, which the type
 * system only partly checks) and returns the usable part plus what is wrong
 * with the rest. `file` names the source in the issues.
 */
export function checkLintConfig(raw: unknown, file?: string): { config: LintConfig; issues: Issue[] } {
  const issues: Issue[] = [];
  const problem = (path: IssuePath, message: string): void => {
    issues.push({ ...issue('lint-config', path, message), ...(file ? { source: { file } } : {}) });
  };
  if (raw === undefined || raw === null) return { config: {}, issues };
  if (!isObject(raw)) {
    problem([], 'the lint configuration must be an object with "rules" and/or "exclude"');
    return { config: {}, issues };
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'rules' && key !== 'exclude' && key !== '$schema') problem([key], `unknown key "${key}" (allowed: rules, exclude)`);
  }
  const rules: Partial<Record<RuleCode, RuleSetting>> = {};
  if (raw.rules !== undefined) {
    if (!isObject(raw.rules)) problem(['rules'], 'expected an object of rule code → "off" | "warning" | "error"');
    else {
      for (const [code, setting] of Object.entries(raw.rules)) {
        const path = joinPath('rules', code);
        if (!isRuleCode(code)) problem(path, unknownRule(code));
        else if (typeof setting !== 'string' || !SETTINGS.includes(setting as RuleSetting)) {
          problem(path, `expected "off", "warning" or "error", got ${JSON.stringify(setting)}`);
        } else rules[code] = setting as RuleSetting;
      }
    }
  }
  const exclude: Partial<Record<RuleCode, LintExclusion[]>> = {};
  if (raw.exclude !== undefined) {
    if (!isObject(raw.exclude)) problem(['exclude'], 'expected an object of rule code → list of { dashboard?, panel?, reason }');
    else {
      for (const [code, list] of Object.entries(raw.exclude)) {
        const path = joinPath('exclude', code);
        if (!isRuleCode(code)) {
          problem(path, unknownRule(code));
          continue;
        }
        if (!Array.isArray(list)) {
          problem(path, 'expected a list of { dashboard?, panel?, reason }');
          continue;
        }
        const kept = list.flatMap((entry, i) => checkExclusion(entry, joinPath(path, i), problem));
        if (kept.length > 0) exclude[code] = kept;
      }
    }
  }
  const config: LintConfig = {};
  if (Object.keys(rules).length > 0) config.rules = rules;
  if (Object.keys(exclude).length > 0) config.exclude = exclude;
  return { config, issues };
}

function checkExclusion(entry: unknown, path: IssuePath, problem: (path: IssuePath, message: string) => void): LintExclusion[] {
  if (!isObject(entry)) {
    problem(path, 'expected { dashboard?, panel?, reason }');
    return [];
  }
  let ok = true;
  for (const key of Object.keys(entry)) {
    if (key !== 'dashboard' && key !== 'panel' && key !== 'reason') {
      problem(joinPath(path, key), `unknown key "${key}" (allowed: dashboard, panel, reason)`);
      ok = false;
    }
  }
  for (const key of ['dashboard', 'panel'] as const) {
    if (entry[key] !== undefined && typeof entry[key] !== 'string') {
      problem(joinPath(path, key), `expected a string (a dashboard uid or a panel title), got ${JSON.stringify(entry[key])}`);
      ok = false;
    }
  }
  if (typeof entry.reason !== 'string' || entry.reason.trim() === '') {
    problem(joinPath(path, 'reason'), 'an exclusion needs a reason: say why this finding is acceptable');
    ok = false;
  }
  return ok ? [entry as unknown as LintExclusion] : [];
}

function unknownRule(code: string): string {
  const near = closestMatch(code, RULE_CODES);
  return `unknown rule "${code}"${near ? ` (did you mean "${near}"?)` : ''}`;
}



