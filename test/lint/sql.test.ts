import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { lexSql, textAfterTerminator } from '../../src/languages/sql/lexer.js';
import { codes, dashboard, lint, sqlPanel, variable, type Json } from './support.js';

const single = variable('branch');
const multi = variable('commit', { multi: true });
const allNoValue = variable('model', { includeAll: true });

function unsafe(sql: string, vars: Json[] = [single, multi, allNoValue]): string[] {
  const issues = lint(dashboard([sqlPanel('Runs', sql)], { templating: { list: vars } }));
  return issues.filter((i) => i.code === 'sql-unsafe-interpolation').map((i) => i.message);
}

describe('sql-unsafe-interpolation: the format must suit where the variable stands', () => {
  it.each([
    ['bare ${var:sqlstring}', "SELECT 1 FROM t WHERE branch = ${branch:sqlstring} AND model = ${model:sqlstring}"],
    ["single-value '$var' inside quotes (Grafana doubles ')", "SELECT 1 FROM t WHERE branch = '$branch' AND name LIKE '%${branch}%'"],
    ['multi-value $var inside IN (...)', 'SELECT 1 FROM t WHERE commit_id IN ($commit)'],
    ['${var:sqlstring} inside IN (...) and ARRAY[...]', 'SELECT 1 FROM t WHERE commit_id IN (${commit:sqlstring}) OR commit_id = ANY(ARRAY[${commit:sqlstring}])'],
    ['built-ins and macros', 'SELECT $__timeGroupAlias(time, $__interval), avg(v) FROM t WHERE $__timeFilter(time) AND time < ${__to:date}'],
  ])('safe: %s', (_name, sql) => {
    expect(unsafe(sql)).toEqual([]);
  });

  it.each([
    ['bare $var', 'SELECT 1 FROM t WHERE branch = $branch', 'inserted unquoted'],
    ['bare ${var}', 'SELECT 1 FROM t WHERE branch = ${branch}', 'inserted unquoted'],
    ['[[var]]', 'SELECT 1 FROM t WHERE branch = [[branch]]', 'inserted unquoted'],
    ['bare ${var:raw}', 'SELECT 1 FROM t WHERE branch = ${branch:raw}', 'SQL injection'],
    ['bare ${var:csv}', 'SELECT 1 FROM t WHERE branch = ${branch:csv}', 'the csv format neither quotes nor escapes'],
    ['single-value var inside IN (...)', 'SELECT 1 FROM t WHERE branch IN ($branch)', 'inserted unquoted'],
    ['multi-value var outside IN', 'SELECT 1 FROM t WHERE commit_id = $commit', 'outside IN'],
    ['multi-value var inside quotes', "SELECT 1 FROM t WHERE commit_id = '$commit'", "inside the quotes"],
    ['include-All var (All expands to a list) inside quotes', "SELECT 1 FROM t WHERE model = '$model'", 'inside the quotes'],
    [':raw inside quotes', "SELECT 1 FROM t WHERE branch = '${branch:raw}'", 'does not escape'],
    [':sqlstring inside quotes', "SELECT 1 FROM t WHERE branch = '${branch:sqlstring}'", 'adds its own quotes'],
    ['identifier', 'SELECT "$branch" FROM t', 'identifier'],
    ['-- comment (a newline in the value ends it)', 'SELECT 1 FROM t -- was: WHERE branch = $branch', '-- comment'],
    ['/* */ comment (*/ in the value ends it)', 'SELECT 1 FROM t /* ${branch:sqlstring} */', '/* */ comment'],
  ])('unsafe: %s', (_name, sql, message) => {
    const found = unsafe(sql);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('constants, intervals and closed custom variables cannot be set to arbitrary text, so raw is fine', () => {
    const vars = [variable('schema', { type: 'constant', query: 'public' }), variable('bucket', { type: 'interval', query: '1m,5m' }), variable('col', { allowCustomValue: false })];
    expect(unsafe('SELECT $__timeGroup(time, ${bucket:raw}), $col FROM ${schema:raw}.t', vars)).toEqual([]);
  });

  it('checks SQL variable queries too, at their own path', () => {
    const json = dashboard([sqlPanel('Runs', 'SELECT branch FROM benchmarks WHERE repository = ${repo:sqlstring}')], {
      templating: {
        list: [
          variable('repo', { type: 'query', datasource: { type: 'grafana-postgresql-datasource', uid: 'pg' }, query: 'SELECT DISTINCT repository FROM benchmarks' }),
          variable('branch', { type: 'query', datasource: { uid: 'pg' }, query: 'SELECT DISTINCT branch FROM benchmarks WHERE repository = $repo' }),
        ],
      },
    });
    const found = lint(json).filter((i) => i.code === 'sql-unsafe-interpolation');
    expect(found.map((i) => renderPath(i.path))).toEqual(['templating.list[1].query']);
    expect(found[0]!.source?.panel).toBeUndefined();
  });

  it('reports each reference once per query, naming the dashboard and panel', () => {
    const issues = lint(dashboard([sqlPanel('Runs', 'SELECT 1 FROM t WHERE a = $branch OR b = $branch')], { templating: { list: [single] } }));
    const found = issues.filter((i) => i.code === 'sql-unsafe-interpolation');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: ['panels', 0, 'targets', 0, 'rawSql'], severity: 'error', source: { file: 'test.json', dashboard: 'Lint test', panel: 'Runs' } });
  });
});

