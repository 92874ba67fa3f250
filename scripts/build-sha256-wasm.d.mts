/** The text of node/hash/sha256-wasm.ts, built from node/hash/sha256.wat. */
export function sha256WasmModuleText(): Promise<string>;
