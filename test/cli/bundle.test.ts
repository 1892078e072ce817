/**
 * A checkout's CLI runs from an esbuild bundle of src/ (src/cli/bundle.js),
 * or, without one, module by module through the TypeScript hooks. Both must
 * build exactly what is committed in generated/.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const BIN = path.join(repoRoot, 'bin/dashcode.js');
const build = (env: Record<string, string>) => spawnSync(process.execPath, [BIN, 'build', '--check', '--no-cache'], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8' });

describe('the checkout CLI bundle', () => {
  it('builds this repository byte for byte as the module-by-module hooks do', () => {
    const bundled = build({});
    const hooks = build({ DASHCODE_NO_BUNDLE: '1' });
    expect(bundled.stderr).toBe(hooks.stderr);
    expect(bundled.stdout).toBe(hooks.stdout);
    expect(bundled.stdout).toMatch(/^\d+ generated file\(s\) up to date\n$/);
    expect(bundled.status).toBe(0);
  });
});
