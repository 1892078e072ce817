import type { Io } from './io.js';

/**
 * Resolves when a long-running command should stop: `io.signal` aborts (tests,
 * callers in-process) or the process gets SIGINT or SIGTERM (Ctrl-C, a
 * supervisor). The handlers are removed again, so a stopped command leaves
 * the process's signal handling as it found it.
 */
export function untilStopped(io: Pick<Io, 'signal'>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (io.signal?.aborted) return stop();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    io.signal?.addEventListener('abort', stop);
  });
}
