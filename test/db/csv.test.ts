/**
 * The RFC 4180 parser behind the CSV loader: quoting, line breaks, and exact
 * line:column for every field and every malformed input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../src/db/csv.js';

const values = (text: string) => parseCsv(text).records.map((r) => r.fields.map((f) => f.value));

describe('parseCsv', () => {
  it('reads plain, quoted and empty fields', () => {
    expect(values('a,b,c\n1,,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
    expect(values('"x, y","say ""hi""",""\n')).toEqual([['x, y', 'say "hi"', '']]);
  });

  it('keeps line breaks inside quotes and accepts CRLF, LF and a missing final newline', () => {
    expect(values('a,"line 1\r\nline 2"\r\nb,c')).toEqual([
      ['a', 'line 1\r\nline 2'],
      ['b', 'c'],
    ]);
  });

  it('skips empty lines and a UTF-8 BOM; a trailing comma is an empty field', () => {
    expect(values('\ufeffa,b\n\n1,2,\n')).toEqual([
      ['a', 'b'],
      ['1', '2', ''],
    ]);
  });

  it('records where each record and field starts, lines counted across quoted breaks', () => {
    const { records } = parseCsv('id,note\n1,"two\nlines"\n2,x\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[2]!.fields.map((f) => [f.line, f.column])).toEqual([
      [4, 1],
      [4, 3],
    ]);
  });

  it('reports an unclosed quote where the field starts', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n').errors).toEqual([{ line: 2, column: 3, message: 'quoted field is never closed (a closing " is missing)' }]);
  });

  it('reports a stray quote and text after a closing quote, and keeps going', () => {
    const { records, errors } = parseCsv('a,b"c\n"x"y,z\nok,1\n');
    expect(errors).toEqual([
      { line: 1, column: 4, message: expect.stringContaining('a quote inside an unquoted field') },
      { line: 2, column: 4, message: expect.stringContaining('unexpected text after a closing quote') },
    ]);
    expect(records.at(-1)!.fields.map((f) => f.value)).toEqual(['ok', '1']);
  });

  it('round-trips anything formatCsv writes (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '😀'), maxLength: 8 });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const { records, errors } = parseCsv(formatCsv(rows, eol));
        expect(errors).toEqual([]);
        expect(records.map((r) => r.fields.map((f) => f.value))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
