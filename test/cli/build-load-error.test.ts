import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo, DATASOURCES, tempProject } from '../support/temp-project.js';

describe('dashcode build: a module that cannot load', () => {
  it('counts its load error in the summary line instead of "0 error(s)"', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/broken.ts': "import { nothing } from 'no-such-package';\nexport default nothing;\n" });
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(1);
    expect(io.err).toMatch(/dashboards\/broken\.ts.*cannot load/);
    expect(io.out).toContain('✖ dashboards/broken.ts: 1 error(s), nothing written\n');
  });
});
