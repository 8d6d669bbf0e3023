import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cv from '../../../src/runtime/builtins/float_convert.js';
import { f32FromBits, f32ToBits, f64FromBits } from '../../../src/runtime/builtins/float_bits.js';
import { F32, F64, I32, I64, instantiateOps } from '../../helpers/tiny_wasm.js';
import {
  type Outcome, Rng, bitsOfF64, f32Edges, f32IsCanonical, f32IsNaN, f32IsQuiet, f64Edges, f64IsCanonical, f64IsNaN,
  f64IsQuiet, i32Edges,
  i64Edges, ourOutcome, randomF32Bits, randomF64Bits, testSeed, u64, v8Outcome,
} from './numeric_cases.js';

const ROUNDS = 3;

function f64Of(b: bigint): number {
  return f64FromBits(Number(b & 0xffffffffn), Number(b >> 32n));
}

function assertSameOutcome<T>(ours: Outcome<T>, v8: Outcome<T>, what: string): void {
  assert.deepEqual(ours, v8, what);
}

const TRUNC_I32: Record<string, { op: number[]; from: number; ours: (x: number) => number }> = {
  i32_trunc_f32_s: { op: [0xa8], from: F32, ours: cv.i32TruncF32S },
  i32_trunc_f32_u: { op: [0xa9], from: F32, ours: cv.i32TruncF32U },
  i32_trunc_f64_s: { op: [0xaa], from: F64, ours: cv.i32TruncF64S },
  i32_trunc_f64_u: { op: [0xab], from: F64, ours: cv.i32TruncF64U },
  i32_trunc_sat_f32_s: { op: [0xfc, 0], from: F32, ours: cv.i32TruncSatF32S },
  i32_trunc_sat_f32_u: { op: [0xfc, 1], from: F32, ours: cv.i32TruncSatF32U },
  i32_trunc_sat_f64_s: { op: [0xfc, 2], from: F64, ours: cv.i32TruncSatF64S },
  i32_trunc_sat_f64_u: { op: [0xfc, 3], from: F64, ours: cv.i32TruncSatF64U },
};

const TRUNC_I64: Record<string, { op: number[]; from: number; ours: (S: BigUint64Array, x: number, d: number) => void }> = {
  i64_trunc_f32_s: { op: [0xae], from: F32, ours: cv.i64TruncF32S },
  i64_trunc_f32_u: { op: [0xaf], from: F32, ours: cv.i64TruncF32U },
  i64_trunc_f64_s: { op: [0xb0], from: F64, ours: cv.i64TruncF64S },
  i64_trunc_f64_u: { op: [0xb1], from: F64, ours: cv.i64TruncF64U },
  i64_trunc_sat_f32_s: { op: [0xfc, 4], from: F32, ours: cv.i64TruncSatF32S },
  i64_trunc_sat_f32_u: { op: [0xfc, 5], from: F32, ours: cv.i64TruncSatF32U },
  i64_trunc_sat_f64_s: { op: [0xfc, 6], from: F64, ours: cv.i64TruncSatF64S },
  i64_trunc_sat_f64_u: { op: [0xfc, 7], from: F64, ours: cv.i64TruncSatF64U },
};

/** Float inputs for truncation: edges, random, and every integer boundary of the four target ranges +-2 ulps. */
function truncInputs(rng: Rng): { f32: number[]; f64: bigint[] } {
  const f32 = [...f32Edges()], f64 = [...f64Edges()];
  for (const v of [2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64, 1, 0]) {
    for (const s of [v, -v, v - 1, -v - 1, v + 1, -v + 1, v - 0.5, -v + 0.5]) {
      const b64 = bitsOfF64(s);
      for (let k = -2n; k <= 2n; k++) f64.push(BigInt.asUintN(64, b64 + k));
      const b32 = f32ToBits(Math.fround(s)) >>> 0;
      for (let k = -2; k <= 2; k++) f32.push((b32 + k) >>> 0);
    }
  }
  for (let i = 0; i < 4000; i++) {
    f32.push(randomF32Bits(rng, f32));
    f64.push(randomF64Bits(rng, f64));
  }
  return { f32, f64 };
}

