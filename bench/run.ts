/**
 * dashcode vs @grafana/grafana-foundation-sdk, and the CLI vs bare node.
 *
 *     node --import tsx bench/run.ts [--sizes 10,100] [--skip micro,memory,cli,components]
 *     node --import tsx bench/run.ts --only-cli 'build --check,check, no SQL' [--cli-runs 9]
 *
 * `--only-cli` times only the named CLI rows (CLI_CASES names, separated by
 * `;` or by a `,` not followed by a space) and nothing else; write
 * `--only-cli=--help;check` when the first name starts with `--`.
 *
 * 1. In one process, interleaved round by round (tinybench), the same
 *    dashboards (bench/workloads.ts) at 10, 100, 1,000 and 10,000 panels:
 *    build; build + serialize; build + validate + serialize; and
 *    JSON.stringify of dashcode's compiled object as the floor. Medians.
 * 2. Peak memory at 10,000 panels, one child process per pipeline (bench/memory.ts).
 * 3. Whole-process CLI timings (bench/cli.ts).
 * 4. Component ratios: layout scaling, lint next to build (bench/components.ts).
 * 5. Pass/fail against the targets of issues 7 and 15. Never fails the process.
 *
 * A full run writes bench/results/latest.json and the generated section of
 * bench/README.md; a run with --sizes or --skip writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { loadInProcess } from './bundled.js';
import { CLI_CASES, timeCli, type CliTiming } from './cli.js';
import { timeComponents, type ComponentResult } from './components.js';
import { grafanaSchemaPath, repoRoot, type PipelineName } from './pipelines.js';
import { median } from './median.js';

const SIZES = [10, 100, 1000, 10000];
const ROUNDS = 5;
/** Per round and task: time budget (ms) and minimum iterations. Five rounds: at least 10 samples per task. */
const BUDGET: Record<number, { time: number; iterations: number }> = {
  10: { time: 40, iterations: 20 },
  100: { time: 60, iterations: 10 },
  1000: { time: 100, iterations: 3 },
  10000: { time: 0, iterations: 2 },
};
const MEMORY_PANELS = 10000;
/** Whole-process runs per CLI row. The issue measured medians of 5; here those moved by up to half from one run to the next (`check, no SQL` 1.96×, 3.31×), so 9. */
const CLI_RUNS = 9;

const { values: flags } = parseArgs({ options: { sizes: { type: 'string' }, skip: { type: 'string' }, 'only-cli': { type: 'string' }, 'cli-runs': { type: 'string' } } });
const onlyCli = flags['only-cli']?.split(/;|,(?! )/).filter(Boolean);
const sizes = onlyCli ? [] : flags.sizes ? flags.sizes.split(',').map(Number).filter((n) => n > 0) : SIZES;
const skip = new Set([...(flags.skip ?? '').split(',').filter(Boolean), ...(onlyCli ? ['micro', 'memory', 'components'] : [])]);
const cliRuns = flags['cli-runs'] ? Number(flags['cli-runs']) : CLI_RUNS;
const cliCases = onlyCli ? CLI_CASES.filter((c) => onlyCli.some((o) => c.name === o)) : CLI_CASES;
const full = !flags.sizes && skip.size === 0 && !flags['cli-runs'];

const log = (line = '') => process.stdout.write(`${line}\n`);
const ms = (x: number | undefined) =>
  x === undefined ? '—' : x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : x >= 1 ? `${x.toFixed(2)} ms` : `${(x * 1000).toFixed(0)} µs`;
const ratio = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);
const mib = (b: number | undefined) => (b === undefined ? '—' : `${(b / 2 ** 20).toFixed(0)} MiB`);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

// The timed code as it ships (esbuild, no tsx `keepNames`): bench/bundled.ts says why.
const { compileDashboard, dashcode, dashcodeSpec, dashcodeStages, foundationSdk, grafanaValidator, PIPELINES, printCanonical, sdkDashboardJson } = loadInProcess();
const validate = grafanaValidator();
if (!validate) log(`note: ${grafanaSchemaPath} not found (it exists only beside the project's own workspace): the foundation-sdk "build + validate + serialize" column is skipped.`);

