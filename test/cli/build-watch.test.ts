/**
 * `dashcode build --watch` (src/cli/commands/build-watch.ts), in-process, and
 * the folder watcher it shares with `preview --serve --watch`
 * (src/files/watch.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { watchFolders } from '../../src/files/watch.js';
import { repoRoot } from '../support/shared.js';
import { backdate, captureIo, DATASOURCES, dashboardModule, tempProject } from '../support/temp-project.js';

/** Polls until `ok()` holds (file events arrive asynchronously); fails with `what` after 20 s. */
async function until(ok: () => boolean, what: () => string): Promise<void> {
  const end = Date.now() + 20_000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${JSON.stringify(what())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Writes a project file as tempProject does: `DASHCODE` names this checkout's library. */
const put = (dir: string, file: string, text: string) => writeFileSync(path.join(dir, file), text.replaceAll('DASHCODE', JSON.stringify(path.join(repoRoot, 'src/index.ts'))));

const count = (text: string, re: RegExp) => text.match(new RegExp(re, 'gm'))?.length ?? 0;

describe('dashcode build --watch', () => {
  const stops: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  /** Starts `build --watch` in `dir`; resolves once the first build is done. */
  async function watching(dir: string) {
    const controller = new AbortController();
    const io = Object.assign(captureIo(dir), { signal: controller.signal });
    const exited = run(['build', '--watch'], io);
    const stop = async () => {
      controller.abort();
      return exited;
    };
    stops.push(stop);
    await until(() => /watching for changes/.test(io.out), () => `${io.out}\nstderr: ${io.err}`);
    return { io, stop, builds: () => count(io.out, /^built( with errors)? in \d+ ms/m) };
  }

  it('rebuilds after a dashboard, a helper module and a broken then fixed module change, and stops with exit 0', async () => {
    const dir = tempProject({
      'datasources/index.ts': DATASOURCES,
      'lib/titles.ts': "export const title = 'Runs';\n",
      'dashboards/one.ts': dashboardModule('one', 'Queued'),
      'dashboards/two.ts': dashboardModule('two', 'Runs').replace("title: 'Runs'", 'title').replace("import { db }", "import { title } from '../lib/titles.ts';\nimport { db }"),
    });
    const w = await watching(dir);
    const out = (name: string) => readFileSync(path.join(dir, 'generated', `${name}.json`), 'utf8');
    expect(out('one')).toContain('"Queued"');
    expect(out('two')).toContain('"Runs"');

    put(dir, 'dashboards/one.ts', dashboardModule('one', 'Queued per hour'));
    await until(() => out('one').includes('"Queued per hour"'), () => w.io.out + w.io.err);
    await until(() => w.builds() === 2, () => w.io.out);
    expect(w.io.out).toContain('changed: dashboards/one.ts\n');

    // A module outside dashboards/ that a dashboard imports: an edited helper is seen (a new module graph per build).
    writeFileSync(path.join(dir, 'lib/titles.ts'), "export const title = 'Runs per hour';\n");
    await until(() => out('two').includes('"Runs per hour"'), () => w.io.out);
    await until(() => w.builds() === 3, () => w.io.out);

    // A syntax error is reported with the file's name, the watch goes on, and the fix is built.
    writeFileSync(path.join(dir, 'dashboards/one.ts'), 'export default dashboard({');
    await until(() => /built with errors/.test(w.io.out), () => w.io.out + w.io.err);
    expect(w.io.err).toContain('dashboards/one.ts');
    put(dir, 'dashboards/one.ts', dashboardModule('one', 'Fixed'));
    await until(() => out('one').includes('"Fixed"'), () => w.io.out + w.io.err);

    expect(await w.stop()).toBe(0);
    expect(w.io.out).toMatch(/stopped\n$/);
    // What the watch wrote is what a full build writes.
    const check = captureIo(dir);
    expect(await run(['build', '--check', '--no-cache'], check)).toBe(0);
  });

  it('does not rebuild for what it writes itself, nor for node_modules, dot-folders or a file already gone', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Queued') });
    const w = await watching(dir);
    writeFileSync(path.join(dir, 'generated', 'notes.txt'), 'a hand-written file in the output folder');
    mkdirSync(path.join(dir, '.idea'), { recursive: true });
    writeFileSync(path.join(dir, '.idea', 'workspace.xml'), '<x/>');
    writeFileSync(path.join(dir, 'node_modules', 'touched.txt'), 'x');
    // A temporary file written and renamed away at once (sed -i, some editors' saves): gone before the run.
    writeFileSync(path.join(dir, 'dashboards', 'sedX1b2c3'), 'x');
    rmSync(path.join(dir, 'dashboards', 'sedX1b2c3'));
    await new Promise((r) => setTimeout(r, 400)); // well past the 50 ms debounce
    expect(w.builds()).toBe(1);
    // The watch is alive: a real change is built.
    put(dir, 'dashboards/one.ts', dashboardModule('one', 'Queued per hour'));
    await until(() => w.builds() === 2, () => w.io.out);
    await new Promise((r) => setTimeout(r, 300));
    expect(w.builds()).toBe(2);
    expect(w.io.out).toContain('changed: dashboards/one.ts\n');
  });

  it('loads the project in its first build even when the build cache could answer it, so the first edit is not the slow one', async () => {
    // A side effect of loading the project, counted outside it (inside, the count would be a change to watch).
    const loads = path.join(mkdtempSync(path.join(tmpdir(), 'dashcode-loads-')), 'loads.txt');
    const dir = tempProject({
      'lib/count-load.ts': `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(loads)}, 'x');\n`,
      'datasources/index.ts': `import '../lib/count-load.ts';\n${DATASOURCES}`,
      'dashboards/one.ts': dashboardModule('one', 'Queued'),
    });
    backdate(dir); // older than the cache's racy window, so an unchanged project is answered from it
    const loaded = () => readFileSync(loads, 'utf8').length;
    expect(await run(['build'], captureIo(dir))).toBe(0);
    expect(loaded()).toBe(1);
    expect(await run(['build'], captureIo(dir))).toBe(0);
    expect(loaded()).toBe(1); // answered from the cache: nothing loaded
    const w = await watching(dir);
    expect(loaded()).toBe(2);
    expect(w.io.out).toContain('✓ dashboards/one.ts → generated/one.json (1 panel, 0 variables, unchanged)');
  });

  it('refuses a --root that is not a folder (a usage error, exit 2), instead of ending at once with exit 0', async () => {
    const io = captureIo(mkdtempSync(path.join(tmpdir(), 'dashcode-watch-')));
    expect(await run(['build', '--watch', '--root', 'no-such-folder'], io)).toBe(2);
    expect(io.err).toMatch(/--root .*no-such-folder: no such folder/);
  });

  it('refuses --watch with --check (a usage error, exit 2)', async () => {
    const io = captureIo(mkdtempSync(path.join(tmpdir(), 'dashcode-watch-')));
    expect(await run(['build', '--watch', '--check'], io)).toBe(2);
    expect(io.err).toContain('--check writes nothing and --watch writes on every change: give one of them');
  });
});

describe('watchFolders', () => {
  it('runs once for a burst of changes, queues exactly one more run for changes during a run, and loses none', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-watch-'));
    const runs: string[][] = [];
    let release: (() => void) | undefined;
    const watcher = watchFolders({
      dirs: [dir],
      debounceMs: 30,
      ignore: (p) => path.basename(p).startsWith('.'),
      run: async (changed) => {
        runs.push(changed.map((p) => path.basename(p)));
        if (runs.length === 1) await new Promise<void>((r) => (release = r));
      },
    });
    try {
      for (const f of ['a', 'b', 'c', '.swap']) writeFileSync(path.join(dir, f), f);
      await until(() => runs.length === 1, () => JSON.stringify(runs));
      // While the first run is busy: two more changes, then the run ends.
      writeFileSync(path.join(dir, 'd'), 'd');
      writeFileSync(path.join(dir, 'e'), 'e');
      await new Promise((r) => setTimeout(r, 100));
      release!();
      await until(() => runs.length === 2, () => JSON.stringify(runs));
      await new Promise((r) => setTimeout(r, 100));
      expect(runs).toEqual([
        ['a', 'b', 'c'],
        ['d', 'e'],
      ]);
    } finally {
      await watcher.close();
    }
  });
});
