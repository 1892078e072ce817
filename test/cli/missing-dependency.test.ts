/**
 * A stale or incomplete node_modules (a runtime dependency missing): the bin
 * entry prints one line naming the package and the fix, and exits 2, instead
 * of Node's ERR_MODULE_NOT_FOUND stack trace. Simulated with the real
 * bin/dashcode.js in a scratch installed-package layout (no src/, so it runs
 * dist/) whose dist/cli/main.js imports a package that is not installed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const root = mkdtempSync(path.join(tmpdir(), 'dashcode-missing-dep-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function installed(name: string, main: string, fastPath = 'export async function tryCachedBuild() { return undefined; }\n'): string {
  const pkg = path.join(root, name, 'node_modules', 'dashcode');
  mkdirSync(path.join(pkg, 'bin'), { recursive: true });
  mkdirSync(path.join(pkg, 'dist', 'cli'), { recursive: true });
  for (const f of ['bin/dashcode.js', 'bin/package.json']) copyFileSync(path.join(repoRoot, f), path.join(pkg, f));
  writeFileSync(path.join(pkg, 'package.json'), '{ "name": "dashcode", "type": "module" }\n');
  writeFileSync(path.join(pkg, 'dist/cli/main.js'), main);
  writeFileSync(path.join(pkg, 'dist/cli/fast-path.js'), fastPath);
  copyFileSync(path.join(repoRoot, 'src/cli/missing-dependency.js'), path.join(pkg, 'dist/cli/missing-dependency.js'));
  copyFileSync(path.join(repoRoot, 'src/cli/help.js'), path.join(pkg, 'dist/cli/help.js'));
  return path.join(pkg, 'bin/dashcode.js');
}

const run = (bin: string, args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });

describe('a missing runtime dependency', () => {
  it('prints one line naming the package and `npm ci`, exit 2, no stack trace', () => {
    const bin = installed('a', "import 'yaml-missing-for-dashcode-test';\n");
    const r = run(bin, ['lint']);
    expect(r.stderr).toBe('dashcode: cannot load yaml-missing-for-dashcode-test: run `npm ci` (or `npm install`)\n');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  it('names the package, not the file inside it (scoped, with a subpath)', () => {
    const bin = installed('b', "import '@electric-sql/pglite-missing-for-test/dist/index.js';\n");
    expect(run(bin, ['check']).stderr).toBe('dashcode: cannot load @electric-sql/pglite-missing-for-test: run `npm ci` (or `npm install`)\n');
  });

  it('also when the build fast path is what fails to load', () => {
    const bin = installed('c', 'export {};\n', "import 'tinyglobby-missing-for-test';\n");
    const r = run(bin, ['build']);
    expect(r.stderr).toBe('dashcode: cannot load tinyglobby-missing-for-test: run `npm ci` (or `npm install`)\n');
    expect(r.status).toBe(2);
  });

  it('a missing file of dashcode itself says the installation is incomplete', () => {
    const bin = installed('d', "import './gone.js';\n");
    const r = run(bin, ['lint']);
    expect(r.stderr).toMatch(/^dashcode: cannot load .*gone\.js: the dashcode installation is incomplete; run `npm ci` \(or `npm install`\)\n$/);
    expect(r.status).toBe(2);
  });

  it('any other start-up error is not mistaken for one', () => {
    const bin = installed('e', "throw new Error('boom');\n");
    const r = run(bin, ['lint']);
    expect(r.stderr).toContain('boom');
    expect(r.stderr).not.toContain('npm ci');
    expect(r.status).not.toBe(0);
  });
});

describe('missingDependencyMessage (also used by run() when a command loads a package lazily)', () => {
  it('names the package for ERR_MODULE_NOT_FOUND and MODULE_NOT_FOUND, nothing for other errors', async () => {
    const { missingDependencyMessage } = await import('../../src/cli/missing-dependency.js');
    const esm = Object.assign(new Error("Cannot find package 'zod' imported from /x/node_modules/dashcode/dist/dashboards/dashboard.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    const cjs = Object.assign(new Error("Cannot find module '@lezer/lr/dist/index.cjs'\nRequire stack:\n- /x.js"), { code: 'MODULE_NOT_FOUND' });
    expect(missingDependencyMessage(esm)).toBe('dashcode: cannot load zod: run `npm ci` (or `npm install`)\n');
    expect(missingDependencyMessage(cjs)).toBe('dashcode: cannot load @lezer/lr: run `npm ci` (or `npm install`)\n');
    expect(missingDependencyMessage(new Error('boom'))).toBeUndefined();
    expect(missingDependencyMessage(undefined)).toBeUndefined();
  });
});
