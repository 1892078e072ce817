/** The key of checkout `root`'s src/ as it is now (every file's path, size and mtime, and package-lock.json's), under `format`. */
export function sourceKey(root: string, format: string): string;
