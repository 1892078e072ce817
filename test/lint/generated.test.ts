/**
 * This repository's own generated dashboards and provisioning pass the linter
 * clean: `dashcode lint` with no arguments lints generated/.
 */
import { describe, expect, it } from 'vitest';
import { lintCommand } from '../../src/cli/commands/lint.js';
import { captureIo } from '../support/temp-project.js';
import { repoRoot } from '../support/shared.js';

describe('generated/', () => {
  it('`dashcode lint` reports nothing', async () => {
    const io = captureIo(repoRoot);
    const code = await lintCommand.run([], io);
    expect(io.out).toMatch(/^✓ \d+ files linted: no findings\n$/);
    expect(code).toBe(0);
  });
});
