/**
 * Component timings that tests must not assert on (a timed test fails on a
 * slow machine and proves nothing on a fast one): the layout's scaling, and
 * the linter's cost next to the build of the same dashboards.
 *
 * Both are ratios, so they do not depend on the machine:
 * - layout at 200,000 panels over layout at 20,000, interleaved after a
 *   warm-up: 10× is linear (the flow keeps no per-cell state); garbage
 *   collection of the larger output pushes it to 7-15× from run to run; a
 *   quadratic scan would be 100×. The target is 20×. The same for a layout
 *   where every panel has an explicit position (an imported dashboard's), which
 *   checks each one for overlaps.
 * - `importDashboard` of a dashboard of 2,500 panels over one of 250, every
 *   panel at a position only an explicit slot reproduces: 10× is linear. Import
 *   tries up to four slots per panel against the layout so far.
 * - lint of this repository's generated dashboards over `buildDashboard` of
 *   the same dashboards (lint runs inside every build). Informational: lint
 *   parses every query with the real PromQL/TraceQL grammars and a SQL lexer,
 *   which compiling never does, so it costs a few times the build; both are
 *   milliseconds against the ~0.5 s of loading TypeScript.
 *
 * And how long a full `check` of the shipped dashboards takes on PGlite
 * (issue 4): cold (start PGlite, migrate, seed, first check: what one
 * `dashcode check` process pays) and warm (the same check again on the open
 * database). Informational; the CLI row in bench/cli.ts adds process start.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { buildDashboard } from '../src/index.js';
import { layoutPanels, type LayoutNode } from '../src/compile/layout.js';
import { importDashboard } from '../src/import/import.js';
import { datasourcesOf, lintDashboard } from '../src/lint/index.js';
import { loadProject } from '../src/project/load.js';
import { checkDashboard } from '../src/check/run/index.js';
import { migrate, openPglite, seed } from '../src/db/index.js';
import { median } from './median.js';

export interface ComponentTiming {
  name: string;
  medianMs: number;
}

export interface ComponentResult {
  rows: ComponentTiming[];
  /** layout(200,000) / layout(20,000). */
  layoutScaling: number;
  /** The same, every panel at an explicit position. */
  explicitLayoutScaling: number;
  /** importDashboard of 2,500 positioned panels / of 250. */
  importScaling: number;
  /** lint of every generated dashboard / buildDashboard of the same dashboards. */
  lintOverBuild: number;
  /** Full check of every generated dashboard on PGlite, cold over warm. */
  checkColdOverWarm: number;
}

/** Deterministic pseudo-random widths, heights, rows and forced new lines. */
export function layoutWorkload(count: number): LayoutNode[] {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return 1 + (seed % n);
  };
  return Array.from({ length: count }, (_, i) =>
    i % 500 === 0
      ? { kind: 'row' as const, panels: Array.from({ length: 20 }, () => ({ w: next(24), h: next(10) })) }
      : { kind: 'panel' as const, slot: { w: next(24), h: next(10), newLine: i % 97 === 0 } },
  );
}

/** Two panels per line, each at an explicit x and y, one grid row apart: flowing would close the gaps, so only the position reproduces them. */
export function explicitLayoutWorkload(count: number): LayoutNode[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'panel' as const, slot: { x: (i % 2) * 12, y: Math.floor(i / 2) * 9, w: 12, h: 8 } }));
}

/** A Grafana dashboard of `count` timeseries panels at explicitLayoutWorkload's positions. */
function positionedDashboard(count: number): Record<string, unknown> {
  const panels = explicitLayoutWorkload(count).map((node, i) => ({
    id: i + 1,
    type: 'timeseries',
    title: `Panel ${i}`,
    gridPos: node.kind === 'panel' ? node.slot : undefined,
    targets: [{ refId: 'A', expr: 'up' }],
  }));
  return { uid: `positioned-${count}`, title: `${count} positioned panels`, schemaVersion: 39, panels };
}

/** Medians of the given tasks, run round-robin after a warm-up round, so no task gets a warmer JIT or a cleaner heap. */
function interleavedMedians(tasks: ReadonlyArray<() => unknown>, rounds: number): number[] {
  for (let w = 0; w < 3; w++) tasks.forEach((t) => t());
  const times = tasks.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    tasks.forEach((task, i) => {
      const start = performance.now();
      task();
      times[i]!.push(performance.now() - start);
    });
  }
  return times.map(median);
}

/** interleavedMedians for tasks that return a promise. */
async function interleavedMediansAsync(tasks: ReadonlyArray<() => Promise<unknown>>, rounds: number): Promise<number[]> {
  for (const t of tasks) await t();
  const times = tasks.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, task] of tasks.entries()) {
      const start = performance.now();
      await task();
      times[i]!.push(performance.now() - start);
    }
  }
  return times.map(median);
}

