import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseOptions } from '../options.js';
import type { Plan } from '../../project/plan.js';
import type { Change } from '../../project/sync.js';
import { hashText } from '../../files/hash-text.js';
import { peekOutDir, readCache, scanInputs, statOutputs, takeMiss, tryCachedBuild, VERSION, writeCache, type InputScan } from '../fast-path.js';
import type { LoadOptions, Project } from '../../project/load.js';
import { BUNDLE } from '../../files/ts-loader.js';
import { LIBRARY_DIR } from '../../files/self-resolve.js';
import { sourceKey } from '../source-key.js';
import { findCacheDir } from '../../files/cache.js';
import { hasErrors } from '../../model/issue.js';
import { formatIssues } from '../../validate/issues.js';
import { EXIT } from '../exit.js';
import { UsageError, type Io } from '../io.js';
import type { Command } from '../run.js';
import { count } from '../../model/count.js';

const usage = `Usage: dashcode build [--check | --watch] [--no-cache] [--validate full] [--root DIR] [dashboards/x.ts ...]

Compiles every dashboard module (dashboards/*.{ts,mts,cts,js,mjs,cjs}) to
<outDir>/<name>.json and the datasources to Grafana provisioning YAML under
<outDir>/provisioning/. Each file is written atomically; a dashboard with
errors writes nothing. The build deletes only files its manifest
(<outDir>/.dashcode/manifest.json) lists; other files in <outDir> are left alone.

Options:
  --check      write nothing; exit 1 listing files that are stale, missing or
               no longer generated (0 when generated/ is up to date)
  --watch      build, then build again whenever a file of the project changes
               (not node_modules, dot-folders or <outDir>), until Ctrl-C;
               a rebuild loads only what changed
  --root DIR   project root (default: the current directory)
  --no-cache   always load and compile every dashboard (by default an
               unchanged project, with unchanged generated files, is answered
               from node_modules/.cache/dashcode without loading TypeScript)
  --load-timeout SECONDS
               time each module may take to load (default 30); a module
               that takes longer is reported by name, the others still build
  --validate full
               validate every dashboard's whole output against the schema
               (by default only what did not come through a typed builder:
               raw, pluginPanel, imported verbatim parts); implies --no-cache
  -h, --help   this help

Exit codes: 0 ok, 1 errors or stale files, 2 usage or internal error.`;

export const buildCommand: Command = {
  usage,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseOptions({ args, allowPositionals: true, options: { check: { type: 'boolean' }, watch: { type: 'boolean' }, root: { type: 'string' }, 'no-cache': { type: 'boolean' }, 'load-timeout': { type: 'string' }, validate: { type: 'string' } } });
    const validate = parsed.values.validate;
    if (validate !== undefined && validate !== 'full') throw new UsageError(`--validate takes "full", got ${JSON.stringify(validate)}`);
    const timeout = parsed.values['load-timeout'];
    const timeoutMs = timeout === undefined ? undefined : Number(timeout) * 1000;
    if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new UsageError(`--load-timeout must be a positive number of seconds, got "${timeout}"`);
    const check = parsed.values.check === true;
    if (check && parsed.values.watch === true) throw new UsageError('--check writes nothing and --watch writes on every change: give one of them');
    const options: BuildOptions = {
      root: path.resolve(io.cwd, parsed.values.root ?? '.'),
      check,
      files: parsed.positionals,
      // The cache remembers builds validated the default way: a full validation always compiles.
      useCache: parsed.positionals.length === 0 && parsed.values['no-cache'] !== true && validate === undefined,
      timeoutMs,
      validate: validate === 'full' ? 'full' : undefined,
    };
    if (parsed.values.watch !== true) return buildOnce(options, io);
    const { watchBuild } = await import('./build-watch.js');
    // Never answered whole from the cache: the watch's first build loads the library and the project (reusing
    // every unchanged dashboard), so that the first edit is rebuilt as fast as the ones after it.
    return watchBuild(options.root, (onScan) => buildOnce({ ...options, answerFromCache: false, onScan }, io), io);
  },
};

interface BuildOptions {
  root: string;
  check: boolean;
  files: string[];
  useCache: boolean;
  timeoutMs: number | undefined;
  validate: 'full' | undefined;
  /** Whether an unchanged project may be answered from the build cache without loading it (default true). */
  answerFromCache?: boolean;
  /** Called with the project scan the build fingerprinted the project with, when it made one. */
  onScan?: (scan: InputScan) => void;
}

