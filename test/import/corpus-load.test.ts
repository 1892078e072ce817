/**
 * Dashboards Grafana loads and dashcode's import used to leave unbuildable
 * (test/fixtures/public/): each reduced to the smallest case. The import now
 * does what Grafana does on load, says so, and the result builds.
 */
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/diff/format.js';
import { importDashboard } from '../../src/import/import.js';
import type { JsonObject } from '../../src/model/loose.js';
import { Scratch } from './support/generated.js';
import { buildErrors } from './support/build-errors.js';

const prom = { type: 'prometheus', uid: 'prom' };
const stat = (title: string, expr: string, y = 0): JsonObject => ({ type: 'stat', title, datasource: prom, gridPos: { x: 0, y, w: 12, h: 8 }, targets: [{ refId: 'A', expr, datasource: prom }] });

async function importAndBuild(d: JsonObject) {
  const scratch = new Scratch();
  try {
    const { result, file } = await scratch.importTo(d);
    return { result, errors: await buildErrors(file) };
  } finally {
    scratch.remove();
  }
}

describe('a variable name only Grafana accepts (linkerd2 health: "namespace-viz")', () => {
  it('is kept verbatim with a warning, and the dashboard builds', async () => {
    const d: JsonObject = {
      uid: 'v', title: 'V',
      templating: { list: [{ name: 'namespace-viz', type: 'query', datasource: prom, query: 'label_values(up, namespace)', refresh: 2, current: {}, options: [] }] },
      panels: [stat('up', 'up')],
    };
    const { result, errors } = await importAndBuild(d);
    expect(result.code).toContain("name: 'namespace-viz'");
    expect(result.code).toContain('rawVariable(');
    expect(result.issues.find((i) => i.code === 'import-variable-name')?.message).toMatch(/no reference can reach it/);
    expect(result.roundTrip.map(describeChange)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('dashboard keys Grafana does not read or types it does not take', () => {
  it('a string revision that is a whole number becomes that integer (linkerd2 prometheus-2-stats: "1.0")', async () => {
    const { result, errors } = await importAndBuild({ uid: 'r', title: 'R', revision: '1.0', panels: [stat('up', 'up')] });
    expect(result.code).toMatch(/raw: \{ revision: 1 \}/);
    expect(result.issues.find((i) => i.code === 'import-revision')?.message).toContain('becomes 1');
    expect(result.roundTrip.map(describeChange)).toEqual(['dashboard: revision "1.0" → 1']);
    expect(errors).toEqual([]);
  });
  it('a key outside Grafana\'s dashboard schema is dropped with a warning and listed (pgwatch2 v8-global-db-overview: "variables")', async () => {
    const { result, errors } = await importAndBuild({ uid: 'k', title: 'K', variables: { list: [] }, panels: [stat('up', 'up')] });
    expect(result.code).not.toContain('variables: { list');
    expect(result.issues.find((i) => i.code === 'import-dropped')?.message).toContain('"variables" dropped');
    expect(result.unmodelled).toContain("dashboard: variables (dropped: not in Grafana's dashboard schema)");
    expect(result.roundTrip.map(describeChange)).toEqual(['dashboard: variables removed (was {"list":[]})']);
    expect(errors).toEqual([]);
  });
});

describe('"export for sharing" inputs (triton-server k8s-onprem: ${DS_PROMETHEUS})', () => {
  const shared = (extra: JsonObject = {}): JsonObject => ({
    __inputs: [{ name: 'DS_PROMETHEUS', label: 'Prometheus', type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' }],
    uid: 's', title: 'Shared',
    panels: [{ ...stat('up', 'up{job="$job"}'), datasource: { type: 'prometheus', uid: '${DS_PROMETHEUS}' }, targets: [{ refId: 'A', expr: 'up', datasource: { type: 'prometheus', uid: '${DS_PROMETHEUS}' } }] }],
    ...extra,
  });
  const PROM_MODULE = (lib: string) => `import { prometheusDatasource } from '${lib}';\nexport const metrics = prometheusDatasource({ name: 'Metrics', uid: 'metrics', url: 'http://prometheus:9090' });\n`;

  it('map each input to the project datasource of its plugin, as Grafana\'s import fills them in, and say so', async () => {
    const scratch = new Scratch();
    try {
      const { result, file } = await scratch.importTo(shared(), { datasources: [{ exportName: 'metrics', uid: 'metrics', type: 'prometheus', name: 'Metrics' }] }, PROM_MODULE(scratch.library));
      expect(result.code).not.toContain('DS_PROMETHEUS');
      expect(result.code).toMatch(/datasource: metrics/);
      expect(result.newDatasources).toEqual([]);
      expect(result.issues.find((i) => i.code === 'import-input')?.message).toBe('input ${DS_PROMETHEUS} (a prometheus datasource, "Prometheus") is the project\'s prometheus datasource "metrics" (Grafana\'s import asks for it and puts its uid in every ${DS_PROMETHEUS})');
      expect(result.roundTrip).toEqual([]);
      expect(await buildErrors(file)).toEqual([]);
    } finally {
      scratch.remove();
    }
  });

  it('with several of that plugin, the default one; with none, the placeholder stays and a warning says why', async () => {
    const two = [{ exportName: 'a', uid: 'a', type: 'prometheus' }, { exportName: 'b', uid: 'b', type: 'prometheus', isDefault: true }];
    const picked = await importDashboard(shared(), { datasources: two });
    expect(picked.code).toMatch(/datasource: b\b/);
    expect(picked.issues.find((i) => i.code === 'import-input')?.severity).toBe('warning');
    const none = await importDashboard(shared(), { datasources: [] });
    expect(none.issues.find((i) => i.code === 'import-input')?.message).toMatch(/no prometheus datasource is known/);
  });

  it('a dashboard variable of the same name wins: the reference is that variable (opentelemetry-demo linux-dashboard)', async () => {
    const d = shared({ templating: { list: [{ name: 'DS_PROMETHEUS', type: 'datasource', query: 'prometheus', current: {} }] } });
    const r = await importDashboard(d, { datasources: [{ exportName: 'metrics', uid: 'metrics', type: 'prometheus' }] });
    expect(r.issues.find((i) => i.code === 'import-input')).toBeUndefined();
    expect(r.code).toContain('DS_PROMETHEUS');
  });
});

describe('references to variables the dashboard does not define (opentelemetry-demo postgresql, linux)', () => {
  it('keep the query text as written (Grafana sends it literally), warn, and the dashboard builds with a lint warning', async () => {
    const d: JsonObject = {
      uid: 'u', title: 'U',
      templating: { list: [{ name: 'host', type: 'custom', query: 'a,b', current: { text: 'a', value: 'a' } }] },
      panels: [stat('up', 'up{job="$job", host="${host}"}'), stat('down', 'sum(up{host="$host"})', 8)],
    };
    const { result, errors } = await importAndBuild(d);
    expect(result.code).toContain("rawQueryText('promql', 'up{job=\"$job\", host=\"${host}\"}')");
    expect(result.code).not.toMatch(/rawQueryText\('promql', 'sum/);
    expect(result.issues.find((i) => i.code === 'import-variable-undefined')?.message).toMatch(/\$job.*not define/);
    expect(result.roundTrip.map(describeChange)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('a reference to a datasource variable without a type (tempo-operational: ${logsds}, a Loki variable)', () => {
  it('takes the type the variable selects (its pluginType), not the query builder\'s guess', async () => {
    const d: JsonObject = {
      uid: 't', title: 'T',
      templating: { list: [{ name: 'logsds', type: 'datasource', query: 'loki', current: {} }, { name: 'ds', type: 'datasource', query: 'prometheus', current: {} }] },
      panels: [
        { type: 'logs', title: 'bad words', datasource: { uid: '${logsds}' }, gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A', expr: 'count_over_time({job="x"}[1m])', datasource: { uid: '${logsds}' } }] },
        { type: 'stat', title: 'up', datasource: { uid: '$ds' }, gridPos: { x: 12, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A', expr: 'up', datasource: { uid: '$ds' } }] },
      ],
    };
    const r = await importDashboard(d);
    expect(r.code).toContain("externalDatasource({ type: 'loki', uid: '${logsds}' })");
    expect(r.code).not.toContain("type: 'prometheus', uid: '${logsds}'");
    expect(r.code).toContain("externalDatasource({ type: 'prometheus', uid: '$ds' })");
  });
});
