/**
 * Issue 14: `check` expands every query exactly as Grafana does. One test per item,
 * each with the concrete input. The Grafana source each rule follows is cited
 * in docs/interpolation.md. A recording SqlRunner stands in for the database where the
 * point is what Grafana *sends* (the text), not what PostgreSQL answers.
 */
import { describe, expect, it } from 'vitest';
import { checkDashboard, type SqlRunner } from '../../src/check/run/index.js';
import { goRoundInterval } from '../../src/check/interpolate/round-interval.js';
import { CURRENT_GRAFANA_VERSION, interpolateVariables, sqlLegacyQuoting } from '../../src/check/interpolate/index.js';
import { resolveVariables } from '../../src/check/run/variables.js';
import pkg from '../../package.json' with { type: 'json' };

const HOUR = { from: '2026-01-01T00:00:00Z', to: '2026-01-01T01:00:00Z' };
const range = { from: new Date(HOUR.from), to: new Date(HOUR.to) };
const pg = { type: 'grafana-postgresql-datasource', uid: 'pg' };
const prom = { type: 'prometheus', uid: 'prom' };

type Obj = Record<string, unknown>;
const dash = (panels: Obj[], variables: Obj[] = [], extra: Obj = {}): Obj => ({ title: 't', uid: 'u', time: HOUR, panels, templating: { list: variables }, ...extra });
const panel = (datasource: Obj, targets: Obj[], extra: Obj = {}): Obj => ({ type: 'timeseries', title: 'P', datasource, targets, ...extra });

/** Answers every query with `rows` and records what it was sent. */
function recorder(rows: Array<Record<string, unknown>> = [{ v: 'x' }]): SqlRunner & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async query(sql: string) {
      sent.push(sql);
      const names = Object.keys(rows[0] ?? { v: 1 });
      return { rows, fields: names.map((name) => ({ name, dataTypeID: 25 })) };
    },
  };
}

async function expandedOf(d: Obj, options = {}) {
  const c = await checkDashboard(d, options);
  return c.queries.map((q) => q.expanded);
}

describe('1. $__interval lower limit is the datasource timeInterval; one maxDataPoints for frontend and backend', () => {
  it('SQL over 1 h: $__timeGroupAlias(t,$__interval) uses 60 s buckets (SqlDatasource interval 1m)', async () => {
    const d = dash([panel(pg, [{ refId: 'A', rawSql: 'SELECT $__timeGroupAlias(t,$__interval), avg(v) FROM m GROUP BY 1', format: 'time_series' }])]);
    expect(await expandedOf(d)).toEqual(['SELECT floor(extract(epoch from t)/60)*60 AS "time", avg(v) FROM m GROUP BY 1']);
  });

  it('Prometheus over 1 h: rate(x[$__interval]) is [15s] (Prometheus interval 15s), not an empty [5s]', async () => {
    const d = dash([panel(prom, [{ refId: 'A', expr: 'rate(x[$__interval])' }])]);
    expect(await expandedOf(d)).toEqual(['rate(x[15s])']);
  });
});

describe('2. the panel min interval is not the Prometheus min step', () => {
  it('panel interval 1m, 15 s scrape, 1 h: $__rate_interval is [1m15s], not [4m0s]', async () => {
    const d = dash([panel(prom, [{ refId: 'A', expr: 'rate(x[$__rate_interval])' }], { interval: '1m' })]);
    expect(await expandedOf(d)).toEqual(['rate(x[1m15s])']);
  });

  it('the query "Min step" (target.interval) still is', async () => {
    const d = dash([panel(prom, [{ refId: 'A', expr: 'rate(x[$__rate_interval])', interval: '1m' }])]);
    expect(await expandedOf(d)).toEqual(['rate(x[4m0s])']);
  });
});

describe('7. intervals of months (gtime.RoundInterval)', () => {
  // The issue says a 60-day raw interval is 30d in Grafana. The Go source says otherwise:
  // grafana-plugin-sdk-go backend/gtime/gtime.go RoundInterval has `case interval <
  // 3628800000ms: return 30d` (42 days; its comment says "2y") and `default: 1y`.
  it('60 days rounds to 1y, as Grafana does; 41 days to 30d', () => {
    const day = 86_400_000;
    expect(goRoundInterval(60 * day)).toBe(365 * day);
    expect(goRoundInterval(41 * day)).toBe(30 * day);
    expect(goRoundInterval(3628800000 - 1)).toBe(30 * day);
    expect(goRoundInterval(3628800000)).toBe(365 * day);
  });
});

