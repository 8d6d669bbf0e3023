import { ValType, valTypeName, type GlobalType } from '../core/types.js';
import { rawFromVal, valFromRaw } from './raw_value.js';
import type { Store } from './store.js';
import type { Val } from './val.js';

/** @internal The one-element cell of a global as generated code reads it (`g3[0]`). */
export type GlobalCell = Int32Array | Float64Array | BigUint64Array | unknown[];

/** @internal A cell for a global of type `t`: typed arrays keep numbers unboxed and NaN bits exact. */
export function makeCell(t: ValType): GlobalCell {
  switch (t) {
    case ValType.i32:
      return new Int32Array(1);
    case ValType.i64:
      return new BigUint64Array(1);
    case ValType.f32:
    case ValType.f64:
      return new Float64Array(1);
    default:
      return [null];
  }
}

/**
 * A global variable. Generated code reads and writes its cell directly; the API reads and writes it as `Val`.
 *
 * @example
 * const g = Global.create(store, { type: ValType.i32, mutable: true }, Val.i32(7));
 */
export class Global {
  /** @internal */
  readonly cell: GlobalCell;

  constructor(
    /** @internal */ readonly owner: Store<unknown>,
    readonly type: GlobalType,
  ) {
    this.cell = makeCell(type.type);
  }

  /** Creates a global in `store` with an initial value. */
  static create(store: Store<unknown>, type: GlobalType, value: Val): Global {
    const g = new Global(store, type);
    g.setRaw(rawFromVal(store, value, type.type));
    return g;
  }

  get(store: Store<unknown>): Val {
    this.check(store);
    return valFromRaw(store, this.type.type, this.getRaw());
  }

  /** Sets the value; an immutable global rejects it. */
  set(store: Store<unknown>, value: Val): void {
    this.check(store);
    if (!this.type.mutable) throw new TypeError('global is immutable');
    this.setRaw(rawFromVal(store, value, this.type.type));
  }

  /** @internal */
  getRaw(): unknown {
    return this.cell[0];
  }

  /** @internal */
  setRaw(v: unknown): void {
    (this.cell as unknown[])[0] = v;
  }

  private check(store: Store<unknown>): void {
    if (store !== this.owner) throw new Error('global used with a store it does not belong to');
  }

  toString(): string {
    return `global ${this.type.mutable ? 'mut ' : ''}${valTypeName(this.type.type)}`;
  }
}
