/**
 * The regular expressions a dashboard carries and dashcode runs itself — a
 * query variable's regex, a Prometheus `metrics(re)` variable query, an
 * override's byRegexp matcher, a stat's field filter — come from the pull
 * request, and so can the text they run on (fixtures, a Prometheus the
 * fixtures feed). A pattern that backtracks catastrophically (`^(a+)+\1$`)
 * would hold the process for minutes. Grafana runs them in the viewer's
 * browser; `check` and `preview` run them in CI, so they get a budget.
 *
 * The work runs through `vm` with a timeout: V8 stops a running regular
 * expression when the timeout fires, which no check inside the loop could.
 * One context and one compiled script are kept and reused; each call costs a
 * watchdog thread (about 0.12 ms), so a caller wraps the whole loop where it
 * has one (a variable's values, a stat's fields); preview's byRegexp matcher is
 * asked one field at a time (fieldSettings), so it pays that per field.
 */
import vm from 'node:vm';

/** How long the regular expressions of one variable, matcher or filter may run. */
export const REGEX_BUDGET_MS = 1000;

let budgetMs = REGEX_BUDGET_MS;

/**
 * Sets the budget for this process and returns the one it replaces. For tests
 * (test/security/regex-budget.test.ts waits out a smaller one, each case a
 * second less of CPU spent backtracking); not exported from an entry point.
 */
export function setRegexBudgetMs(ms: number): number {
  const previous = budgetMs;
  budgetMs = ms;
  return previous;
}

/** The budget ran out: the message names what ran. */
export class RegexBudgetError extends Error {
  override readonly name = 'RegexBudgetError';
}

const slot: { work?: () => unknown } = {};
let context: vm.Context | undefined;
let script: vm.Script | undefined;

/** `work()`, stopped with a `RegexBudgetError` naming `what` when it runs longer than the budget. `work` must be synchronous. */
export function withinRegexBudget<T>(work: () => T, what: string): T {
  context ??= vm.createContext({ slot });
  script ??= new vm.Script('slot.work()');
  const outer = slot.work;
  slot.work = work;
  try {
    return script.runInContext(context, { timeout: budgetMs }) as T;
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new RegexBudgetError(`${what} ran for more than ${budgetMs / 1000} s and was stopped (a regular expression that backtracks catastrophically?)`);
    }
    throw err;
  } finally {
    slot.work = outer;
  }
}
