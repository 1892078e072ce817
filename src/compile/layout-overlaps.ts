/**
 * What an explicit panel is checked against: everything placed before it in
 * its section, indexed by bands of grid rows, so that finding the first
 * rectangle it overlaps looks at its neighbours instead of at every panel
 * above it (a scan of all of them made an imported dashboard, where every
 * panel has a position, quadratic to lay out; docs/layout.md, "Cost").
 */
import type { GridPos } from './layout-types.js';

/** Grid rows per band: about one panel's height (Grafana's default is 8). */
const BAND_ROWS = 8;
/** A rectangle spanning more bands than this (h > ~250 rows) is kept in a list every lookup scans, instead of in each band. */
const MAX_BANDS = 32;

export interface Placement {
  pos: GridPos;
}

export class OverlapIndex<T extends Placement> {
  private readonly placements: T[] = [];
  /** Band number → indices into `placements` of what reaches into it, ascending. */
  private readonly bands = new Map<number, number[]>();
  /** Indices of the rectangles too tall to list in every band, ascending. */
  private readonly tall: number[] = [];
  /** How many placements are in `bands` or `tall`: a section of flowed panels only is never asked, so never indexed. */
  private indexed = 0;

  add(placement: T): void {
    this.placements.push(placement);
  }

  /** The earliest added placement that overlaps `pos` (the one a linear scan in order would find first). */
  firstOverlap(pos: GridPos): T | undefined {
    while (this.indexed < this.placements.length) this.index(this.indexed++);
    let best = this.firstIn(this.tall, pos, Infinity);
    const first = bandOf(pos.y);
    const last = bandOf(pos.y + pos.h - 1);
    if (last - first < this.bands.size) {
      for (let b = first; b <= last; b++) {
        const list = this.bands.get(b);
        if (list) best = this.firstIn(list, pos, best);
      }
    } else {
      // A rectangle taller than the section's listed bands: visit the bands there are, not every number in its span.
      for (const [b, list] of this.bands) if (b >= first && b <= last) best = this.firstIn(list, pos, best);
    }
    return best === Infinity ? undefined : this.placements[best];
  }

  private index(i: number): void {
    const { y, h } = this.placements[i]!.pos;
    const first = bandOf(y);
    const last = bandOf(y + h - 1);
    if (last - first >= MAX_BANDS) {
      this.tall.push(i);
      return;
    }
    for (let b = first; b <= last; b++) {
      const list = this.bands.get(b);
      if (list) list.push(i);
      else this.bands.set(b, [i]);
    }
  }

  /** The first index in `list` (ascending) before `best` whose placement overlaps `pos`, else `best`. */
  private firstIn(list: readonly number[], pos: GridPos, best: number): number {
    for (const i of list) {
      if (i >= best) break;
      if (overlaps(this.placements[i]!.pos, pos)) return i;
    }
    return best;
  }
}

function bandOf(y: number): number {
  return Math.floor(y / BAND_ROWS);
}

export function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
