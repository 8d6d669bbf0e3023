/**
 * Inputs for the numeric builtin tests: edge values of every type (as bit patterns) and a seeded generator of
 * random ones, so a failure reproduces from the seed printed with it. Also the comparison rules for NaN results.
 */

import assert from 'node:assert/strict';
import { Trap, TrapKind } from '../../../src/runtime/trap.js';
import { isV8Trap } from '../../helpers/tiny_wasm.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same cases. */
export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed | 0;
  }

  /** A uniform uint32. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, n) for n <= 2^32. */
  below(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }

  /** A uniform uint64. */
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }

  /** A uint64 with a random number of significant bits (1..64), so every magnitude is drawn often. */
  u64AnyWidth(): bigint {
    const bits = 1 + this.below(64);
    return this.u64() & ((1n << BigInt(bits)) - 1n);
  }

  /** Picks one element. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }
}

const f64Buf = new Float64Array(1);
const u64View = new BigUint64Array(f64Buf.buffer);
const f32Buf = new Float32Array(1);
const u32View = new Uint32Array(f32Buf.buffer);

/** The double with IEEE bits `b`. */
export function f64OfBits(b: bigint): number {
  u64View[0] = b;
  return f64Buf[0]!;
}

/** The IEEE bits of the double `x`. */
export function bitsOfF64(x: number): bigint {
  f64Buf[0] = x;
  return u64View[0]!;
}

/** The value of a non-NaN f32 bit pattern. */
export function f32Value(b: number): number {
  u32View[0] = b;
  return f32Buf[0]!;
}

/** The f32 bits of a non-NaN double exactly representable in binary32. */
export function f32BitsOf(x: number): number {
  f32Buf[0] = x;
  return u32View[0]!;
}

/** Edge f64 bit patterns: zeros, ones, halves, infinities, subnormals, range boundaries and their neighbours, NaNs. */
export function f64Edges(): bigint[] {
  const values = [
    0, 1, 0.5, 1.5, 2.5, 3.5, 0.49999999999999994, 4503599627370495.5, 4503599627370496, 4503599627370497,
    9007199254740992, 9007199254740993, 2 ** 31, 2 ** 31 - 1, 2 ** 31 + 1, 2 ** 32, 2 ** 32 - 1, 2 ** 63, 2 ** 64,
    2 ** 24, 2 ** 24 + 1, 2 ** 23 - 0.5, 2 ** 23 + 0.5, 3.4028234663852886e38, 3.4028235677973366e38, 1e-45,
    1.1754943508222875e-38, 5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, Infinity, Math.PI, 1 / 3,
  ];
  const out: bigint[] = [];
  for (const v of values) {
    for (const s of [v, -v]) {
      const b = bitsOfF64(s);
      out.push(b);
      if (Number.isFinite(s) && s !== 0) out.push(b + 1n, b - 1n);
    }
  }
  out.push(0x8000000000000000n); // -0 (also from -0 above, kept explicit)
  // NaNs: canonical, quiet with payloads, signalling with payloads (high and low mantissa bits), both signs.
  for (const nan of [0x7ff8000000000000n, 0x7ff8000000000001n, 0x7ffc000000000000n, 0x7fffffffffffffffn,
    0x7ff0000000000001n, 0x7ff4000000000000n, 0x7ff4000020000000n, 0x7ff7ffffffffffffn, 0x7ff0000020000000n]) {
    out.push(nan, nan | 0x8000000000000000n);
  }
  return out;
}

