import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { codes, dashboard, lint, promPanel, type Json } from './support.js';

const at = (x: number, y: number, w: number, h: number): { gridPos: Json } => ({ gridPos: { x, y, w, h } });
const panel = (title: string, pos: { gridPos: Json }): Json => ({ ...promPanel(title, `up{panel="${title}"}`), ...pos });

describe('layout', () => {
  it('touching edges do not overlap', () => {
    expect(lint(dashboard([panel('A', at(0, 0, 12, 8)), panel('B', at(12, 0, 12, 8)), panel('C', at(0, 8, 24, 4))]))).toEqual([]);
  });

  it('names both panels of an overlap', () => {
    const issues = lint(dashboard([panel('A', at(0, 0, 12, 8)), panel('B', at(0, 7, 12, 8))]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'layout-overlap', path: ['panels', 1, 'gridPos'], source: { panel: 'B' } });
    expect(issues[0]!.message).toBe('panel at x=0 y=7 w=12 h=8 overlaps "A" at x=0 y=0 w=12 h=8 (panels[0])');
  });

  it("a collapsed row's children are their own grid", () => {
    const json = dashboard([
      panel('A', at(0, 0, 24, 8)),
      { type: 'row', title: 'More', collapsed: true, ...at(0, 8, 24, 1), panels: [{ ...panel('B', at(0, 9, 24, 8)), id: 10 }, { ...panel('C', at(0, 12, 12, 8)), id: 11 }] },
    ]);
    expect(lint(json).map((i) => `${i.code} ${renderPath(i.path)}`)).toEqual(['layout-overlap panels[1].panels[1].gridPos']);
  });

  it('negative x and missing gridPos', () => {
    expect(codes(lint(dashboard([panel('A', at(-1, 0, 12, 8))])))).toEqual(['layout-overflow']);
    const missing = promPanel('A', 'up');
    const issues = lint({ ...dashboard([]), panels: [{ ...missing, id: 1 }] });
    expect(issues.map((i) => i.message)).toEqual(['panel has no complete gridPos {x, y, w, h}; give it a positive width and height']);
  });
});
