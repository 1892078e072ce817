/**
 * Issue 12 item 3: the build writes and deletes only its own files. Every test
 * runs in a fresh temp folder (a project, and where needed a sibling project).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo, dashboardModule, DATASOURCES, tempProject } from '../support/temp-project.js';

const config = (outDir: string) => `export default { outDir: ${JSON.stringify(outDir)} };\n`;
const PKG = '{ "name": "victim", "private": true }\n';

describe('outDir refusal', () => {
  it("outDir '.' is refused and package.json survives", async () => {
    const dir = tempProject({ 'package.json': PKG, 'dashcode.config.ts': config('.'), 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(1);
    expect(io.err).toContain('outDir "." is the project root');
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(PKG);
    expect(existsSync(path.join(dir, 'one.json'))).toBe(false);
  });

  it("outDir '..' is refused and a sibling project's files survive", async () => {
    const parent = tempProject({ 'sibling/package.json': PKG, 'sibling/data.json': '{"keep":true}\n', 'sibling/notes.yaml': 'keep: true\n' });
    const dir = path.join(parent, 'project');
    mkdirSync(dir);
    for (const [f, t] of Object.entries({ 'dashcode.config.ts': config('..'), 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') })) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), t.replaceAll('DASHCODE', JSON.stringify(path.resolve('src/index.ts'))));
    }
    const io = captureIo(dir);
    const before = readdirSync(parent).sort(); // project, sibling, and the node_modules cache tempProject links (test-cache.ts)
    expect(before).toEqual(expect.arrayContaining(['project', 'sibling']));
    expect(await run(['build', '--no-cache'], io)).toBe(1);
    expect(io.err).toContain('outDir ".." is an ancestor of the project root');
    expect(readdirSync(path.join(parent, 'sibling')).sort()).toEqual(['data.json', 'notes.yaml', 'package.json']);
    expect(readdirSync(parent).sort()).toEqual(before);
  });

  it('outDir holding package.json or sources is refused', async () => {
    for (const [outDir, extra, message] of [
      ['out', { 'out/package.json': PKG }, 'out/package.json'],
      ['out', { 'out/helper.ts': 'export const x = 1;\n' }, 'out/helper.ts'],
      ['dashboards', {}, 'holds the dashboards'],
    ] as const) {
      const dir = tempProject({ ...extra, 'dashcode.config.ts': config(outDir), 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
      const io = captureIo(dir);
      expect(await run(['build', '--no-cache'], io)).toBe(1);
      expect(io.err).toContain(message);
      expect(existsSync(path.join(dir, outDir, 'one.json'))).toBe(false);
    }
  });
});

describe('export const output', () => {
  const withOutput = (uid: string, output: string) => `${dashboardModule(uid, 'Runs')}export const output = ${JSON.stringify(output)};\n`;

  it.each([
    ['/tmp/abs.json', 'absolute'],
    ['../escape.json', '".."'],
    ['sub/../../escape.json', '".."'],
    ['provisioning/datasources/x.json', 'provisioning'],
    ['.hidden.json', 'hidden'],
    ['x.yaml', '.json'],
    ['', 'empty'],
  ])('rejects output %j', async (output, message) => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': withOutput('one', output), 'dashboards/two.ts': dashboardModule('two', 'Runs') });
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(1);
    expect(io.err).toMatch(/dashboards\/one\.ts .*\[output-path\]/);
    expect(io.err).toContain(message);
    expect(existsSync(path.join(dir, 'generated/two.json'))).toBe(true);
    expect(existsSync(path.join(path.dirname(dir), 'escape.json'))).toBe(false);
  });

  it('two modules resolving to the same file (x.json vs ./x.json) are an error', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/a.ts': withOutput('a', 'x.json'), 'dashboards/b.ts': withOutput('b', './x.json') });
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(1);
    expect(io.err).toContain('writes generated/x.json, as dashboards/a.ts does [output-duplicate]');
  });

  it('a nested output folder is allowed', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/a.ts': withOutput('a', './team/a.json') });
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    expect(existsSync(path.join(dir, 'generated/team/a.json'))).toBe(true);
  });
});

describe('the manifest', () => {
  it('hand-written files inside generated/ survive a build and are not stale for --check', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs'), 'dashboards/two.ts': dashboardModule('two', 'Runs') });
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    mkdirSync(path.join(dir, 'generated/alerting'));
    writeFileSync(path.join(dir, 'generated/alerting/rules.yaml'), 'groups: []\n');
    writeFileSync(path.join(dir, 'generated/extra.json'), '{"mine":true}\n');
    const check = captureIo(dir);
    expect(await run(['build', '--check', '--no-cache'], check)).toBe(0);
    expect(check.out).not.toContain('orphan');
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    expect(readFileSync(path.join(dir, 'generated/alerting/rules.yaml'), 'utf8')).toBe('groups: []\n');
    expect(readFileSync(path.join(dir, 'generated/extra.json'), 'utf8')).toBe('{"mine":true}\n');
    // The cache answers too: hand-written files are not ours to compare.
    expect(await run(['build', '--check'], captureIo(dir))).toBe(0);
  });

  it('a removed dashboard\'s file is deleted because the manifest lists it', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs'), 'dashboards/two.ts': dashboardModule('two', 'Runs') });
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    const manifest = readFileSync(path.join(dir, 'generated/.dashcode/manifest.json'), 'utf8');
    expect(JSON.parse(manifest).files).toEqual(['one.json', 'provisioning/dashboards/dashcode.yaml', 'provisioning/datasources/dashcode.yaml', 'two.json']);
    writeFileSync(path.join(dir, 'dashboards/two.ts'), '');
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'dashboards/two.ts'));
    const check = captureIo(dir);
    expect(await run(['build', '--check', '--no-cache'], check)).toBe(1);
    expect(check.out).toContain('orphan   generated/two.json');
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(0);
    expect(io.out).toContain('removed generated/two.json');
    expect(existsSync(path.join(dir, 'generated/two.json'))).toBe(false);
  });

  it('a hostile manifest listing files outside outDir deletes nothing outside it', async () => {
    const dir = tempProject({ 'package.json': PKG, 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    writeFileSync(path.join(dir, 'generated/.dashcode/manifest.json'), JSON.stringify({ generator: 'dashcode', version: 1, files: ['../package.json', '/etc/hostname', 'one.json', '../dashboards/one.ts'] }));
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(0);
    expect(io.err).toContain('ignored manifest entry "../package.json"');
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(PKG);
    expect(existsSync(path.join(dir, 'dashboards/one.ts'))).toBe(true);
  });

  it('with a manifest, a hand-written file at a dashboard\'s output path is not overwritten', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    writeFileSync(path.join(dir, 'generated/two.json'), '{"mine":true}\n');
    writeFileSync(path.join(dir, 'dashboards/two.ts'), dashboardModule('two', 'Runs').replaceAll('DASHCODE', JSON.stringify(path.resolve('src/index.ts'))));
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(1);
    expect(io.err).toContain('generated/two.json exists and dashcode did not write it');
    expect(readFileSync(path.join(dir, 'generated/two.json'), 'utf8')).toBe('{"mine":true}\n');
  });

  it('migration: without a manifest, files the build produces are adopted and others are left alone', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'generated/.dashcode'), { recursive: true });
    writeFileSync(path.join(dir, 'generated/old.json'), '{"uid":"old"}\n');
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(0);
    expect(io.out).toContain('generated/old.json: not in the manifest');
    expect(existsSync(path.join(dir, 'generated/old.json'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'generated/.dashcode/manifest.json'), 'utf8')).files).toContain('one.json');
  });

  it('the manifest is deterministic', async () => {
    const files = { 'datasources/index.ts': DATASOURCES, 'dashboards/b.ts': dashboardModule('b', 'Runs'), 'dashboards/a.ts': dashboardModule('a', 'Runs') };
    const one = tempProject(files);
    const two = tempProject(files);
    await run(['build', '--no-cache'], captureIo(one));
    await run(['build', '--no-cache'], captureIo(two));
    expect(readFileSync(path.join(one, 'generated/.dashcode/manifest.json'), 'utf8')).toBe(readFileSync(path.join(two, 'generated/.dashcode/manifest.json'), 'utf8'));
  });
});

describe('stale temp files', () => {
  it('removes *.tmp files a killed build left beside its own outputs, and nothing else', async () => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': dashboardModule('one', 'Runs') });
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    // pid 2^22+1 is above Linux's pid_max: certainly not running.
    writeFileSync(path.join(dir, 'generated/one.json.4194305.m1abc.tmp'), '{"half":');
    writeFileSync(path.join(dir, 'generated/notes.tmp'), 'mine');
    writeFileSync(path.join(dir, 'generated/other.json.4194305.m1abc.tmp'), 'not ours');
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(0);
    expect(io.out).toContain('removed stale temp file generated/one.json.4194305.m1abc.tmp');
    expect(readdirSync(path.join(dir, 'generated')).filter((f) => f.endsWith('.tmp')).sort()).toEqual(['notes.tmp', 'other.json.4194305.m1abc.tmp']);
  });
});
