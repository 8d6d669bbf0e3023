/**
 * Writing Numbers into i64 slots without a store-forwarding stall.
 *
 * A slot is one element of a per-store `BigUint64Array` `S`, aliased by an `Int32Array` (halves at 2k, 2k+1).
 * Writing the two int32 halves and then reading the slot as one 64-bit value makes the CPU wait for both stores
 * to reach the cache (two narrow stores cannot forward to one wide load): measured ~3 ns per result. These helpers
 * instead write one double whose bits hold the integer (2^52 + 2^51 + v has bits 0x4338000000000000 + v for
 * |v| < 2^51) into a scratch slot and fix it up with a BigInt operation that TurboFan lowers to one machine
 * instruction, so every store the next 64-bit read sees is 64 bits wide.
 *
 * The scratch arrays are written and read within one call (re-entrant).
 */

const scratch = new BigUint64Array(2);
const scratchF = new Float64Array(scratch.buffer);

/** 2^52 + 2^51: the bias whose double has a fixed exponent for every integer in [-2^51, 2^51). */
const BIAS = 6755399441055744;
/** 2^52: the bias for unsigned 32-bit values. */
const BIAS_U = 4503599627370496;

/** Stores the integer `v` in [-2^51, 2^51) into slot `d` as its two's-complement 64-bit pattern. */
export function i64SetInt(S: BigUint64Array, d: number, v: number): void {
  scratchF[0] = v + BIAS;
  S[d] = scratch[0]! - 0x4338000000000000n;
}

/** Stores `hi:lo` (each an int32 or uint32 number) into slot `d`. */
export function i64SetHalves(S: BigUint64Array, d: number, lo: number, hi: number): void {
  scratchF[0] = (lo >>> 0) + BIAS_U;
  scratchF[1] = (hi >>> 0) + BIAS_U;
  S[d] = (scratch[0]! ^ 0x4330000000000000n) | ((scratch[1]! ^ 0x4330000000000000n) << 32n);
}

/**
 * Stores an integer-valued double `t` with -2^63 <= t < 2^64 into slot `d`, modulo 2^64 (the truncating
 * conversions' results, signed or unsigned).
 */
export function i64SetIntegral(S: BigUint64Array, d: number, t: number): void {
  if (t < 2251799813685248 && t >= -2251799813685248) {
    scratchF[0] = t + BIAS;
    S[d] = scratch[0]! - 0x4338000000000000n;
    return;
  }
  // |t| >= 2^51 is a multiple of a power of two large enough that both parts below are exact.
  const hi = Math.floor(t / 4294967296);
  i64SetHalves(S, d, t - hi * 4294967296, hi);
}

/** Stores the int32 `x` sign-extended (i64.extend_i32_s). */
export function i64ExtendI32S(S: BigUint64Array, d: number, x: number): void {
  scratchF[0] = x + BIAS;
  S[d] = scratch[0]! - 0x4338000000000000n;
}

/** Stores the int32 `x` zero-extended (i64.extend_i32_u). */
export function i64ExtendI32U(S: BigUint64Array, d: number, x: number): void {
  scratchF[0] = (x >>> 0) + BIAS_U;
  S[d] = scratch[0]! ^ 0x4330000000000000n;
}
