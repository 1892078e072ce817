/**
 * Alert rules linked to a panel (`__dashboardUid__`/`__panelId__`) are
 * backtested over the page's time range on the same backends as the panel's
 * queries, and their firing spans become marks on that panel.
 */
import { ruleMarks, type RuleMarks } from '../../alerting/marks.js';
import type { ProvisionedRule } from '../../alerting/read.js';
import type { TimeRange } from '../../check/interpolate/index.js';
import type { Backends } from './run-target.js';
import type { PanelPreview } from '../model.js';

export type { RuleMarks };

export async function markLinkedRules(dashboardUid: string | undefined, panels: readonly PanelPreview[], rules: readonly ProvisionedRule[], range: TimeRange, backends: Backends): Promise<void> {
  if (dashboardUid === undefined) return;
  for (const p of panels) {
    if (p.item.kind === 'row') continue;
    const linked = rules.filter((r) => r.dashboardUid === dashboardUid && r.panelId !== undefined && r.panelId === p.item.panel.id);
    if (linked.length === 0) continue;
    p.alerts = [];
    for (const rule of linked) p.alerts.push(await ruleMarks(rule, range, backends));
  }
}
