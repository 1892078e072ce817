export function transpile(file: string, source: string, cacheDir: string | undefined): Promise<string>;
export const TRANSPILE_CACHE_LIMITS: Readonly<{ maxEntries: number; keep: number; minAgeMs: number }>;
