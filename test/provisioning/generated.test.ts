import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAll, generateModule, hoistRuntimeRequires, repoRoot, VALIDATORS } from '../../scripts/gen-validators.js';

/** One generation shared by the up-to-date and determinism checks (each takes seconds: ajv compiles Grafana's schemas). */
let firstGeneration: ReturnType<typeof generateAll> | undefined;
const generatedOnce = () => (firstGeneration ??= generateAll());

describe('generated validators', () => {
  it('are up to date (run `node --import tsx scripts/gen-validators.ts` if not)', async () => {
    const files = await generatedOnce();
    const expected = VALIDATORS.flatMap((v) => [
      `schemas/${v.name}.schema.json`,
      `src/validate/generated/${v.name}.d.ts`,
      `src/validate/generated/${v.name}.js`,
    ]);
    expect([...files.keys()].sort()).toEqual(expected.sort());
    expect(expected).toContain('src/validate/generated/provisioning.js');
    for (const [rel, content] of files) {
      const onDisk = await readFile(path.join(repoRoot, rel), 'utf8');
      expect(onDisk === content, `${rel} is stale`).toBe(true);
    }
  });

  it('are deterministic', async () => {
    const [a, b] = [await generatedOnce(), await generateAll()];
    expect([...a.entries()]).toEqual([...b.entries()]);
  });

  it.each(VALIDATORS.map((v) => v.name))('%s.js imports nothing but ajv runtime helpers', async (name) => {
    const code = await readFile(path.join(repoRoot, `src/validate/generated/${name}.js`), 'utf8');
    expect(code).not.toMatch(/\brequire\(/);
    const specifiers = [...code.matchAll(/^\s*import\b[^'"]*["']([^"']+)["']/gm)].map((m) => m[1]);
    for (const s of specifiers) expect(s).toMatch(/^ajv\/dist\/runtime\/\w+\.js$/);
  });

  // Startup cost: the library loads these modules eagerly, so they must not pull in ajv's compiler.
  it.each(VALIDATORS.map((v) => v.name))('loading %s.js in a fresh node does not load ajv itself', (name) => {
    const url = pathToFileURL(path.join(repoRoot, `src/validate/generated/${name}.js`)).href;
    const script = `
      import { createRequire } from 'node:module';
      const m = await import(${JSON.stringify(url)});
      if (!Object.values(m).some((f) => typeof f === 'function')) throw new Error('no validate function exported');
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('/node_modules/ajv/'));
      process.stdout.write(JSON.stringify(loaded));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    const loaded = JSON.parse(out) as string[];
    expect(loaded.filter((k) => !k.includes('/node_modules/ajv/dist/runtime/'))).toEqual([]);
  });

  it('provisioning.js exports one validator per file kind', async () => {
    const m = (await import('../../src/validate/generated/provisioning.js')) as Record<string, unknown>;
    expect(Object.keys(m).sort()).toEqual(['validateDashboards', 'validateDatasources']);
  });

  it('every entry has a unique $id', () => {
    const ids = VALIDATORS.map((v) => v.schema.$id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('hoistRuntimeRequires', () => {
  it('turns ajv runtime requires into ESM imports', () => {
    const out = hoistRuntimeRequires('const f = require("ajv/dist/runtime/ucs2length").default; const g = require("ajv/dist/runtime/equal").default;');
    expect(out).toBe(
      [
        'import __ajv_runtime_equal_module from "ajv/dist/runtime/equal.js";',
        'const __ajv_runtime_equal = { default: __ajv_runtime_equal_module.default ?? __ajv_runtime_equal_module };',
        'import __ajv_runtime_ucs2length_module from "ajv/dist/runtime/ucs2length.js";',
        'const __ajv_runtime_ucs2length = { default: __ajv_runtime_ucs2length_module.default ?? __ajv_runtime_ucs2length_module };',
        'const f = __ajv_runtime_ucs2length.default; const g = __ajv_runtime_equal.default;',
      ].join('\n'),
    );
  });

  it('refuses any other require', () => {
    expect(() => hoistRuntimeRequires('const f = require("ajv-formats/dist/formats").fullFormats;')).toThrow(
      'generated code requires "ajv-formats/dist/formats"; only ajv/dist/runtime/* helpers are supported',
    );
  });
});

// A schema that needs runtime helpers (minLength -> ucs2length, uniqueItems -> equal) must still load as ESM.
describe('a generated module that uses runtime helpers', () => {
  // Inside node_modules so `ajv/dist/runtime/*.js` resolves the way it does from src/.
  const dir = path.join(repoRoot, 'node_modules/.cache/dashcode-gen-validators-test');
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads and validates', async () => {
    const schema = {
      $id: 'urn:dashcode:test:helpers',
      type: 'object',
      properties: { name: { type: 'string', minLength: 2 }, tags: { type: 'array', uniqueItems: true } },
    };
    const code = await generateModule({ name: 'helpers', schema });
    expect(code).toContain('import __ajv_runtime_ucs2length_module from "ajv/dist/runtime/ucs2length.js";');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'helpers.js');
    await writeFile(file, code);
    await writeFile(path.join(dir, 'package.json'), '{"type":"module"}');
    const m = (await import(pathToFileURL(file).href)) as { validate: ((d: unknown) => boolean) & { errors?: unknown[] } };
    expect(m.validate({ name: 'ok', tags: [1, 2] })).toBe(true);
    expect(m.validate({ name: 'x', tags: [{ a: 1 }, { a: 1 }] })).toBe(false);
    expect(m.validate.errors).toHaveLength(2);
  });
});
