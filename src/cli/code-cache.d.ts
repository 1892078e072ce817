export const SCRIPT: string;
export const LIBRARY: string;
export function requireWithCodeCache(file: string, cacheFile?: string): { exports: Record<string, unknown>; stale: boolean; save(): Promise<void> };
