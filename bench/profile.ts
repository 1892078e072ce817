/**
 * CPU profile of dashcode's whole pipeline (builders + buildDashboard) at
 * 10,000 panels, summarised by self time and by inclusive time:
 *
 *     node --import tsx bench/profile.ts [panels] [--keep]
 *
 * Spawns `node --cpu-prof` on itself (`--child`), which runs the pipeline
 * once untimed and then RUNS times; prints the top functions by self time,
 * the cost by source file, and the inclusive time of dashcode's stages.
 * `--keep` leaves the .cpuprofile (open it in Chrome DevTools) and prints its path.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { findSourceMap, SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const RUNS = 5;
const args = process.argv.slice(2);

if (args[0] === '--child') {
  // The code as it ships (bench/bundled.ts); the parent built the bundle.
  const { loadInProcess, OUTFILE } = await import('./bundled.js');
  const { dashcodeSpec, buildDashboard } = loadInProcess({ rebuild: false });
  const n = Number(args[1]);
  let sink: unknown = buildDashboard(dashcodeSpec(n)).text;
  for (let i = 0; i < RUNS; i++) sink = buildDashboard(dashcodeSpec(n)).text;
  process.stdout.write(`${typeof sink}\n`);
  // Hand the parent the bundle's source map (inline, read with --enable-source-maps), so it can name original files and lines.
  const url = pathToFileURL(OUTFILE).href;
  writeFileSync(args[2]!, JSON.stringify({ [url]: findSourceMap(OUTFILE)?.payload }));
} else {
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 10000);
  const keep = args.includes('--keep');
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-profile-'));
  const self = fileURLToPath(import.meta.url);
  const root = path.resolve(path.dirname(self), '..');
  (await import('./bundled.js')).loadInProcess();
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--enable-source-maps', '--import', 'tsx', self, '--child', String(n), path.join(dir, 'maps.json')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const file = path.join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
  const maps = JSON.parse(readFileSync(path.join(dir, 'maps.json'), 'utf8')) as Record<string, SourceMapPayload>;
  summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, root, n, maps);
  if (keep) process.stdout.write(`\nprofile: ${file}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

function summarise(profile: CpuProfile, root: string, n: number, payloads: Record<string, SourceMapPayload>): void {
  const maps = new Map(Object.entries(payloads).map(([url, p]) => [url, new SourceMap(p)]));
  // Where a frame's code came from: the original file and line through the bundle's source map.
  const origin = (f: CpuProfile['nodes'][number]['callFrame']) => {
    const entry = maps.get(f.url)?.findEntry(f.lineNumber, f.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
    return entry?.originalSource ? { url: entry.originalSource, line: (entry.originalLine ?? 0) + 1 } : { url: f.url, line: f.lineNumber + 1 };
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const file = (url: string) => {
    if (!url) return '(native)';
    const p = url.startsWith('file://') ? fileURLToPath(url) : url;
    const rel = path.relative(root, p);
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel);
    return m ? `[${m[1]}]` : rel.startsWith('..') ? p : rel;
  };
  const key = (id: number) => {
    const f = byId.get(id)!.callFrame;
    const o = origin(f);
    return `${f.functionName || '(anonymous)'}  ${file(o.url)}${o.url ? `:${o.line}` : ''}`;
  };

  const selfTime = new Map<string, number>();
  const fileTime = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let gc = 0;
  // Only the samples inside the measured pipeline: stacks through buildDashboard or dashcodeSpec.
  const STAGES = ['dashcodeSpec', 'buildDashboard', 'compileDashboard', 'validateDashboardJson', 'validateDashboardParts', 'printCanonical', 'printOrdered', 'orderKeys', 'buildPanel', 'safeParse', 'deepMerge', 'clone', 'layoutPanels', 'findNonSerializable', 'promQuery', 'sqlQuery', 'row', 'dashboard', 'fieldDefaults', 'withSource', 'timeseriesPanel', 'tablePanel', 'barchartPanel', 'positionIssues', 'compilePanel', 'compilePanels', 'cloneWith', 'markChecked', 'panelInputLooksValid', 'requireVariables', 'typedReferenceIssues', 'assignIds', 'panelChecked'];
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const names = new Set<string>();
    // esbuild renames a bundle's clashing top-level functions with a digit (`buildDashboard2`): match the source's name.
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) names.add(byId.get(cur)!.callFrame.functionName.replace(/\d+$/, ''));
    if (names.has('(garbage collector)')) gc += dt;
    if (!names.has('buildDashboard') && !names.has('dashcodeSpec')) return;
    total += dt;
    selfTime.set(key(id), (selfTime.get(key(id)) ?? 0) + dt);
    const f = file(origin(byId.get(id)!.callFrame).url);
    fileTime.set(f, (fileTime.get(f) ?? 0) + dt);
    for (const s of STAGES) if (names.has(s)) inclusive.set(s, (inclusive.get(s) ?? 0) + dt);
  });
  const pct = (x: number) => `${((100 * x) / total).toFixed(1).padStart(5)}%`;
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`dashcode at ${n.toLocaleString('en-US')} panels: ${RUNS + 1} runs, ${(total / 1000 / (RUNS + 1)).toFixed(0)} ms per run in the pipeline (profiler on); garbage collection: another ${pct(gc).trim()} on top (not attributed to functions below)`);
  out('\nTop functions by self time');
  for (const [k, v] of top(selfTime, 30)) out(`  ${pct(v)}  ${k}`);
  out('\nBy source file (self time)');
  for (const [k, v] of top(fileTime, 20)) out(`  ${pct(v)}  ${k}`);
  out('\nInclusive time (stack contains the function)');
  for (const s of STAGES) if (inclusive.has(s)) out(`  ${pct(inclusive.get(s)!)}  ${s}`);
}
