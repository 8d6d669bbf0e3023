import { FuncType, ValType, valTypeName } from '../core/types.js';
import { TrapKind } from '../core/trap_kind.js';
import { trap } from './builtins/trap_op.js';
import { hostAdapter, typedEntry, type AdapterContext } from './call_adapters.js';
import type { Instance } from './instance.js';
import { rawFromVal, valFromRaw } from './raw_value.js';
import type { Store } from './store.js';
import { Trap } from './trap.js';
import { Val } from './val.js';
import type { Extern } from './extern.js';

/**
 * @internal A function as generated code calls it: non-i64 arguments, then the frame pointer; `sig` is the
 * engine-wide id of its type.
 */
export type InternalFunc = ((...args: unknown[]) => unknown) & { sig: number; fuel: number };

/** The JS value type a host function receives or returns for each wasm value type. */
export type HostValue = number | bigint | Func | null | unknown;

/** A host function: receives the `Caller` and the arguments as JS values, returns the result(s). */
export type HostFunction<T> = (caller: Caller<T>, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What a host function learns about its call: the store's data and the exports of the calling instance.
 * A host function called through a table or a funcref (not as a direct import) has no calling instance.
 */
export class Caller<T> {
  constructor(
    readonly store: Store<T>,
    /** The calling instance, or null. */
    readonly instance: Instance | null,
  ) {}

  /** The store's host data. */
  get data(): T {
    return this.store.data;
  }

  set data(v: T) {
    this.store.data = v;
  }

  /** An export of the calling instance (e.g. its `memory`), or undefined. */
  getExport(name: string): Extern | undefined {
    return this.instance?.getExport(this.store, name);
  }
}

/** @internal The adapter context of a store (cached on first use). */
export function adapterContext(store: Store<unknown>): AdapterContext {
  const anyStore = store as Store<unknown> & { adapterCtx?: AdapterContext };
  if (anyStore.adapterCtx) return anyStore.adapterCtx;
  const ctx: AdapterContext = {
    S: store.S,
    I: store.I,
    F: store.F,
    RR: store.RR,
    st: store,
    wrapF: (fn) => (fn === null || fn === undefined ? null : Func.fromInternal(store, fn as InternalFunc)),
    unwrapF: (f) => {
      if (f === null || f === undefined) return null;
      if (!(f instanceof Func)) throw new TypeError('expected a Func or null for a funcref value');
      if (f.store !== store) throw new Error('funcref used with a store it does not belong to');
      return f.fn;
    },
    bad: (value, expected) => {
      throw new TypeError(`host function returned ${typeof value === 'bigint' ? `${value}n` : String(value)} where ${expected} was expected`);
    },
    isTrap: (e) => e instanceof Trap,
    overflow: () => trap(TrapKind.stackOverflow),
  };
  anyStore.adapterCtx = ctx;
  return ctx;
}

/**
 * A WebAssembly function: defined by a module or by the host (`Func.wrap`). Call it with `call` (checked
 * `Val`s) or through `typed` (plain JS values, faster).
 *
 * @example
 * const double = Func.wrap(store, new FuncType([ValType.i32], [ValType.i32]), (_caller, x: number) => x * 2);
 */
export class Func {
  private typedCache: ((...args: unknown[]) => unknown) | null = null;
  private boundCallers: WeakMap<Instance, InternalFunc> | null = null;

  private constructor(
    readonly store: Store<unknown>,
    /** @internal */ readonly fn: InternalFunc,
    private readonly funcType: FuncType,
    /** @internal For host functions: the host function. */
    readonly host: HostFunction<unknown> | null,
  ) {}

  /** A host function of `type` for `store`. */
  static wrap<T>(store: Store<T>, type: FuncType, host: HostFunction<T>): Func {
    const s = store as Store<unknown>;
    const fn = hostAdapter(s.engine, type, adapterContext(s), host, new Caller(s, null)) as InternalFunc;
    fn.sig = s.engine.types.intern(type);
    fn.fuel = 0; // the same property shape as wasm functions (see compileModule); the host is not metered
    const f = new Func(s, fn, type, host as HostFunction<unknown>);
    s.funcWrappers.set(fn, f);
    return f;
  }

  /** @internal The handle of an internal function object. */
  static fromInternal(store: Store<unknown>, fn: InternalFunc): Func {
    let f = store.funcWrappers.get(fn) as Func | undefined;
    if (!f) {
      f = new Func(store, fn, store.engine.types.get(fn.sig), null);
      store.funcWrappers.set(fn, f);
    }
    return f;
  }

  /** @internal The function to call directly from `instance` (host functions then see it as the caller). */
  callTargetFor(instance: Instance): InternalFunc {
    if (!this.host) return this.fn;
    this.boundCallers ??= new WeakMap();
    let fn = this.boundCallers.get(instance);
    if (!fn) {
      fn = hostAdapter(this.store.engine, this.funcType, adapterContext(this.store), this.host, new Caller(this.store, instance)) as InternalFunc;
      fn.sig = this.fn.sig;
      fn.fuel = 0;
      this.boundCallers.set(instance, fn);
    }
    return fn;
  }

  /** The function's type. */
  type(store: Store<unknown>): FuncType {
    this.check(store);
    return this.funcType;
  }

  /**
   * Calls the function with checked arguments; returns its results. A trap is thrown as `Trap`; an error thrown
   * by a host function is thrown unchanged.
   */
  call(store: Store<unknown>, params: readonly Val[]): Val[] {
    this.check(store);
    const t = this.funcType;
    if (params.length !== t.params.length) throw new TypeError(`expected ${t.params.length} arguments, got ${params.length}`);
    // An array that starts with object elements keeps doubles boxed: V8 canonicalizes NaNs stored into
    // double-element arrays, which would lose payloads.
    const raw: unknown[] = new Array<unknown>(params.length).fill(null);
    for (let i = 0; i < params.length; i++) {
      const expected = t.params[i]!;
      const p = params[i]!;
      if (p.type !== expected) throw new TypeError(`argument type mismatch: found ${valTypeName(p.type)} but expected ${valTypeName(expected)}`);
      raw[i] = expected === ValType.funcref ? p.value : rawFromVal(store, p, expected);
    }
    const r = this.entry()(...raw);
    if (t.results.length === 0) return [];
    // The entry returns API values: funcref results are already `Func | null`.
    const results = t.results.length === 1 ? [r] : (r as unknown[]);
    return t.results.map((rt, i) => (rt === ValType.funcref ? Val.funcref(results[i] as Func | null) : valFromRaw(store, rt, results[i])));
  }

  /**
   * A fast caller with plain JS values, after checking the function has exactly these param and result types:
   * i32/f32/f64 as numbers, i64 as bigint, funcref as `Func | null`, externref as any.
   */
  typed<P extends unknown[] = unknown[], R = unknown>(store: Store<unknown>, params: readonly ValType[], results: readonly ValType[]): TypedFunc<P, R> {
    this.check(store);
    const want = new FuncType(params, results);
    if (!want.equals(this.funcType)) throw new TypeError(`type mismatch: function has type ${this.funcType}, not ${want}`);
    return new TypedFunc<P, R>(this.entry() as (...args: P) => R);
  }

  private entry(): (...args: unknown[]) => unknown {
    this.typedCache ??= typedEntry(this.store.engine, this.funcType, adapterContext(this.store), this.fn);
    return this.typedCache;
  }

  private check(store: Store<unknown>): void {
    if (store !== this.store) throw new Error('function used with a store it does not belong to');
  }
}

/** A function with a statically checked signature, called with plain JS values. */
export class TypedFunc<P extends unknown[], R> {
  constructor(
    /** The raw caller: the fastest way into wasm. */
    readonly fn: (...args: P) => R,
  ) {}

  /** Calls the function. `store` is checked when the TypedFunc is made; pass the same one. */
  call(_store: Store<unknown>, ...args: P): R {
    return this.fn(...args);
  }
}
