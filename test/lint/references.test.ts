import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { lintDashboard } from '../../src/lint/index.js';
import { DATASOURCES, PROM, codes, dashboard, lint, promPanel, variable, type Json } from './support.js';

describe('datasource references', () => {
  it('built-in datasources and datasource variables need no provisioning', () => {
    const json = dashboard(
      [
        promPanel('Up', 'up', { datasource: { type: 'prometheus', uid: '${ds}' }, targets: [{ refId: 'A', expr: 'up' }] }),
        { type: 'timeseries', title: 'Mixed', datasource: { type: 'datasource', uid: '-- Mixed --' }, targets: [{ refId: 'A', datasource: PROM, expr: 'up' }], fieldConfig: { defaults: { unit: 'short' } } },
      ],
      {
        templating: { list: [variable('ds', { type: 'datasource', query: 'prometheus' })] },
        annotations: { list: [{ builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, name: 'Annotations & Alerts' }] },
      },
    );
    expect(lint(json)).toEqual([]);
  });

  it('a datasource variable that is not defined is an undefined variable', () => {
    const json = dashboard([promPanel('Up', 'up', { datasource: { type: 'prometheus', uid: '${DS_PROMETHEUS}' }, targets: [{ refId: 'A', expr: 'up' }] })]);
    expect(codes(lint(json))).toEqual(['variable-undefined']);
    // An export's __inputs define it (Grafana asks for it on import).
    expect(lint({ ...json, __inputs: [{ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }] })).toEqual([]);
  });

  it('resolves a legacy name reference but asks for a uid', () => {
    const issues = lint(dashboard([promPanel('Up', 'up', { datasource: 'Prometheus', targets: [{ refId: 'A', expr: 'up' }] })]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'datasource-missing-uid', path: ['panels', 0, 'datasource'] });
    expect(issues[0]!.message).toContain('"uid": "prom"');
  });

  it('without provisioned datasources, only what the dashboard says about itself is checked', () => {
    const json = dashboard([promPanel('Up', 'up', { datasource: { type: 'prometheus', uid: 'anything' }, targets: [{ refId: 'A', expr: 'up' }] })]);
    expect(lintDashboard(json, {})).toEqual([]);
    expect(codes(lintDashboard(json, { datasources: [] }))).toEqual(['datasource-unknown']);
  });

  it('reports an unknown uid once per panel, at the first place it appears', () => {
    const ref = { type: 'prometheus', uid: 'gone' };
    const issues = lint(dashboard([promPanel('Up', ['up', 'up{job="a"}'], { datasource: ref, targets: [{ refId: 'A', datasource: ref, expr: 'up' }, { refId: 'B', datasource: ref, expr: 'up{job="a"}' }] })]));
    expect(issues.map((i) => `${i.code} ${renderPath(i.path)}`)).toEqual(['datasource-unknown panels[0].datasource']);
    expect(issues[0]!.message).toContain('"Prometheus" uid prom');
  });

  it('checks variable and annotation datasources', () => {
    const json = dashboard([promPanel('Up', 'up{job="$job"}')], {
      templating: { list: [variable('job', { type: 'query', datasource: { type: 'prometheus', uid: 'old' }, query: 'label_values(up, job)' })] },
      annotations: { list: [{ name: 'Deploys', datasource: { type: 'prometheus' }, expr: 'changes(build_info[$__rate_interval])' }] },
    });
    const references = lint(json).filter((i) => i.code !== 'promql-unsafe-interpolation');
    expect(references.map((i) => `${i.code} ${renderPath(i.path)}`)).toEqual(['datasource-unknown templating.list[0].datasource', 'datasource-missing-uid annotations.list[0].datasource']);
  });
});

