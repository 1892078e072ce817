import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderPath, type IssuePath } from '../../src/model/issue-path.js';
import { ENV_REFERENCE_PATTERN, SECRET_REFERENCE_PATTERN } from '../../src/model/env.js';
import { type DashboardProvidersFile, type DatasourcesFile } from '../../src/provisioning/schema.js';
import { pointerToPath, validateProvisioning, type ProvisioningKind } from '../../src/provisioning/validate.js';
import { needShared, repoRoot, sharedPath } from '../support/shared.js';

const CODE = 'provisioning-schema';
const err = (p: IssuePath, message: string) => ({ code: CODE, path: p, message, severity: 'error' });

describe.runIf(needShared)('reference provisioning files', () => {
  const cases: Array<[string, ProvisioningKind]> = [
    ['reference/transformers/benchmark/grafana_datasource.yaml', 'datasources'],
    ['reference/transformers/benchmark/default.yml', 'dashboards'],
    ['reference/transformers/examples/metrics-monitoring/grafana-datasources.yaml', 'datasources'],
    ['reference/transformers/examples/metrics-monitoring/grafana-dashboard.yaml', 'dashboards'],
  ];
  it.each(cases)('%s is a valid %s file', (file, kind) => {
    const doc: unknown = parse(readFileSync(sharedPath(file), 'utf8'));
    expect(validateProvisioning(doc, kind)).toEqual([]);
  });

  it('the same files are rejected as the other kind', () => {
    const doc: unknown = parse(readFileSync(sharedPath(cases[0]![0]), 'utf8'));
    expect(validateProvisioning(doc, 'dashboards')).toEqual([
      err(['providers'], 'missing required key "providers"'),
      err(['datasources'], 'unknown key "datasources"; allowed keys: apiVersion, providers'),
    ]);
  });
});

const datasources = (ds: Record<string, unknown>) => ({ apiVersion: 1, datasources: [{ name: 'pg', type: 'postgres', ...ds }] });
const providers = (p: Record<string, unknown>) => ({ apiVersion: 1, providers: [{ name: 'p', options: { path: '/d' }, ...p }] });

