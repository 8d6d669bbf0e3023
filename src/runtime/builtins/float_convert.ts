/**
 * Conversions between floats and integers, and between f32 and f64, on the generated-code representation
 * (see `float_bits.ts`; i64 results go into slots, see `int64_slots.ts`; i64 inputs come as int32 halves).
 *
 * Range tests are written as one comparison pair that NaN fails, so the common case costs two compares; the
 * bounds are the exact doubles just outside each integer range (every f32 is also such a double).
 */

import { Trap, TrapKind } from '../trap.js';
import { quietNaN } from './float_bits.js';
import { i64SetHalves, i64SetIntegral } from './int64_slots.js';

const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;
const TWO_64 = 18446744073709551616;

/** The trap for a failed trapping conversion: NaN is invalid, anything else out of range. */
function truncTrap(x: number): never {
  throw new Trap(x !== x ? TrapKind.invalidConversionToInteger : TrapKind.integerOverflow);
}

/** i32.trunc_f64_s (also i32.trunc_f32_s: every f32 is an f64 and the bounds are the same). */
export function i32TruncF64S(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  return truncTrap(x);
}

/** i32.trunc_f64_u; the result as an int32 bit pattern. */
export function i32TruncF64U(x: number): number {
  if (x > -1 && x < TWO_32) return x | 0;
  return truncTrap(x);
}

/** i32.trunc_f32_s. */
export function i32TruncF32S(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  return truncTrap(x);
}

/** i32.trunc_f32_u. */
export function i32TruncF32U(x: number): number {
  if (x > -1 && x < TWO_32) return x | 0;
  return truncTrap(x);
}

/** i32.trunc_sat_f64_s (and _f32_s): NaN is 0, out-of-range values clamp. */
export function i32TruncSatF64S(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  return x !== x ? 0 : x < 0 ? -2147483648 : 2147483647;
}

/** i32.trunc_sat_f64_u (and _f32_u); the result as an int32 bit pattern. */
export function i32TruncSatF64U(x: number): number {
  if (x > -1 && x < TWO_32) return x | 0;
  return x > 0 ? -1 : 0;
}

/** i32.trunc_sat_f32_s. */
export function i32TruncSatF32S(x: number): number {
  return i32TruncSatF64S(x);
}

/** i32.trunc_sat_f32_u. */
export function i32TruncSatF32U(x: number): number {
  return i32TruncSatF64U(x);
}

/** i64.trunc_f64_s: writes slot `d` of `S`; -2^63 is the only double at or below -2^63 in range. */
export function i64TruncF64S(S: BigUint64Array, x: number, d: number): void {
  if (x >= -TWO_63 && x < TWO_63) i64SetIntegral(S, d, Math.trunc(x));
  else truncTrap(x);
}

/** i64.trunc_f64_u: writes slot `d`. */
export function i64TruncF64U(S: BigUint64Array, x: number, d: number): void {
  if (x > -1 && x < TWO_64) i64SetIntegral(S, d, Math.trunc(x));
  else truncTrap(x);
}

/** i64.trunc_f32_s: writes slot `d`. */
export function i64TruncF32S(S: BigUint64Array, x: number, d: number): void {
  i64TruncF64S(S, x, d);
}

/** i64.trunc_f32_u: writes slot `d`. */
export function i64TruncF32U(S: BigUint64Array, x: number, d: number): void {
  i64TruncF64U(S, x, d);
}

/** i64.trunc_sat_f64_s: writes slot `d`; NaN is 0, out-of-range values clamp. */
export function i64TruncSatF64S(S: BigUint64Array, x: number, d: number): void {
  if (x >= -TWO_63 && x < TWO_63) i64SetIntegral(S, d, Math.trunc(x));
  else if (x !== x) i64SetHalves(S, d, 0, 0);
  else if (x < 0) i64SetHalves(S, d, 0, 0x80000000);
  else i64SetHalves(S, d, -1, 0x7fffffff);
}

/** i64.trunc_sat_f64_u: writes slot `d`. */
export function i64TruncSatF64U(S: BigUint64Array, x: number, d: number): void {
  if (x > -1 && x < TWO_64) i64SetIntegral(S, d, Math.trunc(x));
  else if (x > 0) i64SetHalves(S, d, -1, -1);
  else i64SetHalves(S, d, 0, 0);
}

/** i64.trunc_sat_f32_s: writes slot `d`. */
export function i64TruncSatF32S(S: BigUint64Array, x: number, d: number): void {
  i64TruncSatF64S(S, x, d);
}

/** i64.trunc_sat_f32_u: writes slot `d`. */
export function i64TruncSatF32U(S: BigUint64Array, x: number, d: number): void {
  i64TruncSatF64U(S, x, d);
}

/** f32.convert_i32_s: one rounding from the exact double. */
export function f32ConvertI32S(x: number): number {
  return Math.fround(x);
}

/** f32.convert_i32_u. */
export function f32ConvertI32U(x: number): number {
  return Math.fround(x >>> 0);
}

/** f64.convert_i32_s: exact. */
export function f64ConvertI32S(x: number): number {
  return x | 0;
}

/** f64.convert_i32_u: exact. */
export function f64ConvertI32U(x: number): number {
  return x >>> 0;
}

/** f64.convert_i64_s from the int32 halves: hi * 2^32 is exact, so the sum rounds once. */
export function f64ConvertI64S(lo: number, hi: number): number {
  return (hi | 0) * TWO_32 + (lo >>> 0);
}

/** f64.convert_i64_u from the int32 halves. */
export function f64ConvertI64U(lo: number, hi: number): number {
  return (hi >>> 0) * TWO_32 + (lo >>> 0);
}

/**
 * f32.convert_i64_u from the int32 halves, rounded once. Below 2^53 the double is exact. Above, rounding to a
 * double and then to f32 could round twice, so the value is first rounded to odd at bit 11 (the low 11 bits are
 * cleared and, if any was set, bit 11 is set): that makes the double exact and keeps what the f32 rounding needs,
 * since f32's rounding bit is at bit 29 or higher there.
 */
export function f32ConvertI64U(lo: number, hi: number): number {
  const h = hi >>> 0;
  if (h < 0x200000) return Math.fround(h * TWO_32 + (lo >>> 0));
  return Math.fround(h * TWO_32 + (((lo & ~0x7ff) | ((lo & 0x7ff) === 0 ? 0 : 0x800)) >>> 0));
}

/**
 * f32.convert_i64_s from the int32 halves. Rounding to odd works on the two's-complement value as is (it picks
 * the neighbouring multiple of 2^11 with bit 11 set, whatever the sign), so negatives need no negation. The range
 * test is one unsigned compare: a signed pair of compares mispredicts on inputs of random sign (measured 7 ns vs
 * 1.2 ns per call).
 */
export function f32ConvertI64S(lo: number, hi: number): number {
  if ((hi + 0x200000) >>> 0 < 0x400000) return Math.fround(hi * TWO_32 + (lo >>> 0));
  return Math.fround(hi * TWO_32 + (((lo & ~0x7ff) | ((lo & 0x7ff) === 0 ? 0 : 0x800)) >>> 0));
}

/** f64.promote_f32: exact for numbers; a NaN must come out quiet (canonical stays canonical). */
export function f64PromoteF32(x: number): number {
  return x === x ? x : quietNaN(x);
}

/**
 * f32.demote_f64: `Math.fround` rounds once, and for NaN keeps the top 23 payload bits and sets the quiet bit
 * (measured, cold and optimized), which is a valid f32 representation and an arithmetic NaN.
 */
export function f32DemoteF64(x: number): number {
  return Math.fround(x);
}
