/**
 * i64 division and remainder on slots (see `int64_slots.ts`): `S` is the store's `BigUint64Array` of slots, `I`
 * the `Int32Array` on the same buffer; `a`, `b`, `d` are slot indices (dividend, divisor, destination).
 *
 * BigInt division costs 20-40 ns (it allocates), V8's native `i64.div_u` ~2 ns. Divisors of up to 32 bits are done
 * in doubles instead, where every step below is exact.
 * Unsigned, divisor in [1, 2^30), any dividend (the inline path of `i64DivU`/`i64RemU`): two 32-bit digits with one
 * reciprocal `inv = 1 / dv` and no branch on the operands' ranges. q1 = floor(nh * inv) is within +-1 of the high
 * digit (nh * inv is off by < 2^-20), so rh = nh - q1 * dv lies in [-dv, 2dv); q0 = floor((rh * 2^32 + nl) * inv)
 * is within +-1 (the partial dividend, |.| < 2^63, is rounded by at most 2^9, and only when dv > 2^20); the
 * remainder of that estimate lies in [-dv, 2dv), so its low 32 bits (`Math.imul`) are exact and decide a +-1
 * correction. q1 * 2^32 + q0 is the quotient whatever q1's error; both digits are written as biased doubles and
 * combined with one BigInt shift and add. Signed division (below) still uses the one-division estimate:
 * - a dividend below 2^52 (2^51 signed) is an exact double, and the floor (trunc) of a double quotient of two
 *   integers below 2^53 is the integer quotient;
 * - for a divisor in [2^21, 2^30) and any dividend, one division of the rounded dividend gives the quotient within
 *   +-1 (the dividend is off by at most 2^10, the rounded quotient, below 2^43, by at most 2^-10); the remainder
 *   of that estimate lies in [-d, 2d), inside the int32 range, so its low 32 bits (exact with `Math.imul`) are
 *   the remainder itself and decide the correction;
 * - smaller divisors with larger dividends: schoolbook division in two 32-bit digits (partial dividends < 2^53);
 * - divisors in [2^30, 2^32): schoolbook division in 16-bit digits.
 * Divisors of 33 bits or more (rare) and division by zero take BigInt.
 *
 * The exported functions hold only the common cases, so that TurboFan inlines them into generated code (it inlines
 * at most ~920 bytes of bytecode into one function, all helpers together); the rest is behind one call.
 */

import { Trap, TrapKind } from '../trap.js';
import { i64SetHalves, i64SetInt } from './int64_slots.js';

const TWO_32 = 4294967296;
/** 2^52: the double 2^52 + v has the bits 0x4330000000000000 | v for integers v in [0, 2^52). */
const TWO_52 = 4503599627370496;
/** 2^52 + 2^51: the double BIAS + v has the bits 0x4338000000000000 + v for integers v in [-2^51, 2^51). */
const BIAS = 6755399441055744;

/** Scratch slot for the result, written and read within one call (one 64-bit store, no forwarding stall). */
const scratch = new BigUint64Array(2);
const scratchF = new Float64Array(scratch.buffer);

/** i64.div_u: S[d] = S[a] / S[b], unsigned; traps on division by zero. */
export function i64DivU(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  const dv = I[2 * b]!;
  // Divisor in [1, 2^30), any dividend: two digits with one reciprocal (see the file comment).
  if (I[2 * b + 1] === 0 && (dv - 1) >>> 0 < 0x3fffffff) {
    const nh = I[2 * a + 1]! >>> 0, nl = I[2 * a]! >>> 0, inv = 1 / dv;
    const q1 = Math.floor(nh * inv);
    const q0 = Math.floor(((nh - q1 * dv) * TWO_32 + nl) * inv);
    const r = (nl - Math.imul(q0, dv)) | 0;
    scratchF[0] = (r < 0 ? q0 - 1 : r >= dv ? q0 + 1 : q0) + BIAS;
    scratchF[1] = q1 + BIAS;
    S[d] = (scratch[1]! << 32n) + scratch[0]! - 0x4338000000000000n;
    return;
  }
  divUOther(S, I, a, b, d);
}