// ---------------------------------------------------------------------------
// 1. In-process timings
// ---------------------------------------------------------------------------

interface SizeResult {
  panels: number;
  outputBytes: { dashcode: number; foundationSdk: number };
  grafanaSchemaValid?: { dashcode: boolean; foundationSdk: boolean };
  samples: number;
  medianMs: {
    dashcode: Record<PipelineName, number>;
    foundationSdk: Partial<Record<PipelineName, number>>;
    jsonStringify: number;
    stages: Record<keyof typeof dashcodeStages, number>;
  };
}

let sink: unknown;

async function timeSize(n: number): Promise<SizeResult> {
  // Inputs for the floor and the per-stage rows, prepared outside the timed calls.
  const spec = dashcodeSpec(n);
  const compiled = compileDashboard(spec);
  if (compiled.issues.length > 0) throw new Error(`the ${n}-panel workload has issues: ${compiled.issues[0]!.message}`);
  const json = compiled.json;
  const sdkJson = sdkDashboardJson(n);

  const tasks: Array<[string, () => unknown]> = [];
  for (const p of PIPELINES) {
    tasks.push([`dashcode ${p}`, () => (sink = dashcode(p, n))]);
    if (p !== 'build+validate+serialize' || validate) tasks.push([`foundation-sdk ${p}`, () => (sink = foundationSdk(p, n, validate))]);
  }
  tasks.push(['JSON.stringify', () => (sink = JSON.stringify(json, null, 2))]);
  tasks.push(['stage builders', () => (sink = dashcodeStages.builders(n))]);
  tasks.push(['stage compile', () => (sink = dashcodeStages.compile(spec))]);
  tasks.push(['stage validate', () => (sink = dashcodeStages.validate(json))]);
  tasks.push(['stage printCanonical', () => (sink = dashcodeStages.printCanonical(json))]);

  const samples = new Map<string, number[]>(tasks.map(([name]) => [name, []]));
  const { time, iterations } = BUDGET[n] ?? { time: 100, iterations: 2 };
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order every round so no task always runs right after the same one (GC debt, caches).
    const order = tasks.map((_, i) => tasks[(i + round) % tasks.length]!);
    const bench = new Bench({ time, iterations, warmup: round === 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
    for (const [name, fn] of order) bench.add(name, fn);
    await bench.run();
    for (const task of bench.tasks) {
      const r = task.result;
      if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
      samples.get(task.name)!.push(...(r.latency.samples ?? []));
    }
  }
  const med = (name: string) => median(samples.get(name)!);
  const opt = (name: string) => (samples.has(name) ? med(name) : undefined);
  const fsdk: Partial<Record<PipelineName, number>> = {};
  for (const p of PIPELINES) {
    const m = opt(`foundation-sdk ${p}`);
    if (m !== undefined) fsdk[p] = m;
  }
  return {
    panels: n,
    outputBytes: { dashcode: Buffer.byteLength(printCanonical(json)), foundationSdk: Buffer.byteLength(JSON.stringify(sdkJson, null, 2)) },
    grafanaSchemaValid: validate ? { dashcode: validate(json) as boolean, foundationSdk: validate(sdkJson) as boolean } : undefined,
    samples: Math.min(...[...samples.values()].map((s) => s.length)),
    medianMs: {
      dashcode: Object.fromEntries(PIPELINES.map((p) => [p, med(`dashcode ${p}`)])) as Record<PipelineName, number>,
      foundationSdk: fsdk,
      jsonStringify: med('JSON.stringify'),
      stages: {
        builders: med('stage builders'),
        compile: med('stage compile'),
        validate: med('stage validate'),
        printCanonical: med('stage printCanonical'),
      },
    },
  };
}

function printSize(r: SizeResult): void {
  const m = r.medianMs;
  log(`\n${r.panels.toLocaleString('en-US')} panels (${(r.outputBytes.dashcode / 1024).toFixed(0)} KiB dashcode, ${(r.outputBytes.foundationSdk / 1024).toFixed(0)} KiB foundation-sdk; ${r.samples}+ samples per row)`);
  log(`  ${'pipeline'.padEnd(28)}${'dashcode'.padStart(11)}${'foundation-sdk'.padStart(16)}${'ratio'.padStart(9)}`);
  for (const p of PIPELINES) {
    log(`  ${p.padEnd(28)}${ms(m.dashcode[p]).padStart(11)}${ms(m.foundationSdk[p]).padStart(16)}${ratio(m.dashcode[p] / (m.foundationSdk[p] ?? NaN)).padStart(9)}`);
  }
  log(`  ${'JSON.stringify (floor)'.padEnd(28)}${ms(m.jsonStringify).padStart(11)}   (dashcode build+validate+serialize = ${ratio(m.dashcode['build+validate+serialize'] / m.jsonStringify)} of it)`);
  const s = m.stages;
  log(`  dashcode stages: builders ${ms(s.builders)}, compile ${ms(s.compile)}, validate ${ms(s.validate)}, printCanonical ${ms(s.printCanonical)}`);
  if (r.grafanaSchemaValid) log(`  valid against Grafana's dashboard schema: dashcode ${r.grafanaSchemaValid.dashcode}, foundation-sdk ${r.grafanaSchemaValid.foundationSdk}`);
}

// ---------------------------------------------------------------------------
// 2. Peak memory, one child per measurement
// ---------------------------------------------------------------------------

interface MemoryRow {
  library: string;
  pipeline: string;
  peakBytes: number;
  /** RSS after loading both libraries, before the work. */
  beforeBytes: number;
}

function measureMemory(n: number): MemoryRow[] {
  const script = path.join(repoRoot, 'bench/memory.ts');
  const runs: Array<[string, PipelineName]> = [['baseline', 'build']];
  for (const p of PIPELINES) {
    runs.push(['dashcode', p]);
    if (p !== 'build+validate+serialize' || validate) runs.push(['foundation-sdk', p]);
  }
  runs.push(['json-stringify', 'build']);
  return runs.map(([library, pipeline]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, library, pipeline, String(n)], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`memory child ${library} ${pipeline} failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { before: number; peak: number };
    return { library, pipeline: library === 'baseline' ? '(load only)' : library === 'json-stringify' ? 'compile + JSON.stringify' : pipeline, peakBytes: out.peak, beforeBytes: out.before };
  });
}

function printMemory(rows: MemoryRow[], n: number): void {
  log(`\nPeak memory at ${n.toLocaleString('en-US')} panels (maxRSS of a fresh process running the pipeline once; both libraries loaded in every process)`);
  for (const r of rows) {
    log(`  ${r.library.padEnd(16)}${r.pipeline.padEnd(28)}${mib(r.peakBytes).padStart(9)}   (+${mib(r.peakBytes - r.beforeBytes)} over the ${mib(r.beforeBytes)} after loading)`);
  }
}

// ---------------------------------------------------------------------------
// 4. Targets
// ---------------------------------------------------------------------------

interface Target {
  name: string;
  value?: number;
  limit: number;
  /** How value and limit are written: a ratio (default), milliseconds or MiB. */
  unit?: 'ratio' | 'ms' | 'MiB';
  pass?: boolean;
  note?: string;
}

function targetValue(t: Target, x: number | undefined): string {
  if (x === undefined) return '—';
  return t.unit === 'ms' ? ms(x) : t.unit === 'MiB' ? `${x.toFixed(0)} MiB` : ratio(x);
}

function targets(sizesOut: SizeResult[], memory: MemoryRow[] | undefined, cli: CliTiming[] | undefined, components: ComponentResult | undefined): Target[] {
  const out: Target[] = [];
  const at = (n: number) => sizesOut.find((s) => s.panels === n);
  const check = (name: string, value: number | undefined, limit: number, note?: string, unit?: Target['unit']) =>
    out.push({ name, value, limit, unit, pass: value === undefined ? undefined : value <= limit, note: value === undefined ? (note ?? 'not measured') : note });
  for (const n of [1000, 10000]) {
    const s = at(n);
    check(`build+validate+serialize ≤ 1.0× foundation-sdk build+serialize at ${n.toLocaleString('en-US')} panels`, s && s.medianMs.dashcode['build+validate+serialize'] / s.medianMs.foundationSdk['build+serialize']!, 1);
  }
  const big = at(10000);
  check('build+validate+serialize ≤ 2× JSON.stringify alone at 10,000 panels', big && big.medianMs.dashcode['build+validate+serialize'] / big.medianMs.jsonStringify, 2);
  for (const c of cli ?? []) {
    const what = `\`${c.command}\`${c.note ? ` (${c.note})` : ''}`;
    if (c.targetRatio !== undefined) check(`${what} ≤ ${c.targetRatio}× bare \`node -e 0\``, c.ratioToBareNode, c.targetRatio);
    if (c.targetMs !== undefined) check(`${what} ≤ ${c.targetMs / 1000} s`, c.medianMs, c.targetMs, undefined, 'ms');
    if (c.targetRssMiB !== undefined) check(`${what} peak RSS ≤ ${c.targetRssMiB} MiB`, c.peakRssBytes === undefined ? undefined : c.peakRssBytes / 2 ** 20, c.targetRssMiB, undefined, 'MiB');
  }
  const peak = (lib: string, p: string) => memory?.find((m) => m.library === lib && m.pipeline === p)?.peakBytes;
  const sdkFull = peak('foundation-sdk', 'build+validate+serialize');
  const sdkRef = sdkFull ?? peak('foundation-sdk', 'build+serialize');
  const dc = peak('dashcode', 'build+validate+serialize');
  check(
    `peak memory of build+validate+serialize ≤ foundation-sdk's at ${MEMORY_PANELS.toLocaleString('en-US')} panels`,
    dc !== undefined && sdkRef !== undefined ? dc / sdkRef : undefined,
    1,
    sdkFull === undefined && sdkRef !== undefined ? 'against foundation-sdk build+serialize (no Grafana schema here)' : undefined,
  );
  check('layout stays linear: 200,000 panels ≤ 20× the time of 20,000 (quadratic would be 100×)', components?.layoutScaling, 20);
  check('layout stays linear with explicit positions: 200,000 panels ≤ 20× the time of 20,000', components?.explicitLayoutScaling, 20);
  check('import stays linear: 2,500 positioned panels ≤ 20× the time of 250', components?.importScaling, 20);
  return out;
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

function markdown(sizesOut: SizeResult[], memory: MemoryRow[] | undefined, cli: CliTiming[] | undefined, components: ComponentResult | undefined, tg: Target[], env: Record<string, unknown>): string {
  const L: string[] = [];
  L.push(`Node ${env.node} on ${env.cpu} (${env.cores} cores), ${env.platform}. Medians; ratio = dashcode / foundation-sdk (below 1: dashcode is faster).`, '');
  L.push('| panels | pipeline | dashcode | foundation-sdk | ratio |', '|---:|---|---:|---:|---:|');
  for (const s of sizesOut) {
    for (const p of PIPELINES) {
      const d = s.medianMs.dashcode[p];
      const f = s.medianMs.foundationSdk[p];
      L.push(`| ${s.panels.toLocaleString('en-US')} | ${p} | ${ms(d)} | ${f === undefined ? 'skipped (no schema)' : ms(f)} | ${ratio(d / (f ?? NaN))} |`);
    }
    L.push(`| ${s.panels.toLocaleString('en-US')} | JSON.stringify of the compiled object (floor) | ${ms(s.medianMs.jsonStringify)} | | |`);
  }
  L.push('', 'dashcode by stage (each timed alone on prepared input):', '', '| panels | builders | compile | validate | printCanonical |', '|---:|---:|---:|---:|---:|');
  for (const s of sizesOut) {
    const st = s.medianMs.stages;
    L.push(`| ${s.panels.toLocaleString('en-US')} | ${ms(st.builders)} | ${ms(st.compile)} | ${ms(st.validate)} | ${ms(st.printCanonical)} |`);
  }
  if (memory) {
    L.push('', `Peak memory at ${MEMORY_PANELS.toLocaleString('en-US')} panels (maxRSS, one fresh process per row, both libraries loaded in each):`, '');
    L.push('| library | pipeline | peak RSS | over loaded baseline |', '|---|---|---:|---:|');
    for (const m of memory) L.push(`| ${m.library} | ${m.pipeline} | ${mib(m.peakBytes)} | ${mib(m.peakBytes - m.beforeBytes)} |`);
  }
  if (cli) {
    L.push('', `Whole-process CLI timings on a copy of this repository (${CLI_RUNS} runs each, interleaved; median time, and the median of each run's ratio to a bare \`node -e 0\` timed just before it):`, '');
    L.push('| command | median | × bare node | peak RSS | note |', '|---|---:|---:|---:|---|');
    for (const c of cli) {
      L.push(`| \`${c.command}\` | ${c.skipped ? `skipped: ${c.skipped.replaceAll('|', '\\|')}` : ms(c.medianMs)} | ${c.skipped ? '' : ratio(c.ratioToBareNode)} | ${c.peakRssBytes === undefined ? '' : mib(c.peakRssBytes)} | ${c.note ?? ''} |`);
    }
  }
  if (components) {
    L.push('', 'Components (median; the targets below use their ratios):', '', '| component | median |', '|---|---:|');
    for (const c of components.rows) L.push(`| ${c.name} | ${ms(c.medianMs)} |`);
    L.push('', `Layout 200,000 / 20,000 panels: ${ratio(components.layoutScaling)}; at explicit positions: ${ratio(components.explicitLayoutScaling)}. Import of 2,500 / 250 positioned panels: ${ratio(components.importScaling)}. Lint / build of the same dashboards: ${ratio(components.lintOverBuild)} (informational: lint parses every query, compiling never does). Check on PGlite, cold / warm: ${ratio(components.checkColdOverWarm)}.`);
  }
  L.push('', 'Targets (issues 7 and 15):', '', '| target | measured | result |', '|---|---:|---|');
  for (const t of tg) L.push(`| ${t.name} | ${targetValue(t, t.value)} | ${t.pass === undefined ? `not measured${t.note ? ` (${t.note})` : ''}` : t.pass ? 'pass' : 'FAIL'}${t.pass !== undefined && t.note ? ` (${t.note})` : ''} |`);
  return L.join('\n');
}

const START = '<!-- bench:results:start (generated by `npm run bench`; do not edit) -->';
const END = '<!-- bench:results:end -->';

function writeReadme(section: string): void {
  const file = path.join(repoRoot, 'bench/README.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${START}\n${section}\n${END}`;
  const i = text.indexOf(START.slice(0, 30));
  const j = text.indexOf(END);
  writeFileSync(file, i >= 0 && j > i ? `${text.slice(0, i)}${block}${text.slice(j + END.length)}` : `${text.trimEnd()}\n\n## Latest results\n\n${block}\n`);
}

// ---------------------------------------------------------------------------

const started = Date.now();
const env = { node: process.version, cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU', cores: os.availableParallelism(), platform: `${os.platform()} ${os.arch()}` };
log(`dashcode bench: node ${env.node}, ${env.cpu}, ${env.cores} cores`);

const sizeResults: SizeResult[] = [];
if (!skip.has('micro')) {
  for (const n of sizes) {
    const r = await timeSize(n);
    printSize(r);
    sizeResults.push(r);
  }
}
void sink;

let memory: MemoryRow[] | undefined;
if (!skip.has('memory')) {
  memory = measureMemory(MEMORY_PANELS);
  printMemory(memory, MEMORY_PANELS);
}

let cli: CliTiming[] | undefined;
if (!skip.has('cli')) {
  cli = await timeCli(repoRoot, cliRuns, cliCases, log);
  log(`\nCLI, whole process (${cliRuns} runs each, median, on a copy of this repository)`);
  for (const c of cli) {
    const rss = c.peakRssBytes === undefined ? '' : `  peak RSS ${mib(c.peakRssBytes)}`;
    const note = c.note ? ` (${c.note})` : '';
    log(c.skipped ? `  ${c.command}${note}: skipped: ${c.skipped}` : `  ${c.command}${note}: ${ms(c.medianMs)}, ${ratio(c.ratioToBareNode)} bare node${rss}`);
  }
}

let components: ComponentResult | undefined;
if (!skip.has('components')) {
  components = await timeComponents(repoRoot);
  log('\nComponents (median)');
  for (const c of components.rows) log(`  ${c.name.padEnd(54)}${ms(c.medianMs).padStart(10)}`);
  log(`  layout 200,000 / 20,000 panels: ${ratio(components.layoutScaling)}, at explicit positions ${ratio(components.explicitLayoutScaling)}; import of 2,500 / 250 positioned panels: ${ratio(components.importScaling)}`);
  log(`  lint / build of the same dashboards: ${ratio(components.lintOverBuild)} (informational)`);
  log(`  check on PGlite, cold / warm: ${ratio(components.checkColdOverWarm)} (informational; \`dashcode check\` pays the cold path once per process)`);
}

const tg = targets(sizeResults, memory, cli, components);
log('\nTargets');
for (const t of tg) log(`  ${t.pass === undefined ? 'n/a ' : t.pass ? 'pass' : 'FAIL'}  ${t.name}: ${t.value === undefined ? (t.note ?? 'not measured') : `${targetValue(t, t.value)} (limit ${targetValue(t, t.limit)})${t.note ? `, ${t.note}` : ''}`}`);

if (full) {
  const results = {
    generatedBy: 'node --import tsx bench/run.ts',
    environment: env,
    grafanaSchema: validate ? 'present' : 'missing (foundation-sdk validation skipped)',
    sizes: sizeResults.map((s) => ({
      ...s,
      medianMs: {
        dashcode: Object.fromEntries(Object.entries(s.medianMs.dashcode).map(([k, v]) => [k, round3(v)])),
        foundationSdk: Object.fromEntries(Object.entries(s.medianMs.foundationSdk).map(([k, v]) => [k, round3(v)])),
        jsonStringify: round3(s.medianMs.jsonStringify),
        stages: Object.fromEntries(Object.entries(s.medianMs.stages).map(([k, v]) => [k, round3(v)])),
      },
      ratio: Object.fromEntries(PIPELINES.map((p) => [p, s.medianMs.foundationSdk[p] ? round3(s.medianMs.dashcode[p] / s.medianMs.foundationSdk[p]!) : null])),
    })),
    memory: memory && { panels: MEMORY_PANELS, rows: memory },
    cli: cli?.map((c) => ({ ...c, medianMs: c.medianMs && round3(c.medianMs), minMs: c.minMs && round3(c.minMs), ratioToBareNode: c.ratioToBareNode && round3(c.ratioToBareNode) })),
    cliRuns: CLI_RUNS,
    components,
    targets: tg.map((t) => ({ ...t, value: t.value === undefined ? undefined : round3(t.value) })),
  };
  mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeReadme(markdown(sizeResults, memory, cli, components, tg, env));
  log(`\nwrote bench/results/latest.json and bench/README.md (${((Date.now() - started) / 1000).toFixed(0)} s)`);
} else {
  log(`\npartial run (--sizes/--skip): results not written (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
