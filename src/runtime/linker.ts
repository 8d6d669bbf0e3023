import { LinkError } from '../core/link_error.js';
import { externKindName, type FuncType } from '../core/types.js';
import type { Engine } from './engine.js';
import type { Extern } from './extern.js';
import { Func, type HostFunction } from './func.js';
import { externKindOf } from './import_matching.js';
import { Instance } from './instance.js';
import type { Module } from './module.js';
import type { Store } from './store.js';

interface HostDefinition<T> {
  readonly type: FuncType;
  readonly fn: HostFunction<T>;
  /** The `Func` made for each store that used the definition. */
  readonly perStore: WeakMap<object, Func>;
}

type Definition<T> = { readonly extern: Extern } | { readonly host: HostDefinition<T> };

/**
 * Resolves imports by module and field name, as wasmtime's `Linker`: define items (or whole instances) under
 * names, then instantiate modules against them.
 *
 * @example
 * const linker = new Linker<Ctx>(engine);
 * linker.funcWrap('env', 'log', new FuncType([ValType.i32], []), (caller, x) => caller.data.log.push(x));
 * const instance = linker.instantiate(store, module);
 */
export class Linker<T = unknown> {
  private readonly defs = new Map<string, Definition<T>>();
  private shadowing = false;

  constructor(readonly engine: Engine) {}

  /** Whether later definitions may replace earlier ones (default false: a duplicate is an error). */
  allowShadowing(allow: boolean): this {
    this.shadowing = allow;
    return this;
  }

  /** Defines `module::name` as `item`. */
  define(_store: Store<T>, module: string, name: string, item: Extern): this {
    this.insert(module, name, { extern: item });
    return this;
  }

  /** Defines a host function `module::name`, usable from any store of this linker's engine. */
  funcWrap(module: string, name: string, type: FuncType, fn: HostFunction<T>): this {
    this.insert(module, name, { host: { type, fn, perStore: new WeakMap() } });
    return this;
  }

  /** Defines every export of `instance` under module name `module`. */
  defineInstance(store: Store<T>, module: string, instance: Instance): this {
    for (const [name, item] of instance.exports(store as Store<unknown>)) this.insert(module, name, { extern: item });
    return this;
  }

  /** Defines every item of module name `module` again under module name `asModule`. */
  aliasModule(module: string, asModule: string): this {
    const prefix = `${module}\u0000`;
    const items = [...this.defs].filter(([k]) => k.startsWith(prefix));
    for (const [k, d] of items) this.insert(asModule, k.slice(prefix.length), d);
    return this;
  }

  /** The item defined as `module::name` for `store`, or undefined. */
  get(store: Store<T>, module: string, name: string): Extern | undefined {
    const d = this.defs.get(`${module}\u0000${name}`);
    return d === undefined ? undefined : this.resolve(store, d);
  }

  /** Instantiates `module` in `store`, resolving each import by name. */
  instantiate(store: Store<T>, module: Module): Instance {
    const imports = module.imports().map((imp) => {
      const item = this.get(store, imp.module, imp.name);
      if (item === undefined) {
        throw new LinkError(`Missing ${externKindName(imp.type.kind)} import ${imp.module}::${imp.name}`, 'unknown import');
      }
      return item;
    });
    return Instance.new(store as Store<unknown>, module, imports);
  }

  private resolve(store: Store<T>, d: Definition<T>): Extern {
    if ('extern' in d) return d.extern;
    let f = d.host.perStore.get(store);
    if (!f) {
      f = Func.wrap(store, d.host.type, d.host.fn);
      d.host.perStore.set(store, f);
    }
    return f;
  }

  private insert(module: string, name: string, d: Definition<T>): void {
    const key = `${module}\u0000${name}`;
    if (!this.shadowing && this.defs.has(key)) throw new LinkError(`Name ${module}::${name} is already defined`, 'duplicate definition');
    if ('extern' in d) externKindOf(d.extern); // kind check: only externs may be defined
    this.defs.set(key, d);
  }
}
