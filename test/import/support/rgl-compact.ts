/**
 * react-grid-layout's vertical `compact`, loop for loop as utils.js writes it
 * (compactItem, resolveCompactionCollision): the oracle src/import/grid.ts is
 * checked against. It steps one row at a time, so feed it small layouts only.
 */
import type { GridItem } from '../../../src/import/grid.js';

const collides = (a: GridItem, b: GridItem) => !(a.x + a.w <= b.x || a.x >= b.x + b.w || a.y + a.h <= b.y || a.y >= b.y + b.h);
const bottom = (items: readonly GridItem[]) => items.reduce((max, i) => Math.max(max, i.y + i.h), 0);

export function rglCompact(items: readonly GridItem[]): GridItem[] {
  const sorted = items.map((item, index) => ({ ...item, index })).sort((a, b) => a.y - b.y || a.x - b.x);
  const placed: Array<GridItem & { index: number }> = [];
  const out: GridItem[] = new Array<GridItem>(items.length);
  for (const [i, item] of sorted.entries()) {
    const l = { ...item };
    l.y = Math.min(bottom(placed), l.y);
    while (l.y > 0 && !placed.some((p) => collides(p, l))) l.y--;
    let hit: GridItem | undefined;
    while ((hit = placed.find((p) => collides(p, l)))) resolve(sorted, i, l, hit.y + hit.h);
    l.y = Math.max(l.y, 0);
    placed.push(l);
    out[l.index] = { x: l.x, y: l.y, w: l.w, h: l.h };
  }
  return out;
}

function resolve(sorted: GridItem[], at: number, item: GridItem, moveTo: number): void {
  item.y += 1;
  for (let j = at + 1; j < sorted.length; j++) {
    const other = sorted[j]!;
    if (other.y > item.y + item.h) break;
    if (collides(item, other)) resolve(sorted, j, other, moveTo + item.h);
  }
  item.y = moveTo;
}