describe('rejected documents', () => {
  it('a literal password in secureJsonData, without echoing it', () => {
    const issues = validateProvisioning(datasources({ secureJsonData: { password: 'hunter2' } }), 'datasources');
    expect(issues).toEqual([
      err(
        ['datasources', 0, 'secureJsonData', 'password'],
        'literal secret: secureJsonData values must come from the environment or a file ($VAR, ${VAR}, $__env{VAR} or $__file{path}); dashcode rejects literal secrets so they never reach version control',
      ),
    ]);
    expect(JSON.stringify(issues)).not.toContain('hunter2');
  });

  it('a numeric secret is a literal secret too', () => {
    const issues = validateProvisioning(datasources({ secureJsonData: { pin: 1234 } }), 'datasources');
    expect(issues.map((i) => [renderPath(i.path), i.message.slice(0, 15)])).toEqual([['datasources[0].secureJsonData.pin', 'literal secret:']]);
    expect(JSON.stringify(issues)).not.toContain('1234');
  });

  it('the unknown key isDefualt, with a suggestion', () => {
    expect(validateProvisioning(datasources({ isDefualt: true }), 'datasources')).toEqual([
      err(['datasources', 0, 'isDefualt'], 'unknown key "isDefualt" (did you mean "isDefault"?)'),
    ]);
  });

  it('an unknown key far from any allowed one lists the allowed keys', () => {
    expect(validateProvisioning({ apiVersion: 1, providers: [], extra: 1 }, 'dashboards')).toEqual([
      err(['extra'], 'unknown key "extra"; allowed keys: apiVersion, providers'),
    ]);
  });

  it('a wrong access value', () => {
    expect(validateProvisioning(datasources({ access: 'server' }), 'datasources')).toEqual([
      err(['datasources', 0, 'access'], 'expected one of "proxy", "direct" (or an environment reference), got "server"'),
    ]);
    expect(validateProvisioning(datasources({ access: 'proxi' }), 'datasources')).toEqual([
      err(['datasources', 0, 'access'], 'expected one of "proxy", "direct" (or an environment reference), got "proxi" (did you mean "proxy"?)'),
    ]);
  });

  it('a missing apiVersion', () => {
    expect(validateProvisioning({ datasources: [] }, 'datasources')).toEqual([
      err(['apiVersion'], 'missing required key "apiVersion" (add "apiVersion: 1"; without it Grafana reads the file as the deprecated v0 format)'),
    ]);
  });

  it('apiVersion given as a string or an env reference', () => {
    expect(validateProvisioning({ apiVersion: '1', providers: [] }, 'dashboards')).toEqual([err(['apiVersion'], 'expected 1, got "1"')]);
    expect(validateProvisioning({ apiVersion: '$V', providers: [] }, 'dashboards')).toEqual([
      err(['apiVersion'], 'expected 1, got "$V" (Grafana does not expand environment references in this field)'),
    ]);
  });

  it('a provider with type files', () => {
    expect(validateProvisioning(providers({ type: 'files' }), 'dashboards')).toEqual([
      err(['providers', 0, 'type'], 'expected "file" (or an environment reference), got "files" (did you mean "file"?)'),
    ]);
  });

  it('wrong scalar types say what was given and what is allowed', () => {
    expect(validateProvisioning(datasources({ orgId: 'one', isDefault: 'yes', url: 5, user: null }), 'datasources')).toEqual([
      err(['datasources', 0, 'orgId'], 'expected an integer or an environment reference ($VAR, ${VAR}, $__env{VAR} or $__file{path}), got "one"'),
      err(['datasources', 0, 'url'], 'expected a string, got 5'),
      err(['datasources', 0, 'user'], 'expected a string, got an empty value'),
      err(['datasources', 0, 'isDefault'], 'expected true/false or an environment reference ($VAR, ${VAR}, $__env{VAR} or $__file{path}), got "yes"'),
    ]);
  });

  it('provider options: required path, closed keys, literal foldersFromFilesStructure', () => {
    expect(validateProvisioning(providers({ options: { pth: '/d', foldersFromFilesStructure: '$F' } }), 'dashboards')).toEqual([
      err(['providers', 0, 'options', 'path'], 'missing required key "path"'),
      err(['providers', 0, 'options', 'pth'], 'unknown key "pth" (did you mean "path"?)'),
      err(
        ['providers', 0, 'options', 'foldersFromFilesStructure'],
        'expected true/false, got "$F" (Grafana does not expand environment references in this field)',
      ),
    ]);
  });

  it('empty names and negative intervals', () => {
    expect(validateProvisioning(providers({ name: ' ', updateIntervalSeconds: -5 }), 'dashboards')).toEqual([
      err(['providers', 0, 'name'], 'must not be empty'),
      err(['providers', 0, 'updateIntervalSeconds'], 'expected at least 0, got -5'),
    ]);
  });

  it('not a mapping at all', () => {
    expect(validateProvisioning('apiVersion: 1', 'datasources')).toEqual([err([], 'expected a mapping, got "apiVersion: 1"')]);
    expect(validateProvisioning(null, 'dashboards')).toEqual([err([], 'expected a mapping, got an empty value')]);
  });

  it('reports every problem at once', () => {
    const doc = { apiVersion: 1, datasources: [{ type: 'x', isDefualt: true }, { name: 'b', type: 'y', access: 'nope' }] };
    expect(validateProvisioning(doc, 'datasources').map((i) => renderPath(i.path))).toEqual([
      'datasources[0].name',
      'datasources[0].isDefualt',
      'datasources[1].access',
    ]);
  });
});

