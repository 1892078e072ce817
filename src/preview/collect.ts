/**
 * Runs a dashboard's visible panels against the backends, as Grafana would on
 * load: the time range read like Grafana's, variables selected and resolved by
 * the check engine, then every target of every panel that is on the grid
 * (panels inside collapsed rows do not run, as in Grafana).
 */
import { calculateInterval, type TimeRange, type VariableValue } from '../check/interpolate/index.js';
import { DEFAULT_MAX_DATA_POINTS } from '../check/run/execute.js';
import { extractTargets, type TargetRef } from '../check/run/extract.js';
import { dashboardRange } from '../check/run/time-range.js';
import { resolveVariables, type GivenVariableValues } from '../check/run/variables.js';
import { runTarget, type Backends } from './data/run-target.js';
import { markLinkedRules } from './data/alert-marks.js';
import type { ProvisionedRule } from '../alerting/read.js';
import { layoutDashboard } from './layout.js';
import { readOnlySql, type QueryLimits } from '../db/read-only.js';
import type { DashboardPreview, PanelPreview } from './model.js';

/** SQL limits (`maxRows`, `queryTimeoutMs`) as check takes them. */
export interface CollectOptions extends Backends, QueryLimits {
  /** Override the dashboard's time range (Grafana syntax: `now-7d`, ISO dates, epoch ms). */
  from?: string;
  to?: string;
  now?: Date;
  file?: string;
  /** Variable values to select, as a dashboard URL's `var-<name>=<value>` selects them on load. */
  variableValues?: GivenVariableValues;
  /** Alert rules (read from alerting provisioning): those linked to a panel of this dashboard are backtested and marked on it. */
  alertRules?: readonly ProvisionedRule[];
}

type Obj = Record<string, unknown>;


export async function collectPreview(dashboard: Obj, options: CollectOptions = {}): Promise<DashboardPreview> {
  const now = options.now ?? new Date();
  const { fromText, toText, range, error } = dashboardRange(dashboard, { from: options.from, to: options.to, now });
  const layout = layoutDashboard(Array.isArray(dashboard.panels) ? dashboard.panels : []);
  const preview: DashboardPreview = {
    title: typeof dashboard.title === 'string' ? dashboard.title : '(untitled)',
    uid: typeof dashboard.uid === 'string' ? dashboard.uid : undefined,
    file: options.file,
    range: { from: fromText, to: toText, fromMs: range?.from.getTime() ?? 0, toMs: range?.to.getTime() ?? 0 },
    generatedAt: now.getTime(),
    variables: [],
    panels: layout.items.map((item) => ({ item, results: [] })),
    heightPx: layout.heightPx,
  };
  if (!range) {
    preview.error = error;
    return preview;
  }
  options = { ...options, sql: readOnlySql(options.sql, options) }; // as in check: read-only, one statement, within the limits
  const variables = await resolveVariables(dashboard, range, calculateInterval(range, DEFAULT_MAX_DATA_POINTS).intervalMs, options.sql, options.prometheus, { given: options.variableValues });
  preview.variables = describeVariables(dashboard, variables.values, variables.report);
  const targets = targetsByPanel(dashboard);
  for (const p of preview.panels) await runPanel(p, targets.get(p.item.index) ?? [], variables.values, range, options);
  if (options.alertRules?.length) await markLinkedRules(preview.uid, preview.panels, options.alertRules, range, options);
  return preview;
}

async function runPanel(p: PanelPreview, targets: TargetRef[], vars: Map<string, VariableValue>, range: TimeRange, backends: Backends): Promise<void> {
  if (p.item.kind === 'row') return;
  const raw = Array.isArray(p.item.panel.targets) ? (p.item.panel.targets as Obj[]) : [];
  for (const t of targets) {
    const k = t.path[t.path.length - 1] as number; // ['panels', i, 'targets', k]
    p.results.push({ ...(await runTarget(t, raw[k] ?? {}, vars, range, backends)), refId: t.refId });
  }
}

/** The check engine's targets of the top-level panels, by panel index (`['panels', 3, 'targets', 0]` → 3). */
function targetsByPanel(dashboard: Obj): Map<number, TargetRef[]> {
  const out = new Map<number, TargetRef[]>();
  for (const t of extractTargets(dashboard)) {
    const [list, index] = t.path;
    // Inside a collapsed row (`['panels', i, 'panels', j, …]`) or an annotation: not on the grid.
    if (list !== 'panels' || typeof index !== 'number' || t.path.length !== 4) continue;
    out.set(index, [...(out.get(index) ?? []), t]);
  }
  return out;
}

function describeVariables(dashboard: Obj, values: Map<string, VariableValue>, report: Array<{ name: string; status: string; message?: string }>): DashboardPreview['variables'] {
  const list = ((dashboard.templating as Obj | undefined)?.list ?? []) as Obj[];
  return list.map((v) => {
    const name = String(v.name ?? '');
    const value = values.get(name);
    const shown = value?.isAll ? 'All' : Array.isArray(value?.value) ? value.value.join(' + ') : String(value?.value ?? '');
    const r = report.find((x) => x.name === name);
    return {
      name,
      label: typeof v.label === 'string' && v.label ? v.label : name,
      value: shown,
      // hide: 2 hides the variable, 1 only its label.
      hidden: v.hide === 2,
      error: r?.status === 'error' ? r.message : undefined,
    };
  });
}