export async function timeComponents(repoRoot: string): Promise<ComponentResult> {
  const small = layoutWorkload(20_000);
  const large = layoutWorkload(200_000);
  for (const input of [small, large]) {
    const issues = layoutPanels(input).issues;
    if (issues.length > 0) throw new Error(`layout workload has issues: ${issues[0]!.message}`);
  }
  const [layoutSmall, layoutLarge] = interleavedMedians([() => layoutPanels(small), () => layoutPanels(large)], 11) as [number, number];
  const explicitSmall = explicitLayoutWorkload(20_000);
  const explicitLarge = explicitLayoutWorkload(200_000);
  if (layoutPanels(explicitSmall).issues.length > 0) throw new Error('explicit layout workload has issues');
  const [explicitSmallMs, explicitLargeMs] = interleavedMedians([() => layoutPanels(explicitSmall), () => layoutPanels(explicitLarge)], 11) as [number, number];
  const [importSmallMs, importLargeMs] = await interleavedMediansAsync([() => importDashboard(positionedDashboard(250)), () => importDashboard(positionedDashboard(2_500))], 5) as [number, number];

  const generated = path.join(repoRoot, 'generated');
  const datasources = datasourcesOf(parse(readFileSync(path.join(generated, 'provisioning/datasources/dashcode.yaml'), 'utf8')));
  const jsons = readdirSync(generated)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(generated, f), 'utf8')) as unknown);
  const project = await loadProject(repoRoot);
  const dashboards = project.dashboards.flatMap((d) => (d.spec ? [d.spec] : []));
  const [lintAll, buildAll] = interleavedMedians(
    [() => jsons.forEach((d) => lintDashboard(d, { datasources })), () => dashboards.forEach((d) => buildDashboard(d))],
    21,
  ) as [number, number];

  const check = await timeCheck(jsons as Array<Record<string, unknown>>);

  return {
    rows: [
      { name: 'layout, 20,000 panels', medianMs: layoutSmall },
      { name: 'layout, 200,000 panels', medianMs: layoutLarge },
      { name: 'layout, 20,000 panels at explicit positions', medianMs: explicitSmallMs },
      { name: 'layout, 200,000 panels at explicit positions', medianMs: explicitLargeMs },
      { name: 'importDashboard, 250 positioned panels', medianMs: importSmallMs },
      { name: 'importDashboard, 2,500 positioned panels', medianMs: importLargeMs },
      { name: `lint, the ${jsons.length} generated dashboards`, medianMs: lintAll },
      { name: `buildDashboard, the same ${dashboards.length} dashboards`, medianMs: buildAll },
      { name: 'check on PGlite, cold: start PGlite with initdb', medianMs: check.startInitdb },
      { name: 'check on PGlite, cold: start PGlite from a snapshot', medianMs: check.startSnapshot },
      { name: 'check on PGlite, cold: migrate + seed', medianMs: check.setup },
      { name: `check on PGlite, cold: first check of the ${jsons.length}`, medianMs: check.first },
      { name: `check on PGlite, warm: the same check again`, medianMs: check.warm },
    ],
    checkColdOverWarm: (check.startSnapshot + check.setup + check.first) / check.warm,
    layoutScaling: layoutLarge / layoutSmall,
    explicitLayoutScaling: explicitLargeMs / explicitSmallMs,
    importScaling: importLargeMs / importSmallMs,
    lintOverBuild: lintAll / buildAll,
  };
}

/**
 * Cold: a fresh PGlite with initdb (no snapshot), then one from a start-up
 * snapshot (what `dashcode check` does inside a project), migrate, seed and
 * the first check. Warm: the median of five more checks on the open database.
 * Both opens run in this already-warm process; the CLI row of bench/cli.ts is
 * the whole-process truth.
 */
async function timeCheck(dashboards: ReadonlyArray<Record<string, unknown>>) {
  const now = new Date();
  const checkAll = async (engine: Awaited<ReturnType<typeof openPglite>>) => {
    for (const d of dashboards) {
      const result = await checkDashboard(d, { sql: engine, now });
      // The bench times the SQL checks: PromQL/TraceQL are parsed, not run, without their servers.
      const broken = result.queries.find((q) => q.language === 'sql' && q.status !== 'ok' && q.status !== 'skipped');
      if (broken) throw new Error(`check of "${String(d.title)}" is not clean: ${broken.status} ${broken.message ?? ''}`);
    }
  };
  const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'dashcode-bench-'));
  try {
    let t = performance.now();
    await (await openPglite()).close();
    const startInitdb = performance.now() - t;
    await (await openPglite(undefined, { snapshotDir })).close(); // writes the snapshot
    t = performance.now();
    const engine = await openPglite(undefined, { snapshotDir });
    const startSnapshot = performance.now() - t;
    try {
      t = performance.now();
      await migrate(engine);
      await seed(engine, {});
      const setup = performance.now() - t;
      t = performance.now();
      await checkAll(engine);
      const first = performance.now() - t;
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) {
        t = performance.now();
        await checkAll(engine);
        warm.push(performance.now() - t);
      }
      return { startInitdb, startSnapshot, setup, first, warm: median(warm) };
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(snapshotDir, { recursive: true, force: true });
  }
}
