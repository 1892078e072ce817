/**
 * Which rectangles on the grid overlap: the one test, and an index that finds
 * the earlier rectangles a new one overlaps by looking at its neighbours
 * instead of at everything placed before it. Compile's layout (an explicit
 * panel must not overlap what is above it) and lint (a dashboard's JSON) both
 * ask it; a scan of every earlier panel made an imported dashboard, where
 * every panel has a position, quadratic to lay out (docs/layout.md, "Cost").
 *
 * Positions may be anything a JSON file holds (lint reads them as given):
 * fractions and negatives index as any number does; NaN, infinities and
 * numbers past 2^53 go to the list every lookup scans, where `overlaps`
 * decides as it would in a scan of everything.
 */

/** A rectangle on the grid: Grafana's gridPos, or lint's reading of one. */
export interface GridBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Grid rows per band: about one panel's height (Grafana's default is 8). */
const BAND_ROWS = 8;
/** A rectangle spanning more bands than this (h > ~250 rows) is kept in a list every lookup scans, instead of in each band. */
const MAX_BANDS = 32;

export function overlaps(a: GridBox, b: GridBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export class OverlapIndex<T extends { readonly pos: GridBox }> {
  private readonly placements: T[] = [];
  /** Band number → indices into `placements` of what reaches into it, ascending. */
  private readonly bands = new Map<number, number[]>();
  /** Indices of the rectangles too tall (or too odd) to list in every band, ascending. */
  private readonly tall: number[] = [];
  /** How many placements are in `bands` or `tall`: a layout of flowed panels only never asks, so is never indexed. */
  private indexed = 0;

  add(placement: T): void {
    this.placements.push(placement);
  }

  /** The earliest added placement that overlaps `pos` (the one a scan in order would find first). */
  firstOverlap(pos: GridBox): T | undefined {
    let best = Infinity;
    this.visit(pos, (list) => {
      for (const i of list) {
        if (i >= best) return;
        if (overlaps(this.placements[i]!.pos, pos)) {
          best = i;
          return;
        }
      }
    });
    return best === Infinity ? undefined : this.placements[best];
  }

  /** The earliest added placement that overlaps `pos`, and how many do. */
  overlapsOf(pos: GridBox): { first: T; count: number } | undefined {
    let best = Infinity;
    let count = 0;
    const from = bandsOf(pos)[0];
    this.visit(pos, (list, band) => {
      for (const i of list) {
        const other = this.placements[i]!.pos;
        // A rectangle is listed in every band it reaches: count it in the first of them this lookup visits.
        if (band !== undefined && band !== Math.max(bandsOf(other)[0], from)) continue;
        if (!overlaps(other, pos)) continue;
        count++;
        if (i < best) best = i;
      }
    });
    return best === Infinity ? undefined : { first: this.placements[best]!, count };
  }

  /** Calls `scan` with every list that may hold a placement overlapping `pos`, and the band it is (none for the others). */
  private visit(pos: GridBox, scan: (list: readonly number[], band?: number) => void): void {
    while (this.indexed < this.placements.length) this.index(this.indexed++);
    const [first, last] = bandsOf(pos);
    if (!isSpan(first, last)) {
      // No height, or not a finite one: only a scan of everything answers as the test would.
      scan([...this.placements.keys()]);
      return;
    }
    scan(this.tall);
    if (last - first < this.bands.size) {
      for (let b = first; b <= last; b++) {
        const list = this.bands.get(b);
        if (list) scan(list, b);
      }
    } else {
      // Taller than the bands there are: visit those, not every number in its span.
      for (const [b, list] of this.bands) if (b >= first && b <= last) scan(list, b);
    }
  }

  private index(i: number): void {
    const [first, last] = bandsOf(this.placements[i]!.pos);
    if (!isSpan(first, last) || last - first >= MAX_BANDS) {
      this.tall.push(i);
      return;
    }
    for (let b = first; b <= last; b++) {
      const list = this.bands.get(b);
      if (list) list.push(i);
      else this.bands.set(b, [i]);
    }
  }
}

/** The first and last band the rows [y, y + h) reach into (fractions included). */
function bandsOf({ y, h }: GridBox): [number, number] {
  return [Math.floor(y / BAND_ROWS), Math.ceil((y + h) / BAND_ROWS) - 1];
}

/** Bands a loop can count through: past 2^53, `b++` no longer moves (a y of 1e300 in a JSON file would spin forever). */
function isSpan(first: number, last: number): boolean {
  return Number.isSafeInteger(first) && Number.isSafeInteger(last) && first <= last;
}
