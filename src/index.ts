/**
 * k23: a WebAssembly engine for JavaScript hosts, with a wasmtime-shaped API.
 *
 * @example
 * import { Engine, Store, Module, Linker, ValType } from 'k23';
 * const engine = new Engine();
 * const module = Module.fromBytes(engine, bytes);
 * const store = new Store(engine, null);
 * const instance = new Linker(engine).instantiate(store, module);
 * const add = instance.getTypedFunc<[number, number], number>(store, 'add', [ValType.i32, ValType.i32], [ValType.i32]);
 * add.call(store, 2, 40); // 42
 */
export { CompileError } from './core/compile_error.js';
export { LinkError } from './core/link_error.js';
export { TextError } from './text/text_error.js';
export { watToBinary } from './text/wat.js';
export { DEFAULT_FEATURES, type Features } from './core/features.js';
export {
  ExternKind,
  FuncType,
  ValType,
  PAGE_SIZE,
  type ExternType,
  type GlobalType,
  type Limits,
  type MemoryType,
  type TableType,
  type TagType,
} from './core/types.js';
export { Engine, type EngineConfig } from './runtime/engine.js';
export { Store } from './runtime/store.js';
export { Module, type ExportType, type ImportType } from './runtime/module.js';
export { Linker } from './runtime/linker.js';
export { Instance } from './runtime/instance.js';
export { Caller, Func, TypedFunc, type HostFunction } from './runtime/func.js';
export { Memory } from './runtime/memory.js';
export { Table } from './runtime/table.js';
export { Global } from './runtime/global.js';
export { Tag } from './runtime/tag.js';
export { Val } from './runtime/val.js';
export { Trap, TrapKind, type WasmFrame } from './runtime/trap.js';
export type { Extern } from './runtime/extern.js';
