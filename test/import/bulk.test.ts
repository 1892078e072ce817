/**
 * Bulk import's pure parts: module names, merging into the datasources
 * module (existing code kept), provisioning YAML → builders (secrets never
 * copied), external datasources (referenced, never provisioned).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileDashboard } from '../../src/compile/compile.js';
import { dashboard, externalDatasource, promQuery, promql, timeseriesPanel } from '../../src/index.js';
import { baseModuleName, importDashboards, moduleNames } from '../../src/import/bulk.js';
import { appendDatasources, moduleBindings } from '../../src/import/datasources-module.js';
import { datasourcesDocument } from '../../src/provisioning/yaml.js';
import { prometheusDatasource } from '../../src/datasources/prometheus/prometheus.js';

describe('module names', () => {
  it('are safe file names, unique case-insensitively, and deterministic', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }).map((s) => `${s}.json`), { maxLength: 20 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), (files, taken) => {
        const names = moduleNames(files, new Set(taken));
        expect(names).toEqual(moduleNames(files, new Set(taken)));
        for (const n of names) expect(n).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*$/);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        for (const n of names) expect(taken.map((t) => t.toLowerCase())).not.toContain(n.toLowerCase());
      }),
    );
  });

  it('collisions get -2, -3 in input order; hostile names are defused', () => {
    expect(moduleNames(['a/overview.json', 'b/overview.json', 'c/Overview.json'], new Set())).toEqual(['overview', 'overview-2', 'Overview-3']);
    expect(baseModuleName('../../etc/passwd.json')).toBe('passwd');
    expect(baseModuleName('My Dashboard (v2).json')).toBe('My-Dashboard-v2');
    expect(baseModuleName('CON.json')).toBe('dashboard-CON');
    expect(baseModuleName('....json')).toBe('dashboard');
  });
});

const EXISTING = `/** Our datasources. */
import { env, postgresDatasource } from 'dashcode';

// Hand-written, with a comment the merge must keep.
export const metricsDb = postgresDatasource({ name: 'Metrics', uid: 'pg-main', url: env('PG_URL'), user: env('PG_USER'), password: env('PG_PASSWORD'), database: 'metrics' });
const helper = 1;
export const other = helper;`;

describe('merging into the datasources module', () => {
  it('appends new exports and one import line; the existing text is kept, line for line', () => {
    const spec = externalDatasource({ type: 'loki', uid: 'logs' });
    const out = appendDatasources(EXISTING, [{ exportName: 'lokiLogs', uid: 'logs', type: 'loki', spec, code: "externalDatasource({ type: 'loki', uid: 'logs' })", imports: ['externalDatasource', 'env'] }], 'dashcode');
    // Every original line is still there, in order; only lines were added.
    const added = out.split('\n').filter((l) => !EXISTING.split('\n').includes(l));
    const nonEmpty = (t: string) => t.split('\n').filter((l) => l !== '');
    expect(nonEmpty(out).filter((l) => EXISTING.split('\n').includes(l))).toEqual(nonEmpty(EXISTING));
    expect(added.join('\n')).toContain("import { externalDatasource } from 'dashcode';");
    expect(out).toMatch(/export const lokiLogs = externalDatasource\(\{ type: 'loki', uid: 'logs' \}\);\n$/);
    expect(moduleBindings(EXISTING)).toEqual(new Set(['env', 'postgresDatasource', 'metricsDb', 'helper', 'other']));
  });

  it('matches by uid: a uid the module has is referenced, never added again; new names avoid the module\'s', async () => {
    const board = (uid: string) => ({ title: 'T', uid: `d-${uid}`, schemaVersion: 39, panels: [{ type: 'timeseries', title: 'P', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A', expr: 'up', datasource: { type: 'prometheus', uid } }] }] });
    const known = [{ exportName: 'prom', uid: 'prom-main', type: 'prometheus' }];
    const r = await importDashboards([{ file: 'a.json', json: board('prom-main') }, { file: 'b.json', json: board('helper') }, { file: 'c.json', json: board('helper') }], { datasources: known, datasourcesModuleNames: new Set(['helper', 'prometheusHelper']) });
    expect(r.newDatasources.map((d) => [d.exportName, d.uid])).toEqual([['prometheusHelper2', 'helper']]);
    expect(r.dashboards[0]!.result.code).toContain("import { prom } from '../datasources/index.js';");
    expect(r.dashboards[2]!.result.code).toContain('import { prometheusHelper2 }');
  });
});

describe('provisioning YAML', () => {
  const yaml = `apiVersion: 1
datasources:
  - name: Metrics DB
    type: postgres
    uid: pg
    url: db:5432
    user: $PG_USER
    jsonData: { database: metrics, sslmode: disable, postgresVersion: 1500 }
    secureJsonData: { password: hunter2-literal-secret }
  - name: Prom
    type: prometheus
    uid: prom
    url: http://prometheus:9090
    isDefault: true
    jsonData: { timeInterval: 30s, customQueryParameters: "a=$$b" }
  - name: Logs
    type: loki
    uid: logs
    url: http://loki:3100
`;

  it('becomes builder calls; a literal secret becomes an env() reference and is never copied', async () => {
    const r = await importDashboards([], { provisioning: [{ file: 'ds.yaml', doc: parse(yaml) }] });
    const text = appendDatasources(undefined, r.newDatasources, 'dashcode');
    expect(text).not.toContain('hunter2');
    expect(text).toContain("password: env('METRICS_DB_PASSWORD')");
    expect(text).toContain("user: env('PG_USER')");
    expect(text).toMatch(/export const prom = prometheusDatasource\(\{\s*name: 'Prom',\s*uid: 'prom',\s*isDefault: true,\s*url: 'http:\/\/prometheus:9090',\s*timeInterval: '30s',?\s*\}\);/);
    expect(text).toContain("export const logs = externalDatasource({ type: 'loki', uid: 'logs', name: 'Logs' });");
    const messages = r.issues.map((i) => i.message).join('\n');
    expect(messages).toContain('a literal secret in the YAML');
    expect(messages).not.toContain('hunter2');
    expect(messages).toContain('jsonData.customQueryParameters is not modelled');
  });
});

describe('externalDatasource', () => {
  const prom = externalDatasource({ type: 'prometheus', uid: 'grafana-cloud-prom' });

  it('is referenced by object from queries, and never written to the provisioning YAML', () => {
    const own = prometheusDatasource({ name: 'Local', uid: 'local', url: 'http://p:9090' });
    const d = dashboard({ uid: 'x', title: 'X', panels: [timeseriesPanel({ title: 'Up', queries: [promQuery({ datasource: prom, expr: promql`up` })] })] });
    const compiled = compileDashboard(d, { datasources: [own, prom] });
    expect(compiled.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(JSON.stringify(compiled.json)).toContain('"uid":"grafana-cloud-prom"');
    const doc = datasourcesDocument([own, prom]) as { datasources: Array<{ uid: string }> };
    expect(doc.datasources.map((x) => x.uid)).toEqual(['local']);
  });

  it('validates its uid; accepts ${ds} variables and built-ins', () => {
    expect(externalDatasource({ type: 'prometheus', uid: 'bad uid!' }).issues.length).toBeGreaterThan(0);
    expect(externalDatasource({ type: 'prometheus', uid: '${ds}' }).issues).toEqual([]);
    expect(externalDatasource({ type: 'grafana', uid: '-- Grafana --' }).issues).toEqual([]);
  });
});
