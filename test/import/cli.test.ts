/** `dashcode import` end to end, in-process with a fake io, in a scratch project. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../src/cli/commands/import.js';
import { UsageError, type Io } from '../../src/cli/io.js';
import { repoRoot } from '../support/shared.js';
import { rebuild } from './support/generated.js';
import { edit } from '../diff/support/fixture.js';

function fakeIo(cwd: string): Io & { out: string; err: string } {
  const io = { out: '', err: '', cwd, env: {}, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

let project: string;
const lib = () => path.relative(path.join(project, 'dashboards'), path.join(repoRoot, 'src/index.js')).split(path.sep).join('/');

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'dashcode-import-cli-'));
  writeFileSync(path.join(project, 'package.json'), '{ "name": "my-dashboards", "type": "module" }\n');
  mkdirSync(path.join(project, 'datasources'));
  const dsLib = path.relative(path.join(project, 'datasources'), path.join(repoRoot, 'src/index.js')).split(path.sep).join('/');
  writeFileSync(
    path.join(project, 'datasources/index.ts'),
    `import { env, postgresDatasource } from '${dsLib}';\nexport const metricsDb = postgresDatasource({ name: 'Metrics', uid: 'pg-main', url: env('PG_URL'), user: env('PG_USER'), password: env('PG_PASSWORD'), database: 'metrics' });\n`,
  );
  writeFileSync(path.join(project, 'bench.json'), JSON.stringify(edit(() => undefined)));
  writeFileSync(path.join(project, 'broken.json'), '{ "panels": [');
  writeFileSync(path.join(project, 'list.json'), '[1, 2, 3]');
  writeFileSync(path.join(project, 'legacy.json'), JSON.stringify({ title: 'Old', schemaVersion: 12, rows: [] }));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

async function importCli(args: string[], cwd = project) {
  const io = fakeIo(cwd);
  const code = await importCommand.run(args, io);
  return { code, out: io.out, err: io.err };
}

describe('dashcode import', () => {
  it('writes dashboards/<name>.ts, referencing the datasources module by export, and it rebuilds', async () => {
    const r = await importCli(['bench.json', '--library', lib()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ bench.json → dashboards/bench.ts');
    const code = readFileSync(path.join(project, 'dashboards/bench.ts'), 'utf8');
    expect(code).toContain('datasource: metricsDb');
    // prom-main is not in the datasources module: appended there as an external datasource, listed.
    expect(r.out).toMatch(/datasources\/index\.ts: appended 1 datasource\(s\)\n\s+prometheusPromMain: uid prom-main \(prometheus, external: not provisioned here\)/);
    expect(code).toContain("import { metricsDb, prometheusPromMain } from '../datasources/index.js';");
    const ds = readFileSync(path.join(project, 'datasources/index.ts'), 'utf8');
    expect(ds).toContain("export const prometheusPromMain = externalDatasource({ type: 'prometheus', uid: 'prom-main' });");
    const rebuilt = await rebuild(path.join(project, 'dashboards/bench.ts'));
    expect(rebuilt.uid).toBe('bench');
  });

  it('never overwrites without --force', async () => {
    const r = await importCli(['bench.json', '-o', 'dashboards/bench.ts']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('dashboards/bench.ts already exists; pass --force');
    expect((await importCli(['bench.json', '-o', 'dashboards/bench.ts', '--force', '--library', lib()])).code).toBe(0);
  });

  it('-o - prints the module; a project that is not dashcode imports the package', async () => {
    const r = await importCli(['bench.json', '-o', '-']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\/\*\*\n \* Imported from bench\.json/);
    expect(r.out).toContain("from 'dashcode';");
    // The datasources module already has prom-main (appended by the first test): nothing to add.
    expect(r.err).not.toContain('add to datasources/index.ts');
    expect(r.out).toContain('import { metricsDb, prometheusPromMain }');
  });

  it('inside dashcode itself, the module imports the sources', async () => {
    const r = await importCli([path.join(project, 'bench.json'), '-o', '-'], repoRoot);
    expect(r.code).toBe(0);
    expect(r.out).toContain("from '../src/index.js';");
  });

  it.each([
    ['broken.json', /broken\.json is not valid JSON/],
    ['list.json', /list\.json is not a Grafana dashboard/],
    ['legacy.json', /legacy\.json uses the legacy "rows" layout/],
    ['missing.json', /cannot read missing\.json: ENOENT/],
  ])('%s: exit 1 with a message naming the file, nothing written', async (file, message) => {
    const r = await importCli([file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(existsSync(path.join(project, 'dashboards', file.replace('.json', '.ts')))).toBe(false);
  });

  it('usage errors', async () => {
    await expect(importCli([])).rejects.toBeInstanceOf(UsageError);
    await expect(importCli(['bench.json', 'list.json', '-o', 'x.ts'])).rejects.toBeInstanceOf(UsageError);
    await expect(importCli(['a.json', '--bogus'])).rejects.toBeInstanceOf(UsageError);
  });

  it('a datasources module that does not load: exit 1', async () => {
    writeFileSync(path.join(project, 'bad-ds.ts'), 'throw new Error("boom");\n');
    const r = await importCli(['bench.json', '-o', '-', '--datasources', 'bad-ds.ts']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad-ds.ts: cannot load: boom');
  });
});
