import { DEFAULT_FEATURES, type Features } from '../core/features.js';
import { OUTLINE_ABOVE, OUTLINE_MIN_RUN } from '../compile/function_compiler.js';
import type { CompiledModule } from '../compile/module_compiler.js';
import { TypeRegistry } from './type_registry.js';

/** Configuration of an `Engine`. Every field is optional when constructing one. */
export interface EngineConfig {
  /** Enabled WebAssembly features. */
  readonly features: Features;
  /**
   * Maximum wasm stack in bytes. Sizes each store's i64 slot stack (8 bytes a slot; every call frame takes at
   * least one slot), so deep recursion ends in a "call stack exhausted" trap. The JS stack of the host thread is a
   * second, fixed limit that ends in the same trap.
   */
  readonly maxWasmStack: number;
  /** Emit fuel accounting in compiled code (`Store.setFuel`). */
  readonly consumeFuel: boolean;
  /** Emit epoch deadline checks in compiled code (`Engine.incrementEpoch`, `Store.setEpochDeadline`). */
  readonly epochInterruption: boolean;
  /**
   * Functions whose body has more bytes than this are compiled as several JS functions sharing one frame, so that
   * V8 optimizes them (it never optimizes a JS function of more than ~60 KB of bytecode). Tuning; tests set 0 to
   * split all.
   */
  readonly outlineFunctionsAbove: number;
  /** In split functions, runs of code smaller than this many bytes stay inline. Tuning; tests set 1. */
  readonly outlineMinRun: number;
  /**
   * Set V8's `--no-lazy-feedback-allocation` for the whole process when the engine is created (default true).
   * Without it, steady-state speed of long-running wasm functions is a coin toss per process (up to 1.6x slower:
   * RATIONALE.md, "Steady states were bimodal"). The cost is a feedback vector for every JS function the process
   * calls, also the host's own. Set false to leave the process's V8 flags alone.
   */
  readonly eagerFeedback: boolean;
  /**
   * How functions run (default `'tiered'`). `'compile'` translates each module to JavaScript that V8 compiles: the
   * fastest code, paid for in load time (about 0.3 ms per KiB of wasm code). `'interpret'` generates no code: each
   * function body is predecoded at its first call and run by an interpreter, so loading is cheap (a large module
   * starts several times sooner) and execution 10-100x slower. `'tiered'` compiles modules with less code than
   * `tierUpCodeBytes` at once and starts larger ones in the interpreter, compiling them when they get hot
   * (`tierUpAfter`); an instance then moves to compiled code without changing any function's identity. All
   * strategies have the same semantics, traps, fuel totals and calling convention, so everything above the code
   * (instances, `Func`, host functions, tables shared between modules) works alike.
   */
  readonly strategy: 'tiered' | 'compile' | 'interpret';
  /**
   * With `strategy: 'tiered'`: modules whose function bodies have at least this many bytes in all start in the
   * interpreter (default 256 KiB, where compiling at load takes ~80 ms: RATIONALE.md, "Tiering"). 0 starts every
   * module in the interpreter.
   */
  readonly tierUpCodeBytes: number;
  /**
   * With `strategy: 'tiered'`: how many function entries and loop iterations an interpreted instance runs before its
   * module is compiled and the instance moves to compiled code. Null (the default) sets it from the module's size,
   * so that interpreting costs about what compiling it would (10 per byte of code: RATIONALE.md, "Tiering").
   */
  readonly tierUpAfter: number | null;
}

const DEFAULT_CONFIG: EngineConfig = {
  features: DEFAULT_FEATURES,
  maxWasmStack: 512 * 1024,
  consumeFuel: false,
  epochInterruption: false,
  outlineFunctionsAbove: OUTLINE_ABOVE,
  outlineMinRun: OUTLINE_MIN_RUN,
  eagerFeedback: true,
  strategy: 'tiered',
  tierUpCodeBytes: 256 * 1024,
  tierUpAfter: null,
};

