/**
 * `dashcode diff` between an original reference dashboard and a rebuilt one
 * reads as a short, correct list: a dashboard imported and then ported the
 * way a reviewer would want it (the project's datasource, safe variable
 * interpolation, a title for the untitled panel) shows exactly those edits.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { diffDashboards } from '../../src/diff/diff.js';
import { describeChange } from '../../src/diff/format.js';
import { importDashboard } from '../../src/import/import.js';
import { needShared, sharedPath } from '../support/shared.js';
import { rebuild, Scratch } from '../import/support/generated.js';
import { REFERENCE_DASHBOARDS } from '../import/support/reference.js';

describe.runIf(needShared)('diff of the originals against rebuilt dashboards', () => {
  const scratch = new Scratch();
  afterAll(() => scratch.remove());

  it('a plain import rebuilds with no differences at all', async () => {
    for (const name of REFERENCE_DASHBOARDS) {
      const original = JSON.parse(readFileSync(sharedPath(name), 'utf8')) as unknown;
      const { file } = await scratch.importTo(original);
      expect(diffDashboards(original, await rebuild(file))).toEqual([]);
    }
  });

  it('a ported benchmark dashboard: each edit is one line', async () => {
    const original = JSON.parse(readFileSync(sharedPath(REFERENCE_DASHBOARDS[0]!), 'utf8')) as unknown;
    // The unknown datasource is declared in the scratch datasources module: port it there.
    const { code } = await importDashboard(original, { library: scratch.library, datasourcesModule: './ported-datasources.js' });
    scratch.write(`import { externalDatasource } from '${scratch.library}';\nexport const postgresBdz2yss7sxo1sc = externalDatasource({ type: 'grafana-postgresql-datasource', uid: 'transformers-metrics-db' });\n`, 'ported-datasources.ts');
    const ported = code
      .replace(/WHERE branch = \\\$\{branch\};/, 'WHERE branch = ${branch};')
      .replace("title: '',", "title: 'Runs',")
      .replace("title: 'CPU Utilization',", "title: 'CPU utilisation',")
      .replace(/(title: 'GPU memory usage',\n\s+)w: 12,|(title: 'GPU memory usage',\n)/, '$1$2w: 24,');
    const lines = diffDashboards(original, await rebuild(scratch.write(ported))).map(describeChange);
    expect(lines).toEqual([
      'datasource grafana-postgresql-datasource bdz2yss7sxo1sc replaced by grafana-postgresql-datasource transformers-metrics-db everywhere',
      'panel "Runs": title "" → "Runs"',
      'panel "Runs": query A.rawSql changed',
      'panel "CPU utilisation" in row "Usage metrics": title "CPU Utilization" → "CPU utilisation"',
      'panel "GPU memory usage" in row "Usage metrics": moved x=12 y=52 → x=0 y=61',
      'panel "GPU memory usage" in row "Usage metrics": resized 12×9 → 24×9',
    ]);
  });
});
