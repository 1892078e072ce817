/**
 * Watching folders and re-running work when they change: the one home of
 * what `dashcode build --watch` and `dashcode preview --serve --watch` share.
 *
 * - Changes are debounced: an editor's save is several events (write, rename,
 *   chmod), and a branch switch is hundreds; they become one run.
 * - One run at a time. Changes during a run queue exactly one more, which
 *   sees every path changed meanwhile; a change is never lost, nor run twice
 *   concurrently.
 * - A folder that cannot be watched (gone, or past the system's inotify
 *   limit) is reported through `onError`, and the others are still watched.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchOptions {
  /** Folders to watch; `recursive` watches everything below each one too. */
  dirs: readonly string[];
  recursive?: boolean;
  /** Runs after changes settle, with the changed paths (absolute, sorted; a folder when the system did not name the file). */
  run(changed: readonly string[]): Promise<void>;
  onError?(message: string): void;
  /** Changes to ignore (e.g. inside the folder the run writes to). */
  ignore?(changed: string): boolean;
  /** Quiet time after the last change before a run (ms, default 150). */
  debounceMs?: number;
}

export interface FolderWatch {
  /** How many folders are being watched now. */
  readonly folders: number;
  /** Watches these folders instead (after a run found new ones). */
  setDirs(dirs: readonly string[]): void;
  /** Runs now (queued behind a running run), as if `changed` had changed. */
  trigger(changed?: readonly string[]): Promise<void>;
  /** Stops watching and waits for a running run to finish. */
  close(): Promise<void>;
}

export function watchFolders(options: WatchOptions): FolderWatch {
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const report = (message: string) => options.onError?.(message);

  const runQueued = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const changed = [...pending].sort();
        pending = new Set();
        try {
          await options.run(changed);
        } catch (err) {
          report(err instanceof Error ? err.message : String(err));
        }
      } while (again && !closed);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const changedIn = (dir: string, file: string | Buffer | null) => {
    if (closed) return;
    const changed = file ? path.join(dir, String(file)) : dir;
    if (options.ignore?.(changed)) return;
    pending.add(changed);
    clearTimeout(timer);
    timer = setTimeout(() => void runQueued(), options.debounceMs ?? 150);
  };

  const setDirs = (dirs: readonly string[]) => {
    const wanted = new Set(dirs);
    for (const [dir, w] of watchers) {
      if (wanted.has(dir)) continue;
      w.close();
      watchers.delete(dir);
    }
    for (const dir of wanted) {
      if (watchers.has(dir) || closed) continue;
      try {
        const w = watch(dir, { recursive: options.recursive === true }, (_event, file) => changedIn(dir, file));
        w.on('error', (err) => report(`watching ${dir}: ${err.message}`));
        watchers.set(dir, w);
      } catch (err) {
        report(`cannot watch ${dir}: ${(err as Error).message}`);
      }
    }
  };
  setDirs(options.dirs);

  return {
    get folders() {
      return watchers.size;
    },
    setDirs,
    trigger(changed = []) {
      for (const c of changed) pending.add(c);
      return runQueued();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
      await running?.catch(() => undefined);
    },
  };
}
