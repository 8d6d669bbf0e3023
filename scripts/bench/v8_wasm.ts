/**
 * Typed access to V8's own `WebAssembly` global. The project compiles with `lib: ES2022` and Node 20's type
 * definitions, neither of which declares it, so the harness describes the part it uses here instead of adding a
 * global declaration to the whole project.
 */

/** A compiled module (opaque). */
export interface V8WasmModule {
  readonly __v8WasmModule?: never;
}

/** An instance; exports are functions, memories, tables and globals by name. */
export interface V8WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}

/** Imports: module name -> field name -> value. */
export type V8Imports = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => V8WasmModule;
  readonly Instance: new (module: V8WasmModule, imports?: V8Imports) => V8WasmInstance;
  validate(bytes: Uint8Array): boolean;
}

/** `globalThis.WebAssembly`. */
export const V8Wasm: WebAssemblyApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Compiles and instantiates `bytes` synchronously. */
export function v8Instantiate(bytes: Uint8Array, imports: V8Imports = {}): V8WasmInstance {
  return new V8Wasm.Instance(new V8Wasm.Module(bytes), imports);
}

/** The function export `name` of `instance`, typed `(i32) -> i32`; throws when absent. */
export function v8Export(instance: V8WasmInstance, name: string): (x: number) => number {
  const f = instance.exports[name];
  if (typeof f !== 'function') throw new Error(`no function export '${name}'`);
  return f as (x: number) => number;
}
