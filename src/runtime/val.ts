import { ValType, valTypeName } from '../core/types.js';
import { f32FromBits, f32ToBits } from './builtins/float_bits.js';
import type { Func } from './func.js';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/**
 * A WebAssembly value at the API boundary, tagged with its type: i32 (number), i64 (bigint), f32 and f64
 * (number, with constructors from exact bit patterns so NaN payloads survive), funcref (`Func` or null) and
 * externref (any host value, or null).
 *
 * @example
 * const [sum] = add.call(store, [Val.i32(2), Val.i32(40)]); // sum.value === 42
 */
export class Val {
  private constructor(
    /** The value's type. */
    readonly type: ValType,
    /** i32: int32 number; i64: signed bigint; f32/f64: number; funcref: Func | null; externref: any. */
    readonly value: unknown,
  ) {}

  static i32(v: number): Val {
    return new Val(ValType.i32, v | 0);
  }

  /** An i64 from a bigint, wrapped to 64 bits and held signed. */
  static i64(v: bigint | number): Val {
    return new Val(ValType.i64, BigInt.asIntN(64, BigInt(v)));
  }

  static f32(v: number): Val {
    return new Val(ValType.f32, Math.fround(v));
  }

  /** An f32 from its IEEE bits (keeps NaN payloads). */
  static f32Bits(bits: number): Val {
    return new Val(ValType.f32, f32FromBits(bits | 0));
  }

  static f64(v: number): Val {
    return new Val(ValType.f64, +v);
  }

  /** An f64 from its IEEE bits (keeps NaN payloads). */
  static f64Bits(bits: bigint): Val {
    u64[0] = BigInt.asUintN(64, bits);
    return new Val(ValType.f64, f64[0]!);
  }

  static funcref(f: Func | null): Val {
    return new Val(ValType.funcref, f);
  }

  static externref(v: unknown): Val {
    return new Val(ValType.externref, v);
  }

  /** @internal A value of type `t` from its internal representation (f32 already in the engine's form). */
  static fromRaw(t: ValType, raw: unknown): Val {
    return new Val(t, raw);
  }

  /** The IEEE bits of an f32 value (uint32). */
  f32Bits(): number {
    if (this.type !== ValType.f32) throw new TypeError(`f32Bits() of a ${valTypeName(this.type)} value`);
    return f32ToBits(this.value as number) >>> 0;
  }

  /** The IEEE bits of an f64 value (uint64). */
  f64Bits(): bigint {
    if (this.type !== ValType.f64) throw new TypeError(`f64Bits() of a ${valTypeName(this.type)} value`);
    f64[0] = this.value as number;
    return u64[0]!;
  }

  toString(): string {
    return `${valTypeName(this.type)}:${String(this.value)}`;
  }
}
