export const MODULE_EXTENSIONS: readonly string[];
export const CONFIG_FILES: readonly string[];
export function isModuleFile(name: string): boolean;
export function isTypeScriptFile(name: string): boolean;
export function findConfigFile(root: string): string | undefined;
export function walkFiles(dir: string, skipDir?: (rel: string, name: string) => boolean, onError?: (rel: string, err: NodeJS.ErrnoException) => void): Promise<string[]>;
export function walkFilesSyncKnown(
  dir: string,
  skipDir: (rel: string, name: string) => boolean,
  known?: Record<string, [number, Array<[string, 0 | 1]>]>,
  trustedBefore?: number,
  skipContents?: (listing: Array<[string, 0 | 1]>) => boolean,
): { files: string[]; folders: Record<string, [number, Array<[string, 0 | 1]>]> };
