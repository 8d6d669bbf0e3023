import type { ModuleInfo } from '../binary/module_info.js';
import type { InterpretOptions } from './interpret_options.js';
import type { PredecodedFunction } from './predecoder.js';

/** A function object as code calls it (the compiled calling convention), with its signature id and fuel cost. */
export type CallTarget = ((...args: unknown[]) => unknown) & { sig: number; fuel: number };

/** A memory as the interpreter sees it (the runtime's `Memory`). */
export interface MemoryLike {
  readonly view: DataView;
}

/** A table as the interpreter sees it (the runtime's `Table`). */
export interface TableLike {
  readonly elements: unknown[];
}

/** A frame of a wasm backtrace (the runtime's `WasmFrame`). */
export interface BacktraceFrame {
  readonly funcIndex: number;
  readonly funcName: string | null;
  readonly moduleName: string | null;
  readonly offset: number;
}

/** What the builtins of the runtime (resolved relocations) give the interpreter, by name. */
export interface InterpreterBuiltins {
  readonly [name: string]: (...args: never[]) => unknown;
}

/**
 * Everything one instance's interpreter reads: the module (shared by its instances, with the lazily predecoded
 * bodies) and the instance's linked state.
 */
export interface InterpreterState {
  readonly info: ModuleInfo;
  readonly options: InterpretOptions;
  /** Predecoded bodies by defined index, filled at each function's first call (shared by all instances). */
  readonly decoded: (PredecodedFunction | null)[];
  readonly sigIds: Int32Array;
  // Store state.
  readonly S: BigUint64Array;
  readonly I: Int32Array;
  readonly U: Uint32Array;
  readonly F: Float64Array;
  readonly SN: number;
  readonly RR: unknown[];
  readonly RL: unknown[];
  readonly EP: Int32Array;
  readonly DL: Float64Array;
  readonly FU: Int32Array;
  readonly FR: Float64Array;
  // Instance state.
  readonly builtins: InterpreterBuiltins;
  /** Call target of each imported function. */
  readonly imports: readonly CallTarget[];
  /** Reference value of each function (imported, then defined; defined ones set once the entries exist). */
  readonly funcRefs: unknown[];
  readonly memories: readonly MemoryLike[];
  readonly tables: readonly TableLike[];
  /** Global cells (`GlobalCell`). */
  readonly globals: readonly unknown[];
  readonly datas: readonly unknown[];
  readonly elems: readonly unknown[];
}
