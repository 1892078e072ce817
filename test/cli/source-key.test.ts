/**
 * sourceKey (src/cli/source-key.js) names a checkout's CLI bundle and salts
 * the per-dashboard build cache when the library runs from src/ through the
 * TypeScript hooks (build.ts): it must change with any file of src/ and with
 * the lock file, and with nothing else.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceKey } from '../../src/cli/source-key.js';

function checkout(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dashcode-source-key-'));
  mkdirSync(path.join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(path.join(root, 'src', 'index.ts'), 'export {};\n');
  writeFileSync(path.join(root, 'src', 'cli', 'run.ts'), 'export const run = 1;\n');
  writeFileSync(path.join(root, 'package-lock.json'), '{}\n');
  const at = new Date('2026-01-01T00:00:00Z');
  for (const f of ['src/index.ts', 'src/cli/run.ts', 'package-lock.json']) utimesSync(path.join(root, f), at, at);
  return root;
}

describe('sourceKey', () => {
  it('is stable, and changes with a file of src/ (content, mtime, a new file), the lock file and the format', () => {
    const root = checkout();
    const key = sourceKey(root, 'f');
    expect(key).toMatch(/^[0-9a-f]{20}$/);
    expect(sourceKey(root, 'f')).toBe(key);
    expect(sourceKey(root + path.sep, 'f')).toBe(key);
    expect(sourceKey(root, 'g')).not.toBe(key);

    writeFileSync(path.join(root, 'notes.md'), 'outside src/\n');
    expect(sourceKey(root, 'f')).toBe(key);

    const seen = new Set([key]);
    const changed = (what: string, edit: () => void) => {
      edit();
      const next = sourceKey(root, 'f');
      expect(seen.has(next), what).toBe(false);
      seen.add(next);
    };
    changed('an mtime', () => utimesSync(path.join(root, 'src/cli/run.ts'), new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z')));
    changed('a size', () => writeFileSync(path.join(root, 'src/index.ts'), 'export const x = 1;\n'));
    changed('a new file', () => writeFileSync(path.join(root, 'src/cli/new.ts'), ''));
    changed('the lock file', () => writeFileSync(path.join(root, 'package-lock.json'), '{ "lockfileVersion": 3 }\n'));
  });
});
