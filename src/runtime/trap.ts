/**
 * Traps: the error a WebAssembly computation stops with. Generated code and builtins throw `Trap` with a kind;
 * the runtime attaches the wasm backtrace (function index, name, bytecode offset) when the trap leaves wasm, by
 * mapping the JavaScript stack of the generated code back to wasm positions.
 */

import { TRAP_MESSAGES, TrapKind } from '../core/trap_kind.js';

export { TRAP_MESSAGES, TrapKind };

/** One frame of a wasm backtrace. */
export interface WasmFrame {
  /** Index of the function in its module's function index space. */
  readonly funcIndex: number;
  /** The function's name from the module's `name` section, or null. */
  readonly funcName: string | null;
  /** The module's name from its `name` section, or null. */
  readonly moduleName: string | null;
  /** Byte offset of the instruction within the module, or -1 when unknown. */
  readonly offset: number;
}

/** A WebAssembly trap. `kind` says why; `message` is the spec's wording; `wasmBacktrace` is innermost first. */
export class Trap extends Error {
  override readonly name = 'Trap';
  /** Innermost frame first. Filled in when the trap leaves wasm. */
  wasmBacktrace: readonly WasmFrame[] = [];
  /**
   * @internal With tiering, how many lines of `stack` the backtrace already covers: the interpreter adds its frames
   * as the trap passes each activation, after the compiled frames below it (`adoptForeignError`). -1: complete.
   */
  jsLinesSeen = 0;

  /**
   * @param kind why the computation stopped.
   * @param detail optional text appended to the spec message (e.g. the element index).
   */
  constructor(
    readonly kind: TrapKind,
    detail?: string,
  ) {
    super(detail === undefined ? TRAP_MESSAGES[kind]! : `${TRAP_MESSAGES[kind]!} ${detail}`);
  }

  /** The backtrace rendered as wasmtime does: one line per frame. */
  backtraceString(): string {
    return this.wasmBacktrace
      .map((f, i) => {
        const where = f.offset >= 0 ? `0x${f.offset.toString(16)}` : '<unknown>';
        const name = f.funcName ?? `<wasm function ${f.funcIndex}>`;
        const mod = f.moduleName ?? '<module>';
        return `  ${i}: ${where} - ${mod}!${name}`;
      })
      .join('\n');
  }
}
