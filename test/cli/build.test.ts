import { existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { backdate, captureIo, dashboardModule, DATASOURCES, tempProject } from '../support/temp-project.js';
import { lockFolder } from '../support/lock-folder.js';

describe('dashcode build', () => {
  it('writes one JSON per dashboard plus provisioning, then --check is clean', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs'), 'dashboards/two.ts': dashboardModule('two', 'Runs') });
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(0);
    expect(io.out).toContain('✓ dashboards/one.ts → generated/one.json (1 panel, 0 variables, written)');
    expect(readdirSync(path.join(dir, 'generated')).sort()).toEqual(['.dashcode', 'one.json', 'provisioning', 'two.json']);
    expect(readFileSync(path.join(dir, 'generated/provisioning/datasources/dashcode.yaml'), 'utf8')).toContain('password: $DB_PWD');

    const check = captureIo(dir);
    expect(await run(['build', '--check'], check)).toBe(0);
    expect(check.out).toBe('4 generated file(s) up to date\n');

    const again = captureIo(dir);
    expect(await run(['build'], again)).toBe(0);
    expect(again.out).toContain('(1 panel, 0 variables, unchanged)');
  });

  it('--check exits 1 listing stale, missing and orphaned files, and writes nothing', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs'), 'dashboards/two.ts': dashboardModule('two', 'Runs') });
    await run(['build'], captureIo(dir));
    writeFileSync(path.join(dir, 'generated/one.json'), '{}\n');
    writeFileSync(path.join(dir, 'generated/old.json'), '{}\n'); // hand-written: not dashcode's, not an orphan
    rmSync(path.join(dir, 'dashboards/two.ts'));
    writeFileSync(path.join(dir, 'dashboards/three.ts'), dashboardModule('three', 'Runs').replaceAll('DASHCODE', JSON.stringify(path.resolve('src/index.ts'))));
    const io = captureIo(dir);
    expect(await run(['build', '--check'], io)).toBe(1);
    expect(io.out).toBe(
      ['stale    generated/one.json', 'missing  generated/three.json', 'orphan   generated/two.json (no dashboard generates it; the build deletes it)', 'stale    generated/.dashcode/manifest.json', '4 generated file(s) out of date: run `npx dashcode build`', ''].join('\n'),
    );
    expect(readFileSync(path.join(dir, 'generated/one.json'), 'utf8')).toBe('{}\n');
    expect(existsSync(path.join(dir, 'generated/two.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'generated/three.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'generated/old.json'))).toBe(true);
  });

  it('a dashboard with errors writes nothing, the others are built, exit 1', async () => {
    const dir = tempProject({
      'datasources/index.ts': DATASOURCES,
      'dashboards/good.ts': dashboardModule('good', 'Fine'),
      'dashboards/bad.ts': dashboardModule('bad', 'GPU utilization', "unit: 'percnt', w: 30,"),
    });
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(1);
    expect(io.err).toContain('✖ dashboards/bad.ts › dashboard "bad dashboard" › panel "GPU utilization" › fieldConfig.defaults.unit: unknown unit "percnt" (did you mean "percent"?)');
    expect(io.err).toContain('✖ dashboards/bad.ts › dashboard "bad dashboard" › panel "GPU utilization" › gridPos.w: panel width 30 is wider than the 24-column grid');
    expect(io.out).toContain('✖ dashboards/bad.ts: 2 error(s), nothing written');
    expect(existsSync(path.join(dir, 'generated/bad.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'generated/good.json'))).toBe(true);
    expect(readdirSync(path.join(dir, 'generated')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a module that throws is reported with its file, exit 1', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/broken.ts': 'throw new Error("boom");\nexport default 1;\n' });
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(1);
    expect(io.err).toContain('✖ dashboards/broken.ts: cannot load: boom [module-load]');
  });

  it('hostile: a hand-made object that only claims to be a dashboard is an issue naming its file, never an internal error', async () => {
    const dir = tempProject({
      'datasources/index.ts': DATASOURCES,
      'dashboards/good.ts': dashboardModule('good', 'Fine'),
      'dashboards/fake.ts': "export default { kind: 'dashboard', uid: 'fake' };\n",
    });
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(1);
    expect(io.err).toMatch(/^✖ dashboards\/fake\.ts: not a dashboard spec made by dashboard\(\): `panels`, `variables`, `links`, `annotations` and `issues` are not lists \(build it with dashboard\(\{ ... \}\)\) \[builder-input\]$/m);
    expect(io.err).not.toMatch(/internal error|\n {4}at /);
    expect(io.out).toContain('✖ dashboards/fake.ts: 1 error(s), nothing written');
    expect(existsSync(path.join(dir, 'generated/good.json'))).toBe(true);
  });

  it('duplicate dashboard uids across files are an error', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/a.ts': dashboardModule('same', 'A'), 'dashboards/b.ts': dashboardModule('same', 'B') });
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(1);
    expect(io.err).toContain('uid: uid "same" is also used by dashboards/a.ts; Grafana would keep only one [dashboard-uid-duplicate]');
  });
});

describe('dashcode CLI', () => {
  it('prints help and exits 0 with --help; 2 with no command', async () => {
    const io = captureIo('.');
    expect(await run(['--help'], io)).toBe(0);
    expect(io.out).toContain('Usage: dashcode <command> [options]');
    expect(await run([], captureIo('.'))).toBe(2);
  });

  it('every command has --help', async () => {
    const io = captureIo('.');
    await run(['--help'], io);
    const commands = [...io.out.matchAll(/^ {2}(\w[\w-]*) /gm)].map((m) => m[1]!);
    expect(commands).toContain('build');
    for (const c of commands) {
      const h = captureIo('.');
      expect(await run([c, '--help'], h)).toBe(0);
      expect(h.out).toMatch(new RegExp(`^Usage: dashcode ${c}`));
    }
  });

  it('usage errors exit 2', async () => {
    const unknown = captureIo('.');
    expect(await run(['frobnicate'], unknown)).toBe(2);
    expect(unknown.err).toContain('dashcode: unknown command "frobnicate"');
    const badFlag = captureIo('.');
    expect(await run(['build', '--nope'], badFlag)).toBe(2);
    expect(badFlag.err).toContain("dashcode build: Unknown option '--nope'");
  });

  it('an empty option value (an unset environment variable) is a usage error, not "no value"', async () => {
    for (const args of [
      ['check', '--database-url', ''],
      ['check', '--prometheus-url='],
      ['db', 'init', '--database-url', ''],
      ['preview', '--prometheus-url', ''],
      ['doctor', '--provisioning', ''],
    ]) {
      const io = captureIo('.');
      expect(await run(args, io), args.join(' ')).toBe(2);
      const option = args.find((a) => a.startsWith('--'))!.replace('=', '');
      expect(io.err).toContain(`dashcode ${args[0]}: ${option} is empty (an unset environment variable?)`);
    }
  });
});

describe('the build cache', () => {
  it('answers an unchanged project from the cache, and misses on any source change', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build'], captureIo(dir))).toBe(0);
    expect(existsSync(path.join(dir, 'node_modules/.cache/dashcode/build.json'))).toBe(true);
    const { tryCachedBuild } = await import('../../src/cli/fast-path.js');
    const hit = captureIo(dir);
    expect(await tryCachedBuild(['build', '--check'], hit)).toBe(0);
    expect(hit.out).toBe('3 generated file(s) up to date\n');

    // A source change: the cache misses and the full check finds the stale file.
    const original = readFileSync(path.join(dir, 'dashboards/one.ts'), 'utf8');
    writeFileSync(path.join(dir, 'dashboards/one.ts'), original.replace("title: 'Runs'", "title: 'Runs renamed'"));
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBeUndefined();
    const io = captureIo(dir);
    expect(await run(['build', '--check'], io)).toBe(1);
    expect(io.err).toBe('');
    expect(io.out).toContain('stale    generated/one.json');
  });

  it('a database folder in the project (a PGlite or PostgreSQL data directory) is not an input: writes to it keep the cache', async () => {
    const dir = tempProject({
      'datasources/index.ts': DATASOURCES,
      'dashboards/one.ts': dashboardModule('one', 'Runs'),
      'metrics-db/PG_VERSION': '18\n',
      'metrics-db/base/5/1259': 'pages',
      'data/notes.txt': 'read by nobody, but any file could be',
    });
    expect(await run(['build'], captureIo(dir))).toBe(0);
    const { tryCachedBuild } = await import('../../src/cli/fast-path.js');
    writeFileSync(path.join(dir, 'metrics-db/base/5/1259'), 'other pages');
    writeFileSync(path.join(dir, 'metrics-db/base/5/2608'), 'a new relation');
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBe(0);
    // Any other file still counts: a folder is skipped only for a PG_VERSION file of its own.
    writeFileSync(path.join(dir, 'data/notes.txt'), 'changed');
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBeUndefined();
  });

  it('misses when a generated file was edited by hand, so --check stays exact', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    await run(['build'], captureIo(dir));
    writeFileSync(path.join(dir, 'generated/one.json'), readFileSync(path.join(dir, 'generated/one.json'), 'utf8').replace('"Runs"', '"Edited"'));
    const { tryCachedBuild } = await import('../../src/cli/fast-path.js');
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBeUndefined();
    expect(await run(['build', '--check'], captureIo(dir))).toBe(1);
  });
});

