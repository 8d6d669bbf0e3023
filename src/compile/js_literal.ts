/**
 * Rendering of numbers as JavaScript source. Only numbers computed by the compiler reach generated code, never
 * text from a module.
 */

const f64Scratch = new Float64Array(1);
const u32Scratch = new Uint32Array(f64Scratch.buffer);

/** An int32 as a JS literal (negative values parenthesised so they compose with any operator). */
export function i32Literal(v: number): string {
  v |= 0;
  return v < 0 ? `(${v})` : String(v);
}

/** A uint64 value as a BigInt literal in [0, 2^64). */
export function u64Literal(v: bigint): string {
  const u = BigInt.asUintN(64, v);
  return u < 0x100000000n ? `${u}n` : `0x${u.toString(16)}n`;
}

/** The double whose IEEE bits are (hi, lo), both uint32. */
export function f64FromHalves(lo: number, hi: number): number {
  u32Scratch[0] = lo;
  u32Scratch[1] = hi;
  return f64Scratch[0]!;
}

/**
 * A non-NaN double as an exact JS literal, or null for NaN (NaNs carry payloads that literals cannot express;
 * the compiler places them in a constant table instead).
 */
export function f64Literal(v: number): string | null {
  if (v !== v) return null;
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (v === 0) return Object.is(v, -0) ? '(-0)' : '0';
  const s = String(v);
  return v < 0 ? `(${s})` : s;
}

/**
 * The bits (lo, hi) of the double that represents the f32 with bits `b` in generated code: the exact value for
 * non-NaNs, and for NaNs the f64 NaN with the same sign and payload, widened without setting the quiet bit.
 */
export function f32RepHalves(b: number): [lo: number, hi: number] {
  b >>>= 0;
  if ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0) {
    const hi = ((b & 0x80000000) | 0x7ff00000 | ((b & 0x7fffff) >>> 3)) >>> 0;
    const lo = ((b & 7) << 29) >>> 0;
    return [lo, hi];
  }
  const f32 = new Float32Array(1);
  new Uint32Array(f32.buffer)[0] = b;
  f64Scratch[0] = f32[0]!;
  return [u32Scratch[0]!, u32Scratch[1]!];
}
