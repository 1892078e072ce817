/**
 * What a person reads when compiled JSON fails the output schema
 * (src/validate/schema-errors.ts): one issue per real problem, in the branch
 * of a `panels` item the value meant (a row or a panel), never a list of what
 * the other branch lacks.
 */
import { describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/build.js';
import { compileDashboard } from '../../src/compile/compile.js';
import { dashboard } from '../../src/dashboards/dashboard.js';
import { timeseriesPanel } from '../../src/panels/timeseries/timeseries.js';
import { row } from '../../src/rows/row.js';
import { validateDashboardJson } from '../../src/validate/output.js';

const messages = (issues: ReadonlyArray<{ path: readonly (string | number)[]; message: string }>) => issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('output schema errors', () => {
  it('a panel with a key no panel has: one issue, on that key, listing what a panel allows', () => {
    const r = buildDashboard(dashboard({ uid: 'u', title: 'T', panels: [timeseriesPanel({ title: 'CPU', queries: [], raw: { extra: { a: 1 } } as never })] }));
    expect(messages(r.issues)).toEqual([
      'panels.0.extra: unknown key "extra"; allowed keys: type, id, title, gridPos, datasource, targets, options, fieldConfig, description, transparent, links, transformations, repeat, repeatDirection, maxPerRow, interval, maxDataPoints, timeFrom, timeShift, hideTimeOverride, pluginVersion',
    ]);
  });

  it('a row with a key no row has: one issue, listing what a row allows', () => {
    const r = buildDashboard(dashboard({ uid: 'u', title: 'T', panels: [row({ title: 'Group', panels: [], raw: { extra: 1 } })] }));
    expect(messages(r.issues)).toEqual(['panels.0.extra: unknown key "extra"; allowed keys: type, id, title, collapsed, gridPos, panels, repeat, datasource']);
  });

  it('an item that is no object names the shape expected; a choice of values lists them', () => {
    const json = compileDashboard(dashboard({ uid: 'u', title: 'T', panels: [] })).json;
    expect(messages(validateDashboardJson({ ...json, panels: ['not a panel'], graphTooltip: 7 }))).toEqual([
      'graphTooltip: expected one of 0, 1, 2, got 7',
      'panels.0: expected a mapping, got "not a panel"',
    ]);
  });
});
