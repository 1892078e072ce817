import type { Needs } from '../../model/needs.js';

/** What `dashcode check` reports, per query. */
/** `syntax-ok`: only parsed (no backend given, or one dashcode does not run); never broken, never "ok". */
export type CheckStatus = 'ok' | 'syntax-ok' | 'empty' | 'wrong-shape' | 'error' | 'skipped';
export type QueryLanguage = 'sql' | 'promql' | 'logql' | 'traceql' | 'traceid' | 'expression' | 'unknown';

export interface QueryCheck {
  dashboard: string;
  /** Panel title, or `variable <name>` for a variable query. */
  panel: string;
  /** JSON path of the target, e.g. `panels[3].targets[0]`. */
  path: string;
  refId?: string;
  language: QueryLanguage;
  status: CheckStatus;
  /** Why it is not ok, in words a person can act on. */
  message?: string;
  /** Not run for want of this backend (the CLI says which flag gives it). */
  needs?: Needs;
  /** The query as it was sent, after variables and macros were expanded. */
  expanded?: string;
  rows?: number;
  columns?: string[];
  ms: number;
}

export interface DashboardCheck {
  file?: string;
  dashboard: string;
  uid?: string;
  range: { from: string; to: string };
  /** Each variable's selected value; `given` when the caller chose it (`variableValues`), not the dashboard. */
  /** `given`: the value was given (variableValues); `givenIgnored`: one was given and Grafana would not take it, and why. */
  variables: Array<{ name: string; value: string | string[]; status: CheckStatus; message?: string; given?: boolean; givenIgnored?: string }>;
  queries: QueryCheck[];
}

export function isBroken(q: Pick<QueryCheck, 'status'>): boolean {
  return q.status === 'error' || q.status === 'wrong-shape' || q.status === 'empty';
}