describe('sql-time-filter', () => {
  const ts = (sql: string, extra: Json = {}): string[] =>
    codes(lint(dashboard([sqlPanel('CPU', sql, { type: 'timeseries', fieldConfig: { defaults: { unit: 'percent' } }, ...extra })])));

  it.each(['$__timeFilter(time)', 'time BETWEEN $__timeFrom() AND $__timeTo()', '$__unixEpochFilter(ts)', 'time >= ${__from:date}'])('accepts %s', (cond) => {
    expect(ts(`SELECT time, cpu_util FROM d WHERE ${cond}`)).not.toContain('sql-time-filter');
  });

  it('a commented-out filter does not count', () => {
    expect(ts('SELECT time, cpu_util FROM d -- WHERE $__timeFilter(time)')).toContain('sql-time-filter');
  });

  it('applies to time_series format on any panel, not to tables', () => {
    const tableFormat = lint(dashboard([sqlPanel('Runs', 'SELECT branch FROM benchmarks')]));
    expect(codes(tableFormat)).not.toContain('sql-time-filter');
    const panel = sqlPanel('Runs', 'SELECT created_at AS time, 1 AS value FROM benchmarks', { type: 'barchart' });
    (panel.targets as Json[])[0]!.format = 'time_series';
    expect(codes(lint(dashboard([panel])))).toContain('sql-time-filter');
  });
});

describe('sql-trailing-comment', () => {
  it.each([
    ['SELECT 1; -- TODO', '-- TODO'],
    ['SELECT 1; /* old */', '/* old */'],
    ['SELECT 1; SELECT 2', 'SELECT 2'],
  ])('%s', (sql, rest) => {
    expect(textAfterTerminator(sql)?.rest).toBe(rest);
  });

  it.each(['SELECT 1', 'SELECT 1;', 'SELECT 1;\n  ', "SELECT ';' -- a; b", 'SELECT 1 -- x; y\n'])('nothing after the end: %j', (sql) => {
    expect(textAfterTerminator(sql)).toBeUndefined();
  });
});

describe('the SQL lexer', () => {
  it('knows strings (with doubled quotes), identifiers and both comment styles', () => {
    const sql = `SELECT 'it''s', "a""b" -- c\n/* d */ x`;
    expect(lexSql(sql).map((s) => [s.kind, sql.slice(s.from, s.to)])).toEqual([
      ['code', 'SELECT '],
      ['string', "'it''s'"],
      ['code', ', '],
      ['identifier', '"a""b"'],
      ['code', ' '],
      ['comment', '-- c'],
      ['code', '\n'],
      ['comment', '/* d */'],
      ['code', ' x'],
    ]);
  });
});
