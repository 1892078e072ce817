/**
 * Where Grafana's grid shows panels whose JSON positions dashcode's layout
 * refuses (two panels overlapping, a y that is not a whole grid row).
 * Grafana loads such dashboards: its grid is react-grid-layout with the
 * default `compactType: 'vertical'` (public/app/features/dashboard/dashgrid/
 * DashboardGrid.tsx; SceneGridLayoutRenderer in @grafana/scenes for
 * Scenes dashboards), which compacts the layout on load: `compact` in
 * react-grid-layout's utils.js sorts the items by row then column, and
 * `compactItem` moves each up as far as it can go, then down past whatever it
 * still collides with (`resolveCompactionCollision` pushes the items below it
 * along). `compactVertically` is that algorithm; the import applies it only
 * where dashcode would refuse the layout, so a dashboard that builds as it is
 * keeps its exact positions.
 */
import { asArray, isObject } from '../diff/json.js';
import { collapsedShift } from '../diff/normalize.js';
import type { Json, JsonObject } from '../model/loose.js';
import { joinPath, type IssuePath } from '../model/issue-path.js';

export interface GridItem {
  x: number;
  y: number;
  w: number;
  h: number;
}

const collides = (a: GridItem, b: GridItem) => !(a.x + a.w <= b.x || a.x >= b.x + b.w || a.y + a.h <= b.y || a.y >= b.y + b.h);

/**
 * How many collision tests one import may make, checking the layout and
 * compacting it. react-grid-layout's compaction is cubic in the worst case
 * (1,000 panels stacked at one place took 45 s), and the layout comes from
 * the file being imported: past the budget the import keeps the positions as
 * given rather than stall (under a second at worst on a 2-core machine). The public
 * dashboards in test/fixtures/public need at most 2,048; a layout of 2,000
 * panels that all fit takes 2 million to check.
 */
export const COMPACTION_BUDGET = 2_000_000;

const SPENT = Symbol('compaction budget spent');

/** `run` with a `collides` counted against `budget`; undefined once the budget is spent. */
function withinBudget<T>(budget: number, run: (hits: typeof collides) => T): T | undefined {
  let left = budget;
  try {
    return run((a, b) => {
      if (--left < 0) throw SPENT;
      return collides(a, b);
    });
  } catch (err) {
    if (err === SPENT) return undefined;
    throw err;
  }
}

/**
 * react-grid-layout's `compact(layout, 'vertical', cols)`; the result is in
 * input order, the input untouched. Undefined when it would take more than
 * `budget` collision tests.
 */
export function compactVertically(items: readonly GridItem[], budget = COMPACTION_BUDGET): GridItem[] | undefined {
  return withinBudget(budget, (hits) => compact(items, hits));
}

function compact(items: readonly GridItem[], hits: typeof collides): GridItem[] {
  // sortLayoutItemsByRowCol: y, then x; ties keep their order.
  const sorted = items.map((item, index) => ({ ...item, index })).sort((a, b) => a.y - b.y || a.x - b.x);
  const placed: Array<GridItem & { index: number }> = [];
  // bottom(compareWith), kept as items are placed: nothing placed moves again.
  let bottom = 0;
  const out: GridItem[] = new Array<GridItem>(items.length);
  for (const [i, item] of sorted.entries()) {
    const l = { ...item };
    l.y = floatUp(placed, { ...l, y: Math.min(bottom, l.y) }, hits);
    let hit: GridItem | undefined;
    while ((hit = placed.find((p) => hits(p, l)))) resolveCollision(sorted, i, l, hit.y + hit.h, hits);
    l.y = Math.max(l.y, 0);
    placed.push(l);
    bottom = Math.max(bottom, l.y + l.h);
    out[l.index] = { x: l.x, y: l.y, w: l.w, h: l.h };
  }
  return out;
}

/**
 * Where compactItem's `while (l.y > 0 && !getFirstCollision(compareWith, l)) l.y--`
 * stops, without taking its steps: y comes from the file, and the loop takes
 * y steps (forever from 2⁵³ up, where y - 1 === y). Per item beside `l`, the
 * first step that puts l's top above the item's bottom is the only one that can
 * collide with it; the loop stops at the earliest such collision, or at y ≤ 0.
 */
function floatUp(placed: readonly GridItem[], l: GridItem, hits: typeof collides): number {
  const y = l.y;
  if (!(y > 0)) return y;
  let steps = Math.ceil(y);
  for (const p of placed) {
    if (p.x + p.w <= l.x || p.x >= l.x + l.w) continue;
    const end = p.y + p.h;
    let k = Math.max(0, Math.floor(y - end) + 1);
    // The estimate may be one off where y - end rounds; past 2⁵³ steps it stays as estimated.
    if (k > 0 && y - (k - 1) < end) k--;
    else if (y - k >= end) k++;
    if (k < steps && hits(p, { ...l, y: y - k })) steps = k;
  }
  return y - steps;
}

