export const SELF: RegExp;
export function bundledEntry(file: string, bundle: { root: string; dir: string; entries?: string }): string | undefined;
export function scriptEntry(specifier: string, parent: string, bundle: { root: string; dir: string; entries?: string }): string | undefined;
export function selfSource(specifier: string, file: string): string | undefined;
