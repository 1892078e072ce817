/**
 * When an installed dashcode runs its CLI from the one script in
 * dist/cli-script/ (bin/dashcode.js), a project module's `dashcode` import
 * means the script's library, through its shims (src/files/self-resolve.js
 * scriptEntry): one copy of the library. Only for the dashcode that runs: a
 * project that resolves the name to another install keeps that one.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scriptEntry } from '../../src/files/self-resolve.js';

function put(file: string, text = ''): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A project with dashcode installed, and that package's script shims. */
function installed(root: string) {
  const pkg = path.join(root, 'node_modules/dashcode');
  put(path.join(pkg, 'package.json'), JSON.stringify({ name: 'dashcode', exports: { '.': './dist/index.js', './package.json': './package.json' } }));
  const dir = path.join(pkg, 'dist/cli-script');
  for (const shim of ['index.js', 'entries/check.js']) put(path.join(dir, 'shim', shim), 'export {};\n');
  return { root: pkg, dir, entries: path.join(dir, 'shim') };
}

describe('scriptEntry', () => {
  it("maps dashcode and dashcode/<entry> to the running script's shims", () => {
    const project = mkdtempSync(path.join(tmpdir(), 'dashcode-script-entry-'));
    const bundle = installed(project);
    const parent = path.join(project, 'dashboards/one.ts');
    expect(scriptEntry('dashcode', parent, bundle)).toBe(pathToFileURL(path.join(bundle.entries, 'index.js')).href);
    expect(scriptEntry('dashcode/check', parent, bundle)).toBe(pathToFileURL(path.join(bundle.entries, 'entries/check.js')).href);
    // No shim for it, another package, or no shims at all: left to Node.
    expect(scriptEntry('dashcode/lint', parent, bundle)).toBeUndefined();
    expect(scriptEntry('dashcodex', parent, bundle)).toBeUndefined();
    expect(scriptEntry('dashcode', parent, { root: bundle.root, dir: bundle.dir })).toBeUndefined();
  });

  it('leaves the name alone where it resolves to another dashcode than the one running', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'dashcode-script-entry-'));
    const running = installed(project);
    // A workspace package with its own dashcode: its modules must get that one.
    const other = path.join(project, 'packages/legacy');
    installed(other);
    expect(scriptEntry('dashcode', path.join(other, 'dashboards/old.ts'), running)).toBeUndefined();
    // And a module that cannot resolve the name at all.
    const lone = mkdtempSync(path.join(tmpdir(), 'dashcode-script-entry-'));
    expect(scriptEntry('dashcode', path.join(lone, 'x.ts'), running)).toBeUndefined();
  });
});