test('float -> i32 truncations (trapping and saturating) match V8 wasm, trap kinds included', () => {
  const wasm = instantiateOps(Object.fromEntries(Object.entries(TRUNC_I32).map(([n, c]) => [n, { params: [c.from], result: I32, op: c.op }])));
  const rng = new Rng(testSeed());
  for (let round = 0; round < ROUNDS; round++) {
    const inputs = truncInputs(rng);
    for (const [name, c] of Object.entries(TRUNC_I32)) {
      if (c.from === F32) {
        for (const b of inputs.f32) {
          const ours = ourOutcome(() => c.ours(f32FromBits(b)));
          const v8 = v8Outcome(() => wasm[name]!(b | 0) as number, f32IsNaN(b));
          assertSameOutcome(ours, v8, `${name}(0x${b.toString(16)}) seed ${rng.seed}`);
        }
      } else {
        for (const b of inputs.f64) {
          const ours = ourOutcome(() => c.ours(f64Of(b)));
          const v8 = v8Outcome(() => wasm[name]!(BigInt.asIntN(64, b)) as number, f64IsNaN(b));
          assertSameOutcome(ours, v8, `${name}(0x${b.toString(16)}) seed ${rng.seed}`);
        }
      }
    }
  }
});

test('float -> i64 truncations write the slot V8 wasm computes', () => {
  const wasm = instantiateOps(Object.fromEntries(Object.entries(TRUNC_I64).map(([n, c]) => [n, { params: [c.from], result: I64, op: c.op }])));
  const rng = new Rng(testSeed() + 1);
  const S = new BigUint64Array(4);
  for (let round = 0; round < ROUNDS; round++) {
    const inputs = truncInputs(rng);
    for (const [name, c] of Object.entries(TRUNC_I64)) {
      const run = (x: number): bigint => {
        S[2] = 0x5555555555555555n;
        c.ours(S, x, 2);
        return S[2]!;
      };
      if (c.from === F32) {
        for (const b of inputs.f32) {
          const ours = ourOutcome(() => run(f32FromBits(b)));
          const v8 = v8Outcome(() => u64(wasm[name]!(b | 0)), f32IsNaN(b));
          assertSameOutcome(ours, v8, `${name}(0x${b.toString(16)}) seed ${rng.seed}`);
        }
      } else {
        for (const b of inputs.f64) {
          const ours = ourOutcome(() => run(f64Of(b)));
          const v8 = v8Outcome(() => u64(wasm[name]!(BigInt.asIntN(64, b))), f64IsNaN(b));
          assertSameOutcome(ours, v8, `${name}(0x${b.toString(16)}) seed ${rng.seed}`);
        }
      }
    }
  }
});

/** i64 inputs for conversions: edges, random widths, and values where rounding to f64 first would mislead f32. */
function i64Inputs(rng: Rng): bigint[] {
  const out = [...i64Edges()];
  for (let k = 54n; k < 64n; k++) {
    const top = 1n << k, half = 1n << (k - 24n); // f32 keeps 24 bits: `half` is half an f32 ulp at 2^k
    for (const v of [top + half + 1n, top + half - 1n, top + half, top + 3n * half, top + 3n * half - 1n, top + half + (1n << 10n)]) {
      out.push(v, BigInt.asUintN(64, -v));
    }
  }
  for (let i = 0; i < 4000; i++) {
    const v = rng.u64AnyWidth();
    out.push(rng.below(2) === 0 ? v : BigInt.asUintN(64, -v));
  }
  return out;
}

