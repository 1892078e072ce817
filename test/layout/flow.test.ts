/** Examples of the flow rules: wrapping, new lines, pinned columns, explicit positions. */
import { describe, expect, it } from 'vitest';
import { layoutPanels, type GridPos, type PanelSlot } from '../../src/compile/layout.js';

/** Lays out top-level panels only and returns their positions. */
function flow(...slots: PanelSlot[]): GridPos[] {
  const { nodes, issues } = layoutPanels(slots.map((slot) => ({ kind: 'panel' as const, slot })));
  expect(issues).toEqual([]);
  return nodes.map((n) => n.gridPos);
}

const at = (x: number, y: number, w = 12, h = 8): GridPos => ({ x, y, w, h });

describe('flowed panels', () => {
  it('defaults to 12x8 and puts two per line', () => {
    expect(flow({}, {}, {})).toEqual([at(0, 0), at(12, 0), at(0, 8)]);
  });

  it('grafana-foundation-sdk corner case: after 8, 8 a 12-wide panel wraps to x=0 instead of ending at column 28', () => {
    expect(flow({ w: 8 }, { w: 8 }, { w: 12 })).toEqual([at(0, 0, 8), at(8, 0, 8), at(0, 8, 12)]);
  });

  it('fills a line exactly and wraps after it', () => {
    expect(flow({ w: 8 }, { w: 8 }, { w: 8 }, { w: 8 })).toEqual([at(0, 0, 8), at(8, 0, 8), at(16, 0, 8), at(0, 8, 8)]);
  });

  it('starts a new line at the bottom of the tallest panel, not the last one', () => {
    expect(flow({ w: 12, h: 4 }, { w: 12, h: 10 }, { w: 12, h: 2 })).toEqual([
      at(0, 0, 12, 4),
      at(12, 0, 12, 10),
      at(0, 10, 12, 2),
    ]);
  });

  it('honours newLine even when the panel would fit', () => {
    expect(flow({ w: 6 }, { w: 6, newLine: true }, { w: 6 })).toEqual([at(0, 0, 6), at(0, 8, 6), at(6, 8, 6)]);
  });

  it('newLine on the first panel adds no gap', () => {
    expect(flow({ newLine: true })).toEqual([at(0, 0)]);
  });

  it('full-width panels stack', () => {
    expect(flow({ w: 24, h: 3 }, { w: 24 })).toEqual([at(0, 0, 24, 3), at(0, 3, 24)]);
  });
});

describe('pinned columns', () => {
  it('stays on the current line when the column is right of the cursor', () => {
    expect(flow({ w: 6 }, { x: 12, w: 6 }, { w: 6 })).toEqual([at(0, 0, 6), at(12, 0, 6), at(18, 0, 6)]);
  });

  it('starts a new line when the column is left of the cursor', () => {
    expect(flow({ w: 12 }, { x: 6, w: 6 })).toEqual([at(0, 0, 12), at(6, 8, 6)]);
  });

  it('pins the first panel of a dashboard', () => {
    expect(flow({ x: 18, w: 6 }, { w: 6 })).toEqual([at(18, 0, 6), at(0, 8, 6)]);
  });
});

describe('explicit positions', () => {
  it('are placed exactly, and flowed panels after them start below', () => {
    expect(flow({ x: 4, y: 0, w: 20, h: 3 }, {})).toEqual([at(4, 0, 20, 3), at(0, 3)]);
  });

  it('may leave a gap, which flowed panels do not fill backwards', () => {
    expect(flow({ x: 0, y: 20, w: 6, h: 2 }, {})).toEqual([at(0, 20, 6, 2), at(0, 22)]);
  });

  it('flowed panels step right past an explicit panel on the current line', () => {
    expect(flow({ w: 6 }, { x: 6, y: 0, w: 6, h: 4 }, { w: 6 })).toEqual([at(0, 0, 6), at(6, 0, 6, 4), at(12, 0, 6)]);
  });

  it('flowed panels step past an explicit panel that reaches into the line from below', () => {
    expect(flow({ w: 6 }, { x: 12, y: 4, w: 6, h: 4 }, { w: 6 }, { w: 6 })).toEqual([
      at(0, 0, 6),
      at(12, 4, 6, 4),
      at(6, 0, 6),
      at(18, 0, 6),
    ]);
  });

  it('flowed panels wrap below an explicit panel when nothing fits beside it', () => {
    expect(flow({ w: 6, h: 2 }, { x: 6, y: 0, w: 6, h: 5 }, { w: 18, h: 2 })).toEqual([
      at(0, 0, 6, 2),
      at(6, 0, 6, 5),
      at(0, 5, 18, 2),
    ]);
  });

  it('a pinned column blocked by an explicit panel moves to a new line in the same column', () => {
    expect(flow({ w: 6 }, { x: 12, y: 0, w: 6, h: 4 }, { x: 12, w: 6 })).toEqual([
      at(0, 0, 6),
      at(12, 0, 6, 4),
      at(12, 8, 6),
    ]);
  });

  it('touching edges is not an overlap', () => {
    expect(flow({ x: 0, y: 0, w: 12, h: 4 }, { x: 12, y: 0, w: 12, h: 4 }, { x: 0, y: 4, w: 24, h: 1 })).toEqual([
      at(0, 0, 12, 4),
      at(12, 0, 12, 4),
      at(0, 4, 24, 1),
    ]);
  });
});
