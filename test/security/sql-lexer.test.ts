/** PostgreSQL's lexical rules in src/languages/sql/lexer.ts (scan.l), one case per rule. */
import { describe, expect, it } from 'vitest';
import { lexSql } from '../../src/languages/sql/lexer.js';

const shape = (sql: string, standardConformingStrings = true) =>
  lexSql(sql, { standardConformingStrings }).map((s) => `${s.kind}${s.form ? `/${s.form}` : ''}:${sql.slice(s.from, s.to)}`);

describe('lexSql', () => {
  it.each<[string, string[]]>([
    ["SELECT 'it''s'", ['code:SELECT ', "string/standard:'it''s'"]],
    ["SELECT E'a\\'b' x", ['code:SELECT ', "string/escape:E'a\\'b'", 'code: x']],
    ["SELECT abcE'x'", ['code:SELECT abcE', "string/standard:'x'"]],
    ["SELECT U&'d\\0061t' UESCAPE '!'", ['code:SELECT ', "string/unicode:U&'d\\0061t'", 'code: UESCAPE ', "string/standard:'!'"]],
    ['SELECT U&"a b"', ['code:SELECT ', 'identifier/unicode:U&"a b"']],
    ["SELECT B'01', X'1F', N'n'", ['code:SELECT ', "string/bit:B'01'", 'code:, ', "string/bit:X'1F'", 'code:, ', "string/standard:N'n'"]],
    ['SELECT $$a\'b$$ || $fn$ $$ $fn$', ['code:SELECT ', "string/dollar:$$a'b$$", 'code: || ', 'string/dollar:$fn$ $$ $fn$']],
    ['SELECT a$b$ , $1', ['code:SELECT a$b$ , $1']],
    ['SELECT /* a /* b */ c */ 1', ['code:SELECT ', 'comment/block:/* a /* b */ c */', 'code: 1']],
    ['SELECT 1 -- x\r2', ['code:SELECT 1 ', 'comment/line:-- x', 'code:\r2']],
    ['SELECT "a""b"', ['code:SELECT ', 'identifier/quoted:"a""b"']],
  ])('%s', (sql, expected) => {
    expect(shape(sql)).toEqual(expected);
  });

  it("with standard_conforming_strings off, \\ escapes inside '…' too", () => {
    expect(shape("SELECT 'a\\' y'")).toEqual(['code:SELECT ', "string/standard:'a\\'", 'code: y', "string/standard:'"]);
    expect(shape("SELECT 'a\\' y'", false)).toEqual(['code:SELECT ', "string/standard:'a\\' y'"]);
    // A lone x before a quote is a hex string (scan.l xh), not an identifier.
    expect(shape("SELECT x'1'")).toEqual(['code:SELECT ', "string/bit:x'1'"]);
  });

  it('marks what runs to the end unclosed', () => {
    expect(lexSql('SELECT /* /* */').at(-1)).toMatchObject({ kind: 'comment', closed: false });
    expect(lexSql('SELECT $q$ x').at(-1)).toMatchObject({ kind: 'string', form: 'dollar', closed: false });
  });
});
