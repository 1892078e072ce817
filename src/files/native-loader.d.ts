export function projectLoader(
  cacheDir: string,
  bundle?: { root: string; dir: string },
): { importer: (file: string) => Promise<unknown>; graph: () => Promise<Map<string, Set<string>>> };
