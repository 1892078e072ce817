export function registerTypeScript(cacheDir: string | undefined): void;
export function newGeneration(): string;
export function importInGeneration(file: string, gen: string): Promise<unknown>;
export const BUNDLE: unique symbol;
export function moduleGraph(gen: string): Promise<Map<string, Set<string>>>;
