import type { ModuleInfo } from '../binary/module_info.js';
import type { LinkEnv } from '../core/link_contract.js';
import type { InterpretOptions } from './interpret_options.js';
import type { PredecodedFunction } from './predecoder.js';

/** A function object as code calls it (the compiled calling convention), with its signature id and fuel cost. */
export type CallTarget = ((...args: unknown[]) => unknown) & { sig: number; fuel: number };

/**
 * Tiering: where an instance's compiled functions go once it has moved to compiled code (null before). Shared by
 * the instance's entries, which forward to them, and its interpreter.
 */
export interface TierHolder {
  fns: readonly CallTarget[] | null;
}

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
export interface InterpreterState extends Pick<LinkEnv, 'S' | 'I' | 'U' | 'F' | 'SN' | 'RR' | 'EP' | 'DL' | 'FU' | 'FR'> {
  readonly info: ModuleInfo;
  readonly options: InterpretOptions;
  /** Predecoded bodies by defined index, filled at each function's first call (shared by all instances). */
  readonly decoded: (PredecodedFunction | null)[];
  readonly sigIds: Int32Array;
  // Store state: the link environment's slot stack and cells (above), and the store's reference slots.
  readonly RL: unknown[];
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
  // Tiering (engine strategy 'tiered'; see `InterpretOptions.tierUp`).
  /** Function entries and loop iterations to run before moving to compiled code. */
  readonly tierUpAfter: number;
  readonly tier: TierHolder;
  /** Compiles the module if needed and links it to this instance: its compiled functions, or null if it cannot. */
  readonly tierUp: (() => readonly CallTarget[] | null) | null;
  /**
   * Called with an error that reached an interpreted activation from code it called: gives the error to pass on
   * (a native error of compiled code as its trap) with the compiled frames it passed added to its backtrace.
   */
  readonly adoptError: ((e: unknown) => unknown) | null;
}
