/** The CSV loaders refuse invalid UTF-8 and NUL bytes with file:line:column (issue 12 item 7). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../src/db/csv.js';
import { CsvLoadError, loadCsvDir } from '../../src/db/load-csv.js';
import { migrate } from '../../src/db/migrations/index.js';
import { openTestPglite } from '../support/pglite.js';

describe('decodeCsv', () => {
  it('passes any valid UTF-8 text without NUL through unchanged (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\0')), (s) => {
        expect(decodeCsv(new TextEncoder().encode(s))).toEqual({ text: s, errors: [] });
      }),
    );
  });

  it('names the line and column of the first bad byte', () => {
    const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));
    expect(decodeCsv(bytes('a,b\nc,é', [0xc3], '\n')).errors).toEqual([{ line: 2, column: 4, message: 'invalid UTF-8 (byte 0xc3): save the file as UTF-8' }]);
    expect(decodeCsv(bytes('a\r\n', [0xed, 0xa0, 0x80])).errors[0]).toMatchObject({ line: 2, column: 1 }); // an encoded surrogate
    expect(decodeCsv(bytes('a,b\n1,', [0]))).toMatchObject({ text: '', errors: [{ line: 2, column: 3, message: expect.stringMatching(/NUL byte/) }] });
  });
});

describe('dashcode db load-csv', () => {
  it('rejects a MetricsRecorder export holding invalid UTF-8, loading nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-csv-enc-'));
    const header = 'benchmark_id,repository,branch,commit_id,commit_message,metadata,created_at\n';
    writeFileSync(path.join(dir, 'benchmarks_1.csv'), Buffer.concat([Buffer.from(`${header}b1,r,main,c1,fix `), Buffer.from([0xff]), Buffer.from(',{},2026-01-01 00:00:00\n')]));
    const db = await openTestPglite();
    await migrate(db);
    const err = await loadCsvDir(db, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvLoadError);
    expect((err as Error).message).toBe('benchmarks_1.csv:2:18: invalid UTF-8 (byte 0xff): save the file as UTF-8');
    expect((await db.query('SELECT count(*)::int AS n FROM benchmarks')).rows).toEqual([{ n: 0 }]);
    await db.close();
  });
});