/** resolveCompactionCollision: move `item` to `moveTo`, pushing the not yet compacted items it would hit below it. */
function resolveCollision(sorted: GridItem[], at: number, item: GridItem, moveTo: number, hits: typeof collides): void {
  item.y += 1;
  for (let j = at + 1; j < sorted.length; j++) {
    const other = sorted[j]!;
    if (other.y > item.y + item.h) break;
    if (hits(item, other)) resolveCollision(sorted, j, other, moveTo + item.h, hits);
  }
  item.y = moveTo;
}

export interface GridMove {
  /** `['panels', 3]`, `['panels', 2, 'panels', 0]`. */
  path: IssuePath;
  title?: string;
  from: JsonObject;
  to: GridItem;
  /** Why dashcode could not keep the JSON's position. */
  reason: string;
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A panel's grid item as react-grid-layout takes it (a row is always 24×1), or undefined without a usable gridPos. */
function itemOf(p: JsonObject): GridItem | undefined {
  const g = isObject(p.gridPos) ? p.gridPos : undefined;
  if (!g || !num(g.x) || !num(g.y) || !num(g.w) || !num(g.h)) return undefined;
  return p.type === 'row' ? { x: 0, y: g.y, w: 24, h: 1 } : { x: g.x, y: g.y, w: g.w, h: g.h };
}

/** Why dashcode's layout refuses each item (fractional row, overlap with an earlier item), by index; empty when it refuses none. */
function refusals(items: ReadonlyArray<GridItem | undefined>, hits: typeof collides): Map<number, string> {
  const out = new Map<number, string>();
  const seen: GridItem[] = [];
  items.forEach((item, i) => {
    if (!item) return;
    const other = seen.find((s) => hits(s, item));
    if (!Number.isInteger(item.y)) out.set(i, 'not on a whole grid row');
    else if (other) out.set(i, `overlapping the panel at x=${other.x} y=${other.y} w=${other.w} h=${other.h}`);
    seen.push(item);
  });
  return out;
}

/**
 * The dashboard with its grid as Grafana shows it, where dashcode would
 * refuse it: the top-level list (rows and the panels of expanded rows) is
 * compacted as a whole when any of it overlaps or sits on a fractional row;
 * a collapsed row's panels likewise, under their row header (as Grafana
 * lays them out when the row is expanded). The input is not changed.
 * `tooCostly`: the layout would take more than COMPACTION_BUDGET collision
 * tests, and the dashboard is returned as it is.
 */
export function grafanaGrid(d: JsonObject, budget = COMPACTION_BUDGET): { dashboard: JsonObject; moved: GridMove[]; tooCostly?: true } {
  return withinBudget(budget, (hits) => compactGrid(d, hits)) ?? { dashboard: d, moved: [], tooCostly: true };
}

function compactGrid(d: JsonObject, hits: typeof collides): { dashboard: JsonObject; moved: GridMove[] } {
  const original = d.panels;
  if (!Array.isArray(original)) return { dashboard: d, moved: [] };
  const moved: GridMove[] = [];
  // `shift` re-bases a collapsed row's panels under its header first, as Grafana does on expand (their stored y
  // is from when the row was last expanded; see diff/normalize-panels.ts collapsedShift); results are shifted back.
  const relayout = (list: Json[], path: IssuePath, header?: GridItem, shift = 0): Json[] => {
    const items = list.map((p) => {
      const item = isObject(p) ? itemOf(p) : undefined;
      return item && { ...item, y: item.y + shift };
    });
    const refused = refusals(header ? [header, ...items] : items, hits);
    if (refused.size === 0) return list;
    const present = items.flatMap((item, i) => (item ? [{ item, i }] : []));
    const compacted = compact(header ? [header, ...present.map((p) => p.item)] : present.map((p) => p.item), hits).slice(header ? 1 : 0);
    const out = [...list];
    present.forEach(({ item, i }, k) => {
      const to = { ...compacted[k]!, y: compacted[k]!.y - shift };
      const p = list[i] as JsonObject;
      if (to.y === item.y - shift) return;
      const g = p.gridPos as JsonObject;
      out[i] = { ...p, gridPos: { ...g, y: to.y } };
      const reason = refused.get(header ? i + 1 : i) ?? 'pushed along by the compaction';
      moved.push({ path: joinPath(path, i), title: typeof p.title === 'string' && p.title !== '' ? p.title : undefined, from: g, to: { x: num(g.x) ? g.x : 0, y: to.y, w: num(g.w) ? g.w : 24, h: num(g.h) ? g.h : 1 }, reason });
    });
    return out;
  };
  const top = relayout(original, ['panels']);
  const panels = top.map((p, i) => {
    if (!isObject(p) || p.type !== 'row' || p.collapsed !== true || asArray(p.panels).length === 0) return p;
    const header = itemOf(p);
    const list = asArray(p.panels);
    const shift = header ? collapsedShift(list.filter(isObject), header.y + 1) : 0;
    const children = relayout(list, joinPath('panels', i, 'panels'), header, shift);
    return children === p.panels ? p : { ...p, panels: children };
  });
  const changed = panels.some((p, i) => p !== original[i]);
  return { dashboard: changed ? { ...d, panels } : d, moved };
}
