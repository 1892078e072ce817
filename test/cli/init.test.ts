import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { repoRoot } from '../support/shared.js';
import { captureIo } from '../support/temp-project.js';

const NPM_INIT = `{
  "name": "consumer",
  "version": "1.0.0",
  "description": "",
  "main": "index.js",
  "scripts": {
    "test": "echo \\"Error: no test specified\\" && exit 1"
  },
  "keywords": [],
  "author": "",
  "license": "ISC",
  "type": "commonjs"
}
`;

function scratch(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-init-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Every file under dir with its content, for before/after comparisons. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const abs = path.join(dir, f);
    try {
      out[f] = readFileSync(abs, 'utf8');
    } catch {
      // a folder
    }
  }
  return out;
}

async function init(dir: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(dir);
  const code = await run(['init'], io);
  return { code, out: io.out, err: io.err };
}

describe('dashcode init', () => {
  it('scaffolds dashboards/, datasources/, the config, the script, .gitignore and a CI workflow', async () => {
    const dir = scratch({ 'package.json': NPM_INIT });
    const r = await init(dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('created  dashboards/example.ts');
    expect(r.out).toContain('created  datasources/index.ts');
    expect(r.out).toContain('created  dashcode.config.ts');
    expect(r.out).toContain('created  .github/workflows/dashboards.yml');
    expect(r.out).toContain('created  .gitignore');
    expect(r.out).toContain('updated  package.json (added script "build:dashboards": "dashcode build")');
    expect(r.out).toContain('`npx dashcode build`');
    expect(r.out).not.toContain('npm run build:dashboards');
    const pkg = readFileSync(path.join(dir, 'package.json'), 'utf8');
    expect(pkg).toBe(NPM_INIT.replace('exit 1"\n  },', 'exit 1",\n    "build:dashboards": "dashcode build"\n  },'));
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n/preview/\n');
    const workflow = readFileSync(path.join(dir, '.github/workflows/dashboards.yml'), 'utf8');
    for (const cmd of ['npx dashcode build --check', 'npx dashcode lint', 'npx dashcode check']) expect(workflow).toContain(cmd);
  });

  it('is idempotent: a second run changes nothing and says so', async () => {
    const dir = scratch({ 'package.json': NPM_INIT });
    await init(dir);
    const before = snapshot(dir);
    const r = await init(dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nothing to do');
    expect(r.out.match(/^skipped /gm)).toHaveLength(6);
    expect(snapshot(dir)).toEqual(before);
  });

  it('never overwrites: existing files and an existing build:dashboards script are kept and reported', async () => {
    const mine = '// my own example\n';
    const pkg = NPM_INIT.replace('"test":', '"build:dashboards": "node my-build.js",\n    "test":');
    const dir = scratch({ 'package.json': pkg, 'dashboards/example.ts': mine, 'dashcode.config.ts': mine, '.gitignore': 'node_modules\n/preview/\n' });
    const r = await init(dir);
    expect(r.out).toContain('skipped  dashboards/example.ts (already exists)');
    expect(r.out).toContain('skipped  dashcode.config.ts (already exists)');
    expect(r.out).toContain('skipped  package.json (already has a "build:dashboards" script)');
    expect(r.out).toContain('skipped  .gitignore');
    expect(readFileSync(path.join(dir, 'dashboards/example.ts'), 'utf8')).toBe(mine);
    expect(readFileSync(path.join(dir, 'dashcode.config.ts'), 'utf8')).toBe(mine);
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(pkg);
    expect(existsSync(path.join(dir, 'datasources/index.ts'))).toBe(true);
  });

  it('keeps tabs, CRLF line endings and a missing final newline in package.json', async () => {
    const text = '{\r\n\t"name": "x",\r\n\t"private": true\r\n}';
    const dir = scratch({ 'package.json': text });
    await init(dir);
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{\r\n\t"name": "x",\r\n\t"private": true,\r\n\t"scripts": {\r\n\t\t"build:dashboards": "dashcode build"\r\n\t}\r\n}');
  });

  it('leaves a package.json it cannot edit without reformatting (or cannot parse) alone, saying what to add', async () => {
    for (const text of ['{ "name": "x", "scripts": { "test": "vitest" } }\n', '{ "name": "x", // comment\n}\n', '[]\n', '{"scripts": "nope"}\n']) {
      const dir = scratch({ 'package.json': text });
      const r = await init(dir);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/skipped {2}package\.json \(.*add "build:dashboards": "dashcode build" to its "scripts" by hand\)/);
      expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(text);
    }
  });

  it('without a package.json, scaffolds the rest and says to run npm init', async () => {
    const dir = scratch();
    const r = await init(dir);
    expect(r.out).toContain('skipped  package.json (no package.json: run `npm init -y`, then `npx dashcode init` again)');
    expect(existsSync(path.join(dir, 'package.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'dashboards/example.ts'))).toBe(true);
  });

  it('appends to a .gitignore without a final newline', async () => {
    const dir = scratch({ '.gitignore': 'dist' });
    await init(dir);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('dist\nnode_modules/\n/preview/\n');
  });

  it('any npm-formatted package.json gains exactly the script, every other byte kept', async () => {
    const dir = scratch();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string().filter((k) => k !== 'scripts' && k !== '__proto__'), fc.jsonValue(), { maxKeys: 5 }),
        fc.dictionary(fc.string().filter((k) => k !== 'build:dashboards' && k !== '__proto__'), fc.string(), { maxKeys: 3 }),
        fc.constantFrom('  ', '    ', '\t'),
        async (fields, scripts, indent) => {
          const pkg = { ...fields, scripts };
          writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, indent)}\n`);
          await run(['init'], captureIo(dir));
          const after = readFileSync(path.join(dir, 'package.json'), 'utf8');
          const expected = { ...fields, scripts: { ...scripts, 'build:dashboards': 'dashcode build' } };
          expect(after).toBe(`${JSON.stringify(expected, null, indent)}\n`);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the scaffold builds and lints clean as it is', async () => {
    const dir = scratch({ 'package.json': NPM_INIT });
    await init(dir);
    // The scratch folder has no node_modules: point `dashcode` at this checkout's sources.
    const lib = JSON.stringify(path.join(repoRoot, 'src/index.ts'));
    const configLib = JSON.stringify(path.join(repoRoot, 'src/entries/config.ts'));
    for (const f of ['dashboards/example.ts', 'datasources/index.ts', 'dashcode.config.ts']) {
      const file = path.join(dir, f);
      writeFileSync(file, readFileSync(file, 'utf8').replace("from 'dashcode/config'", `from ${configLib}`).replace("from 'dashcode'", `from ${lib}`));
    }
    const build = captureIo(dir);
    expect(await run(['build'], build)).toBe(0);
    expect(build.err).toBe('');
    expect(build.out).toContain('✓ dashboards/example.ts → generated/example.json (2 panels, 0 variables, written)');
    const lint = captureIo(dir);
    expect(await run(['lint', '--strict'], lint)).toBe(0);
  });
});
