import type { Io } from './io.js';

export interface InputScan {
  digest: string;
  /** Per input file: size, mtime (ms), sha256 of the content. */
  files: Record<string, [number, number, string]>;
  /** Per folder ('' for the root): mtime (ms) and entries, for the next scan's walk (walkFilesSyncKnown). Absent in older caches. */
  folders?: Record<string, [number, Array<[string, 0 | 1]>]>;
  scannedAt: number;
  /** dashcode's version when scanned: part of the digest. */
  version: string;
}

export interface OutputStats {
  /** When the sizes and mtimes were recorded (ms); a file changed within 2 s before is read, not trusted. */
  checkedAt: number;
  stats: Record<string, [number, number]>;
}

export interface BuildCache {
  version: 4;
  /** The digest of the inputs the build was made from, and the scan that found it. */
  inputs: string;
  inputFiles: InputScan;
  /** Per generated file (the manifest among them): the sha256 of its text. */
  files: Record<string, string>;
  /** Their sizes and mtimes, so an unchanged file is not read. */
  outputs: OutputStats;
  stdout: string;
  /** What `build --check` prints when everything is up to date. */
  checkStdout: string;
  stderr: string;
}

export const CACHE_DIR: string;
/** Folders the input scan never enters, wherever they are (besides dot-folders and the output folder). */
export const SKIP_DIRS: ReadonlySet<string>;
export const VERSION: string;
export function scanInputs(root: string, outDir: string, known?: InputScan): Promise<InputScan>;
export function statOutputs(root: string, files: readonly string[]): OutputStats;
export function readCache(root: string): Promise<BuildCache | undefined>;
export function writeCache(root: string, cache: BuildCache): Promise<void>;
export function peekOutDir(root: string): string;
export function tryCachedBuild(args: readonly string[], io: Pick<Io, 'stdout' | 'stderr' | 'cwd'>): Promise<number | undefined>;
export function takeMiss(root: string): { root: string; cache?: BuildCache; scan?: InputScan } | undefined;
