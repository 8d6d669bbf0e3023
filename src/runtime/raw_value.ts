import { ValType, valTypeName } from '../core/types.js';
import { Func, type InternalFunc } from './func.js';
import type { Store } from './store.js';
import { Val } from './val.js';

/**
 * Conversions between `Val` (the API form) and the raw form generated code uses: i32 number, i64 bigint (any
 * sign; slots wrap it), f32 in the engine's NaN-preserving form, f64 number, funcref as the internal function
 * object or null, externref as the host value.
 */

/** @internal The raw form of `v`, checked against the expected type. */
export function rawFromVal(store: Store<unknown>, v: Val, expected: ValType): unknown {
  if (!(v instanceof Val)) throw new TypeError(`expected a Val of type ${valTypeName(expected)}`);
  if (v.type !== expected) throw new TypeError(`type mismatch: found ${valTypeName(v.type)} but expected ${valTypeName(expected)}`);
  if (expected === ValType.funcref) {
    const f = v.value as Func | null;
    if (f === null) return null;
    if (f.store !== store) throw new Error('funcref used with a store it does not belong to');
    return f.fn;
  }
  return v.value;
}

/** @internal The `Val` of raw value `raw` of type `t`. */
export function valFromRaw(store: Store<unknown>, t: ValType, raw: unknown): Val {
  switch (t) {
    case ValType.i64:
      return Val.i64(raw as bigint);
    case ValType.funcref:
      return Val.funcref(raw === null || raw === undefined ? null : Func.fromInternal(store, raw as InternalFunc));
    default:
      return Val.fromRaw(t, raw);
  }
}