/** Edge f32 bit patterns (uint32), the binary32 counterparts of `f64Edges`. */
export function f32Edges(): number[] {
  const values = [
    0, 1, 0.5, 1.5, 2.5, 3.5, 8388607.5, 8388608, 8388609, 16777216, 16777217, 2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64,
    2 ** 31 - 128, 2 ** 32 - 256, 2 ** 63 - 2 ** 39, 2 ** 64 - 2 ** 40, 3.4028234663852886e38, 1.401298464324817e-45,
    1.1754943508222875e-38, Infinity, Math.fround(Math.PI), Math.fround(1 / 3), 0.49999997,
  ];
  const out: number[] = [];
  for (const v of values) {
    for (const s of [v, -v]) {
      const b = f32BitsOf(Math.fround(s));
      out.push(b);
      if (Number.isFinite(s) && s !== 0) out.push((b + 1) >>> 0, (b - 1) >>> 0);
    }
  }
  for (const nan of [0x7fc00000, 0x7fc00001, 0x7fe00000, 0x7fffffff, 0x7f800001, 0x7fa00000, 0x7fa00001, 0x7fbfffff]) {
    out.push(nan, (nan | 0x80000000) >>> 0);
  }
  return out;
}

/** Edge i64 values (as uint64): 0, small values, every power of two and its neighbours, both signs. */
export function i64Edges(): bigint[] {
  const out = new Set<bigint>([0n, 1n, 2n, 3n, 10n, 0xffffffffn, 0x7fffffffn, 0x80000000n, 0x100000000n]);
  for (let k = 0n; k < 64n; k++) {
    for (const v of [1n << k, (1n << k) - 1n, (1n << k) + 1n]) {
      out.add(BigInt.asUintN(64, v));
      out.add(BigInt.asUintN(64, -v));
    }
  }
  return [...out];
}

/** Edge i32 values (as int32). */
export function i32Edges(): number[] {
  const out = new Set<number>([0, 1, 2, 3, 10, -1, -2, -3, -10]);
  for (let k = 0; k < 32; k++) {
    for (const v of [2 ** k, 2 ** k - 1, 2 ** k + 1]) {
      out.add(v | 0);
      out.add(-v | 0);
    }
  }
  return [...out];
}

/** A random f64 bit pattern: uniform bits, or a value of moderate magnitude, or an edge value nudged. */
export function randomF64Bits(rng: Rng, edges: readonly bigint[]): bigint {
  switch (rng.below(4)) {
    case 0:
      return rng.u64();
    case 1: {
      const x = (rng.u32() / 4294967296 + rng.below(4)) * 2 ** (rng.below(140) - 70);
      return bitsOfF64(rng.below(2) === 0 ? x : -x);
    }
    case 2: {
      // Half-integers and near-integers, where rounding decisions happen.
      const x = rng.below(1 << 20) / 2 + (rng.below(3) - 1) * 2 ** -40;
      return bitsOfF64(rng.below(2) === 0 ? x : -x);
    }
    default:
      return BigInt.asUintN(64, rng.pick(edges) + BigInt(rng.below(5) - 2));
  }
}

/** A random f32 bit pattern (uint32), as `randomF64Bits`. */
export function randomF32Bits(rng: Rng, edges: readonly number[]): number {
  switch (rng.below(4)) {
    case 0:
      return rng.u32();
    case 1: {
      const x = Math.fround((rng.u32() / 4294967296 + rng.below(4)) * 2 ** (rng.below(140) - 70));
      return f32BitsOf(rng.below(2) === 0 ? x : -x);
    }
    case 2: {
      const x = Math.fround(rng.below(1 << 20) / 2);
      return f32BitsOf(rng.below(2) === 0 ? x : -x);
    }
    default:
      return (rng.pick(edges) + rng.below(5) - 2) >>> 0;
  }
}

