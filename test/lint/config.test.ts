import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { checkLintConfig, lintDashboard, lintRepo, type LintConfig } from '../../src/lint/index.js';
import { DATASOURCES, codes, dashboard, promPanel } from './support.js';

// Two findings: panel-title (warning) on an untitled panel, panel-unit (warning) on "Memory".
const json = dashboard([
  promPanel('', 'up'),
  promPanel('Memory', 'process_resident_memory_bytes', { fieldConfig: { defaults: {} } }),
]);
const run = (config: LintConfig) => lintDashboard(json, { datasources: DATASOURCES, config });

describe('lint configuration', () => {
  it('changes severities and turns rules off', () => {
    expect(run({}).map((i) => `${i.code}:${i.severity}`)).toEqual(['panel-title:warning', 'panel-unit:warning']);
    expect(run({ rules: { 'panel-unit': 'error', 'panel-title': 'off' } }).map((i) => `${i.code}:${i.severity}`)).toEqual(['panel-unit:error']);
  });

  it('excludes by dashboard uid, by panel title, or both', () => {
    const reason = 'resident memory is shown raw on purpose';
    expect(codes(run({ exclude: { 'panel-unit': [{ dashboard: 'lint-test', reason }] } }))).toEqual(['panel-title']);
    expect(codes(run({ exclude: { 'panel-unit': [{ panel: 'Memory', reason }] } }))).toEqual(['panel-title']);
    expect(codes(run({ exclude: { 'panel-unit': [{ dashboard: 'other', panel: 'Memory', reason }] } }))).toEqual(['panel-title', 'panel-unit']);
    expect(codes(run({ exclude: { 'panel-unit': [{ reason }] } }))).toEqual(['panel-title']);
  });

  it('an exclusion without a reason is an error and excludes nothing', () => {
    const raw = { exclude: { 'panel-unit': [{ panel: 'Memory' }, { panel: 'Memory', reason: '  ' }] } };
    const { config, issues } = checkLintConfig(raw, 'dashcode.lint.json');
    expect(issues.map((i) => [i.code, renderPath(i.path), i.severity, i.source?.file])).toEqual([
      ['lint-config', 'exclude["panel-unit"][0].reason', 'error', 'dashcode.lint.json'],
      ['lint-config', 'exclude["panel-unit"][1].reason', 'error', 'dashcode.lint.json'],
    ]);
    expect(config).toEqual({});
    // Even if passed straight through, the reporter does not apply it.
    expect(codes(run(raw as LintConfig))).toEqual(['panel-title', 'panel-unit']);
  });

  it('unknown rules, severities and keys', () => {
    const { config, issues } = checkLintConfig({ rules: { 'panel-units': 'off', 'panel-title': 'info' }, exclude: { 'panel-unit': 'x' }, extends: 'recommended' });
    expect(issues.map((i) => `${renderPath(i.path)}: ${i.message}`)).toEqual([
      'extends: unknown key "extends" (allowed: rules, exclude)',
      'rules["panel-units"]: unknown rule "panel-units" (did you mean "panel-unit"?)',
      'rules["panel-title"]: expected "off", "warning" or "error", got "info"',
      'exclude["panel-unit"]: expected a list of { dashboard?, panel?, reason }',
    ]);
    expect(config).toEqual({});
  });

  it('applies to cross-file findings too', () => {
    const d = dashboard([promPanel('Up', 'up', { fieldConfig: { defaults: { unit: 'short' } } })], { uid: 'same' });
    const input = { dashboards: [{ file: 'a.json', json: d }, { file: 'b.json', json: d }], provisioning: [] };
    expect(lintRepo(input)).toHaveLength(2);
    expect(lintRepo({ ...input, config: { exclude: { 'dashboard-uid-duplicate': [{ dashboard: 'same', reason: 'a and b are the same dashboard for two Grafanas' }] } } })).toEqual([]);
  });
});
