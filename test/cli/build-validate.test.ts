/**
 * `dashcode build --validate full` (issue 15): by default the build runs ajv
 * only over what no typed builder made; `--validate full` checks the whole
 * document. A module that edits a built panel's JSON behind the builder's back
 * shows the difference.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setDefaultValidation } from '../../src/build.js';
import { run } from '../../src/cli/run.js';
import { captureIo, DATASOURCES, tempProject } from '../support/temp-project.js';

const tampered = `
import { dashboard, sql, sqlQuery, tablePanel } from DASHCODE;
import { db } from '../datasources/index.ts';
const p = tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql\`SELECT 1\` })] });
(p.model as Record<string, unknown>).transparent = 'yes';
export default dashboard({ uid: 'tampered', title: 'Tampered', panels: [p] });
`;

describe('dashcode build --validate', () => {
  afterEach(() => setDefaultValidation('full'));

  it('--validate full checks the whole document; the default checks only what no typed builder made', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/tampered.ts': tampered });
    setDefaultValidation('unchecked'); // what a user's build does (the suite defaults to full)
    const dflt = captureIo(dir);
    await run(['build', '--no-cache'], dflt);
    expect(dflt.err).toBe('');
    expect(dflt.out).toContain('written');
    const full = captureIo(dir);
    expect(await run(['build', '--validate', 'full'], full)).toBe(1);
    expect(full.err).toContain('✖ dashboards/tampered.ts › dashboard "Tampered"');
    expect(full.err).toContain('[output-schema]');
    expect(full.err).toContain('at panels[0]');
  });

  it('--validate takes only "full" (usage error, exit 2)', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES });
    const io = captureIo(dir);
    expect(await run(['build', '--validate', 'some'], io)).toBe(2);
    expect(io.err).toContain('--validate takes "full", got "some"');
  });
});
