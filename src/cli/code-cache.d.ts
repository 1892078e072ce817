export function requireWithCodeCache(file: string, cacheFile: string): { exports: Record<string, unknown>; save(): Promise<void> };
