/**
 * Issue 12 item 5: the `sql` tag is injection-proof in every lexical position,
 * or the query does not compile. Each unsafe position is an error naming the
 * dashboard, panel and field; the property test proves that in every position
 * the tag accepts, no variable value changes the query's token structure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { compileDashboard, constantVariable, sqlAnnotation, customVariable, dashboard, sql, sqlQuery, tablePanel, textboxVariable, type QueryText } from '../../src/index.js';
import { interpolateVariables, type VariableValue } from '../../src/check/interpolate/index.js';
import { lexSql, type SqlSegment } from '../../src/languages/sql/lexer.js';
import { testDatasources } from '../support/fixtures.js';

const { db } = testDatasources();
const branch = textboxVariable({ name: 'branch' });
const commit = customVariable({ name: 'commit', values: ['a', 'b'], multi: true });
const schema = constantVariable({ name: 'schema', value: 'public' });

const unsafe = (q: QueryText): string[] => q.issues.filter((i) => i.code === 'sql-unsafe-interpolation').map((i) => i.message);

describe('the sql tag refuses every position where a value could leave its literal', () => {
  it.each<[string, QueryText, string]>([
    ['a -- comment', sql`SELECT 1 -- branch ${branch}\nFROM t`, '-- comment'],
    ['a -- comment ended by \\r only later', sql`SELECT 1 -- ${branch}`, '-- comment'],
    ['a /* */ comment', sql`SELECT 1 /* ${branch} */ FROM t`, '/* */ comment'],
    ['a nested /* /* */ */ comment, after the inner close', sql`SELECT 1 /* outer /* inner */ ${branch} */ FROM t`, '/* */ comment'],
    ['a $$ dollar quote', sql`SELECT $$ ${branch} $$`, 'dollar-quoted'],
    ['a $tag$ dollar quote', sql`SELECT $fn$ ${branch} $fn$`, 'dollar-quoted'],
    ['a $tag$ quote holding $$', sql`SELECT $a$ $$ ${branch} $$ $a$`, 'dollar-quoted'],
    ["an E'…' string", sql`SELECT E'x ${branch.as('raw')} y'`, "E'…' string"],
    ["an e'…' string with \\' inside", sql`SELECT e'it\\'s ${branch}'`, "E'…' string"],
    ["a U&'…' string", sql`SELECT U&'${branch}'`, "U&'…'"],
    ["a B'…' bit string", sql`SELECT B'${branch}'`, "B'…'"],
    ['a "…" identifier', sql`SELECT "${branch}" FROM t`, 'identifier'],
    ['a U&"…" identifier', sql`SELECT U&"${branch}" FROM t`, 'identifier'],
    ["a '…' string (sqlstring quotes twice)", sql`SELECT '${branch}'`, 'adds its own quotes'],
    ["a '…' string with :raw", sql`SELECT '${branch.as('raw')}'`, 'does not escape'],
    ['code with :raw', sql`SELECT ${branch.as('raw')}`, 'SQL injection'],
    ['code with :csv', sql`SELECT ${branch.as('csv')}`, 'neither quotes nor escapes'],
    ['glued to E (becomes an E string)', sql`SELECT E${branch}`, 'touches'],
    ['glued to U& (becomes a Unicode string)', sql`SELECT U&${branch}`, 'touches'],
    ['glued to an identifier', sql`SELECT x${branch}`, 'touches'],
    ['glued to another value', sql`SELECT ${branch}${commit}`, 'touches'],
    ['glued to a literal', sql`SELECT 'a'${branch}`, 'touches'],
  ])('%s', (_name, q, message) => {
    const found = unsafe(q);
    expect(found.length, q.text).toBeGreaterThanOrEqual(1);
    expect(found.join('\n')).toContain(message);
  });

  it.each<[string, QueryText]>([
    ['= value', sql`SELECT 1 FROM t WHERE b = ${branch}`],
    ['IN (list)', sql`SELECT 1 FROM t WHERE c IN (${commit})`],
    ['ARRAY[list]', sql`SELECT ARRAY[${commit}]`],
    ['after an operator without spaces', sql`SELECT 1 WHERE b=${branch}||'x'`],
    ['a cast', sql`SELECT ${branch}::text`],
    ['a constant with :raw (the viewer cannot set it)', sql`SELECT 1 FROM ${schema.as('raw')}.t`],
    ['a constant in a comment', sql`SELECT 1 -- schema ${schema}`],
    ["text after an E'…' string holding a quote", sql`SELECT E'\\'' || ${branch}`],
    ['text after a nested comment', sql`SELECT /* a /* b */ c */ ${branch}`],
    ['text after a dollar quote holding a quote', sql`SELECT $x$ ' $x$ || ${branch}`],
    ['typed-out ${v:sqlstring}', sql`SELECT \${branch:sqlstring}`],
    ['macros', sql`SELECT $__timeGroupAlias(time, $__interval) FROM t WHERE $__timeFilter(time)`],
  ])('accepts %s', (_name, q) => {
    expect(unsafe(q)).toEqual([]);
  });

  it("a fragment is judged where it finally stands, once", () => {
    const inner = sql`b = ${branch}`;
    expect(unsafe(inner)).toEqual([]);
    const outer = sql`SELECT 1 -- ${inner}`;
    expect(unsafe(outer)).toHaveLength(1);
    const commentFragment = sql`/* ${branch}`;
    expect(unsafe(commentFragment)).toHaveLength(1);
    expect(unsafe(sql`SELECT ${commentFragment} */`)).toHaveLength(1);
  });

  it('typed-out references are judged at compile, with the dashboard\'s variables', () => {
    const q = (text: QueryText<'sql'>, title: string) => tablePanel({ title, queries: [sqlQuery({ datasource: db, sql: text })] });
    const d = dashboard({
      uid: 'typed',
      title: 'Typed',
      variables: [branch, commit],
      panels: [q(sql`SELECT 1 WHERE b = '$branch'`, 'single in quotes'), q(sql`SELECT 1 WHERE c = '$commit'`, 'multi in quotes'), q(sql`SELECT 1 -- $branch`, 'comment'), q(sql`SELECT $branch`, 'bare'), q(sql`SELECT 1 WHERE c IN ($commit)`, 'multi in IN')],
    });
    const found = compileDashboard(d).issues.filter((i) => i.code === 'sql-unsafe-interpolation');
    expect(found.map((i) => [i.source?.panel, renderPath(i.path)])).toEqual([
      ['multi in quotes', 'panels[1].targets[0].rawSql'],
      ['comment', 'panels[2].targets[0].rawSql'],
      ['bare', 'panels[3].targets[0].rawSql'],
    ]);
  });

  it('annotation queries are judged too', () => {
    const d = dashboard({ uid: 'anno', title: 'Anno', variables: [branch], annotations: [sqlAnnotation({ name: 'Runs', datasource: db, sql: sql`SELECT 1 AS time -- ${branch}` })], panels: [] });
    const found = compileDashboard(d).issues.filter((i) => i.code === 'sql-unsafe-interpolation');
    expect(found.map((i) => renderPath(i.path))).toEqual(['annotations.list[1].target.rawSql']);
  });

  it('is a compile error naming the dashboard, panel and field', () => {
    const d = dashboard({
      uid: 'sec',
      title: 'Security',
      variables: [branch],
      panels: [tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql`SELECT 1 /* ${branch} */` })] })],
    });
    const r = compileDashboard(d, { file: 'dashboards/sec.ts' });
    const found = r.issues.filter((i) => i.code === 'sql-unsafe-interpolation');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', path: ['panels', 0, 'targets', 0, 'rawSql'], source: { file: 'dashboards/sec.ts', dashboard: 'Security', panel: 'Runs' } });
  });
});

