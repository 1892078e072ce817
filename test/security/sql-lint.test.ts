/**
 * Issue 12 item 5, hand-written JSON: `dashcode lint` reports a variable in
 * every lexical position the sql tag refuses, under the same code
 * (sql-unsafe-interpolation), naming file, dashboard, panel and path.
 */
import { describe, expect, it } from 'vitest';
import { dashboard, lint, sqlPanel, variable } from '../lint/support.js';

const vars = [variable('branch'), variable('commit', { multi: true })];

function found(rawSql: string) {
  return lint(dashboard([sqlPanel('Runs', rawSql)], { templating: { list: vars } })).filter((i) => i.code === 'sql-unsafe-interpolation');
}

describe('lint: sql-unsafe-interpolation in every lexical position', () => {
  it.each([
    ['-- comment', 'SELECT 1 -- $branch\nFROM t', '-- comment'],
    ['/* */ comment', 'SELECT 1 /* ${branch:sqlstring} */', '/* */ comment'],
    ['nested comment after the inner close', 'SELECT 1 /* a /* b */ $branch */', '/* */ comment'],
    ['$$ dollar quote', "SELECT $$ '$branch' $$", 'dollar-quoted'],
    ['$tag$ dollar quote', 'SELECT $fn$ ${branch:sqlstring} $fn$', 'dollar-quoted'],
    ["E'…' string", "SELECT E'$branch'", "E'…'"],
    ["U&'…' string", "SELECT U&'$branch'", "U&'…'"],
    ['identifier', 'SELECT "$branch"', 'identifier'],
    ['glued to E', 'SELECT E${branch:sqlstring}', 'touches'],
  ])('%s', (_name, rawSql, message) => {
    const issues = found(rawSql);
    expect(issues.length, rawSql).toBeGreaterThanOrEqual(1);
    expect(issues[0]!.message).toContain(message);
    expect(issues[0]).toMatchObject({ severity: 'error', path: ['panels', 0, 'targets', 0, 'rawSql'], source: { file: 'test.json', dashboard: 'Lint test', panel: 'Runs' } });
  });

  it.each([
    ['sqlstring in code', 'SELECT 1 WHERE b = ${branch:sqlstring}'],
    ["single value in '…'", "SELECT 1 WHERE b = '$branch'"],
    ["after an E'…' string holding \\'", "SELECT E'\\'' || ${branch:sqlstring}"],
    ["text after a nested comment", 'SELECT /* a /* b */ c */ ${branch:sqlstring}'],
  ])('accepts %s', (_name, rawSql) => {
    expect(found(rawSql)).toEqual([]);
  });
});