test('i64 -> f32/f64 conversions from halves round once, as V8 wasm does', () => {
  const wasm = instantiateOps({
    f32_convert_i64_s: { params: [I64], result: F32, op: [0xb4] },
    f32_convert_i64_u: { params: [I64], result: F32, op: [0xb5] },
    f64_convert_i64_s: { params: [I64], result: F64, op: [0xb9] },
    f64_convert_i64_u: { params: [I64], result: F64, op: [0xba] },
  });
  const rng = new Rng(testSeed() + 2);
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of i64Inputs(rng)) {
      const lo = Number(v & 0xffffffffn) | 0, hi = Number(v >> 32n) | 0, s = BigInt.asIntN(64, v);
      const what = `0x${v.toString(16)} seed ${rng.seed}`;
      assert.equal(f32ToBits(cv.f32ConvertI64S(lo, hi)), wasm['f32_convert_i64_s']!(s), `f32.convert_i64_s ${what}`);
      assert.equal(f32ToBits(cv.f32ConvertI64U(lo, hi)), wasm['f32_convert_i64_u']!(s), `f32.convert_i64_u ${what}`);
      assert.equal(bitsOfF64(cv.f64ConvertI64S(lo, hi)), u64(wasm['f64_convert_i64_s']!(s)), `f64.convert_i64_s ${what}`);
      assert.equal(bitsOfF64(cv.f64ConvertI64U(lo, hi)), u64(wasm['f64_convert_i64_u']!(s)), `f64.convert_i64_u ${what}`);
    }
  }
});

test('i32 -> f32/f64 conversions match V8 wasm', () => {
  const wasm = instantiateOps({
    f32_convert_i32_s: { params: [I32], result: F32, op: [0xb2] },
    f32_convert_i32_u: { params: [I32], result: F32, op: [0xb3] },
    f64_convert_i32_s: { params: [I32], result: F64, op: [0xb7] },
    f64_convert_i32_u: { params: [I32], result: F64, op: [0xb8] },
  });
  const rng = new Rng(testSeed() + 3);
  const inputs = [...i32Edges()];
  for (let i = 0; i < 4000; i++) inputs.push(rng.u32() >> rng.below(32));
  for (const x of inputs) {
    assert.equal(f32ToBits(cv.f32ConvertI32S(x)), wasm['f32_convert_i32_s']!(x), `f32.convert_i32_s ${x}`);
    assert.equal(f32ToBits(cv.f32ConvertI32U(x)), wasm['f32_convert_i32_u']!(x), `f32.convert_i32_u ${x}`);
    assert.equal(bitsOfF64(cv.f64ConvertI32S(x)), u64(wasm['f64_convert_i32_s']!(x)), `f64.convert_i32_s ${x}`);
    assert.equal(bitsOfF64(cv.f64ConvertI32U(x)), u64(wasm['f64_convert_i32_u']!(x)), `f64.convert_i32_u ${x}`);
  }
});

test('promote and demote match V8 wasm (NaNs: quiet, canonical kept)', () => {
  const wasm = instantiateOps({
    promote: { params: [F32], result: F64, op: [0xbb] },
    demote: { params: [F64], result: F32, op: [0xb6] },
  });
  const rng = new Rng(testSeed() + 4);
  const e32 = f32Edges(), e64 = f64Edges();
  for (let round = 0; round < ROUNDS; round++) {
    const c32 = [...e32], c64 = [...e64];
    for (let i = 0; i < 4000; i++) {
      c32.push(randomF32Bits(rng, e32));
      c64.push(randomF64Bits(rng, e64));
    }
    for (const b of c32) {
      const ours = bitsOfF64(cv.f64PromoteF32(f32FromBits(b)));
      const what = `promote(0x${b.toString(16)}) seed ${rng.seed}`;
      if (!f32IsNaN(b)) {
        assert.equal(ours, u64(wasm['promote']!(b | 0)), what);
        continue;
      }
      // The spec's rule: canonical in, canonical out; otherwise any arithmetic (quiet) NaN.
      assert.ok(f64IsQuiet(ours), what);
      if (f32IsCanonical(b)) assert.ok(f64IsCanonical(ours), what);
    }
    for (const b of c64) {
      const r = cv.f32DemoteF64(f64Of(b));
      const what = `demote(0x${b.toString(16)}) seed ${rng.seed}`;
      if (!f64IsNaN(b)) {
        assert.equal(f32ToBits(r) >>> 0, (wasm['demote']!(BigInt.asIntN(64, b)) as number) >>> 0, what);
        continue;
      }
      assert.equal(bitsOfF64(r) & 0x1fffffffn, 0n, `${what}: not a valid f32 representation`);
      const out = f32ToBits(r) >>> 0;
      assert.ok(f32IsQuiet(out), what);
      if (f64IsCanonical(b)) assert.ok(f32IsCanonical(out), what);
    }
  }
});
