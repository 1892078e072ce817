export const SELF: RegExp;
/** The folder of the running library's modules, without a trailing separator: a checkout's src/, an installed package's dist/. */
export const LIBRARY_DIR: string;
export function bundledEntry(file: string, bundle: { root: string; dir: string; entries?: string }): string | undefined;
export function scriptEntry(specifier: string, parent: string, bundle: { root: string; dir: string; entries?: string }): string | undefined;
export function selfSource(specifier: string, file: string): string | undefined;
