/**
 * This repository's own generated dashboards and provisioning pass the linter
 * clean: `dashcode lint` with no arguments lints generated/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintCommand } from '../../src/cli/commands/lint.js';
import { datasourcesOf, lintDashboard } from '../../src/lint/index.js';
import { captureIo } from '../support/temp-project.js';
import { repoRoot } from '../support/shared.js';

describe('generated/', () => {
  it('`dashcode lint` reports nothing', async () => {
    const io = captureIo(repoRoot);
    const code = await lintCommand.run([], io);
    expect(io.out).toMatch(/^✓ \d+ files linted: no findings\n$/);
    expect(code).toBe(0);
  });

  it('is quick enough to run inside every build', () => {
    const dir = path.join(repoRoot, 'generated');
    const datasources = datasourcesOf(parse(readFileSync(path.join(dir, 'provisioning/datasources/dashcode.yaml'), 'utf8')));
    const dashboards = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown);
    for (const d of dashboards) lintDashboard(d, { datasources }); // warm up the parsers
    const start = performance.now();
    const rounds = 20;
    for (let r = 0; r < rounds; r++) for (const d of dashboards) lintDashboard(d, { datasources });
    const perDashboard = (performance.now() - start) / (rounds * dashboards.length);
    expect(perDashboard).toBeLessThan(25);
  });
});
