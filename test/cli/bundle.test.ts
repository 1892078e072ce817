/**
 * A checkout's CLI runs from an esbuild bundle of src/ (src/cli/bundle.js):
 * one CommonJS script run with V8's code cache (src/cli/code-cache.js), or,
 * without it, the code-split modules beside it; without esbuild, module by
 * module through the TypeScript hooks. All three must give the same results.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const BIN = path.join(repoRoot, 'bin/dashcode.js');
const MODES = { script: {}, modules: { DASHCODE_NO_CODE_CACHE: '1' }, hooks: { DASHCODE_NO_BUNDLE: '1' } } as const;
// Without DATABASE_URL: `check` then runs on the embedded fixtures database, whatever a CI server holds.
const { DATABASE_URL: _server, ...baseEnv } = process.env;
const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: repoRoot, env: { ...baseEnv, ...env }, encoding: 'utf8' });
// Timings and the check's time range (now − 30 days) differ between runs.
const steady = (text: string) => text.replace(/\d+ ms/g, 'N ms').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME');

describe('the checkout CLI bundle', () => {
  it('builds this repository byte for byte as the module-by-module hooks do, in every mode', () => {
    const [script, modules, hooks] = Object.values(MODES).map((env) => cli(['build', '--check', '--no-cache'], env));
    for (const r of [script!, modules!]) {
      expect(r.stderr).toBe(hooks!.stderr);
      expect(r.stdout).toBe(hooks!.stdout);
    }
    expect(hooks!.stdout).toMatch(/^\d+ generated file\(s\) up to date\n$/);
    expect(script!.status).toBe(0);
  });

  // The code-split modules once lost `yaml`'s named exports to a dynamic import(), and so every alert rule.
  it('checks the alert rules of the alerting provisioning in every mode', () => {
    const args = ['check', 'generated/provisioning/alerting/dashcode.yaml', '--format', 'text'];
    const [script, modules, hooks] = Object.values(MODES).map((env) => cli(args, env));
    expect(steady(hooks!.stdout)).toMatch(/rule "Benchmark regression" › A {2}\[sql\] \d+ rows/);
    for (const r of [script!, modules!]) {
      expect(steady(r.stdout)).toBe(steady(hooks!.stdout));
      expect(r.stderr).toBe(hooks!.stderr);
      expect(r.status).toBe(hooks!.status);
    }
  });
});
