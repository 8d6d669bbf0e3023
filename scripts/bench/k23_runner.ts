/**
 * The one place the harness touches k23. The engine's public API (`src/index.ts`, wasmtime-shaped) is imported
 * dynamically, so the harness builds and runs its V8 and wasm2js columns before that API exists, and reports
 * "k23: unavailable (<reason>)" instead. The interfaces below are the shape the harness relies on; a mismatch
 * is reported as a reason, not a crash.
 */

import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineName, KernelInstance, KernelRunner, Unavailable } from './engine_runner.js';
import type { KernelSpec } from './kernel_list.js';

/** Engine configuration switches the benchmarks vary. */
export interface K23Config {
  readonly consumeFuel: boolean;
  readonly epochInterruption: boolean;
  /** The engine's execution strategy (default: the engine's default, `'tiered'`). */
  readonly strategy?: 'tiered' | 'compile' | 'interpret';
}

/** The plain configuration: no fuel, no epochs. */
export const PLAIN: K23Config = { consumeFuel: false, epochInterruption: false };

/** `Store` as the harness uses it. */
export interface K23Store {
  setFuel(fuel: number): void;
  setEpochDeadline(ticks: number): void;
}

/** A typed function handle: `call(store, ...args)` returns the single result as a number. */
export interface K23TypedFunc {
  call(store: K23Store, ...args: number[]): number;
}

/** `Func`: the untyped `call` with `Val` arrays, and `typed`. */
export interface K23Func {
  call(store: K23Store, args: readonly unknown[]): readonly unknown[];
  typed(store: K23Store, params: readonly number[], results: readonly number[]): K23TypedFunc;
}

/** `Memory`. */
export interface K23Memory {
  size(store: K23Store): number;
  grow(store: K23Store, pages: number): number;
  buffer(store: K23Store): ArrayBuffer;
}

interface K23Engine {
  incrementEpoch(): void;
}
interface K23Instance {
  getFunc(store: K23Store, name: string): K23Func | undefined;
  getMemory(store: K23Store, name: string): K23Memory | undefined;
}
interface K23Linker {
  funcWrap(module: string, name: string, type: unknown, fn: (caller: unknown, ...args: number[]) => number): void;
  instantiate(store: K23Store, module: unknown): K23Instance;
}
interface K23Api {
  readonly Engine: new (config: { consumeFuel?: boolean; epochInterruption?: boolean; strategy?: 'tiered' | 'compile' | 'interpret' }) => K23Engine;
  readonly Module: { fromBytes(engine: K23Engine, bytes: Uint8Array): unknown };
  readonly Store: new (engine: K23Engine, data: unknown) => K23Store;
  readonly Linker: new (engine: K23Engine) => K23Linker;
  readonly FuncType: new (params: readonly number[], results: readonly number[]) => unknown;
  readonly ValType: { readonly i32: number };
  readonly Val: { i32(value: number): unknown };
}

/** A host function `(i32) -> i32` to link as `module.name`, in `Linker.funcWrap`'s `(caller, x)` form. */
export interface K23HostFunc {
  readonly module: string;
  readonly name: string;
  readonly fn: (caller: unknown, x: number) => number;
}

/** An instance with its store, and lookups that throw clearly when an export is missing. */
export interface K23Loaded {
  readonly store: K23Store;
  func(name: string): K23Func;
  /** `func(name).typed(store, [i32], [i32])`. */
  typedI32(name: string): K23TypedFunc;
  memory(name: string): K23Memory;
}

/**
 * Fuel given before every kernel call: far more than any kernel uses. It is outside the small-integer range on
 * purpose, as real embedders' budgets are; an engine must keep that cheap (see notes/v8-facts.md).
 */
export const FUEL = Number.MAX_SAFE_INTEGER;
/** Epoch deadline in ticks; nothing increments the epoch during a call, so only the checks are measured. */
export const EPOCH_TICKS = 0x3fffffff;

/** k23, loaded. */
export class K23 {
  private readonly engines = new Map<string, K23Engine>();
  private readonly i32: number;
  private readonly hostType: unknown;

  constructor(private readonly api: K23Api) {
    this.i32 = api.ValType.i32;
    this.hostType = new api.FuncType([this.i32], [this.i32]);
  }