/** One build (or --check): what `dashcode build` does once, and `--watch` after every change. */
async function buildOnce({ root, check, files, useCache, timeoutMs, validate, answerFromCache = true, onScan }: BuildOptions, io: Io): Promise<number> {
  const partial = files.length > 0;
  // bin/dashcode.js may have asked the cache already (a miss): its scan is reused, not redone.
  let miss = takeMiss(root);
  if (useCache && answerFromCache && !miss) {
    const cached = await tryCachedBuild(['build', ...(check ? ['--check'] : []), '--root', root], io);
    if (cached !== undefined) return cached;
    miss = takeMiss(root);
  }
  const fingerprint = useCache ? (miss?.scan ?? (await scanInputs(root, peekOutDir(root), (miss?.cache ?? (await readCache(root)))?.inputFiles))) : undefined;
  if (fingerprint) onScan?.(fingerprint);

  // Loaded only when the cache misses: these pull in the whole library and tsx.
  const { loadProject } = await import('../../project/load.js');
  const { planBuild } = await import('../../project/plan.js');
  const { checkOutDir } = await import('../../project/output.js');
  const { applySync, compareWithDisk } = await import('../../project/sync.js');
  const dashboardCache = fingerprint ? await import('../../project/dashboard-cache.js') : undefined;
  const cacheDir = findCacheDir(root);
  const incremental = fingerprint && dashboardCache ? reuser(root, fingerprint, dashboardCache, dashboardCache.readDashboardCache(cacheDir)) : undefined;
  const project = await loadProject(root, files, { timeoutMs, reuse: incremental?.reuse });
  // A refused outDir stops everything before a single file is compared, written or deleted.
  const outDirIssues = await checkOutDir(root, project.config, project.configFile);
  if (outDirIssues.length > 0) {
    io.stderr(`${formatIssues([...project.issues, ...outDirIssues])}\n`);
    return EXIT.findings;
  }
  if (project.dashboards.length === 0 && project.issues.length === 0) {
    io.stderr(`dashcode build: no dashboards found in ${project.config.dashboardsDir}/\n`);
    return EXIT.findings;
  }
  const plan = planBuild(project, { validate, yamlMemo: incremental?.yaml });
  const sync = await compareWithDisk(root, plan, { outDir: project.config.outDir, partial });
  const issues = [...plan.issues, ...sync.issues];
  const issuesText = issues.length > 0 ? `${formatIssues(issues)}\n` : '';
  io.stderr(issuesText);
  const failed = hasErrors(issues);
  const changes = sync.changes;

  if (check) {
    // --check removes nothing: a file no dashboard generates any more is an orphan the build would delete.
    for (const c of changes) io.stdout(c.kind === 'removed' ? `orphan   ${c.path} (no dashboard generates it; the build deletes it)\n` : `${c.kind.padEnd(8)} ${c.path}\n`);
    const stale = changes.length > 0;
    io.stdout(
      stale
        ? `${changes.length} generated file(s) out of date: run \`npx dashcode build\`\n`
        : upToDate(plan),
    );
    if (incremental) await incremental.remember(project, plan, cacheDir);
    if (!stale && !failed && fingerprint) await remember(root, fingerprint, plan, issuesText, sync.manifest);
    return stale || failed ? EXIT.findings : EXIT.ok;
  }

  await applySync(root, project.config.outDir, sync);
  const text = summary(plan, changes) + sync.staleTemps.map((t) => `  removed stale temp file ${t}\n`).join('') + sync.notes.map((n) => `  note: ${n}\n`).join('');
  io.stdout(text);
  if (incremental) await incremental.remember(project, plan, cacheDir);
  if (!failed && fingerprint) await remember(root, fingerprint, plan, issuesText, sync.manifest);
  return failed ? EXIT.findings : EXIT.ok;
}

async function remember(root: string, inputs: InputScan, plan: Plan, stderr: string, manifest: { path: string; text: string }): Promise<void> {
  const files = Object.fromEntries([...plan.files, manifest].map((f) => [f.path, hashText(f.text)]));
  const outputs = statOutputs(root, Object.keys(files));
  await writeCache(root, { version: 4, inputs: inputs.digest, inputFiles: inputs, files, outputs, stdout: summary(plan, []), checkStdout: upToDate(plan), stderr });
}

