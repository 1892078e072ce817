/**
 * `dashcode preview --serve --watch`: pages served on loopback, rebuilt and
 * announced to open pages when a dashboard file changes, and a clean stop
 * (close() in-process; SIGINT for the CLI).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pageName, previewPage, renderIndex, startPreviewServer, type PreviewServer } from '../../src/preview/index.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function textDashboard(title: string): string {
  return JSON.stringify({ title, uid: 'serve-test', time: { from: 'now-1h', to: 'now' }, panels: [{ type: 'text', title: 'Note', gridPos: { x: 0, y: 0, w: 24, h: 4 }, options: { mode: 'markdown', content: `# ${title}` } }] });
}

/** Opens the event stream and resolves with the first `rebuilt` event. */
function nextRebuild(url: string): Promise<{ event: Promise<string>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL('__preview/events', url), (res) => {
      let buffer = '';
      const event = new Promise<string>((done) => {
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const m = /event: rebuilt\ndata: (\d+)/.exec(buffer);
          if (m) done(m[1]!);
        });
      });
      resolve({ event, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

describe('preview server', () => {
  let dir: string | undefined;
  let server: PreviewServer | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    // Only the child this test started, by its own handle, if it is still running.
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
    await server?.close();
    server = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the pages on 127.0.0.1, rebuilds on a change, tells open pages, and stops', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dashcode-serve-'));
    const file = path.join(dir, 'note.json');
    writeFileSync(file, textDashboard('First title'));
    server = await startPreviewServer({
      port: 0,
      watchDirs: [dir],
      debounceMs: 50,
      async build() {
        const page = await previewPage(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, { liveReload: true });
        return new Map([[pageName(file), page.html], ['index', renderIndex([{ name: pageName(file), title: page.preview.title, errors: 0 }])]]);
      },
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await (await fetch(server.url)).text();
    expect(index).toContain('href="note.html"');
    const first = await fetch(new URL('note.html', server.url));
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('<h1>First title</h1>');
    expect(html).toMatch(/new EventSource\(["']\/__preview\/events["']\)/);
    expect((await fetch(new URL('missing.html', server.url))).status).toBe(404);

    const stream = await nextRebuild(server.url);
    writeFileSync(file, textDashboard('Second title'));
    expect(Number(await stream.event)).toBeGreaterThanOrEqual(2);
    stream.close();
    expect(await (await fetch(new URL('note.html', server.url))).text()).toContain('<h1>Second title</h1>');

    const url = server.url;
    await server.close();
    server = undefined;
    await expect(fetch(url)).rejects.toThrow();
  });

  it('the CLI serves until SIGINT, then stops with exit 0', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dashcode-serve-cli-'));
    mkdirSync(path.join(dir, 'generated'));
    writeFileSync(path.join(dir, 'generated', 'note.json'), textDashboard('Served'));
    const script = `const { previewCommand } = await import(${JSON.stringify(path.join(repo, 'src/cli/commands/preview.ts'))});
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), env: {} };
process.exitCode = await previewCommand.run(['--serve', '--watch', '--data', 'none'], io);`;
    // tsx by path: the child runs in the temp project, where `tsx` would not resolve.
    const tsx = pathToFileURL(path.join(repo, 'node_modules/tsx/dist/loader.mjs')).href;
    child = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const proc = child;
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /serving 1 preview\(s\) at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (m) resolve(m[1]!);
      });
      proc.on('exit', () => reject(new Error(`exited before serving:\n${output}`)));
    });
    expect(await (await fetch(new URL('note.html', url))).text()).toContain('<h1>Served</h1>');
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.kill('SIGINT');
    expect(await exited, output).toBe(0);
    expect(output).toContain('stopped');
  });
});

describe('preview --serve --watch on a dashboard module', () => {
  it('an edit to dashboards/*.ts is built and the page shows it; io.signal stops it with exit 0', async () => {
    const { previewCommand } = await import('../../src/cli/commands/preview.js');
    const { run } = await import('../../src/cli/run.js');
    const { captureIo, DATASOURCES, dashboardModule, tempProject } = await import('../support/temp-project.js');
    const lib = JSON.stringify(path.join(repo, 'src/index.ts'));
    const project = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Before the edit') });
    expect(await run(['build'], captureIo(project))).toBe(0);
    const controller = new AbortController();
    const io = Object.assign(captureIo(project), { signal: controller.signal });
    const exited = previewCommand.run(['--serve', '--watch', '--data', 'none'], io);
    try {
      const until = async (ok: () => Promise<boolean> | boolean, what: string) => {
        const end = Date.now() + 20_000;
        while (!(await ok())) {
          if (Date.now() > end) throw new Error(`timed out: ${what}\n${io.out}\n${io.err}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await until(() => /serving 1 preview\(s\) at http/.test(io.out), 'serving');
      const url = /serving 1 preview\(s\) at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(io.out)![1]!;
      const page = async () => (await fetch(new URL('one.html', url))).text();
      expect(await page()).toContain('Before the edit');
      writeFileSync(path.join(project, 'dashboards/one.ts'), dashboardModule('one', 'After the edit').replaceAll('DASHCODE', lib));
      await until(async () => (await page()).includes('After the edit'), 'the edited page');
      expect(readFileSync(path.join(project, 'generated/one.json'), 'utf8')).toContain('After the edit');
    } finally {
      controller.abort();
    }
    expect(await exited).toBe(0);
    expect(io.out).toContain('stopped');
  });
});
