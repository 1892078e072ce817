import { diffAlerting } from './alerting.js';
import type { DashboardDiff } from './changes.js';
import { diffDashboards } from './diff.js';
import { asObject, asString } from './json.js';

/**
 * Differences between two sets of dashboards keyed by file name (a
 * directory, or `generated/` at a git revision). Only dashboards that
 * differ are returned, sorted by name.
 */
export function diffDashboardSets(before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): DashboardDiff[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: DashboardDiff[] = [];
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    const meta = asObject(b ?? a);
    const head = { name, title: asString(meta.title) ?? '', uid: asString(meta.uid) ?? '' };
    if (a === undefined) out.push({ ...head, status: 'added', changes: [{ kind: 'dashboard-added', subject: 'dashboard' }] });
    else if (b === undefined) out.push({ ...head, status: 'removed', changes: [{ kind: 'dashboard-removed', subject: 'dashboard' }] });
    else {
      const changes = diffDashboards(a, b);
      if (changes.length > 0) out.push({ ...head, status: 'changed', changes });
    }
  }
  return out;
}

/** Alerting provisioning files on either side, diffed rule by rule (a file on one side only counts as all added or removed). */
export function diffAlertingSets(before: ReadonlyMap<string, unknown> = new Map(), after: ReadonlyMap<string, unknown> = new Map()): DashboardDiff[] {
  const out: DashboardDiff[] = [];
  for (const name of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(name);
    const b = after.get(name);
    const changes = diffAlerting(a ?? {}, b ?? {});
    if (changes.length > 0) out.push({ name, title: 'alert rules', uid: '', status: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed', changes });
  }
  return out;
}
