import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A new folder made the TMPDIR of this process and every process it starts;
 * the returned teardown puts TMPDIR back and removes the folder with
 * everything in it. The globalSetup of `npm test` (scratch-root.ts) and of `npm run
 * test:e2e` (e2e-scratch-root.ts).
 */
export function scratchTmpdir(prefix: string, prepare?: (root: string) => void): () => void {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  prepare?.(root);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
