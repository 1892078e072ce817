export function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void>;
export function readIfExists(file: string): Promise<string | undefined>;
