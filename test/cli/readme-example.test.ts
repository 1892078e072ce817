/** The README's 20-line example builds, lints clean and validates: documentation that cannot rot. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { repoRoot } from '../support/shared.js';
import { captureIo, tempProject } from '../support/temp-project.js';

describe('README example', () => {
  it('builds with no issue', async () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const example = /## A dashboard in 20 lines\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(example!.split('\n').filter((l) => l.trim() && !l.startsWith('//')).length).toBeLessThanOrEqual(22);
    const dir = tempProject({
      'datasources/index.ts': `import { env, postgresDatasource } from DASHCODE;
export const metricsDb = postgresDatasource({ name: 'DB', uid: 'db', url: env('U'), user: env('N'), password: env('P'), database: 'metrics' });`,
      'dashboards/benchmarks.ts': example!.replace("from 'dashcode'", 'from DASHCODE').replace("'../datasources/index.js'", "'../datasources/index.ts'"),
    });
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(0);
    expect(io.err).toBe('');
    expect(existsSync(path.join(dir, 'generated/benchmarks.json'))).toBe(true);
  });
});
