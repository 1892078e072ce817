/**
 * The per-dashboard build cache (src/project/dashboard-cache.ts): after a
 * change, `dashcode build` loads only the dashboards whose module graph (or
 * the files every dashboard depends on) changed, and writes exactly what a
 * full build writes. Which modules load is seen through a side effect: each
 * module appends its name to a log outside the project.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { repoRoot } from '../support/shared.js';
import { captureIo, DATASOURCES, tempProject } from '../support/temp-project.js';

const LOG = path.join(mkdtempSync(path.join(tmpdir(), 'dashcode-incremental-')), 'loads.log');
const logged = (name: string) => `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(LOG)}, '${name}\\n');\n`;

/** A dashboard module that logs its loading; `title` is its one panel's title. */
function dashboardWith(uid: string, title: string, extraImports = ''): string {
  return `${logged(uid)}${extraImports}
import { dashboard, sql, sqlQuery, tablePanel } from DASHCODE;
import { db } from '../datasources/index.ts';
export default dashboard({ uid: '${uid}', title: '${uid} dashboard', panels: [tablePanel({ title: ${title}, queries: [sqlQuery({ datasource: db, sql: sql\`SELECT 1\` })] })] });
`;
}

function project(files: Record<string, string> = {}): string {
  return tempProject({
    'datasources/index.ts': DATASOURCES,
    'dashboards/one.ts': dashboardWith('one', "'Runs'"),
    'dashboards/two.ts': dashboardWith('two', "'Runs'"),
    ...files,
  });
}

/** Runs `dashcode build` and returns the dashboards it loaded (sorted). */
async function build(dir: string): Promise<string[]> {
  writeFileSync(LOG, '');
  const io = captureIo(dir);
  const code = await run(['build'], io);
  expect(io.err).toBe('');
  expect(code).toBe(0);
  return readFileSync(LOG, 'utf8').split('\n').filter(Boolean).sort();
}

/** The build's output equals a full build's: `--check --no-cache` loads everything and finds nothing stale. */
async function expectSameAsFullBuild(dir: string): Promise<void> {
  const io = captureIo(dir);
  expect(await run(['build', '--check', '--no-cache'], io)).toBe(0);
  expect(io.out).toMatch(/generated file\(s\) up to date\n$/);
}

const edit = (dir: string, file: string, from: string, to: string) => {
  const abs = path.join(dir, file);
  const text = readFileSync(abs, 'utf8');
  expect(text).toContain(from);
  writeFileSync(abs, text.replace(from, to));
};

describe('incremental build', () => {
  it('after one dashboard changes, loads only it, and writes what a full build writes', async () => {
    const dir = project();
    expect(await build(dir)).toEqual(['one', 'two']);
    edit(dir, 'dashboards/one.ts', "title: 'Runs'", "title: 'Runs per hour'");
    expect(await build(dir)).toEqual(['one']);
    expect(readFileSync(path.join(dir, 'generated/one.json'), 'utf8')).toContain('"Runs per hour"');
    await expectSameAsFullBuild(dir);
  });

  it('a change to the shared datasources module rebuilds every dashboard', async () => {
    const dir = project();
    await build(dir);
    edit(dir, 'datasources/index.ts', "name: 'DB'", "name: 'Metrics DB'");
    expect(await build(dir)).toEqual(['one', 'two']);
    await expectSameAsFullBuild(dir);
  });

  it('a change to a helper rebuilds the dashboards that import it, and only those', async () => {
    const dir = project({
      'dashboards/_titles.ts': "export const title = 'From the helper';\n",
      'dashboards/one.ts': dashboardWith('one', 'title', "import { title } from './_titles.ts';\n"),
    });
    expect(await build(dir)).toEqual(['one', 'two']);
    edit(dir, 'dashboards/_titles.ts', 'From the helper', 'Edited in the helper');
    expect(await build(dir)).toEqual(['one']);
    expect(readFileSync(path.join(dir, 'generated/one.json'), 'utf8')).toContain('"Edited in the helper"');
    await expectSameAsFullBuild(dir);
  });

  it('a dashboard that imports another dashboard module is rebuilt when that one changes', async () => {
    const dir = project({
      'dashboards/one.ts': `${dashboardWith('one', "'Runs'")}export const shared = 'Shared by two';\n`,
      'dashboards/two.ts': dashboardWith('two', 'shared', "import { shared } from './one.ts';\n"),
    });
    await build(dir);
    edit(dir, 'dashboards/one.ts', 'Shared by two', 'Edited in one');
    expect(await build(dir)).toEqual(['one', 'two']);
    expect(readFileSync(path.join(dir, 'generated/two.json'), 'utf8')).toContain('"Edited in one"');
    await expectSameAsFullBuild(dir);
  });

  it('hostile: a module that reads a data file is rebuilt when only the data file changes', async () => {
    const read = "import { readFileSync } from 'node:fs';\nconst csvTitle = readFileSync(new URL('../data/title.csv', import.meta.url), 'utf8').trim();\n";
    const dir = project({ 'data/title.csv': 'Title from CSV\n', 'dashboards/one.ts': dashboardWith('one', 'csvTitle', read) });
    await build(dir);
    writeFileSync(path.join(dir, 'data/title.csv'), 'Edited CSV title\n');
    expect(await build(dir)).toContain('one');
    expect(readFileSync(path.join(dir, 'generated/one.json'), 'utf8')).toContain('"Edited CSV title"');
    await expectSameAsFullBuild(dir);
  });

  it('hostile: a module graph with require() (imports the loader does not see) is never taken from the cache', async () => {
    const cjs = "import { createRequire } from 'node:module';\nconst { title } = createRequire(import.meta.url)('./_title.cjs');\n";
    const dir = project({ 'dashboards/_title.cjs': "module.exports = { title: 'From CommonJS' };\n", 'dashboards/one.ts': dashboardWith('one', 'title', cjs) });
    // A fresh process per build, as the CLI runs: require()'s own module cache outlives a load in this one.
    const cli = () => {
      writeFileSync(LOG, '');
      const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/dashcode.js'), 'build'], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return readFileSync(LOG, 'utf8').split('\n').filter(Boolean).sort();
    };
    expect(cli()).toEqual(['one', 'two']);
    edit(dir, 'dashboards/_title.cjs', 'From CommonJS', 'Edited CommonJS');
    expect(cli()).toContain('one');
    expect(readFileSync(path.join(dir, 'generated/one.json'), 'utf8')).toContain('"Edited CommonJS"');
  });
});