/** Code text, and the kind and form of every literal: what a value must not change. */
function structure(segments: readonly SqlSegment[], text: string): string[] {
  return segments.map((s) => (s.kind === 'code' ? `code:${text.slice(s.from, s.to)}` : `${s.kind}:${s.form}:${s.closed}`));
}

/** Lexical surroundings the tag accepts a value in, or should refuse. */
const BEFORE = ['SELECT ', 'SELECT 1 WHERE b = ', 'SELECT 1 WHERE b IN (', "SELECT E'\\'' || ", 'SELECT $q$ \' $q$ || ', 'SELECT /* a /* b */ c */ ', "SELECT 'x' || ", 'SELECT -- c\n', 'SELECT 1 -- ', 'SELECT /* ', 'SELECT $$', "SELECT E'", "SELECT '", 'SELECT "', 'SELECT E', 'SELECT x', 'SELECT ('];
const AFTER = ['', ' FROM t', ')', '::text', " || 'y'", ' */', '$$', "'", '"', ' -- end'];

const hostile = fc.oneof(
  fc.string({ unit: fc.constantFrom("'", '"', '\\', '\n', '\r', '*/', '/*', '--', '$$', '$q$', ';', ' ', 'x', 'E', ',', '$branch', '${commit}') }),
  fc.string(),
);

function expand(text: string, value: string, values: string[]): string {
  const vars = new Map<string, VariableValue>([
    ['branch', { name: 'branch', value }],
    ['commit', { name: 'commit', value: values, multi: true, options: ['a', 'b'] }],
  ]);
  return interpolateVariables(text, vars, { datasource: 'postgres' }).text;
}

describe('property: in every position the tag accepts, no value changes the token structure', () => {
  it('arbitrary values lex like a benign one', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...BEFORE), fc.constantFrom(...AFTER), fc.boolean(), hostile, fc.array(hostile, { minLength: 1, maxLength: 3 }), (before, after, multi, value, values) => {
        const strings = Object.assign([before, after], { raw: [before, after] }) as unknown as TemplateStringsArray;
        const q = sql(strings, multi ? commit : branch);
        if (unsafe(q).length > 0) return;
        accepted++;
        const benign = expand(q.text, 'x', values.map(() => 'x'));
        const evil = expand(q.text, value, values);
        expect(structure(lexSql(evil), evil), `${q.text} with ${JSON.stringify(multi ? values : value)}`).toEqual(structure(lexSql(benign), benign));
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
