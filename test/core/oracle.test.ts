import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import { planBuild } from '../../src/project/plan.js';
import { needShared, repoRoot } from '../support/shared.js';
import { validateWithGrafanaSchemas } from '../support/grafana-oracle.js';

describe.runIf(needShared)("generated dashboards against Grafana's published schemas", async () => {
  const project = await loadProject(repoRoot);
  const plan = planBuild(project);
  const dashboards = plan.files.filter((f) => f.path.endsWith('.json'));

  it('builds at least the example dashboard', () => {
    expect(dashboards.map((d) => d.path)).toContain('generated/panel-gallery.json');
  });

  for (const file of dashboards) {
    it(`${file.path} validates with zero errors`, () => {
      expect(validateWithGrafanaSchemas(JSON.parse(file.text))).toEqual([]);
    });
  }
});