/** i64.rem_u: S[d] = S[a] % S[b], unsigned; traps on division by zero. */
export function i64RemU(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  const dv = I[2 * b]!;
  if (I[2 * b + 1] === 0 && (dv - 1) >>> 0 < 0x3fffffff) {
    const nh = I[2 * a + 1]! >>> 0, nl = I[2 * a]! >>> 0, inv = 1 / dv;
    const r = (nl - Math.imul(Math.floor(((nh - Math.floor(nh * inv) * dv) * TWO_32 + nl) * inv), dv)) | 0;
    scratchF[0] = (r < 0 ? r + dv : r >= dv ? r - dv : r) + TWO_52;
    S[d] = scratch[0]! ^ 0x4330000000000000n;
    return;
  }
  remUOther(S, I, a, b, d);
}

/**
 * i64.div_s: S[d] = S[a] / S[b], signed, truncating; traps on division by zero and on INT64_MIN / -1.
 * The fast path works on magnitudes without branching on signs (signs of random data mispredict: measured
 * 15.6 ns per loop iteration with `if (negative)` against 6.9 ns without): the rounded |n| comes from the signed double, the exact low
 * 32 bits of |n| from `(lo ^ s) - s`, and the sign is applied by multiplying with +-1.
 */
export function i64DivS(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  const dl = I[2 * b]!, nh = I[2 * a + 1]!;
  const t = dl >> 31, dv = (dl ^ t) - t;
  // Divisor an int32 with |d| in (0, 2^30), dividend exact (|n| <= 2^51) or |d| >= 2^21; one unsigned compare
  // for the dividend's range (two signed ones would mispredict on random signs).
  if (I[2 * b + 1] === t && dv !== 0 && dv < 0x40000000 && ((nh + 0x80000) >>> 0 < 0x100000 || dv >= 0x200000)) {
    const s = nh >> 31, nl = I[2 * a]!;
    const lo = ((nl ^ s) - s) >>> 0;
    const q = Math.floor(Math.abs(nh * TWO_32 + (nl >>> 0)) / dv);
    const r = (lo - Math.imul(q, dv)) | 0;
    scratchF[0] = (r < 0 ? q - 1 : r >= dv ? q + 1 : q) * ((s ^ t) | 1) + BIAS;
    S[d] = scratch[0]! - 0x4338000000000000n;
    return;
  }
  divSOther(S, I, a, b, d);
}

/** i64.rem_s: S[d] = S[a] % S[b], signed, with the dividend's sign; INT64_MIN % -1 is 0; traps on zero. */
export function i64RemS(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  const dl = I[2 * b]!, nh = I[2 * a + 1]!;
  const t = dl >> 31, dv = (dl ^ t) - t;
  if (I[2 * b + 1] === t && dv !== 0 && dv < 0x40000000 && ((nh + 0x80000) >>> 0 < 0x100000 || dv >= 0x200000)) {
    const s = nh >> 31, nl = I[2 * a]!;
    const lo = ((nl ^ s) - s) >>> 0;
    const r = (lo - Math.imul(Math.floor(Math.abs(nh * TWO_32 + (nl >>> 0)) / dv), dv)) | 0;
    scratchF[0] = (r < 0 ? r + dv : r >= dv ? r - dv : r) * (s | 1) + BIAS;
    S[d] = scratch[0]! - 0x4338000000000000n;
    return;
  }
  remSOther(S, I, a, b, d);
}

/**
 * floor(n / dv) for n = nh * 2^32 + nl and 1 <= dv < 2^32, written to slot `d`, negated when `neg`. The operands
 * come as int32 bit patterns: a uint32 above 2^31 passed to a function that is not inlined would be boxed as a
 * heap number (measured: 35 ns per call instead of 10).
 */
function udivToSlot(S: BigUint64Array, d: number, lo: number, hi: number, div: number, neg: boolean): void {
  const nl = lo >>> 0, nh = hi >>> 0, dv = div >>> 0;
  let q: number;
  if (dv >= 0x40000000) {
    // 16-bit digits: each partial dividend is below 2^48; the quotient below 2^34.
    const q1 = Math.floor(nh / dv);
    let t = (nh - q1 * dv) * 65536 + (nl >>> 16);
    const q2 = Math.floor(t / dv);
    t = (t - q2 * dv) * 65536 + (nl & 0xffff);
    q = q1 * TWO_32 + q2 * 65536 + Math.floor(t / dv);
  } else if (dv >= 0x200000) {
    q = Math.floor((nh * TWO_32 + nl) / dv);
    const r = (nl - Math.imul(q, dv)) | 0;
    q = r < 0 ? q - 1 : r >= dv ? q + 1 : q;
  } else if (nh < dv) {
    q = Math.floor((nh * TWO_32 + nl) / dv);
  } else {
    // Two 32-bit digits; the quotient may need all 64 bits.
    const q1 = Math.floor(nh / dv);
    const q0 = Math.floor(((nh - q1 * dv) * TWO_32 + nl) / dv);
    if (neg) i64SetHalves(S, d, -q0, q0 === 0 ? -q1 : ~q1);
    else i64SetHalves(S, d, q0, q1);
    return;
  }
  i64SetInt(S, d, neg ? -q : q);
}

