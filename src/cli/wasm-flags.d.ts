export const EMBEDDED_WASM_FLAGS: readonly string[];
export const EMBEDDED_DATABASE_COMMANDS: readonly string[];
export function useEmbeddedWasmFlags(): void;
