/**
 * Malformed input files (issue 12, item 7): every command that reads
 * dashboard JSON (check, lint, diff, import, preview), given a file that is
 * not JSON, starts with a byte order mark, is `null`, `[]` or another
 * non-dashboard, or is nested deeper than any dashboard, reports that file
 * and exits 1: never 2, never a stack trace, never "0 queries, ok".
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

function fakeIo(cwd: string): Io & { out: string; err: string } {
  const io = { out: '', err: '', cwd, env: {}, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

const GOOD = { uid: 'good', title: 'Good', schemaVersion: 39, panels: [{ type: 'text', title: 'Note', gridPos: { x: 0, y: 0, w: 12, h: 4 }, options: { mode: 'markdown', content: 'hi' } }] };
const DEPTH = 100_000;

const BAD: Record<string, string> = {
  'not-json.json': '{ "title": ',
  'empty.json': '',
  'bom.json': `\ufeff${JSON.stringify(GOOD)}`,
  'null.json': 'null',
  'array.json': '[]',
  'string.json': '"dashboard"',
  'number.json': '42',
  'object.json': '{}',
  'not-dashboard.json': '{ "apiVersion": 1, "datasources": [] }',
  'deep-array.json': `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
  'deep-options.json': `{"uid":"deep","title":"Deep","panels":[{"type":"timeseries","title":"p","gridPos":{"x":0,"y":0,"w":12,"h":8},"options":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}]}`,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dashcode-malformed-'));
  writeFileSync(path.join(dir, 'good.json'), JSON.stringify(GOOD));
  for (const [name, text] of Object.entries(BAD)) writeFileSync(path.join(dir, name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMMANDS: Record<string, (file: string) => string[]> = {
  check: (f) => ['check', f, '--data', 'none'],
  lint: (f) => ['lint', f],
  'diff (old side)': (f) => ['diff', f, 'good.json'],
  'diff (new side)': (f) => ['diff', 'good.json', f],
  import: (f) => ['import', f, '-o', '-'],
  preview: (f) => ['preview', f, '--out', 'pages', '--data', 'none'],
};

describe.each(Object.entries(COMMANDS))('dashcode %s', (_name, argv) => {
  it.each(Object.keys(BAD))('%s: names the file, exits 1, no stack trace', async (file) => {
    const io = fakeIo(dir);
    const code = await run(argv(file), io);
    const output = io.err + io.out;
    expect(output).toContain(file);
    expect(output).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
    expect(output).not.toMatch(/0 queries|no findings/);
    expect(code).toBe(1);
  });
});

it('preview wrote no page for a bad file', () => {
  expect(readdirSync(dir).filter((f) => f === 'pages' || f.endsWith('.html'))).toEqual([]);
});
