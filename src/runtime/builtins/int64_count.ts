/**
 * i64 bit counts, read from a slot's int32 halves (`I` the `Int32Array` on the store's slots, `a` the slot):
 * reading the halves of a slot written as 64 bits is cheap (the narrow loads forward from the wide store).
 * Results are numbers in [0, 64].
 */

import { i32Ctz, i32Popcnt } from './int32_ops.js';

/** i64.clz: leading zero bits of slot `a`. */
export function i64Clz(I: Int32Array, a: number): number {
  const hi = I[2 * a + 1]!;
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(I[2 * a]!);
}

/** i64.ctz: trailing zero bits of slot `a`. */
export function i64Ctz(I: Int32Array, a: number): number {
  const lo = I[2 * a]!;
  return lo !== 0 ? i32Ctz(lo) : 32 + i32Ctz(I[2 * a + 1]!);
}

/** i64.popcnt: set bits of slot `a`. */
export function i64Popcnt(I: Int32Array, a: number): number {
  return i32Popcnt(I[2 * a]!) + i32Popcnt(I[2 * a + 1]!);
}
