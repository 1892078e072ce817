export function transpile(file: string, source: string, cacheDir: string | undefined): Promise<string>;
