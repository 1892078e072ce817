import { describe, expect, it } from 'vitest';
import { lintCommand } from '../../src/cli/commands/lint.js';
import { UsageError } from '../../src/cli/io.js';
import { captureIo, tempProject } from '../support/temp-project.js';
import { dashboard, promPanel } from './support.js';

const clean = JSON.stringify(dashboard([promPanel('Requests', 'sum(rate(http_requests_total[$__rate_interval]))', { fieldConfig: { defaults: { unit: 'reqps' } } })]));
const untitled = JSON.stringify(dashboard([promPanel('', 'up')], { uid: 'untitled' }));
const unknownDatasource = JSON.stringify(dashboard([promPanel('Up', 'up', { datasource: { type: 'prometheus', uid: 'gone' }, targets: [{ refId: 'A', expr: 'up' }] })], { uid: 'broken' }));
const DATASOURCES_YAML = 'apiVersion: 1\ndatasources:\n  - name: Prometheus\n    type: prometheus\n    uid: prom\n    url: http://prometheus:9090\n';
const PROVIDERS_YAML = 'apiVersion: 1\nproviders:\n  - name: dashcode\n    options:\n      path: /var/lib/grafana/dashboards\n';

function project(files: Record<string, string>): string {
  return tempProject({ 'generated/provisioning/datasources/dashcode.yaml': DATASOURCES_YAML, 'generated/provisioning/dashboards/dashcode.yaml': PROVIDERS_YAML, ...files });
}

async function lint(dir: string, ...args: string[]) {
  const io = captureIo(dir);
  const code = await lintCommand.run(args, io);
  return { code, out: io.out, err: io.err };
}

describe('dashcode lint', () => {
  it('lints generated/ by default: a clean project exits 0', async () => {
    const r = await lint(project({ 'generated/one.json': clean }));
    expect(r).toEqual({ code: 0, out: '✓ 3 files linted: no findings\n', err: '' });
  });

  it('errors exit 1 and are printed with file, dashboard, panel and path', async () => {
    const r = await lint(project({ 'generated/one.json': clean, 'generated/two.json': unknownDatasource }));
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '✖ generated/two.json › dashboard "Lint test" › panel "Up" › datasource: datasource uid "gone" is not provisioned (provisioned prometheus: "Prometheus" uid prom) [datasource-unknown]\n  → at panels[0].datasource',
    );
    expect(r.out).toMatch(/1 error\(s\), 0 warning\(s\) in 4 files\n$/);
  });

  it('warnings alone exit 0; --strict makes them errors', async () => {
    const dir = project({ 'generated/one.json': untitled });
    expect((await lint(dir)).code).toBe(0);
    const strict = await lint(dir, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('✖ generated/one.json › dashboard "Lint test" › panel "(untitled timeseries)" › title: timeseries at panels[0] has no title; say what it shows [panel-title]');
  });

  it('--format github writes workflow commands', async () => {
    const r = await lint(project({ 'generated/one.json': unknownDatasource, 'generated/two.json': untitled }), '--format', 'github');
    expect(r.out.split('\n')).toEqual([
      '::error file=generated/one.json,title=datasource-unknown::dashboard "Lint test" › panel "Up" › panels[0].datasource: datasource uid "gone" is not provisioned (provisioned prometheus: "Prometheus" uid prom)',
      '::warning file=generated/two.json,title=panel-title::dashboard "Lint test" › panel "(untitled timeseries)" › panels[0].title: timeseries at panels[0] has no title; say what it shows',
      '1 error(s), 1 warning(s) in 4 files',
      '',
    ]);
  });

  it('--format json', async () => {
    const r = await lint(project({ 'generated/one.json': untitled }), '--format', 'json');
    const report = JSON.parse(r.out) as { errors: number; warnings: number; files: number; issues: Array<{ code: string; path: unknown; at: string; source: { file: string } }> };
    expect(report).toMatchObject({ errors: 0, warnings: 1, files: 3 });
    expect(report.issues.map((i) => [i.code, i.source.file])).toEqual([['panel-title', 'generated/one.json']]);
    // The path as data for tools, and as the text people read.
    expect(report.issues.map((i) => [i.path, i.at])).toEqual([[['panels', 0, 'title'], 'panels[0].title']]);
  });

  it('lints named files and directories; skips other JSON and YAML in directories only', async () => {
    const dir = tempProject({
      'stack/dashboard.json': clean,
      'stack/package.json': '{"name": "x"}',
      'stack/docker-compose.yml': 'services: {}\n',
      'stack/broken.json': '{"panels": [',
      'other.json': '{"name": "x"}',
    });
    const r = await lint(dir, 'stack', 'other.json');
    expect(r.code).toBe(1);
    // Both messages come from the one JSON-file reader (src/files/json-file.ts).
    expect(r.out).toContain('✖ stack/broken.json: stack/broken.json is not valid JSON: ');
    expect(r.out).toContain('✖ other.json: other.json is not a Grafana dashboard: it is an object without a "panels" list and a "title" [lint-parse]');
    expect(r.out).not.toContain('package.json');
    expect(r.out).not.toContain('docker-compose');
  });

  it('reads dashcode.lint.json; an exclusion without a reason fails the run', async () => {
    const withReason = project({ 'generated/one.json': untitled, 'dashcode.lint.json': JSON.stringify({ rules: { 'panel-title': 'error' } }) });
    expect((await lint(withReason)).code).toBe(1);
    const excluded = project({ 'generated/one.json': untitled, 'dashcode.lint.json': JSON.stringify({ exclude: { 'panel-title': [{ dashboard: 'untitled', reason: 'a sparkline strip' }] } }) });
    expect(await lint(excluded)).toMatchObject({ code: 0 });
    const noReason = project({ 'generated/one.json': untitled, 'dashcode.lint.json': JSON.stringify({ exclude: { 'panel-title': [{ dashboard: 'untitled' }] } }) });
    const r = await lint(noReason);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✖ dashcode.lint.json › exclude["panel-title"][0].reason: an exclusion needs a reason: say why this finding is acceptable [lint-config]');
  });

  it("reads dashcode.config.ts's lint key and outDir; provider paths must reach the dashboards", async () => {
    const dir = tempProject({
      'dashcode.config.ts': "export default { outDir: 'out', provisioning: { dashboardsPath: '/etc/grafana/dashboards/transformers' }, lint: { rules: { 'panel-title': 'off' } } };\n",
      'out/one.json': untitled,
      'out/provisioning/dashboards/p.yaml': PROVIDERS_YAML,
    });
    const r = await lint(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('provider path "/var/lib/grafana/dashboards" is not where the generated dashboards are mounted (/etc/grafana/dashboards/transformers ← out/)');
    expect(r.out).not.toContain('panel-title');
  });

  it('usage errors', async () => {
    const dir = project({});
    await expect(lint(dir, '--format', 'xml')).rejects.toThrow(UsageError);
    await expect(lint(dir, 'nope/')).rejects.toThrow('no such file or directory: ');
    await expect(lint(dir, '--fix')).rejects.toThrow(UsageError);
  });
});
