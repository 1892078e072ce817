/**
 * Issue 12 item 7, module loading: a bad module never stops the others, a
 * module that never settles is reported by name, and the build cache notices a
 * change to any file a dashboard module reads.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { tryCachedBuild } from '../../src/cli/fast-path.js';
import { captureIo, dashboardModule, DATASOURCES, tempProject } from '../support/temp-project.js';

describe('module loading', () => {
  it('a module that never settles (top-level await) is reported by name and the others build', async () => {
    const dir = tempProject({
      'datasources/index.ts': DATASOURCES,
      'dashboards/good.ts': dashboardModule('good', 'Fine'),
    });
    // A first build fills the transpile cache, so the good module loads well within the timeout.
    expect(await run(['build', '--no-cache'], captureIo(dir))).toBe(0);
    writeFileSync(path.join(dir, 'dashboards/hang.mts'), `await new Promise(() => {});\nexport default 1;\n`);
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache', '--load-timeout', '5'], io)).toBe(1);
    expect(io.err).toContain('✖ dashboards/hang.mts: did not finish loading within 5 s');
    expect(io.err).toContain('[module-timeout]');
    expect(io.out).toContain('✓ dashboards/good.ts → generated/good.json');
  });

  it('--load-timeout must be a positive number (usage error, exit 2)', async () => {
    const io = captureIo(tempProject({ 'dashboards/a.ts': '' }));
    expect(await run(['build', '--no-cache', '--load-timeout', 'soon'], io)).toBe(2);
    expect(io.err).toContain('--load-timeout must be a positive number of seconds');
  });

  it.each([
    ['a syntax error', 'export default dashboard({ uid: ;\n'],
    ['a throw', 'throw new Error("boom");\n'],
    ['a rejected top-level await', 'await Promise.reject(new Error("nope"));\nexport default 1;\n'],
    ['an import that does not exist', 'import "./missing.ts";\nexport default 1;\n'],
    ['a non-dashboard default export', 'export default { uid: "x" };\n'],
    ['no default export', 'export const x = 1;\n'],
  ])('%s in one module: the others still build, the issue names the file', async (_what, text) => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/a-good.ts': dashboardModule('good', 'Fine'), 'dashboards/bad.mts': text, 'dashboards/z-good.ts': dashboardModule('z', 'Fine') });
    const io = captureIo(dir);
    expect(await run(['build', '--no-cache'], io)).toBe(1);
    expect(io.err).toMatch(/✖ dashboards\/bad\.mts: .*\[module-(load|no-dashboard)\]/);
    expect(io.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(path.join(dir, 'generated/a-good.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'generated/z-good.json'))).toBe(true);
  });
});

describe('the build cache and the module graph', () => {
  it('a change to a helper module a dashboard imports (not under dashboards/) rebuilds', async () => {
    const dir = tempProject({
      'datasources/index.ts': DATASOURCES,
      'lib/titles.ts': `export const panelTitle = 'Before';\n`,
      'dashboards/one.ts': dashboardModule('one', 'X').replace("title: 'X'", 'title: panelTitle').replace("import { db }", "import { panelTitle } from '../lib/titles.ts';\nimport { db }"),
    });
    expect(await run(['build'], captureIo(dir))).toBe(0);
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBe(0);
    writeFileSync(path.join(dir, 'lib/titles.ts'), `export const panelTitle = 'After';\n`);
    expect(await tryCachedBuild(['build', '--check'], captureIo(dir))).toBeUndefined();
    const io = captureIo(dir);
    expect(await run(['build'], io)).toBe(0);
    expect(io.out).toContain('written');
    expect(readFileSync(path.join(dir, 'generated/one.json'), 'utf8')).toContain('"After"');
  });

  it('a change to a JSON file a dashboard reads rebuilds', async () => {
    const dir = tempProject({
      'datasources/index.ts': DATASOURCES,
      'data/title.json': '{ "title": "Before" }\n',
      'dashboards/one.ts': dashboardModule('one', 'X').replace("title: 'X'", 'title: JSON.parse(readFileSync(new URL("../data/title.json", import.meta.url), "utf8")).title').replace("import { db }", "import { readFileSync } from 'node:fs';\nimport { db }"),
      'package.json': '{ "type": "module" }\n',
    });
    expect(await run(['build'], captureIo(dir))).toBe(0);
    writeFileSync(path.join(dir, 'data/title.json'), '{ "title": "After" }\n');
    expect(await run(['build'], captureIo(dir))).toBe(0);
    expect(readFileSync(path.join(dir, 'generated/one.json'), 'utf8')).toContain('"After"');
  });
});