  /** One engine per configuration, reused. */
  engine(config: K23Config): K23Engine {
    const key = `${config.consumeFuel}/${config.epochInterruption}/${config.strategy ?? ''}`;
    let e = this.engines.get(key);
    if (e === undefined) {
      e = new this.api.Engine({
        consumeFuel: config.consumeFuel, epochInterruption: config.epochInterruption,
        ...(config.strategy ? { strategy: config.strategy } : {}),
      });
      this.engines.set(key, e);
    }
    return e;
  }

  /** `Module.fromBytes`. */
  compile(config: K23Config, bytes: Uint8Array): unknown {
    return this.api.Module.fromBytes(this.engine(config), bytes);
  }

  /** A new store (with fuel and an epoch deadline when configured) and an instance of `module`. */
  instantiate(config: K23Config, module: unknown, hostFuncs: readonly K23HostFunc[] = []): K23Loaded {
    const engine = this.engine(config);
    const store = new this.api.Store(engine, null);
    if (config.consumeFuel) store.setFuel(FUEL);
    if (config.epochInterruption) store.setEpochDeadline(EPOCH_TICKS);
    const linker = new this.api.Linker(engine);
    for (const h of hostFuncs) linker.funcWrap(h.module, h.name, this.hostType, h.fn);
    const instance = linker.instantiate(store, module);
    const i32 = this.i32;
    const func = (name: string): K23Func => {
      const f = instance.getFunc(store, name);
      if (f === undefined) throw new Error(`k23 instance has no function export '${name}'`);
      return f;
    };
    return {
      store,
      func,
      typedI32: (name: string): K23TypedFunc => func(name).typed(store, [i32], [i32]),
      memory(name: string): K23Memory {
        const m = instance.getMemory(store, name);
        if (m === undefined) throw new Error(`k23 instance has no memory export '${name}'`);
        return m;
      },
    };
  }

  /** A `Val` holding an i32. */
  i32Val(x: number): unknown {
    return this.api.Val.i32(x);
  }

  /** The number in a result `Val` (its `value` field). */
  static numberOf(v: unknown): number {
    const value = typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v;
    if (typeof value !== 'number') throw new Error(`k23 returned a Val without a numeric value: ${String(value)}`);
    return value;
  }

  /** A kernel column running under `config`. */
  kernelRunner(config: K23Config, name: EngineName): KernelRunner {
    return {
      name,
      load: (bytes: Uint8Array, kernel: KernelSpec): Promise<KernelInstance> => {
        const loaded = this.instantiate(config, this.compile(config, bytes));
        const t = loaded.typedI32(kernel.exportName);
        const store = loaded.store;
        return Promise.resolve({
          prepare(): void {
            if (config.consumeFuel) store.setFuel(FUEL);
            if (config.epochInterruption) store.setEpochDeadline(EPOCH_TICKS);
          },
          call: (n: number): number => t.call(store, n) >>> 0,
        });
      },
    };
  }
}

const REQUIRED = ['Engine', 'Module', 'Store', 'Linker', 'FuncType', 'ValType', 'Val'] as const;

/** Imports k23's public API from `<build>/src/index.js`, next to this compiled file. */
export async function loadK23(): Promise<{ readonly available: true; readonly k23: K23 } | Unavailable> {
  const url = new URL('../../src/index.js', import.meta.url);
  const path = fileURLToPath(url);
  // Relative to the working directory when inside it (dist/src/index.js), else absolute.
  const rel = relative(process.cwd(), path);
  const shown = rel !== '' && !rel.startsWith('..') ? rel : path;
  if (!existsSync(path)) return { available: false, reason: `${shown} not found: src/index.ts is not written yet` };
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url.href)) as Record<string, unknown>;
  } catch (e) {
    return { available: false, reason: `importing ${shown} failed: ${(e as Error).message}` };
  }
  const missing = REQUIRED.filter((name) => mod[name] === undefined || mod[name] === null);
  if (missing.length > 0) return { available: false, reason: `${shown} does not export ${missing.join(', ')}` };
  const api = mod as unknown as K23Api;
  if (typeof api.Module.fromBytes !== 'function' || typeof api.Val.i32 !== 'function' ||
      typeof api.ValType.i32 !== 'number') {
    return { available: false, reason: `${shown}: Module.fromBytes, Val.i32 or ValType.i32 has an unexpected shape` };
  }
  try {
    return { available: true, k23: new K23(api) };
  } catch (e) {
    return { available: false, reason: `setting up k23 failed: ${(e as Error).message}` };
  }
}
