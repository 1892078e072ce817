import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { datasourcesOf, lintProvisioning, lintRepo, provisioningKind } from '../../src/lint/index.js';
import { dashboard, promPanel } from './support.js';

const ds = (d: Record<string, unknown>): unknown => ({ apiVersion: 1, datasources: [{ name: 'DB', type: 'grafana-postgresql-datasource', uid: 'db', ...d }] });
const secrets = (doc: unknown): string[] => lintProvisioning(doc, 'datasources', { file: 'ds.yaml' }).filter((i) => i.code === 'provisioning-secret').map((i) => renderPath(i.path));

describe('provisioning-secret', () => {
  it.each([
    ['$PWD', []],
    ['${PWD}', []],
    ['$__env{PWD}', []],
    ['$__file{/run/secrets/pwd}', []],
    ['Bearer $TOKEN', []],
    ['hunter2', ['datasources[0].secureJsonData.password']],
    ['pa$$word', ['datasources[0].secureJsonData.password']],
  ])('secureJsonData.password %j', (value, paths) => {
    expect(secrets(ds({ secureJsonData: { password: value } }))).toEqual(paths);
  });

  it('never repeats the secret', () => {
    const issues = lintProvisioning(ds({ secureJsonData: { password: 'hunter2' } }), 'datasources', { file: 'ds.yaml' });
    expect(JSON.stringify(issues)).not.toContain('hunter2');
  });

  it('legacy password fields, credential-like jsonData and passwords in URLs', () => {
    expect(secrets(ds({ password: 'x', basicAuthPassword: '$PWD', jsonData: { apiToken: 'abc', tlsAuth: true, oauthPassThru: true }, url: 'postgres://grafana:s3cret@db:5432' }))).toEqual([
      'datasources[0].password',
      'datasources[0].basicAuthPassword',
      'datasources[0].jsonData.apiToken',
      'datasources[0].url',
    ]);
    expect(secrets(ds({ url: 'https://user:$PASSWORD@host', jsonData: { database: 'metrics' } }))).toEqual([]);
  });
});

describe('provisioning-api-version', () => {
  it('must be 1', () => {
    const issues = lintProvisioning({ apiVersion: 2, providers: [] }, 'dashboards', { file: 'p.yaml' });
    expect(issues.map((i) => [i.code, renderPath(i.path)])).toEqual([['provisioning-api-version', 'apiVersion']]);
  });
});

describe('provisioning-provider-path', () => {
  const provider = (path: string): unknown => ({ apiVersion: 1, providers: [{ name: 'p', options: { path } }] });
  const mounts = [{ containerPath: '/etc/grafana/dashboards/transformers', localDir: 'generated' }];
  const generatedFiles = ['generated/a.json', 'generated/provisioning/dashboards/p.yaml', 'generated/team/b.json'];
  const check = (path: string, ctx: Record<string, unknown> = { mounts, generatedFiles }): string[] =>
    lintProvisioning(provider(path), 'dashboards', { file: 'p.yaml', ...ctx }).map((i) => i.message);

  it('the mount point, a folder under it with dashboards, a trailing slash', () => {
    expect(check('/etc/grafana/dashboards/transformers')).toEqual([]);
    expect(check('/etc/grafana/dashboards/transformers/')).toEqual([]);
    expect(check('/etc/grafana/dashboards/transformers/team')).toEqual([]);
  });

  it('a folder without dashboard JSON, or a path outside the mount', () => {
    expect(check('/etc/grafana/dashboards/transformers/provisioning')).toEqual([
      'provider path "/etc/grafana/dashboards/transformers/provisioning" is generated/provisioning/ here, which holds no generated dashboard JSON',
    ]);
    expect(check('/etc/grafana/dashboards')[0]).toContain('is not where the generated dashboards are mounted (/etc/grafana/dashboards/transformers ← generated/)');
  });

  it('relative paths are checked against the tree; unknown mounts and env references are not judged', () => {
    expect(check('generated', { generatedFiles })).toEqual([]);
    expect(check('dashboards', { generatedFiles })).toHaveLength(1);
    expect(check('/somewhere/else', { generatedFiles })).toEqual([]);
    expect(check('$DASHBOARDS', { mounts, generatedFiles })).toEqual([]);
    expect(check('/elsewhere', {})).toEqual([]);
  });
});

describe('cross-file rules in lintRepo', () => {
  it('resolves dashboards against every provisioned datasource and counts defaults per org', () => {
    const issues = lintRepo({
      dashboards: [{ file: 'd.json', json: dashboard([promPanel('Up', 'up', { fieldConfig: { defaults: { unit: 'short' } } })]) }],
      provisioning: [
        { file: 'a.yaml', kind: 'datasources', doc: { apiVersion: 1, datasources: [{ name: 'Prometheus', type: 'prometheus', uid: 'prom', isDefault: true }] } },
        { file: 'b.yaml', kind: 'datasources', doc: { apiVersion: 1, datasources: [{ name: 'Other', type: 'prometheus', uid: 'other', isDefault: 'true', orgId: 1 }] } },
      ],
    });
    expect(issues.map((i) => [i.code, i.source?.file, renderPath(i.path)])).toEqual([['provisioning-default-datasource', 'b.yaml', 'datasources[0].isDefault']]);
    expect(issues[0]!.message).toBe('"Other" is a default datasource of org 1, and so is "Prometheus" in a.yaml; Grafana keeps only one, so which one wins is an accident');
  });

  it('reports a shared uid on every file that uses it', () => {
    const d = dashboard([promPanel('Up', 'up')], { uid: 'Lw6CTvVSz' });
    const issues = lintRepo({ dashboards: [{ file: 'a.json', json: d }, { file: 'b.json', json: d }, { file: 'c.json', json: { ...d, uid: 'c' } }], provisioning: [] });
    expect(issues.map((i) => `${i.source?.file}: ${i.message}`)).toEqual([
      'a.json: uid "Lw6CTvVSz" is also used by b.json; Grafana keeps one of them and the other silently disappears',
      'b.json: uid "Lw6CTvVSz" is also used by a.json; Grafana keeps one of them and the other silently disappears',
    ]);
  });
});

describe('helpers', () => {
  it('provisioningKind tells provisioning from other YAML', () => {
    expect(provisioningKind({ apiVersion: 1, datasources: [] })).toBe('datasources');
    expect(provisioningKind({ deleteDatasources: [] })).toBe('datasources');
    expect(provisioningKind({ providers: [] })).toBe('dashboards');
    expect(provisioningKind({ services: {} })).toBeUndefined();
  });

  it('datasourcesOf reads name, type, uid, org and default', () => {
    expect(datasourcesOf({ datasources: [{ name: 'P', type: 'prometheus', isDefault: true }, { name: 'D', type: 'postgres', uid: 'd', orgId: 2 }, { type: 'x' }] })).toEqual([
      { name: 'P', type: 'prometheus', isDefault: true },
      { name: 'D', type: 'postgres', uid: 'd', orgId: 2, isDefault: false },
    ]);
  });
});
