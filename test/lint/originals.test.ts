/**
 * The hand-written originals in ../shared/reference have real defects; the
 * linter must find each of them, with a code and a location, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { lintCommand } from '../../src/cli/commands/lint.js';
import type { Issue } from '../../src/model/issue.js';
import { captureIo } from '../support/temp-project.js';
import { needShared, sharedPath } from '../support/shared.js';

const EXPECTED: Record<string, string[]> = {
  'benchmark/grafana_dashboard.json': [
    'datasource-missing-uid', // {"default": true} and {} panel datasources
    'datasource-panel-mismatch', // compile panels say cdznuzn76lo8we, their queries bdz2yss7sxo1sc
    'datasource-unknown', // neither uid is the provisioned be28nkzirtb0gd
    'panel-duplicate-query', // "Second eager" = "First eager", "Fourth compile" = "Third compile"
    'panel-title', // the runs table has no title
    'panel-unit', // GPU Utilization (gpu_util) has no unit
    'sql-time-filter', // usage timeseries read every measurement ever
    'sql-trailing-comment', // "...; -- TODO"
    'sql-unsafe-interpolation', // WHERE branch = ${branch}
  ],
  'benchmark/grafana_datasource.yaml': [],
  'benchmark/default.yml': [],
  'examples/metrics-monitoring/continuous-batching-dashboard.json': [
    'dashboard-uid-duplicate', // Lw6CTvVSz, shared with the KV-cache dashboard
    'datasource-unknown', // PBFA97CFB590B2093 is never provisioned
    'panel-unit', // batch fill percentiles without a unit
  ],
  'examples/metrics-monitoring/kv-cache-dashboard.json': ['dashboard-uid-duplicate', 'datasource-unknown'],
  'examples/metrics-monitoring/grafana-datasources.yaml': ['provisioning-datasource-uid'], // Prometheus without uid
  'examples/metrics-monitoring/grafana-dashboard.yaml': [],
};

async function lintOriginals(): Promise<{ code: number; files: number; issues: Issue[] }> {
  const dir = sharedPath('reference/transformers');
  const io = captureIo(dir);
  const code = await lintCommand.run(['--format', 'json', '.'], io);
  const report = JSON.parse(io.out) as { files: number; issues: Issue[] };
  return { code, files: report.files, issues: report.issues };
}

describe.runIf(needShared)('the hand-written originals', () => {
  it('reports exactly the expected rules per file', async () => {
    const { code, files, issues } = await lintOriginals();
    expect(code).toBe(1);
    expect(files).toBe(Object.keys(EXPECTED).length);
    const found: Record<string, string[]> = Object.fromEntries(Object.keys(EXPECTED).map((f) => [f, []]));
    for (const i of issues) {
      const list = found[i.source?.file ?? ''] ?? (found[i.source?.file ?? ''] = []);
      if (!list.includes(i.code)) list.push(i.code);
    }
    for (const list of Object.values(found)) list.sort();
    expect(found).toEqual(EXPECTED);
  });

  it('every finding has a code, a severity and a location', async () => {
    const { issues } = await lintOriginals();
    for (const i of issues) {
      expect(i.code).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(['error', 'warning']).toContain(i.severity);
      expect(i.path, `${i.code} in ${i.source?.file}`).not.toBe('');
      expect(i.source?.file).toBeTruthy();
    }
  });

  it('points at the defective panels of the benchmark dashboard', async () => {
    const { issues } = await lintOriginals();
    const at = (code: string): string[] =>
      issues.filter((i) => i.code === code && i.source?.file === 'benchmark/grafana_dashboard.json').map((i) => `${renderPath(i.path)} (${i.source?.panel ?? '-'})`);
    expect(at('panel-duplicate-query')).toEqual(['panels[3].targets (Second eager forward pass)', 'panels[8].targets (Fourth compile forward pass)']);
    expect(at('sql-trailing-comment')).toEqual([5, 6, 7, 8].map((n, k) => `panels[${n}].targets[0].rawSql (${['First', 'Second', 'Third', 'Fourth'][k]} compile forward pass)`));
    expect(at('panel-unit')).toEqual(['panels[11].fieldConfig.defaults.unit (GPU Utilization)']);
    expect(at('sql-time-filter')).toEqual([10, 11, 12, 13].map((n) => expect.stringContaining(`panels[${n}].targets[0].rawSql`)));
    // Every panel query and both time-range variable queries interpolate ${branch} unquoted.
    expect(at('sql-unsafe-interpolation')).toHaveLength(13);
    expect(at('sql-unsafe-interpolation')).toContain('templating.list[1].query (-)');
    expect(at('datasource-missing-uid')).toContain('panels[3].datasource (Second eager forward pass)');
  });
});
