// The link-time contract between code (compiled or interpreted) and the runtime: relocations and the environment.
import type { BuiltinName } from './builtin_names.js';

/**
 * What a relocation refers to; the runtime resolves each to a value when it links an instance. Shared by both
 * execution strategies: compiled code and the interpreter each list the relocations they need.
 */
export type Relocation =
  | { readonly kind: 'builtin'; readonly name: BuiltinName }
  /** The call target of an imported function (may be bound to the importing instance). */
  | { readonly kind: 'funcCall'; readonly index: number }
  /** The reference value of an imported function (its identity as a funcref). */
  | { readonly kind: 'funcRef'; readonly index: number }
  | { readonly kind: 'memory'; readonly index: number }
  | { readonly kind: 'table'; readonly index: number }
  | { readonly kind: 'global'; readonly index: number }
  | { readonly kind: 'data'; readonly index: number }
  | { readonly kind: 'elem'; readonly index: number };

/**
 * @internal The environment the runtime links an instance's code with, in both strategies: the store's slot stack
 * and cells, and the values of the code's relocations, in order.
 */
export interface LinkEnv {
  readonly S: BigUint64Array;
  readonly I: Int32Array;
  readonly U: Uint32Array;
  readonly F: Float64Array;
  readonly SN: number;
  readonly RR: unknown[];
  readonly CF: Float64Array;
  readonly EP: Int32Array;
  readonly DL: Float64Array;
  readonly FU: Int32Array;
  readonly FR: Float64Array;
  readonly relocs: readonly unknown[];
  /** The store's reference slots (split functions and the interpreter keep reference values there). */
  refSlots(): unknown[];
  // Tiering (engine strategy 'tiered'), for interpreted code only.
  /** Function entries and loop iterations to interpret before `tierUp`. */
  readonly tierUpAfter?: number;
  /**
   * Compiles the module if needed and links the compiled code to this instance's state; returns its function
   * objects by defined index, or null when the module cannot be compiled.
   */
  readonly tierUp?: () => readonly unknown[] | null;
  /** Prepares an error that reached interpreted code from compiled code (see `InterpreterState.adoptError`). */
  readonly adoptError?: (e: unknown) => unknown;
}
