/**
 * Starting PGlite from a snapshot (the tar `dumpDataDir` writes) without
 * PGlite's own `loadDataDir`, which costs about three copies of the snapshot:
 * a Blob (Node reads a Blob back slowly), the untarred entries, and MemFS's
 * copy of every file. Here each file of the in-memory file system is a view
 * into the one buffer read from disk (MemFS `canOwn`), written before
 * PostgreSQL starts, so PGlite finds a data directory and resumes it.
 */
import type { PGliteOptions } from '@electric-sql/pglite';

export interface TarEntry {
  /** Relative to the data directory, without a leading slash. */
  name: string;
  directory: boolean;
  data: Uint8Array;
}

/** A file that is not a snapshot PGlite's dumpDataDir wrote: its message says `not a PGlite snapshot: <why>`. */
export class NotASnapshotError extends Error {
  override readonly name = 'NotASnapshotError';
  constructor(why: string) {
    super(`not a PGlite snapshot: ${why}`);
  }
}

/** The entries of a ustar archive (what PGlite's dumpDataDir writes); throws on anything else. */
export function tarEntries(tar: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  const text = new TextDecoder();
  const field = (h: Uint8Array, from: number, to: number) => {
    const bytes = h.subarray(from, to);
    const end = bytes.indexOf(0);
    return text.decode(end < 0 ? bytes : bytes.subarray(0, end));
  };
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header[0] === 0) return out; // the end-of-archive blocks
    const prefix = field(header, 345, 500);
    const name = (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100)).replace(/^\/+|\/+$/g, '');
    const size = parseInt(field(header, 124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    if (!Number.isInteger(size) || size < 0 || offset + 512 + size > tar.length || !(type === '0' || type === '5')) {
      throw new NotASnapshotError(`unexpected tar entry at byte ${offset}`);
    }
    offset += 512;
    if (name && !safeName(name)) throw new NotASnapshotError(`unsafe entry name ${JSON.stringify(name)} at byte ${offset - 512}`);
    if (name) out.push({ name, directory: type === '5', data: tar.subarray(offset, offset + size) });
    offset += Math.ceil(size / 512) * 512;
  }
  throw new NotASnapshotError('the tar archive is truncated');
}

/**
 * A name that stays inside the data directory wherever it is written (an
 * in-memory file system, or a folder on disk: pglite-data-dir.ts): relative
 * segments only, none empty, `.` or `..`, no backslash or NUL. The snapshot is
 * dashcode's own cache file, but a file on disk is not trusted to be what it
 * was.
 */
function safeName(name: string): boolean {
  if (/[\\\0]/.test(name)) return false;
  return name.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

interface EmscriptenFs {
  analyzePath(p: string): { exists: boolean };
  mkdirTree(p: string): void;
  writeFile(p: string, data: Uint8Array, opts: { canOwn: boolean }): void;
}

/**
 * PGlite options that start it on the data directory in `tar`. The buffer is
 * owned by PGlite from then on (PostgreSQL writes hint bits into it): give it a
 * copy if the caller still needs the snapshot.
 */
export async function fromSnapshotOptions(tar: Uint8Array): Promise<PGliteOptions> {
  const entries = tarEntries(tar);
  const { MemoryFS } = await import('@electric-sql/pglite');
  class SnapshotFS extends MemoryFS {
    override async init(...args: Parameters<InstanceType<typeof MemoryFS>['init']>) {
      const { emscriptenOpts } = await super.init(...args);
      const write = (m: unknown) => {
        const mod = m as { FS: EmscriptenFs; ENV: Record<string, string | undefined> };
        const root = mod.ENV.PGDATA ?? '/pglite/data';
        mod.FS.mkdirTree(root);
        for (const e of entries) {
          const target = `${root}/${e.name}`;
          if (e.directory) {
            if (!mod.FS.analyzePath(target).exists) mod.FS.mkdirTree(target);
          } else {
            const dir = target.slice(0, target.lastIndexOf('/'));
            if (!mod.FS.analyzePath(dir).exists) mod.FS.mkdirTree(dir);
            mod.FS.writeFile(target, e.data, { canOwn: true });
          }
        }
      };
      // After PGlite's own preRun steps (which set PGDATA in the module's environment).
      return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), write] } };
    }
  }
  return { fs: new SnapshotFS() };
}
