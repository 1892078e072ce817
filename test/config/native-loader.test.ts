/**
 * The in-thread project loader (src/files/native-loader.js): what the CLI
 * loads a project's modules with instead of the TypeScript hooks. It writes
 * each project module into the cache folder with its imports rewritten, so
 * these tests pin what must still mean what it meant in the source file.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectLoader } from '../../src/files/native-loader.js';

function project(files: Record<string, string>): { dir: string; cacheDir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-native-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, cacheDir: path.join(dir, 'node_modules/.cache/dashcode') };
}

describe('the in-thread project loader', () => {
  it("gives a module its source file's import.meta.url, filename and dirname, so files beside it are found", async () => {
    const { dir, cacheDir } = project({
      'dashboards/one.ts': [
        "import { readFileSync } from 'node:fs';",
        'const here: string = import.meta.url;',
        "export const title = readFileSync(new URL('./title.txt', import.meta.url), 'utf8').trim();",
        'export const url = here;',
        'export const file = import.meta.filename;',
        'export const folder = import.meta.dirname;',
        'export const old = __dirname;',
        "export const resolved = import.meta.resolve('./title.txt');",
      ].join('\n'),
      'dashboards/title.txt': 'From beside the module\n',
    });
    const mod = (await projectLoader(cacheDir).importer(path.join(dir, 'dashboards/one.ts'))) as Record<string, string>;
    const file = path.join(dir, 'dashboards/one.ts');
    expect(mod.title).toBe('From beside the module');
    expect(mod.url).toBe(pathToFileURL(file).href);
    expect(mod.file).toBe(file);
    expect(mod.folder).toBe(path.dirname(file));
    expect(mod.old).toBe(path.dirname(file));
    expect(mod.resolved).toBe(pathToFileURL(path.join(dir, 'dashboards/title.txt')).href);
  });

  it('sees an edited helper on the next load in the same process, and evaluates the unedited modules afresh', async () => {
    const { dir, cacheDir } = project({
      'dashboards/_helper.ts': "export const title: string = 'Before';\n",
      'dashboards/_counter.ts': 'export const counter = { n: 0 };\n',
      'dashboards/one.ts': "import { title } from './_helper.js';\nimport { counter } from './_counter.js';\ncounter.n += 1;\nexport default { title, n: counter.n };\n",
    });
    const entry = path.join(dir, 'dashboards/one.ts');
    const first = (await projectLoader(cacheDir).importer(entry)) as { default: { title: string; n: number } };
    expect(first.default).toEqual({ title: 'Before', n: 1 });
    writeFileSync(path.join(dir, 'dashboards/_helper.ts'), "export const title: string = 'After';\n");
    const second = (await projectLoader(cacheDir).importer(entry)) as { default: { title: string; n: number } };
    expect(second.default).toEqual({ title: 'After', n: 1 });
  });

  it('adds no exit listener per load: `build --watch` loads the project again on every change', async () => {
    const { dir, cacheDir } = project({ 'dashboards/one.ts': 'export default 1;\n' });
    const entry = path.join(dir, 'dashboards/one.ts');
    await projectLoader(cacheDir).importer(entry);
    await projectLoader(cacheDir).importer(entry);
    const listeners = process.listenerCount('exit');
    for (let i = 0; i < 12; i++) await projectLoader(cacheDir).importer(entry);
    expect(process.listenerCount('exit')).toBe(listeners);
  });

  it('resolves ./x.js to x.ts, loads dynamic imports in the same generation, and records the module graph', async () => {
    const { dir, cacheDir } = project({
      'datasources/index.ts': "export const ds = { uid: 'ds' } as const;\n",
      'dashboards/_lazy.ts': "export const lazy = 'lazy';\n",
      'dashboards/data.json': '{ "n": 3 }\n',
      'dashboards/one.ts': [
        "import { ds } from '../datasources/index.js';",
        "import data from './data.json' with { type: 'json' };",
        "const { lazy } = await import('./_lazy.js');",
        'export default { uid: ds.uid, lazy, n: data.n };',
      ].join('\n'),
    });
    const loader = projectLoader(cacheDir);
    const entry = path.join(dir, 'dashboards/one.ts');
    const mod = (await loader.importer(entry)) as { default: unknown };
    expect(mod.default).toEqual({ uid: 'ds', lazy: 'lazy', n: 3 });
    const graph = await loader.graph();
    expect([...(graph.get(entry) ?? [])].sort()).toEqual(
      [path.join(dir, 'dashboards/_lazy.ts'), path.join(dir, 'dashboards/data.json'), path.join(dir, 'datasources/index.ts')].sort(),
    );
  });

  it('reports a module that does not exist as a load error, and a fixed one loads on the next try', async () => {
    const { dir, cacheDir } = project({ 'dashboards/one.ts': "import { x } from './_missing.js';\nexport default x;\n" });
    const loader = projectLoader(cacheDir);
    const entry = path.join(dir, 'dashboards/one.ts');
    await expect(loader.importer(entry)).rejects.toThrow(/Cannot find module .*_missing/);
    writeFileSync(path.join(dir, 'dashboards/_missing.ts'), 'export const x = 1;\n');
    expect(((await projectLoader(cacheDir).importer(entry)) as { default: number }).default).toBe(1);
  });

  it('keeps source line numbers in stack traces (the prelude shares the first line)', async () => {
    const { dir, cacheDir } = project({ 'dashboards/one.ts': "const u: string = import.meta.url;\n\n\nexport const line = new Error(u).stack!.split('\\n')[1];\n" });
    const mod = (await projectLoader(cacheDir).importer(path.join(dir, 'dashboards/one.ts'))) as { line: string };
    expect(mod.line).toMatch(/:4:\d+\)?$/);
    expect(readFileSync(path.join(dir, 'dashboards/one.ts'), 'utf8').split('\n')).toHaveLength(5);
  });

  it('loads TypeScript that a package name leads to outside node_modules (a linked workspace package, "imports")', async () => {
    const { dir, cacheDir } = project({
      'package.json': JSON.stringify({ name: 'app', type: 'module', imports: { '#shared/*': './shared/*' } }),
      'shared/names.ts': "export const name: string = 'from #imports';\n",
      'packages/helpers/package.json': JSON.stringify({ name: '@app/helpers', type: 'module', exports: './index.ts' }),
      'packages/helpers/index.ts': "export const helper: string = 'from a workspace package';\n",
      'dashboards/one.ts': "import { helper } from '@app/helpers';\nimport { name } from '#shared/names.ts';\nexport default [helper, name];\n",
    });
    mkdirSync(path.join(dir, 'node_modules/@app'), { recursive: true });
    symlinkSync(path.join(dir, 'packages/helpers'), path.join(dir, 'node_modules/@app/helpers'));
    const mod = (await projectLoader(cacheDir).importer(path.join(dir, 'dashboards/one.ts'))) as { default: string[] };
    expect(mod.default).toEqual(['from a workspace package', 'from #imports']);
  });

  // The loader takes a graph with require() where Node can (synchronously, no thread-pool round trips) and falls
  // back to import() for a top-level await; either way the module means the same.
  it('loads a module with a top-level await, a helper it shares with a module without one, and an ES module beside them', async () => {
    const { dir, cacheDir } = project({
      'dashboards/_shared.ts': 'export const loads = { n: 0 };\nloads.n += 1;\n',
      'dashboards/waits.ts': "import { loads } from './_shared.js';\nconst title: string = await Promise.resolve('waited');\nexport default { title, loads: loads.n };\n",
      'dashboards/plain.ts': "import { loads } from './_shared.js';\nexport default { title: 'plain', loads: loads.n };\n",
      'dashboards/native.mjs': "export default { title: 'an ES module as written' };\n",
    });
    const loader = projectLoader(cacheDir);
    const load = async (name: string) => ((await loader.importer(path.join(dir, 'dashboards', name))) as { default: unknown }).default;
    expect(await load('waits.ts')).toEqual({ title: 'waited', loads: 1 });
    expect(await load('plain.ts')).toEqual({ title: 'plain', loads: 1 });
    expect(await load('native.mjs')).toEqual({ title: 'an ES module as written' });
  });

  it("gives a CommonJS project module import()'s namespace, its exports under `default`", async () => {
    const { dir, cacheDir } = project({ 'dashboards/old.cjs': "module.exports = { title: 'CommonJS' };\n" });
    const mod = (await projectLoader(cacheDir).importer(path.join(dir, 'dashboards/old.cjs'))) as { default: unknown };
    expect(mod.default).toEqual({ title: 'CommonJS' });
  });

  it('reports what a module throws while it is evaluated, whichever way it was loaded', async () => {
    const { dir, cacheDir } = project({
      'dashboards/throws.ts': "throw new Error('broken at the top');\n",
      'dashboards/throws-later.ts': "await Promise.resolve();\nthrow new Error('broken after an await');\n",
    });
    const loader = projectLoader(cacheDir);
    await expect(loader.importer(path.join(dir, 'dashboards/throws.ts'))).rejects.toThrow('broken at the top');
    await expect(loader.importer(path.join(dir, 'dashboards/throws-later.ts'))).rejects.toThrow('broken after an await');
  });
});
