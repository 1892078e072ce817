export const CACHE_DIR: string;
export function findCacheDir(cwd: string): string | undefined;
