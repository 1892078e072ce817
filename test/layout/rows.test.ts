/** Examples of rows: headers, expanded and collapsed rows, panels after a row. */
import { describe, expect, it } from 'vitest';
import { layoutPanels, type GridPos, type LayoutNode, type PanelSlot } from '../../src/compile/layout.js';

const at = (x: number, y: number, w = 12, h = 8): GridPos => ({ x, y, w, h });
const header = (y: number): GridPos => ({ x: 0, y, w: 24, h: 1 });
const panel = (slot: PanelSlot = {}): LayoutNode => ({ kind: 'panel', slot });
const row = (panels: PanelSlot[], collapsed = false): LayoutNode => ({ kind: 'row', collapsed, panels });

function layout(...nodes: LayoutNode[]) {
  const result = layoutPanels(nodes);
  expect(result.issues).toEqual([]);
  return result.nodes;
}

describe('rows', () => {
  it('a row header sits at the bottom of everything above, and its panels under it', () => {
    expect(layout(panel({ h: 4 }), panel(), row([{}, {}]), row([{ w: 24 }]))).toEqual([
      { kind: 'panel', gridPos: at(0, 0, 12, 4) },
      { kind: 'panel', gridPos: at(12, 0) },
      { kind: 'row', gridPos: header(8), panels: [at(0, 9), at(12, 9)] },
      { kind: 'row', gridPos: header(17), panels: [at(0, 18, 24)] },
    ]);
  });

  it('an empty expanded row takes one grid row', () => {
    expect(layout(row([]), row([{}]))).toEqual([
      { kind: 'row', gridPos: header(0), panels: [] },
      { kind: 'row', gridPos: header(1), panels: [at(0, 2)] },
    ]);
  });

  it('a collapsed row stores expanded positions, but the next row starts right under its header', () => {
    expect(layout(row([{}, {}, {}], true), row([{}]))).toEqual([
      { kind: 'row', gridPos: header(0), panels: [at(0, 1), at(12, 1), at(0, 9)] },
      { kind: 'row', gridPos: header(1), panels: [at(0, 2)] },
    ]);
  });

  it('a panel after a collapsed row starts right under its header', () => {
    expect(layout(panel(), row([{ h: 20 }], true), panel())).toEqual([
      { kind: 'panel', gridPos: at(0, 0) },
      { kind: 'row', gridPos: header(8), panels: [at(0, 9, 12, 20)] },
      { kind: 'panel', gridPos: at(0, 9) },
    ]);
  });

  it('a panel after an expanded row starts a new line below the row, never beside its last panel', () => {
    expect(layout(row([{ w: 6 }]), panel({ w: 6 }))).toEqual([
      { kind: 'row', gridPos: header(0), panels: [at(0, 1, 6)] },
      { kind: 'panel', gridPos: at(0, 9, 6) },
    ]);
  });

  it('an explicit panel inside a row uses the absolute y of the dashboard', () => {
    expect(layout(panel(), row([{ w: 6 }, { x: 6, y: 9, w: 6, h: 2 }, { w: 6 }]))).toEqual([
      { kind: 'panel', gridPos: at(0, 0) },
      { kind: 'row', gridPos: header(8), panels: [at(0, 9, 6), at(6, 9, 6, 2), at(12, 9, 6)] },
    ]);
  });

  it('the next row header clears an explicit panel that reaches far down', () => {
    expect(layout(row([{ x: 0, y: 30, w: 4, h: 2 }]), row([]))).toEqual([
      { kind: 'row', gridPos: header(0), panels: [at(0, 30, 4, 2)] },
      { kind: 'row', gridPos: header(32), panels: [] },
    ]);
  });
});
