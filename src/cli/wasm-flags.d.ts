export const EMBEDDED_WASM_FLAGS: readonly string[];
export const DEFAULT_WASM_FLAGS: readonly string[];
export function embeddedWasmFlagsForPglite(): readonly string[];
export function restoreDefaultWasmFlags(): void;
