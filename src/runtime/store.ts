import { TrapKind } from '../core/trap_kind.js';
import { TRIVIAL_FRAME_GUARD } from '../compile/function_compiler.js';
import { toEmbedderError } from './backtrace.js';
import type { Engine } from './engine.js';
import { Trap } from './trap.js';

/** The unit in which compiled code takes fuel from the reserve (int32 counting with room below zero). */
const FUEL_CHUNK = 2 ** 30;

/**
 * A `Store<T>` owns all runtime state of the instances created in it (memories, tables, globals, functions) and
 * the host data `T`, as in wasmtime. It also owns the state of running wasm: the i64 slot stack, fuel and the
 * epoch deadline. Objects from one store must not be used with another.
 *
 * @example
 * const store = new Store(engine, { log: [] as string[] });
 * store.setFuel(10_000); // requires an engine with consumeFuel
 */
export class Store<T = unknown> {
  /** The host data; host functions reach it through `Caller.data`. */
  data: T;

  /** @internal The i64 slot stack and its views (see RATIONALE.md). */
  readonly S: BigUint64Array;
  /** @internal */
  readonly I: Int32Array;
  /** @internal */
  readonly U: Uint32Array;
  /** @internal */
  readonly F: Float64Array;
  /** @internal Number of slots. */
  readonly SN: number;
  /** @internal The first free slot for a call entering wasm from the host. */
  sp = 0;
  /** @internal Reference results of multi-value calls. */
  readonly RR: unknown[] = [];
  /**
   * @internal The fuel that running wasm draws from, below `FUEL_CHUNK` so that compiled code can count in int32;
   * the rest of the store's fuel is `fuelChunks` whole chunks, which compiled code takes one at a time.
   */
  readonly fuel = new Int32Array(1);
  /** @internal Whole `FUEL_CHUNK`s of fuel not yet moved into `fuel`. */
  readonly fuelChunks = new Float64Array(1);
  /** @internal The epoch at which running wasm traps with "interrupt". */
  readonly deadline = new Float64Array([Infinity]);
  /** @internal Errors thrown by host functions, passed through to the embedder unchanged. */
  readonly hostErrors = new WeakSet<object>();
  private refSlotArray: unknown[] | null = null;

  /**
   * @internal Reference-typed locals and temps of split functions (see `planOutlining`), one per slot, made on
   * first use. Filled with null so V8 gives it object elements.
   */
  refSlots(): unknown[] {
    this.refSlotArray ??= new Array<unknown>(this.S.length).fill(null);
    return this.refSlotArray;
  }

  /** @internal The `Func` handle of each function object seen by the API. */
  readonly funcWrappers = new WeakMap<object, unknown>();
  /** @internal Store-bound builtins. */
  readonly storeBuiltins: { outOfFuel: () => never; epochInterrupt: () => never };

  constructor(
    readonly engine: Engine,
    data: T,
  ) {
    this.data = data;
    const slots = engine.stackSlots;
    // Slots past the limit: small loop- and call-free functions use them without a stack check of their own.
    this.S = new BigUint64Array(slots + TRIVIAL_FRAME_GUARD);
    this.I = new Int32Array(this.S.buffer);
    this.U = new Uint32Array(this.S.buffer);
    this.F = new Float64Array(this.S.buffer);
    this.SN = slots;
    this.storeBuiltins = {
      // Called by compiled code when its fuel count went below zero and no chunk is left.
      outOfFuel: (): never => {
        this.fuel[0] = 0;
        this.fuelChunks[0] = 0;
        throw new Trap(TrapKind.outOfFuel);
      },
      epochInterrupt(): never {
        throw new Trap(TrapKind.interrupt);
      },
    };
  }

  /** Sets the fuel available to wasm running in this store. Requires `consumeFuel` in the engine config. */
  setFuel(fuel: number | bigint): void {
    if (!this.engine.config.consumeFuel) throw new Error('fuel is not enabled in this engine (set consumeFuel)');
    const n = Number(fuel);
    if (!(n >= 0)) throw new RangeError('fuel must be a non-negative number');
    this.setFuelTotal(n);
  }

  private setFuelTotal(n: number): void {
    const chunks = Math.floor(n / FUEL_CHUNK);
    this.fuel[0] = n - chunks * FUEL_CHUNK;
    this.fuelChunks[0] = chunks;
  }

  /** The fuel left. Requires `consumeFuel` in the engine config. */
  getFuel(): number {
    if (!this.engine.config.consumeFuel) throw new Error('fuel is not enabled in this engine (set consumeFuel)');
    return Math.max(0, this.fuel[0]! + this.fuelChunks[0]! * FUEL_CHUNK);
  }

  /**
   * Makes running wasm trap with "interrupt" once the engine's epoch has advanced `ticks` beyond its current
   * value. Requires `epochInterruption` in the engine config. Without a deadline, wasm is never interrupted.
   */
  setEpochDeadline(ticks: number): void {
    if (!this.engine.config.epochInterruption) throw new Error('epoch interruption is not enabled in this engine (set epochInterruption)');
    this.deadline[0] = Atomics.load(this.engine.epoch, 0) + ticks;
  }

  /** @internal What the embedder sees of an error thrown by wasm: a `Trap` with backtrace, or a host error. */
  embedderError(e: unknown): unknown {
    return toEmbedderError(this.engine, e, this.hostErrors);
  }
}