describe('3. $__searchFilter in variable queries', () => {
  it('becomes % on load (SqlDatasource.metricFindQuery, getSearchFilterScopedVar)', async () => {
    const db = recorder([{ host: 'a' }]);
    const d = dash([], [{ name: 'host', type: 'query', datasource: pg, query: "SELECT host FROM hosts WHERE host LIKE '$__searchFilter'" }]);
    const r = await resolveVariables(d, range, 1000, db);
    expect(db.sent).toEqual(["SELECT host FROM hosts WHERE host LIKE '%'"]);
    expect(r.values.get('host')?.value).toBe('a');
  });
});

describe('6. variable resolution', () => {
  const one = async (v: Obj, rows?: Array<Record<string, unknown>>) => (await resolveVariables(dash([], [v]), range, 1000, recorder(rows))).values.get(String(v.name))!;

  it('applies the regex: first group, named text/value groups, filtering', async () => {
    const rows = [{ n: 'host-1.prod' }, { n: 'host-2.dev' }, { n: 'db-3.prod' }];
    expect((await one({ name: 'h', type: 'query', datasource: pg, query: 'q', regex: '/host-(\\d+)/' }, rows)).options).toEqual(['1', '2']);
    const named = await one({ name: 'h', type: 'query', datasource: pg, query: 'q', regex: '/(?<text>\\w+)-(?<value>\\d+)\\.prod/' }, rows);
    expect(named.options).toEqual(['1', '3']);
    expect(named.text).toBe('host');
    expect((await one({ name: 'h', type: 'query', datasource: pg, query: 'q', regex: '.*prod' }, rows)).options).toEqual(['host-1.prod', 'db-3.prod']);
  });

  it('textbox takes current.value when non-empty, else the query', async () => {
    expect((await one({ name: 't', type: 'textbox', query: 'default', current: { value: 'typed' } })).value).toBe('typed');
    expect((await one({ name: 't', type: 'textbox', query: 'default', current: { value: '' } })).value).toBe('default');
  });

  it('custom variables re-parse query, with \\, escapes and "text : value"', async () => {
    const v = await one({ name: 'c', type: 'custom', query: 'a\\,b, Label : val', options: [{ text: 'stale', value: 'stale' }], current: { value: 'val' } });
    expect(v.options).toEqual(['a,b', 'val']);
    expect(v).toMatchObject({ value: 'val', text: 'Label' });
  });

  it('auto interval variables are computed (calculateInterval(range, auto_count, auto_min))', async () => {
    const v = await one({ name: 'iv', type: 'interval', query: '1m,5m', auto: true, auto_count: 30, auto_min: '10s', current: { value: '$__auto_interval_iv' } });
    expect(v.value).toBe('2m');
  });

  it('__text is kept, so ${commit:text} is the display text; SQL options are unique by text', async () => {
    const rows = [
      { __text: 'fix tokenizer', __value: 'abc123' },
      { __text: 'fix tokenizer', __value: 'def456' },
      { __text: 'bump', __value: '999' },
    ];
    const v = await one({ name: 'commit', type: 'query', datasource: pg, query: 'q' }, rows);
    expect(v.options).toEqual(['abc123', '999']);
    const vars = new Map([['commit', v]]);
    expect(interpolateVariables('${commit:text} / $commit', vars, { datasource: 'other' }).text).toBe('fix tokenizer / abc123');
  });

  it('field paths: ${host.1} is the second selected value', () => {
    const vars = new Map([['host', { name: 'host', value: ['a', 'b'], multi: true }]]);
    expect(interpolateVariables('${host.1} ${host.0:raw}', vars, { datasource: 'other' }).text).toBe('b a');
  });

  it('queryparam of an empty multi value is var-x= ; with skipUrlSync it is empty', () => {
    const empty = new Map([['x', { name: 'x', value: [] as string[], multi: true }]]);
    expect(interpolateVariables('${x:queryparam}', empty, { datasource: 'other' }).text).toBe('var-x=');
    const skip = new Map([['x', { name: 'x', value: 'a', skipUrlSync: true }]]);
    expect(interpolateVariables('${x:queryparam}', skip, { datasource: 'other' }).text).toBe('');
  });
});

describe('4. repeated panels and rows run once per value', () => {
  const host = { name: 'host', type: 'custom', query: 'a,b', multi: true, includeAll: true, current: { value: ['$__all'] } };

  it('a repeated panel runs once per value with that single value in scope', async () => {
    const d = dash([panel(pg, [{ refId: 'A', rawSql: "SELECT 1 WHERE h = '$host'", format: 'table' }], { type: 'table', repeat: 'host', repeatDirection: 'h' })], [host]);
    const c = await checkDashboard(d);
    expect(c.queries.map((q) => [q.panel, q.expanded])).toEqual([
      ['P (host=a)', "SELECT 1 WHERE h = 'a'"],
      ['P (host=b)', "SELECT 1 WHERE h = 'b'"],
    ]);
  });

  it('a repeated row repeats the panels below it', async () => {
    const d = dash([{ type: 'row', title: 'R', repeat: 'host', collapsed: false, panels: [] }, panel(prom, [{ refId: 'A', expr: 'up{host="$host"}' }])], [host]);
    expect(await expandedOf(d)).toEqual(['up{host="a"}', 'up{host="b"}']);
  });
});