describe('accepted documents', () => {
  it('env references wherever Grafana expands them', () => {
    const doc: DatasourcesFile = {
      apiVersion: 1,
      prune: true,
      deleteDatasources: [{ name: 'old', orgId: '$ORG' }],
      datasources: [
        {
          name: '$DS_NAME',
          type: 'prometheus',
          access: '${ACCESS}',
          orgId: '$__env{ORG}',
          isDefault: '$IS_DEFAULT',
          version: '$__file{/run/version}',
          editable: false,
          jsonData: { anything: { goes: [1, 'two'] } },
          secureJsonData: {
            password: '$PG_PASSWORD',
            tlsClientKey: '$__file{/run/secrets/key.pem}',
            httpHeaderValue1: 'Bearer ${API_TOKEN}',
            vault: '$__vault{kv:secret/pg:password}',
          },
          correlations: [{ targetUID: 'tempo' }],
        },
      ],
    };
    expect(validateProvisioning(doc, 'datasources')).toEqual([]);
  });

  it('a full dashboard provider', () => {
    const doc: DashboardProvidersFile = {
      apiVersion: 1,
      providers: [
        {
          name: 'dashcode',
          orgId: 1,
          folder: 'Benchmarks',
          folderUid: 'bench',
          type: 'file',
          disableDeletion: true,
          updateIntervalSeconds: '$INTERVAL',
          allowUiUpdates: false,
          options: { path: '/etc/grafana/dashboards', foldersFromFilesStructure: false },
        },
      ],
    };
    expect(validateProvisioning(doc, 'dashboards')).toEqual([]);
  });
});

describe('reference patterns', () => {
  const env = new RegExp(ENV_REFERENCE_PATTERN, 'u');
  const secret = new RegExp(SECRET_REFERENCE_PATTERN, 'u');
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);

  it('accept every reference form', () => {
    fc.assert(
      fc.property(name, (n) =>
        [`$${n}`, `\${${n}}`, `$__env{${n}}`, `$__file{/run/${n}}`].every((v) => env.test(v) && secret.test(v) && secret.test(`x ${v} y`)),
      ),
    );
  });

  it.each(['hunter2', 'pa$$word', '$$HOME', 'cost: 5$', '$', '${}', '$1abc'])('a secret %j has no reference', (v) => {
    expect(secret.test(v)).toBe(false);
  });

  it.each(['$$$HOME', 'a$$$B', 'x$Y'])('%j still has one', (v) => {
    expect(secret.test(v)).toBe(true);
  });

  it.each(['$A b', 'x$A', '$A$B', '${A'])('%j is not a whole-value reference', (v) => {
    expect(env.test(v)).toBe(false);
  });
});

describe('pointerToPath', () => {
  it.each([
    ['', {}, []],
    ['/datasources/0/secureJsonData/password', { datasources: [{}] }, ['datasources', 0, 'secureJsonData', 'password']],
    ['/jsonData/0', { jsonData: { '0': 1 } }, ['jsonData', '0']],
    ['/jsonData/a~1b~0c', { jsonData: {} }, ['jsonData', 'a/b~c']],
    ['/jsonData/a.b', { jsonData: {} }, ['jsonData', 'a.b']],
  ])('%s', (pointer, doc, expected) => {
    expect(pointerToPath(pointer, doc)).toEqual(expected);
  });
});

describe('schemas/provisioning.schema.json', () => {
  const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/provisioning.schema.json'), 'utf8')) as object;

  it('is a valid draft-07 schema that accepts either file kind as a whole', () => {
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(schema);
    expect(validate(datasources({}))).toBe(true);
    expect(validate(providers({}))).toBe(true);
    expect(validate({ apiVersion: 1, datasources: [], providers: [] })).toBe(false);
  });

  it('is the file the package exports', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, string> };
    expect(pkg.exports['./schemas/provisioning.json']).toBe('./schemas/provisioning.schema.json');
  });
});