/**
 * Asks V8 (Node) to allocate feedback vectors at a function's first call. With lazy allocation, a function whose
 * first call runs long gets its vector mid-call, so the ops before its first loop have no feedback; the optimized
 * code compiled during that call then deoptimizes at entry on the next call, and the function stays in its
 * on-stack-replacement code, which is never specialized to its context (RATIONALE.md, "Steady states were bimodal").
 * Set once per process; a no-op where `process.getBuiltinModule` (Node >= 20.16) is missing.
 */
let v8Tuned = false;
function tuneV8(): void {
  // Measured in RATIONALE.md: matmul ran at 2.35x instead of 1.50x V8 in about 2 of 5 processes without it.
  if (v8Tuned) return;
  v8Tuned = true;
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const v8 = proc?.getBuiltinModule?.('v8') as { setFlagsFromString?: (flags: string) => void } | undefined;
    v8?.setFlagsFromString?.('--no-lazy-feedback-allocation');
  } catch {
    // not V8, or flags locked: only performance is affected
  }
}

/** Code published by an engine, found by its sourceURL when mapping JS stack frames back to wasm. */
export interface PublishedCode {
  readonly compiled: CompiledModule;
  readonly moduleName: string | null;
  readonly funcNames: ReadonlyMap<number, string>;
}

/**
 * The compilation environment shared by modules and stores: configuration, the signature registry and the epoch
 * counter. Like wasmtime's `Engine`, create one and share it; engines are independent of each other.
 *
 * @example
 * const engine = new Engine({ consumeFuel: true });
 */
export class Engine {
  readonly config: EngineConfig;
  readonly types = new TypeRegistry();
  /**
   * The epoch counter, in shared memory when the host has it, so another thread (a kernel timer) can advance it.
   */
  readonly epoch: Int32Array;
  /** A short random id that keeps this engine's code names distinct from other engines'. */
  readonly id: string;
  /** @internal Per-engine cache of generated call adapters, keyed by signature and kind. */
  readonly adapterCache = new Map<string, unknown>();
  private moduleCounter = 0;
  private readonly code = new Map<string, WeakRef<PublishedCode>>();
  private readonly codeFinalizer = new FinalizationRegistry<string>((url) => this.code.delete(url));

  constructor(config: Partial<EngineConfig> = {}) {
    this.config = Object.freeze({ ...DEFAULT_CONFIG, ...config, features: Object.freeze({ ...DEFAULT_FEATURES, ...(config.features ?? {}) }) });
    if (!(this.config.maxWasmStack >= 1024)) throw new RangeError('maxWasmStack must be at least 1024 bytes');
    const { strategy, tierUpCodeBytes, tierUpAfter } = this.config;
    if (strategy !== 'tiered' && strategy !== 'compile' && strategy !== 'interpret') throw new RangeError("strategy must be 'tiered', 'compile' or 'interpret'");
    if (!(tierUpCodeBytes >= 0)) throw new RangeError('tierUpCodeBytes must be a number >= 0');
    if (tierUpAfter !== null && !(tierUpAfter >= 0)) throw new RangeError('tierUpAfter must be null or a number >= 0');
    const buf = typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : new ArrayBuffer(4);
    this.epoch = new Int32Array(buf);
    this.id = Math.floor(Math.random() * 0x7fffffff).toString(36);
    if (this.config.eagerFeedback) tuneV8();
  }

  /** @internal The i64 slots of each store's wasm stack (`maxWasmStack` / 8): also the most wasm frames it holds. */
  get stackSlots(): number {
    return Math.max(128, Math.floor(this.config.maxWasmStack / 8));
  }

  /** Advances the epoch by one; stores whose deadline is reached trap with "interrupt" at their next check. */
  incrementEpoch(): void {
    Atomics.add(this.epoch, 0, 1);
  }

  /** A fresh sourceURL for a module's code object. */
  nextSourceUrl(): string {
    return `k23-${this.id}-m${++this.moduleCounter}`;
  }

  /** Records published code so backtraces can name its frames. */
  registerCode(owner: object, code: PublishedCode): void {
    this.code.set(code.compiled.sourceUrl, new WeakRef(code));
    this.codeFinalizer.register(owner, code.compiled.sourceUrl);
  }

  /** The published code with this sourceURL, if it is alive. */
  lookupCode(url: string): PublishedCode | undefined {
    return this.code.get(url)?.deref();
  }
}
