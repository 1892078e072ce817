/**
 * Issue 15, start-up: `--help`, usage errors and an up-to-date `build --check`
 * load none of the heavy dependencies. Asserts which modules load (traced by
 * V8's inspector, test/support/trace-loads.mjs), never how long anything takes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { backdate, dashboardModule, DATASOURCES, tempProject } from '../support/temp-project.js';

const BIN = path.join(repoRoot, 'bin/dashcode.js');
const HEAVY = /\/node_modules\/(tsx|zod|ajv|ajv-formats|@lezer\/[^/]+|@prometheus-io\/lezer-promql|@grafana\/lezer-traceql|prettier|@electric-sql\/pglite|pg|playwright-core)\//;

/**
 * Runs the CLI module by module (DASHCODE_NO_BUNDLE): the graph an installed package loads from
 * dist/. A checkout's esbuild bundle (src/cli/bundle.js) hides package paths inside its chunks.
 */
function loadedModules(args: string[], cwd = repoRoot): { status: number | null; modules: string[] } {
  const trace = path.join(mkdtempSync(path.join(tmpdir(), 'dashcode-trace-')), 'loads.txt');
  const env = { ...process.env, DASHCODE_TRACE_LOADS: trace, DASHCODE_NO_BUNDLE: '1' };
  const result = spawnSync(process.execPath, ['--import', path.join(repoRoot, 'test/support/trace-loads.mjs'), BIN, ...args], { cwd, env, encoding: 'utf8' });
  let modules: string[] = [];
  try {
    modules = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  } catch {
    // nothing loaded through the ESM loader
  }
  return { status: result.status, modules };
}

const heavy = (modules: string[]) => modules.filter((m) => HEAVY.test(m)).map((m) => m.replace(/^.*\/node_modules\//, ''));

describe('start-up loads only what the command needs', () => {
  it.each([
    [['--help'], 0],
    [[], 2],
    [['no-such-command'], 2],
    [['build', '--help'], 0],
    [['build', '--no-such-flag'], 2],
    [['check', '--no-such-flag'], 2],
    [['lint', '--no-such-flag'], 2],
    [['doctor', '--no-such-flag'], 2],
  ])('dashcode %j loads no tsx, zod, ajv, lezer, prettier or PGlite', (args, status) => {
    const run = loadedModules(args);
    expect(run.status).toBe(status);
    expect(heavy(run.modules)).toEqual([]);
  });

  it('an up-to-date build --check loads only the build cache (no TypeScript, no library, no hashing)', () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    execFileSync(process.execPath, [BIN, 'build'], { cwd: dir });
    // Everything older than the cache's 2 s racy window; the first hit reads the files (their mtimes moved) and
    // records them, so the second reads nothing.
    backdate(dir);
    expect(loadedModules(['build', '--check'], dir).status).toBe(0);
    const run = loadedModules(['build', '--check'], dir);
    expect(run.status).toBe(0);
    const ours = run.modules.filter((m) => m.startsWith('file:')).map((m) => path.relative(repoRoot, new URL(m).pathname));
    expect(ours.sort()).toEqual(['bin/dashcode.js', 'src/cli/fast-path.js', 'src/cli/help.js', 'src/files/builtins.js', 'src/files/cache.js', 'src/files/walk.js']);
  });

  it.each([[['--help'], 0], [['--version'], 0], [[], 2], [['no-such-command'], 2]])('dashcode %j loads only the help module: no TypeScript hooks, no library', (args, status) => {
    const run = loadedModules(args);
    expect(run.status).toBe(status);
    const ours = run.modules.filter((m) => m.startsWith('file:')).map((m) => path.relative(repoRoot, new URL(m).pathname));
    expect(ours).toEqual(['bin/dashcode.js', 'src/cli/help.js']);
  });

  it('without require(esm) (Node before 20.19), the bin takes its modules with import(): the same answers', () => {
    // --no-experimental-require-module: require() of an ES module throws ERR_REQUIRE_ESM, as on those versions.
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    const node = (args: string[]) => spawnSync(process.execPath, ['--no-experimental-require-module', BIN, ...args], { cwd: dir, encoding: 'utf8' });
    expect(node(['--version'])).toMatchObject({ status: 0, stdout: 'dashcode 0.1.0\n', stderr: '' });
    expect(node(['build'])).toMatchObject({ status: 0, stderr: '' });
    expect(node(['build', '--check'])).toMatchObject({ status: 0, stdout: '3 generated file(s) up to date\n', stderr: '' });
  });

  it('check of a dashboard without SQL starts no PGlite and loads only the PromQL grammar (no zod, ajv, prettier, pg, other grammars)', () => {
    // The config imports `dashcode/config`; the dashboard has PromQL queries only.
    const run = loadedModules(['check', 'generated/kv-cache-dashboard.json']);
    expect(run.status).toBe(0);
    // Which packages, not in which order: the ES-module loader's order varies between runs under load.
    expect(new Set(heavy(run.modules).map((m) => m.split('/').slice(0, m.startsWith('@') ? 2 : 1).join('/')))).toEqual(
      new Set(['@prometheus-io/lezer-promql', '@lezer/lr', '@lezer/highlight', '@lezer/common']),
    );
  });
});