describe('5. SQL quoting by Grafana version', () => {
  // A repeat clone holds one string value of a multi variable (LocalValueVariable with isMulti):
  // exactly the case the Postgres plugin changed. An array value is always quoted.
  const host = { name: 'host', type: 'custom', query: 'a,b', multi: true, current: { value: ['a'] } };
  const d = dash([panel(pg, [{ refId: 'A', rawSql: 'SELECT 1 WHERE h = $host', format: 'table' }], { type: 'table', repeat: 'host' })], [host]);

  it('quotes a single value of a multi variable before the Postgres plugin changed it (12.3.0), not since (12.3.1, current)', async () => {
    expect(await expandedOf(d, { grafanaVersion: '12.3.0' })).toEqual(["SELECT 1 WHERE h = 'a'"]);
    expect(await expandedOf(d, { grafanaVersion: '12.3.1' })).toEqual(['SELECT 1 WHERE h = a']);
    expect(await expandedOf(d)).toEqual(['SELECT 1 WHERE h = a']);
  });

  it('follows every backport line of grafana/grafana#114058', () => {
    const legacy = ['11.6.0', '12.0.7', '12.1.4', '12.2.2', '12.3.0', 'v10.4.1'];
    const current = ['12.0.8', '12.1.5', '12.2.3', '12.3.1', '12.4.0', '13.0.0', CURRENT_GRAFANA_VERSION];
    expect(legacy.filter((v) => !sqlLegacyQuoting(v))).toEqual([]);
    expect(current.filter((v) => sqlLegacyQuoting(v))).toEqual([]);
  });

  it('the default is the release of the pinned @grafana/schema', () => {
    expect(CURRENT_GRAFANA_VERSION).toBe(pkg.dependencies['@grafana/schema']);
  });
});

describe('8. query languages by datasource type, not by field name', () => {
  it('a Loki expr is LogQL (parsed with @grafana/lezer-logql), not a PromQL syntax error', async () => {
    const d = dash([panel({ type: 'loki', uid: 'l' }, [{ refId: 'A', expr: 'sum by (level) (count_over_time({app="$app"} |= "error" | json [$__auto]))' }])], [{ name: 'app', type: 'constant', query: 'x' }]);
    const [q] = (await checkDashboard(d)).queries;
    expect(q).toMatchObject({ language: 'logql', status: 'syntax-ok', message: 'LogQL syntax ok; dashcode does not run Loki queries' });
  });

  it('a broken LogQL query is an error naming the place', async () => {
    const [q] = (await checkDashboard(dash([panel({ type: 'loki', uid: 'l' }, [{ refId: 'A', expr: 'rate({job="a"}[5m' }])]))).queries;
    expect(q).toMatchObject({ language: 'logql', status: 'error' });
    expect(q?.message).toMatch(/^LogQL syntax: unexpected end of input at 1:18/);
  });

  it('server-side expressions refer to refIds ($A, $B), checked against the panel', async () => {
    const expr = { type: '__expr__', uid: '__expr__' };
    const d = dash([
      panel({ type: 'datasource', uid: '-- Mixed --' }, [
        { refId: 'A', datasource: prom, expr: 'up' },
        { refId: 'B', datasource: prom, expr: 'up' },
        { refId: 'C', datasource: expr, type: 'math', expression: '$A / ${B}' },
        { refId: 'D', datasource: expr, type: 'reduce', expression: 'C', reducer: 'mean' },
        { refId: 'E', datasource: expr, type: 'math', expression: '$A + $Z' },
      ]),
    ]);
    const qs = (await checkDashboard(d)).queries.filter((q) => q.language === 'expression');
    expect(qs.map((q) => [q.refId, q.status])).toEqual([
      ['C', 'syntax-ok'],
      ['D', 'syntax-ok'],
      ['E', 'error'],
    ]);
    expect(qs[2]?.message).toContain('$Z, which is no query of this panel');
  });

  it('a Tempo query that is a trace id, or a variable holding one, is a trace lookup', async () => {
    const tempo = { type: 'tempo', uid: 't' };
    const d = dash(
      [panel(tempo, [{ refId: 'A', query: '${trace}', queryType: 'traceql' }], { type: 'traces' }), panel(tempo, [{ refId: 'A', query: '4bf92f3577b34da6a3ce929d0e0e4736' }], { type: 'traces' })],
      [{ name: 'trace', type: 'textbox', query: '4bf92f3577b34da6a3ce929d0e0e4736' }],
    );
    const qs = (await checkDashboard(d)).queries;
    expect(qs.map((q) => [q.language, q.status])).toEqual([
      ['traceid', 'syntax-ok'],
      ['traceid', 'syntax-ok'],
    ]);
  });

  it('unknown datasource types are "not checked (type X)", never parsed as something else', async () => {
    const d = dash([panel({ type: 'influxdb', uid: 'i' }, [{ refId: 'A', query: 'SELECT mean("v") FROM "m"', expr: 'not promql (' }]), panel({ type: 'mysql', uid: 'm' }, [{ refId: 'A', rawSql: 'SELECT `a` FROM t' }])]);
    const qs = (await checkDashboard(d)).queries;
    expect(qs.map((q) => [q.status, q.message])).toEqual([
      ['skipped', 'not checked (type influxdb)'],
      ['skipped', 'not checked (type mysql)'],
    ]);
  });

  it('an exported dashboard ${DS_X} reference gets its type from __inputs', async () => {
    const d = dash([panel({ uid: '${DS_LOKI}' }, [{ refId: 'A', expr: '{a="b"}' }])], [], { __inputs: [{ name: 'DS_LOKI', type: 'datasource', pluginId: 'loki' }] });
    expect((await checkDashboard(d)).queries[0]).toMatchObject({ language: 'logql', status: 'syntax-ok' });
  });
});