describe('variables', () => {
  it('finds uses in titles, links, descriptions, field config and text panels', () => {
    const used = ['a', 'b', 'c', 'd', 'e', 'f'];
    const json = dashboard(
      [
        promPanel('Up on $a', 'up', {
          description: 'for ${b}',
          links: [{ title: 'more', url: '/d/x?var-c=${c}' }],
          fieldConfig: { defaults: { unit: 'short', displayName: '${d} ${__field.labels.job}' } },
        }),
        { type: 'text', title: 'About', options: { content: 'Branch [[e]]' } },
      ],
      { templating: { list: used.map((n) => variable(n)) }, links: [{ title: 'Go', url: '/d/y?x=$f&${__url_time_range}' }] },
    );
    expect(lint(json)).toEqual([]);
  });

  it('suggests the closest defined name', () => {
    const issues = lint(dashboard([promPanel('Up', 'up{job="$jbo"}')], { templating: { list: [variable('job')] } }));
    expect(issues.find((i) => i.code === 'variable-undefined')?.message).toBe('$jbo is used but no variable "jbo" is defined (did you mean "job"?)');
  });

  it('a variable used only by another variable is used; ad hoc filters are never unused', () => {
    const json = dashboard([promPanel('Up', 'up{instance=~"$instance"}')], {
      templating: {
        list: [
          variable('job', { type: 'query', datasource: PROM, query: 'label_values(up, job)' }),
          variable('instance', { type: 'query', datasource: PROM, query: 'label_values(up{job="$job"}, instance)' }),
          { name: 'filters', type: 'adhoc', datasource: PROM },
        ],
      },
    });
    // ($instance in a matcher is promql-unsafe-interpolation, not a reference problem.)
    expect(lint(json).filter((i) => i.code !== 'promql-unsafe-interpolation')).toEqual([]);
  });

  it('repeat must name a variable', () => {
    const issues = lint(dashboard([promPanel('Up', 'up', { repeat: 'instance' })]));
    expect(issues.map((i) => `${i.code} ${renderPath(i.path)}`)).toEqual(['variable-undefined panels[0].repeat']);
  });

  it('ignores the SQL builder state of a raw SQL query, which Grafana does not run', () => {
    const json = dashboard([
      {
        type: 'table',
        title: 'Runs',
        datasource: { type: 'grafana-postgresql-datasource', uid: 'pg' },
        targets: [{ refId: 'A', datasource: { type: 'grafana-postgresql-datasource', uid: 'pg' }, format: 'table', rawSql: 'SELECT 1', sql: { whereString: "commit_id = '${commit}'" } }],
      },
    ]);
    expect(lint(json)).toEqual([]);
  });
});

describe('dashboard uid', () => {
  it.each([
    [undefined, 'has no uid'],
    ['', 'has no uid'],
    ['x'.repeat(41), '41 characters'],
    ['a b', 'characters Grafana rejects'],
  ])('%j', (uid, message) => {
    const json: Json = dashboard([promPanel('Up', 'up')]);
    if (uid === undefined) delete json.uid;
    else json.uid = uid;
    const issues = lint(json).filter((i) => i.code === 'dashboard-uid');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain(message);
  });

  it('accepts 40 characters', () => {
    expect(lint(dashboard([promPanel('Up', 'up')], { uid: 'x'.repeat(40) }))).toEqual([]);
  });
});

describe('input', () => {
  it('unwraps an API response {dashboard, meta}', () => {
    const json = { meta: { slug: 'x' }, dashboard: dashboard([promPanel('Up', 'up', { title: '' })]) };
    expect(codes(lint(json))).toEqual(['panel-title']);
  });

  it('never throws on odd JSON', () => {
    for (const json of [null, 1, 'x', [], {}, { panels: 'x' }, { panels: [null, 1, { gridPos: 'x', targets: [null] }] }, { templating: { list: [{}] } }]) {
      expect(() => lintDashboard(json, { datasources: DATASOURCES })).not.toThrow();
    }
  });
});

describe('variable-undefined severity', () => {
  it('is a warning: Grafana loads the dashboard and sends the reference as written', () => {
    const json = { uid: 'u', title: 't', panels: [{ id: 1, type: 'timeseries', title: 'P', gridPos: { x: 0, y: 0, w: 24, h: 8 }, datasource: { type: 'prometheus', uid: 'p' }, targets: [{ refId: 'A', expr: 'up{job="$job"}' }] }] };
    const found = lintDashboard(json).filter((i) => i.code === 'variable-undefined');
    expect(found.map((i) => i.severity)).toEqual(['warning']);
  });
});
