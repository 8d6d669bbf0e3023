/**
 * Float operations with exact wasm semantics on the generated-code representation (see `float_bits.ts`).
 *
 * What plain JS already gets right, measured on Node 20 (V8 11.3), cold and optimized:
 * - `-x` and `Math.abs(x)` flip or clear the sign bit only, signalling NaN payloads kept: wasm's neg/abs.
 * - `Math.sqrt` and `+`, `-`, `*`, `/` on NaNs give quiet NaNs; `Math.min`/`Math.max` give V8's default NaN
 *   (0xfff8000000000000, a canonical NaN) when an input is NaN and order -0 below +0: wasm's min/max exactly.
 * - `Math.fround(a op b)` for op in + - * / and `Math.fround(Math.sqrt(a))` round f32 correctly: binary64 has
 *   more than 2*24+2 bits, so rounding twice is innocuous for these operations.
 * What it does not: `Math.floor`/`ceil`/`trunc` return a signalling NaN unquieted before TurboFan optimizes the
 * caller (the optimized code quiets it), and there is no ties-to-even rounding, hence the helpers here.
 *
 * f32 and f64 share most helpers: an f32 NaN is represented by an f64 NaN with the same sign and the f32 quiet bit
 * on the f64 quiet bit, and integer-valued results of f32 inputs are representable in binary32.
 */

import { quietNaN, signBit } from './float_bits.js';

/** 2^52: adding and subtracting it rounds a double of smaller magnitude to an integer, ties to even. */
const TWO_52 = 4503599627370496;

/** f64.neg: flips the sign bit, payload kept. */
export function f64Neg(x: number): number {
  return -x;
}

/** f64.abs: clears the sign bit, payload kept. */
export function f64Abs(x: number): number {
  return Math.abs(x);
}

/** f64.copysign: the magnitude of `x` (payload kept) with the sign bit of `y` (also for NaN and -0). */
export function f64Copysign(x: number, y: number): number {
  return signBit(y) ? -Math.abs(x) : Math.abs(x);
}

/** f64.ceil: NaN in, quiet NaN out; -0 and results in (-1, 0) are -0. */
export function f64Ceil(x: number): number {
  return x === x ? Math.ceil(x) : quietNaN(x);
}

/** f64.floor: NaN in, quiet NaN out. */
export function f64Floor(x: number): number {
  return x === x ? Math.floor(x) : quietNaN(x);
}

/** f64.trunc: NaN in, quiet NaN out; results in (-1, 0) are -0. */
export function f64Trunc(x: number): number {
  return x === x ? Math.trunc(x) : quietNaN(x);
}

/** f64.nearest: round to the nearest integer, ties to even, sign kept (nearest(-0.5) = -0); NaN in, quiet out. */
export function f64Nearest(x: number): number {
  if (Math.abs(x) < TWO_52) {
    // Below 2^52 the sum x + 2^52 has no fraction bits, so the FPU rounds it (ties to even) for us.
    if (x > 0) return x + TWO_52 - TWO_52;
    if (x < 0) return -(TWO_52 - x - TWO_52);
    return x;
  }
  return x === x ? x : quietNaN(x);
}

/** f64.sqrt: `Math.sqrt` is exact, NaNs quiet. */
export function f64Sqrt(x: number): number {
  return Math.sqrt(x);
}

/** f64.min: NaN if either is NaN (canonical), -0 < +0. `Math.min` is exactly this. */
export function f64Min(a: number, b: number): number {
  return Math.min(a, b);
}

/** f64.max: NaN if either is NaN (canonical), -0 < +0. `Math.max` is exactly this. */
export function f64Max(a: number, b: number): number {
  return Math.max(a, b);
}

/** f32.neg on the f32 representation: the representation's sign bit is the f32 sign bit. */
export function f32Neg(x: number): number {
  return -x;
}

/** f32.abs on the f32 representation. */
export function f32Abs(x: number): number {
  return Math.abs(x);
}

/** f32.copysign on the f32 representation. */
export function f32Copysign(x: number, y: number): number {
  return signBit(y) ? -Math.abs(x) : Math.abs(x);
}

/** f32.ceil: the integer result of an f32 is an f32; NaN in, quiet NaN out. */
export function f32Ceil(x: number): number {
  return x === x ? Math.ceil(x) : quietNaN(x);
}

/** f32.floor. */
export function f32Floor(x: number): number {
  return x === x ? Math.floor(x) : quietNaN(x);
}

/** f32.trunc. */
export function f32Trunc(x: number): number {
  return x === x ? Math.trunc(x) : quietNaN(x);
}

/** f32.nearest: ties to even on the exact value, which is also the binary32 answer. */
export function f32Nearest(x: number): number {
  if (Math.abs(x) < TWO_52) {
    if (x > 0) return x + TWO_52 - TWO_52;
    if (x < 0) return -(TWO_52 - x - TWO_52);
    return x;
  }
  return x === x ? x : quietNaN(x);
}

/** f32.sqrt: the double square root rounded once more to binary32 (innocuous double rounding). */
export function f32Sqrt(x: number): number {
  return Math.fround(Math.sqrt(x));
}

/** f32.min on the f32 representation (V8's default NaN represents the canonical f32 NaN 0xffc00000). */
export function f32Min(a: number, b: number): number {
  return Math.min(a, b);
}

/** f32.max on the f32 representation. */
export function f32Max(a: number, b: number): number {
  return Math.max(a, b);
}
