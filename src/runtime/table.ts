import { ValType, type TableType } from '../core/types.js';
import { rawFromVal, valFromRaw } from './raw_value.js';
import type { Store } from './store.js';
import { Val } from './val.js';

/** Most elements a table may grow to in this engine (an implementation limit; growth beyond fails with -1). */
export const TABLE_ELEMENT_LIMIT = 10_000_000;

/**
 * A table of references. Generated code indexes `elements` directly; growth appends in place so the array's
 * identity never changes.
 *
 * @example
 * const t = Table.create(store, { element: ValType.funcref, limits: { min: 4, max: null } }, Val.funcref(null));
 */
export class Table {
  /** @internal Raw elements: internal function objects (or null) for funcref, host values for externref. */
  readonly elements: unknown[] = [];
  private readonly max: number;

  constructor(
    /** @internal */ readonly owner: Store<unknown>,
    readonly type: TableType,
    init: unknown = null,
  ) {
    this.max = Math.min(type.limits.max ?? TABLE_ELEMENT_LIMIT, TABLE_ELEMENT_LIMIT);
    const min = type.limits.min;
    if (min > this.max) throw new RangeError('table minimum exceeds the implementation limit');
    for (let i = 0; i < min; i++) this.elements.push(init);
  }

  /** Creates a table of `type` in `store`, every element set to `init`. */
  static create(store: Store<unknown>, type: TableType, init: Val = type.element === ValType.funcref ? Val.funcref(null) : Val.externref(null)): Table {
    return new Table(store, type, rawFromVal(store, init, type.element));
  }

  size(store: Store<unknown>): number {
    this.check(store);
    return this.elements.length;
  }

  /** The element at `index`, or undefined when out of bounds. */
  get(store: Store<unknown>, index: number): Val | undefined {
    this.check(store);
    if (!(index >= 0 && index < this.elements.length)) return undefined;
    return valFromRaw(store, this.type.element, this.elements[index]);
  }

  set(store: Store<unknown>, index: number, value: Val): void {
    this.check(store);
    if (!(index >= 0 && index < this.elements.length)) throw new RangeError('out of bounds table access');
    this.elements[index] = rawFromVal(store, value, this.type.element);
  }

  /** Grows by `delta` elements set to `init`; returns the old size, or -1 when the table cannot grow. */
  grow(store: Store<unknown>, delta: number, init: Val): number {
    this.check(store);
    return this.growRaw(delta, rawFromVal(store, init, this.type.element));
  }

  /** @internal Growth as `table.grow` performs it (delta as uint32). */
  growRaw(delta: number, init: unknown): number {
    const old = this.elements.length;
    delta >>>= 0;
    if (old + delta > this.max) return -1;
    for (let i = 0; i < delta; i++) this.elements.push(init);
    return old;
  }

  private check(store: Store<unknown>): void {
    if (store !== this.owner) throw new Error('table used with a store it does not belong to');
  }
}
