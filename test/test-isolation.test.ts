/**
 * Most test files share their worker's module graph (vitest `isolate: false`,
 * see test/support/isolated-files.ts). A file that changes process-wide state
 * would leak it into the files after it, so each one must be listed: isolated,
 * or known to restore what it changes.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ISOLATED_TEST_FILES, RESTORING_TEST_FILES } from './support/isolated-files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes to process-wide state: the environment, globals, the clock, the working directory, the module registry. */
const PROCESS_STATE_WRITE =
  /process\.env(?:\.\w+|\[[^\]]+\])\s*(?:=(?!=)|\?\?=|\|\|=)|delete\s+process\.env|Object\.assign\(\s*process\.env|globalThis\b[^;\n]*?\.\w+\s*(?:\?\?=|=(?!=))|vi\.(?:useFakeTimers|stubGlobal|stubEnv|mock|doMock|resetModules)\b|process\.chdir\(|Object\.prototype\.\w+\s*=(?!=)/;

const testFiles = () =>
  (readdirSync(path.join(root, 'test'), { recursive: true }) as string[])
    .map((f) => `test/${f.split(path.sep).join('/')}`)
    .filter((f) => f.endsWith('.test.ts') && !f.startsWith('test/e2e/'))
    .sort();

describe('test isolation', () => {
  it('the pattern finds each kind of process-wide write', () => {
    for (const line of ["process.env.TZ = 'UTC';", 'delete process.env[k];', 'Object.assign(process.env, { A: 1 });', '(globalThis as any).navigator ??= {};', 'vi.useFakeTimers();', "process.chdir('/');"]) {
      expect(PROCESS_STATE_WRITE.test(line), line).toBe(true);
    }
    for (const line of ['const env = { ...process.env, A: "1" };', 'if (process.env.CI === "true") {}', 'expect(globalThis.x).toBe(1);']) {
      expect(PROCESS_STATE_WRITE.test(line), line).toBe(false);
    }
  });

  it('every test file that writes process-wide state is isolated or restores it', () => {
    const listed = new Set([...ISOLATED_TEST_FILES, ...Object.keys(RESTORING_TEST_FILES)]);
    const unlisted = testFiles()
      .filter((f) => f !== 'test/test-isolation.test.ts')
      .flatMap((f) => readFileSync(path.join(root, f), 'utf8').split('\n').flatMap((line, i) => (PROCESS_STATE_WRITE.test(line) && !listed.has(f) ? [`${f}:${i + 1}: ${line.trim()}`] : [])));
    expect(unlisted, 'add the file to ISOLATED_TEST_FILES or RESTORING_TEST_FILES in test/support/isolated-files.ts').toEqual([]);
  });

  it('every listed file exists and still writes process-wide state', () => {
    for (const f of [...ISOLATED_TEST_FILES, ...Object.keys(RESTORING_TEST_FILES)]) {
      expect(PROCESS_STATE_WRITE.test(readFileSync(path.join(root, f), 'utf8')), f).toBe(true);
    }
  });
});

describe('scratch folders', () => {
  it('npm run test:e2e puts its scratch repositories in one folder it removes at the end, as npm test does', async () => {
    const config = (await import('../vitest.e2e.config.js')).default as { test?: { globalSetup?: string[] } };
    expect(config.test?.globalSetup).toContain('test/support/e2e-scratch-root.ts');
    const setup = (await import('./support/e2e-scratch-root.js')).default;
    const before = process.env.TMPDIR;
    const teardown = setup();
    const root = process.env.TMPDIR!;
    try {
      expect(root).not.toBe(before);
      expect(path.basename(root)).toMatch(/^dashcode-e2e-/);
      const left = mkdtempSync(path.join(tmpdir(), 'left-behind-'));
      expect(left.startsWith(root + path.sep)).toBe(true);
    } finally {
      teardown();
    }
    expect(process.env.TMPDIR).toBe(before);
    expect(existsSync(root)).toBe(false);
  });
});
