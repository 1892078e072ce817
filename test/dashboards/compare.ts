/**
 * The panel-by-panel comparison of a generated dashboard with its hand-written
 * original. Each test file states a table: original panel → its counterpart,
 * with the reason for every aspect that differs, plus the panels that are new.
 * The comparison fails on an unexplained difference, on an explained one that
 * is not there, and on a panel on either side that the table does not cover.
 */
import { describe, expect, it } from 'vitest';
import { needShared } from '../support/shared.js';
import {
  allPanels,
  differingAspects,
  differingDashboardAspects,
  panelKey,
  readGenerated,
  readOriginal,
  type Counterpart,
  type DashboardAspect,
  type DashboardJson,
  type PanelJson,
} from './support.js';

export interface Comparison {
  /** Path under ../shared/reference/transformers/. */
  original: string;
  /** File name under generated/. */
  generated: string;
  counterparts: readonly Counterpart[];
  /** New panels (titles) with the reason they were added. */
  added: Readonly<Record<string, string>>;
  /** Dashboard-level differences with their reasons. */
  dashboard: Partial<Record<DashboardAspect, string>>;
}

function byKey(panels: PanelJson[]): Map<string, PanelJson> {
  const map = new Map<string, PanelJson>();
  for (const p of panels) {
    expect(map.has(panelKey(p)), `two panels are titled "${panelKey(p)}": the comparison needs unique titles`).toBe(false);
    map.set(panelKey(p), p);
  }
  return map;
}

export function describeComparison(c: Comparison): void {
  describe.runIf(needShared)(`${c.generated} compared with the original ${c.original}`, () => {
    // Read inside the suite so a clone without ../shared skips instead of failing to load.
    const load = (): { original: DashboardJson; now: DashboardJson } => ({ original: readOriginal(c.original), now: readGenerated(c.generated) });

    it('has a counterpart for every original panel and row', () => {
      const { original } = load();
      expect(allPanels(original).map(panelKey).sort()).toEqual(c.counterparts.map((x) => x.original).sort());
    });

    it('accounts for every generated panel and row: a counterpart or an addition', () => {
      const { now } = load();
      const covered = [...c.counterparts.map((x) => x.now), ...Object.keys(c.added)];
      expect(allPanels(now).map(panelKey).sort()).toEqual(covered.sort());
    });

    it.each(c.counterparts.map((x) => [x.original, x] as const))('"%s": every difference is deliberate and listed', (_title, x) => {
      const { original, now } = load();
      const o = byKey(allPanels(original)).get(x.original);
      const n = byKey(allPanels(now)).get(x.now);
      expect(o, `original "${x.original}"`).toBeDefined();
      expect(n, `generated "${x.now}"`).toBeDefined();
      expect(differingAspects(o!, n!).sort()).toEqual(Object.keys(x.differences).sort());
      for (const reason of Object.values(x.differences)) expect(reason.length).toBeGreaterThan(10);
    });

    it('differs from the original dashboard only where listed', () => {
      const { original, now } = load();
      expect(differingDashboardAspects(original, now).sort()).toEqual(Object.keys(c.dashboard).sort());
    });
  });
}
