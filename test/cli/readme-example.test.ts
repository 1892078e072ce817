/**
 * The README's 20-line example builds, lints clean, validates and passes
 * `dashcode check` on the seeded data; the README's sample error is what the
 * build really prints for a mistyped unit: documentation that cannot rot.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { repoRoot } from '../support/shared.js';
import { captureIo, tempProject } from '../support/temp-project.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const example = /## A dashboard in 20 lines\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

function exampleProject(source = example): string {
  return tempProject({
    'datasources/index.ts': `import { env, postgresDatasource } from DASHCODE;
export const metricsDb = postgresDatasource({ name: 'DB', uid: 'db', url: env('U'), user: env('N'), password: env('P'), database: 'metrics' });`,
    'dashboards/benchmarks.ts': source.replace("from 'dashcode'", 'from DASHCODE').replace("'../datasources/index.js'", "'../datasources/index.ts'"),
  });
}

describe('README example', () => {
  it('is about 20 lines', () => {
    expect(example).not.toBe('');
    expect(example.split('\n').filter((l) => l.trim() && !l.startsWith('//')).length).toBeLessThanOrEqual(22);
  });

  it('builds with no issue, and every query of it runs and returns rows on the seeded data', async () => {
    const dir = exampleProject();
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(0);
    expect(io.err).toBe('');
    expect(existsSync(path.join(dir, 'generated/benchmarks.json'))).toBe(true);
    const check = captureIo(dir);
    expect(await run(['check', 'generated/benchmarks.json', '--data', 'seed'], check), check.out + check.err).toBe(0);
    expect(check.out).toContain('2 queries: 2 ok, 0 syntax ok (not run), 0 empty, 0 wrong shape, 0 error, 0 skipped');
    expect(check.out).toMatch(/variables: branch=\S+/);
  });

  it("prints the README's sample error for a mistyped unit, word for word", async () => {
    const sample = /Here, the example above with `unit: .percnt.`:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(sample).toBeDefined();
    const dir = exampleProject(example.replace("unit: 'percent'", "unit: 'percnt'"));
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(1);
    expect(io.err).toContain(sample!.trimEnd());
    expect(existsSync(path.join(dir, 'generated/benchmarks.json'))).toBe(false);
  });
});
