/**
 * `dashcode diff` end to end, in-process with a fake io: two files, two
 * directories, and two git revisions of generated/ in a scratch repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCommand } from '../../src/cli/commands/diff.js';
import { run } from '../../src/cli/run.js';
import type { Io } from '../../src/cli/io.js';
import { UsageError } from '../../src/cli/io.js';
import { edit, fixture } from './support/fixture.js';

function fakeIo(cwd: string): Io & { out: string; err: string } {
  const io = { out: '', err: '', cwd, env: {}, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

const changed = edit((d) => {
  (d.panels.find((p) => p.title === 'CPU')!.gridPos as { h: number }).h = 10;
});
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dashcode-diff-'));
  for (const [sub, bench] of [
    ['a', fixture()],
    ['b', changed],
  ] as const) {
    mkdirSync(path.join(dir, sub, 'nested'), { recursive: true });
    writeFileSync(path.join(dir, sub, 'bench.json'), json(bench));
    writeFileSync(path.join(dir, sub, 'nested', 'same.json'), json({ ...fixture(), uid: 'same' }));
    writeFileSync(path.join(dir, sub, 'not-a-dashboard.json'), json({ apiVersion: 1 }));
  }
  writeFileSync(path.join(dir, 'broken.json'), '{ "title": ');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function diff(args: string[], cwd = dir) {
  const io = fakeIo(cwd);
  let code: number;
  try {
    code = await diffCommand.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) return { code: 2, out: io.out, err: err.message };
    throw err;
  }
  return { code, out: io.out, err: io.err };
}

describe('two files', () => {
  it('exit 0 and says so when only noise differs', async () => {
    writeFileSync(path.join(dir, 'noise.json'), json({ ...fixture(), version: 99, id: 3 }));
    const r = await diff(['a/bench.json', 'noise.json']);
    expect(r).toMatchObject({ code: 0, out: 'No semantic differences.\n' });
  });

  it('exit 1 with the changes', async () => {
    const r = await diff(['a/bench.json', 'b/bench.json']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('panel "CPU" in row "Usage": resized 12×8 → 12×10');
  });

  it('malformed JSON: exit 1 naming the file (a finding about the file, issue 12)', async () => {
    const r = await diff(['a/bench.json', 'broken.json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.json is not valid JSON/);
  });
});

describe('two directories', () => {
  it('matches files by relative path and skips JSON that is not a dashboard', async () => {
    const r = await diff(['a', 'b', '--format', 'json']);
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.out) as { dashboards: Array<{ name: string }> };
    expect(parsed.dashboards.map((d) => d.name)).toEqual(['bench.json']);
  });
});

describe('usage', () => {
  it.each([[['a']], [['a', 'b/bench.json']], [['a', 'b', '--format', 'yaml']], [['--git', 'x', 'a']], [['--dir', 'x', 'a', 'b']], [['--git', '...']]])('%j is a usage error', async (args) => {
    expect((await diff(args)).code).toBe(2);
  });

  it('through the CLI core: usage errors print the usage and exit 2', async () => {
    const io = fakeIo(dir);
    // The lead registers the command in run.ts; until then `run` reports an unknown command, also exit 2.
    expect(await run(['diff', 'only-one'], io)).toBe(2);
  });
});

describe('git revisions of generated/', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });

  beforeAll(() => {
    repo = path.join(dir, 'repo');
    mkdirSync(path.join(repo, 'generated'), { recursive: true });
    git('init', '-q', '-b', 'main');
    writeFileSync(path.join(repo, 'generated/bench.json'), json(fixture()));
    writeFileSync(path.join(repo, 'generated/gone.json'), json({ ...fixture(), uid: 'gone', title: 'Gone' }));
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(repo, 'generated/bench.json'), json(changed));
    rmSync(path.join(repo, 'generated/gone.json'));
    git('add', '-A');
    git('commit', '-q', '-m', 'change');
    // main moves on after the branch: A...B must not show main's own change.
    git('checkout', '-q', 'main');
    writeFileSync(path.join(repo, 'generated/later.json'), json({ ...fixture(), uid: 'later', title: 'Later' }));
    git('add', '.');
    git('commit', '-q', '-m', 'later on main');
    git('checkout', '-q', 'feature');
  });

  it('main...feature: from the merge base, as the pull request shows it', async () => {
    const r = await diff(['--git', 'main...feature', '--format', 'markdown'], repo);
    expect(r.code).toBe(1);
    expect(r.out).toContain('<summary><code>bench.json</code> — Benchmarks (1 change(s))</summary>');
    expect(r.out).toContain('<summary><code>gone.json</code> — Gone (removed)</summary>');
    expect(r.out).not.toContain('later.json');
  });

  it('main..feature: the two trees as they are', async () => {
    const r = await diff(['--git', 'main..feature'], repo);
    expect(r.out).toContain('- later.json — dashboard "Later" (removed)');
  });

  it('one revision: against the working tree; equal trees exit 0', async () => {
    expect((await diff(['--git', 'feature'], repo)).code).toBe(0);
    expect((await diff(['--git', 'HEAD..feature'], repo)).code).toBe(0);
  });

  it('an unknown revision: exit 2 with git\'s reason', async () => {
    const r = await diff(['--git', 'nope...feature'], repo);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope/);
  });
});