/**
 * A checkout's sources run module by module through the TypeScript hooks (no bundle: tests, DASHCODE_NO_BUNDLE):
 * the hooks load them once per process, outside every project module graph (ts-hooks.js), so their key salts the
 * cache instead. Empty for an installed package, whose version is its key.
 */
function librarySourceKey(): string {
  return existsSync(path.join(LIBRARY_DIR, 'index.ts')) ? sourceKey(path.dirname(LIBRARY_DIR), 'dashcode-library') : '';
}

type DashboardCacheModule = typeof import('../../project/dashboard-cache.js');

/**
 * Per-dashboard reuse (project/dashboard-cache.ts): `reuse` answers loadProject
 * for each dashboard from the last build's records, `remember` records this
 * build's dashboards, each under the key of its module graph.
 */
function reuser(root: string, scan: InputScan, dc: DashboardCacheModule, prior: ReturnType<DashboardCacheModule['readDashboardCache']>) {
  const scanned = Object.fromEntries(Object.entries(scan.files).map(([f, [, , h]]) => [f, h]));
  const hashOf = dc.fileHasher(root, scanned);
  // dashcode itself: its version, and the code the CLI runs from: an installed package's script by its content hash
  // (a reinstalled tarball may keep the version), a checkout's bundle of src/ by its folder (keyed by src/).
  const bundle = (globalThis as Record<symbol, { dir: string; key?: string } | undefined>)[BUNDLE];
  const salt = `${VERSION}\0${bundle ? (bundle.key ?? path.basename(bundle.dir)) : librarySourceKey()}`;
  let shared: string | undefined;
  const yaml = dc.yamlMemo(prior, salt);
  const sharedKeyOf = async (context: { shared: string[]; graph: () => Promise<Map<string, Set<string>>> }) => {
    if (shared === undefined) {
      const graph = await context.graph();
      const files = new Set(context.shared.flatMap((f) => dc.moduleClosure(graph, f)));
      shared = dc.sharedKey(salt, scanned, [...files], hashOf);
    }
    return shared;
  };
  const reuse: LoadOptions['reuse'] = async (file, context) => {
    const key = await sharedKeyOf(context);
    const record = Object.hasOwn(prior.dashboards, file) ? prior.dashboards[file] : undefined;
    if (!record || dc.dashboardKey(key, record.deps, hashOf) !== record.key) return undefined;
    return { built: record.built, output: record.output };
  };
  const remember = async (project: Project, plan: Plan, cacheDir: string | undefined) => {
    if (shared === undefined) return; // no dashboard was asked about
    const graph = await project.graph();
    const next: typeof prior = { version: prior.version, dashboards: {}, yaml: yaml.used, yamlSalt: salt };
    for (const d of project.dashboards) {
      if (d.built) {
        next.dashboards[d.file] = prior.dashboards[d.file]!;
        continue;
      }
      const built = plan.built.get(d.file);
      if (!built || built.text === undefined || typeof d.output !== 'string') continue;
      // The loader's paths are real paths; a dashboard it did not report is not cached.
      const abs = realpathSync(path.join(root, d.file));
      if (!graph.has(abs)) continue;
      const deps = dc.moduleClosure(graph, abs);
      const key = dc.dashboardKey(shared, deps, hashOf);
      if (key === undefined || !dc.cacheableGraph(deps, LIBRARY_DIR)) continue;
      next.dashboards[d.file] = { key, deps, output: d.output, built };
    }
    await dc.writeDashboardCache(cacheDir, next);
  };
  return { reuse, remember, yaml };
}

function upToDate(plan: Plan): string {
  return `${plan.files.length} generated file(s) up to date\n`;
}

function summary(plan: Plan, changes: readonly Change[]): string {
  const changed = new Set(changes.map((c) => c.path));
  let out = '';
  for (const d of plan.dashboards) {
    if (d.output) {
      const state = changed.has(d.output) ? 'written' : 'unchanged';
      out += `✓ ${d.file} → ${d.output} (${count(d.panels, 'panel')}, ${count(d.variables, 'variable')}, ${state})${d.warnings ? `, ${count(d.warnings, 'warning')}` : ''}\n`;
      for (const e of d.escapeHatches) out += `  raw escape hatch: ${e}\n`;
    } else {
      out += `✖ ${d.file}: ${d.errors} error(s), nothing written\n`;
    }
  }
  for (const c of changes) {
    if (c.path.endsWith('.yaml') || c.kind === 'removed') out += `  ${c.kind === 'removed' ? 'removed' : 'wrote'} ${c.path}\n`;
  }
  return out;
}