/** Whether a binary64 bit pattern is a NaN / a quiet NaN / the canonical NaN (either sign). */
export function f64IsNaN(b: bigint): boolean {
  return (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && (b & 0xfffffffffffffn) !== 0n;
}
export function f64IsQuiet(b: bigint): boolean {
  return f64IsNaN(b) && (b & 0x8000000000000n) !== 0n;
}
export function f64IsCanonical(b: bigint): boolean {
  return (b & 0x7fffffffffffffffn) === 0x7ff8000000000000n;
}

/** The same for binary32 bit patterns. */
export function f32IsNaN(b: number): boolean {
  return (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
}
export function f32IsQuiet(b: number): boolean {
  return f32IsNaN(b) && (b & 0x400000) !== 0;
}
export function f32IsCanonical(b: number): boolean {
  return (b & 0x7fffffff) === 0x7fc00000;
}

/**
 * Checks an arithmetic result (bits) against V8's: equal bits, or when V8 gives a NaN, a NaN that is quiet and,
 * if every NaN input was canonical (or there were none), canonical (the spec's nans{...} rule).
 */
export function assertArithF64(ours: bigint, v8: bigint, inputs: readonly bigint[], what: string): void {
  if (f64IsNaN(v8)) {
    assert.ok(f64IsQuiet(ours), `${what}: expected a quiet NaN, got 0x${ours.toString(16)}`);
    if (inputs.every((b) => !f64IsNaN(b) || f64IsCanonical(b))) {
      assert.ok(f64IsCanonical(ours), `${what}: expected a canonical NaN, got 0x${ours.toString(16)}`);
    }
    return;
  }
  assert.equal(ours, v8, `${what}: got 0x${ours.toString(16)}, V8 wasm gives 0x${v8.toString(16)}`);
}

/** `assertArithF64` for binary32 bit patterns. */
export function assertArithF32(ours: number, v8: number, inputs: readonly number[], what: string): void {
  if (f32IsNaN(v8)) {
    assert.ok(f32IsQuiet(ours), `${what}: expected a quiet NaN, got 0x${ours.toString(16)}`);
    if (inputs.every((b) => !f32IsNaN(b) || f32IsCanonical(b))) {
      assert.ok(f32IsCanonical(ours), `${what}: expected a canonical NaN, got 0x${ours.toString(16)}`);
    }
    return;
  }
  assert.equal(ours, v8, `${what}: got 0x${ours.toString(16)}, V8 wasm gives 0x${v8.toString(16)}`);
}

/** The outcome of a call: its value, or the trap kind it threw (k23 `Trap` or V8's `WebAssembly.RuntimeError`). */
export type Outcome<T> = { value: T } | { trap: TrapKind };

/** V8's wasm trap messages mapped to our kinds (V8 does not tell NaN from overflow in float->int traps). */
function v8TrapKind(message: string, nanInput: boolean): TrapKind {
  if (/divide by zero|remainder by zero/.test(message)) return TrapKind.integerDivideByZero;
  if (/divide result unrepresentable/.test(message)) return TrapKind.integerOverflow;
  if (/float unrepresentable/.test(message)) {
    return nanInput ? TrapKind.invalidConversionToInteger : TrapKind.integerOverflow;
  }
  throw new Error(`unexpected V8 trap message: ${message}`);
}

/** Runs a V8 wasm call and captures a trap. `nanInput` says how to read a float->int trap. */
export function v8Outcome<T>(fn: () => T, nanInput = false): Outcome<T> {
  try {
    return { value: fn() };
  } catch (e) {
    if (isV8Trap(e)) return { trap: v8TrapKind(e.message, nanInput) };
    throw e;
  }
}

/** Runs a k23 builtin and captures a `Trap` (anything else thrown fails the test). */
export function ourOutcome<T>(fn: () => T): Outcome<T> {
  try {
    return { value: fn() };
  } catch (e) {
    if (e instanceof Trap) return { trap: e.kind };
    throw e;
  }
}

/** The seed for random cases: `K23_SEED` when set (to reproduce a failure), else a fixed default. */
export function testSeed(): number {
  const s = process.env['K23_SEED'];
  return s === undefined ? 0x5eed2023 : Number(s) | 0;
}

/** A wasm i64 result (a signed BigInt) as the uint64 our slots hold. */
export function u64(v: number | bigint): bigint {
  return BigInt.asUintN(64, BigInt(v));
}
