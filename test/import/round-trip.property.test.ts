/**
 * Round trip on random dashboards: import → load the module as `dashcode build` does →
 * compile → semantically equal to the input. Each run writes and loads a
 * TypeScript module, so runs are few; a sample is also type-checked with tsc.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { diffDashboards } from '../../src/diff/diff.js';
import { describeChange } from '../../src/diff/format.js';
import { importDashboard } from '../../src/import/import.js';
import { grafanaDashboard, KNOWN } from './support/arbitraries.js';
import { rebuild, Scratch, typeErrors } from './support/generated.js';

describe('import round trip on random Grafana dashboards', () => {
  const scratch = new Scratch();
  afterAll(() => scratch.remove());

  it('the importer reproduces every random dashboard (checked in-process)', async () => {
    await fc.assert(
      fc.asyncProperty(grafanaDashboard(), async (original) => {
        const result = await importDashboard(original, { datasources: KNOWN, library: scratch.library });
        expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(result.roundTrip.map(describeChange)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('the generated module, loaded as dashcode build loads it and compiled, is semantically equal to the input', async () => {
    await fc.assert(
      fc.asyncProperty(grafanaDashboard(), async (original) => {
        const { file } = await scratch.importTo(original, { datasources: KNOWN }, DATASOURCES_MODULE(scratch.library));
        const rebuilt = await rebuild(file);
        expect(diffDashboards(original, rebuilt).map(describeChange)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 240_000);

  it('generated modules type-check under tsc --strict', async () => {
    const files: string[] = [];
    for (const original of fc.sample(grafanaDashboard(), { numRuns: 12, seed: 42 })) {
      files.push((await scratch.importTo(original, { datasources: KNOWN }, DATASOURCES_MODULE(scratch.library))).file);
    }
    expect(await typeErrors(files)).toEqual([]);
  }, 240_000);
});

/** The datasources module the random dashboards import (the exports named in KNOWN). */
function DATASOURCES_MODULE(library: string): string {
  return `import { env, postgresDatasource, tempoDatasource } from '${library}';
export const metricsDb = postgresDatasource({ name: 'Metrics DB', uid: 'pg-main', url: env('PG_URL'), user: env('PG_USER'), password: env('PG_PASSWORD'), database: 'metrics' });
export const tempo = tempoDatasource({ name: 'Tempo', uid: 'tempo-main', url: 'http://tempo:3200' });
`;
}
