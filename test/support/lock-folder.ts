import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

/**
 * Makes `folder` refuse new files, even to root (who ignores permissions): `chattr +i` for root, `chmod 555`
 * otherwise. `ok: false` with the reason where neither works (a file system without immutable flags).
 */
export function lockFolder(folder: string): { ok: true; unlock: () => void } | { ok: false; why: string } {
  if (process.getuid?.() !== 0) {
    chmodSync(folder, 0o555);
    return { ok: true, unlock: () => chmodSync(folder, 0o755) };
  }
  try {
    execFileSync('chattr', ['+i', folder], { stdio: 'pipe' });
  } catch (err) {
    return { ok: false, why: `chattr +i is not available here (${String(err).split('\n')[0]})` };
  }
  return { ok: true, unlock: () => execFileSync('chattr', ['-i', folder]) };
}
