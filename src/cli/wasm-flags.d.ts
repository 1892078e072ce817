export const EMBEDDED_WASM_FLAGS: readonly string[];
export const DEFAULT_WASM_FLAGS: readonly string[];
export function useEmbeddedWasmFlags(): void;
export function embeddedWasmFlagsForPglite(): readonly string[];
export function restoreDefaultWasmFlags(): void;