describe('a build with nothing to change', () => {
  it('writes nothing, the manifest included', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build'], captureIo(dir))).toBe(0);
    backdate(path.join(dir, 'generated'));
    const mtimes = () => ['generated/one.json', 'generated/.dashcode/manifest.json', 'generated/.dashcode'].map((f) => statSync(path.join(dir, f)).mtimeMs);
    const before = mtimes();
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    expect(mtimes()).toEqual(before);
  });
});

describe('the build cache reads only what changed', () => {
  const cacheFile = (dir: string) => path.join(dir, 'node_modules/.cache/dashcode/build.json');

  it('a hit that had to read files records what it read, so the next hit reads and writes nothing', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build'], captureIo(dir))).toBe(0);
    // New mtimes on everything: every file is read (same content, so still a hit) and the record refreshed.
    backdate(dir);
    const { tryCachedBuild } = await import('../../src/cli/fast-path.js');
    const before = readFileSync(cacheFile(dir), 'utf8');
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBe(0);
    const refreshed = readFileSync(cacheFile(dir), 'utf8');
    expect(refreshed).not.toBe(before);
    expect(JSON.parse(refreshed).inputs).toBe(JSON.parse(before).inputs);
    // Nothing changed since, all older than the record's 2 s window: the record is left as it is.
    utimesSync(cacheFile(dir), new Date(0), new Date(0));
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBe(0);
    expect(statSync(cacheFile(dir)).mtimeMs).toBe(0);
  });

  it('a cache folder that cannot be written: build and build --check still answer (the cache is best effort)', async (ctx) => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build'], captureIo(dir))).toBe(0);
    backdate(dir); // the next hit must read every file and would record them
    const folder = path.dirname(cacheFile(dir));
    const locked = lockFolder(folder);
    if (!locked.ok) return ctx.skip(locked.why);
    try {
      const check = captureIo(dir);
      expect(await run(['build', '--check'], check)).toBe(0);
      expect(check.out).toBe('3 generated file(s) up to date\n');
      writeFileSync(path.join(dir, 'dashboards/one.ts'), readFileSync(path.join(dir, 'dashboards/one.ts'), 'utf8').replace("'Runs'", "'Runs again'"));
      const build = captureIo(dir);
      const code = await run(['build'], build);
      expect(build.err).toBe('');
      expect(code).toBe(0);
    } finally {
      locked.unlock();
    }
  });

  it('hostile: a generated file edited by hand to the same size, its mtime put back, is caught (changed within 2 s of the record: read, not trusted)', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build'], captureIo(dir))).toBe(0);
    const file = path.join(dir, 'generated/one.json');
    const st = statSync(file);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"Runs"', '"Rxns"'));
    utimesSync(file, st.atime, st.mtime);
    expect(statSync(file).size).toBe(st.size);
    const { tryCachedBuild } = await import('../../src/cli/fast-path.js');
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBeUndefined();
  });

  it('hostile: an input edited to the same size, its mtime put back, within 2 s of the scan, is caught', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build'], captureIo(dir))).toBe(0);
    const file = path.join(dir, 'dashboards/one.ts');
    const st = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace("'Runs'", "'Rxns'"));
    utimesSync(file, st.atime, st.mtime);
    const { tryCachedBuild } = await import('../../src/cli/fast-path.js');
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBeUndefined();
  });
});

describe('lint in the build', () => {
  it('a lint error (raw variable as a bare SQL value) fails the build and writes nothing', async () => {
    const dir = tempProject({
      'datasources/index.ts': DATASOURCES,
      'dashboards/raw.ts': `
import { customVariable, dashboard, sql, sqlQuery, tablePanel } from DASHCODE;
import { db } from '../datasources/index.ts';
const branch = customVariable({ name: 'branch', values: ['main'] });
export default dashboard({ uid: 'raw', title: 'Raw', variables: [branch], panels: [tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql\`SELECT * FROM benchmarks WHERE branch = \${branch.as('raw')}\` })] })] });
`,
    });
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(1);
    expect(io.err).toMatch(/dashboards\/raw\.ts › dashboard "Raw" › panel "Runs" › .*\[sql-unsafe-interpolation\]/);
    expect(existsSync(path.join(dir, 'generated/raw.json'))).toBe(false);
  });
});
