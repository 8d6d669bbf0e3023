import type { Features } from '../core/features.js';

/**
 * What shapes predecoded code: the engine's features and metering settings, and the facts validation recorded
 * about each defined function. The fuel rules are the compiler's (`FunctionCompiler`, `fuelEnd`), passed in by the
 * runtime so that both strategies charge the same totals without this layer importing the compiler.
 */
export interface InterpretOptions {
  readonly features: Features;
  /** Charge fuel (`EngineConfig.consumeFuel`). */
  readonly fuel: boolean;
  /** Check the epoch deadline at function entries and loop headers (`EngineConfig.epochInterruption`). */
  readonly epoch: boolean;
  /** Count function entries and loop iterations towards compiling the module (engine strategy `'tiered'`). */
  readonly tierUp: boolean;
  /** Fuel a function may charge without a check, in all (the compiler's `uncheckedFuel`). */
  readonly uncheckedFuel: number;
  /** Per defined function: `FUNC_HAS_LOOP | FUNC_HAS_CALL | FUNC_HAS_GROW` bits from validation. */
  readonly flags: Uint8Array;
  /** Per defined function: its number of instructions. */
  readonly ops: Uint32Array;
  /** Per defined function: 1 when it is trivial (charged by its callers, see `isTrivialFunction`). */
  readonly trivial: Uint8Array;
}