/** n mod dv, negated when `neg`, written to slot `d`; operands as in `udivToSlot`. */
function uremToSlot(S: BigUint64Array, d: number, lo: number, hi: number, div: number, neg: boolean): void {
  const nl = lo >>> 0, nh = hi >>> 0, dv = div >>> 0;
  let r: number;
  if (dv >= 0x40000000) {
    let t = (nh - Math.floor(nh / dv) * dv) * 65536 + (nl >>> 16);
    t = (t - Math.floor(t / dv) * dv) * 65536 + (nl & 0xffff);
    r = t - Math.floor(t / dv) * dv;
  } else if (dv >= 0x200000) {
    r = (nl - Math.imul(Math.floor((nh * TWO_32 + nl) / dv), dv)) | 0;
    r = r < 0 ? r + dv : r >= dv ? r - dv : r;
  } else {
    const t = (nh < dv ? nh : nh - Math.floor(nh / dv) * dv) * TWO_32 + nl;
    r = t - Math.floor(t / dv) * dv;
  }
  i64SetInt(S, d, neg ? -r : r);
}

/** The cases `i64DivU` leaves out: zero, divisors of 2^30 or more, small divisors of large dividends. */
function divUOther(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  const dl = I[2 * b]!, dh = I[2 * b + 1]!;
  if (dh === 0 && dl !== 0) {
    udivToSlot(S, d, I[2 * a]!, I[2 * a + 1]!, dl, false);
    return;
  }
  const y = S[b]!;
  if (y === 0n) throw new Trap(TrapKind.integerDivideByZero);
  S[d] = S[a]! / y;
}

/** The cases `i64RemU` leaves out. */
function remUOther(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  const dl = I[2 * b]!, dh = I[2 * b + 1]!;
  if (dh === 0 && dl !== 0) {
    uremToSlot(S, d, I[2 * a]!, I[2 * a + 1]!, dl, false);
    return;
  }
  const y = S[b]!;
  if (y === 0n) throw new Trap(TrapKind.integerDivideByZero);
  S[d] = S[a]! % y;
}

/** The cases `i64DivS` leaves out: through magnitudes when |divisor| < 2^32, else BigInt. */
function divSOther(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  let nl = I[2 * a]!, nh = I[2 * a + 1]!, dl = I[2 * b]!, dh = I[2 * b + 1]!;
  if (dl === -1 && dh === -1 && nl === 0 && nh === -0x80000000) throw new Trap(TrapKind.integerOverflow);
  const dneg = dh < 0;
  if (dneg) {
    dh = dl === 0 ? -dh : ~dh;
    dl = -dl;
  }
  if (dh === 0 && dl !== 0) {
    const nneg = nh < 0;
    if (nneg) {
      nh = nl === 0 ? -nh : ~nh;
      nl = -nl;
    }
    udivToSlot(S, d, nl | 0, nh | 0, dl | 0, nneg !== dneg);
    return;
  }
  const y = BigInt.asIntN(64, S[b]!);
  if (y === 0n) throw new Trap(TrapKind.integerDivideByZero);
  S[d] = BigInt.asUintN(64, BigInt.asIntN(64, S[a]!) / y);
}

/** The cases `i64RemS` leaves out. */
function remSOther(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  let nl = I[2 * a]!, nh = I[2 * a + 1]!, dl = I[2 * b]!, dh = I[2 * b + 1]!;
  if (dh < 0) {
    dh = dl === 0 ? -dh : ~dh;
    dl = -dl;
  }
  if (dh === 0 && dl !== 0) {
    const nneg = nh < 0;
    if (nneg) {
      nh = nl === 0 ? -nh : ~nh;
      nl = -nl;
    }
    uremToSlot(S, d, nl | 0, nh | 0, dl | 0, nneg);
    return;
  }
  const y = BigInt.asIntN(64, S[b]!);
  if (y === 0n) throw new Trap(TrapKind.integerDivideByZero);
  S[d] = BigInt.asUintN(64, BigInt.asIntN(64, S[a]!) % y);
}