describe('9. check reports what it checked', () => {
  it('PromQL, TraceQL and LogQL that were only parsed are all "syntax ok"', async () => {
    const d = dash([
      panel(prom, [{ refId: 'A', expr: 'up' }]),
      panel({ type: 'tempo', uid: 't' }, [{ refId: 'A', query: '{ status = error }', queryType: 'traceql' }]),
      panel({ type: 'loki', uid: 'l' }, [{ refId: 'A', expr: '{a="b"}' }]),
    ]);
    const qs = (await checkDashboard(d)).queries;
    expect(qs.map((q) => q.status)).toEqual(['syntax-ok', 'syntax-ok', 'syntax-ok']);
    expect(qs.map((q) => q.message?.split(';')[0])).toEqual(['PromQL syntax ok', 'TraceQL syntax ok', 'LogQL syntax ok']);
  });
});

describe('5. --grafana-version and grafanaVersion (CLI)', () => {
  const repeated = JSON.stringify(
    dash([panel(pg, [{ refId: 'A', rawSql: 'SELECT 1 WHERE h = $host', format: 'table' }], { type: 'table', repeat: 'host' })], [{ name: 'host', type: 'custom', query: 'a', multi: true, current: { value: ['a'] } }]),
  );

  it('imitates the release given on the command line, or in dashcode.config', async () => {
    const { run } = await import('../../src/cli/run.js');
    const { captureIo, tempProject } = await import('../support/temp-project.js');
    const dir = tempProject({ 'd.json': repeated });
    const args = ['check', 'd.json', '--data', 'none', '--format', 'json', '--verbose'];
    const sent = async (extra: string[]) => {
      const io = captureIo(dir);
      await run([...args, ...extra], io);
      return (JSON.parse(io.out) as { dashboards: Array<{ queries: Array<{ expanded: string }> }> }).dashboards[0]?.queries[0]?.expanded;
    };
    expect(await sent(['--grafana-version', '12.2.2'])).toBe("SELECT 1 WHERE h = 'a'");
  }, 180_000);

  it('reads grafanaVersion from dashcode.config', async () => {
    const { tempProject } = await import('../support/temp-project.js');
    const { loadLintSettings } = await import('../../src/lint/settings.js');
    const dir = tempProject({ 'dashcode.config.mjs': "export default { grafanaVersion: '12.1.4' };" });
    expect((await loadLintSettings(dir)).project.grafanaVersion).toBe('12.1.4');
  });

  it('rejects a version that is no release (exit 2, no stack trace)', async () => {
    const { run } = await import('../../src/cli/run.js');
    const { captureIo, tempProject } = await import('../support/temp-project.js');
    const io = captureIo(tempProject({ 'd.json': repeated }));
    expect(await run(['check', 'd.json', '--data', 'none', '--grafana-version', 'latest'], io)).toBe(2);
    expect(io.err).toContain('--grafana-version must be a Grafana release such as 12.3.1, got "latest"');
    expect(io.err).not.toMatch(/\n\s+at /);
  });
});
