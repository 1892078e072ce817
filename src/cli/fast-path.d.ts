import type { Io } from './io.js';

export interface BuildCache {
  version: 2;
  inputs: string;
  files: Record<string, string>;
  stdout: string;
  /** What `build --check` prints when everything is up to date. */
  checkStdout: string;
  stderr: string;
}

export const CACHE_DIR: string;
export function fingerprintInputs(root: string, outDir: string): Promise<string>;
export function hashText(text: string): string;
export function readCache(root: string): Promise<BuildCache | undefined>;
export function writeCache(root: string, cache: BuildCache): Promise<void>;
export function peekOutDir(root: string): string;
export function tryCachedBuild(args: readonly string[], io: Pick<Io, 'stdout' | 'stderr' | 'cwd'>): Promise<number | undefined>;
