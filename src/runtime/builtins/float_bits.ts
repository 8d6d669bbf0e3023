/**
 * The bit-level representation of floats in generated code.
 *
 * An f64 is a JS number with its exact IEEE bits. An f32 is the JS number holding the same value; an f32 NaN with
 * bits `b` is the f64 NaN `sign(b) << 63 | 0x7ff << 52 | (b & 0x7fffff) << 29`, widened without setting the quiet
 * bit (V8's own float32 -> float64 conversion quiets signalling NaNs, so a `Float32Array` read cannot be used for
 * them). The f32 quiet bit (22) lands on the f64 quiet bit (51), so a quiet f32 NaN is represented by exactly the
 * double the hardware widening produces, and the low 29 mantissa bits of a represented NaN are always zero.
 *
 * The scratch arrays below are written and read within one call, so the functions are re-entrant.
 */

const f32Scratch = new Float32Array(2);
const f32ScratchBits = new Int32Array(f32Scratch.buffer);
const f64Scratch = new Float64Array(1);
const f64ScratchBits = new Int32Array(f64Scratch.buffer);

/**
 * The f32 representation of the float whose IEEE bits are `bits` (an int32 or a uint32 number).
 * Non-NaN bit patterns go through a `Float32Array`, which is exact for them.
 */
export function f32FromBits(bits: number): number {
  if ((bits & 0x7f800000) !== 0x7f800000 || (bits & 0x7fffff) === 0) {
    f32ScratchBits[0] = bits;
    return f32Scratch[0]!;
  }
  return f32NaNFromBits(bits);
}

/** The slow path of `f32FromBits`: builds the widened NaN bit by bit. */
function f32NaNFromBits(bits: number): number {
  f64ScratchBits[0] = bits << 29;
  f64ScratchBits[1] = (bits & 0x80000000) | 0x7ff00000 | ((bits & 0x7fffff) >>> 3);
  return f64Scratch[0]!;
}

/**
 * The IEEE bits (as an int32) of the f32 represented by `x`. `x` must be a valid f32 representation: a value
 * exactly representable in binary32, or a NaN (whose low 29 mantissa bits are dropped).
 */
export function f32ToBits(x: number): number {
  if (x === x) {
    f32Scratch[0] = x;
    return f32ScratchBits[0]!;
  }
  return f32NaNToBits(x);
}

/** The slow path of `f32ToBits`: narrows the NaN bit by bit (a `Float32Array` store would set the quiet bit). */
function f32NaNToBits(x: number): number {
  f64Scratch[0] = x;
  const hi = f64ScratchBits[1]!;
  return (hi & 0x80000000) | 0x7f800000 | ((hi & 0xfffff) << 3) | (f64ScratchBits[0]! >>> 29);
}

/** The f64 whose IEEE bits are `hi:lo` (each an int32 or uint32 number). */
export function f64FromBits(lo: number, hi: number): number {
  f64ScratchBits[0] = lo;
  f64ScratchBits[1] = hi;
  return f64Scratch[0]!;
}

/** The low 32 bits of the IEEE encoding of `x`, as an int32. */
export function f64LowBits(x: number): number {
  f64Scratch[0] = x;
  return f64ScratchBits[0]!;
}

/** The high 32 bits (sign, exponent, top of the mantissa) of the IEEE encoding of `x`, as an int32. */
export function f64HighBits(x: number): number {
  f64Scratch[0] = x;
  return f64ScratchBits[1]!;
}

/** Whether the sign bit of `x` is set (also for -0 and NaNs). */
export function signBit(x: number): boolean {
  f64Scratch[0] = x;
  return f64ScratchBits[1]! < 0;
}

/**
 * `x` (a NaN) with its quiet bit set, sign and payload kept. Done on the bits because JS arithmetic that looks
 * like it would quiet (`x - 0`, `x * 1`) is folded away by TurboFan (measured: `x - 0` returns a signalling NaN
 * once optimized). Works for both representations: the f32 quiet bit is the f64 quiet bit.
 */
export function quietNaN(x: number): number {
  f64Scratch[0] = x;
  f64ScratchBits[1] = f64ScratchBits[1]! | 0x80000;
  return f64Scratch[0]!;
}

/** Whether `x` is a NaN with the quiet bit set (an arithmetic NaN in the spec's terms). */
export function isQuietNaN(x: number): boolean {
  return x !== x && (f64HighBits(x) & 0x80000) !== 0;
}
