import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  f32FromBits, f32ToBits, f64FromBits, f64HighBits, f64LowBits, isQuietNaN, quietNaN, signBit,
} from '../../../src/runtime/builtins/float_bits.js';
import { F32, F64, instantiateOps } from '../../helpers/tiny_wasm.js';
import {
  Rng, bitsOfF64, f32Edges, f32IsNaN, f32Value, f64Edges, f64IsNaN, f64OfBits, randomF32Bits, randomF64Bits, testSeed, u64,
} from './numeric_cases.js';

const ROUNDS = 3; // later rounds run the helpers after TurboFan has optimized them

test('f32 bits survive the representation both ways, signalling NaN payloads included', () => {
  const edges = f32Edges();
  const rng = new Rng(testSeed());
  for (let round = 0; round < ROUNDS; round++) {
    const cases = [...edges];
    for (let i = 0; i < 5000; i++) cases.push(randomF32Bits(rng, edges));
    for (const b of cases) {
      const x = f32FromBits(b);
      assert.equal(f32ToBits(x) >>> 0, b, `0x${b.toString(16)} (seed ${rng.seed})`);
      assert.equal(f32FromBits(b | 0), x === x ? x : f32FromBits(b), 'int32 and uint32 bits agree');
      if (f32IsNaN(b)) {
        assert.ok(Number.isNaN(x));
        assert.equal(isQuietNaN(x), (b & 0x400000) !== 0, `quiet bit of 0x${b.toString(16)}`);
        assert.equal(signBit(x), b >= 0x80000000);
      } else {
        assert.ok(Object.is(x, f32Value(b)), `value of 0x${b.toString(16)}`);
      }
    }
  }
});

test('an f32 NaN is the f64 NaN with the same sign and payload, shifted, quiet bit untouched', () => {
  assert.equal(bitsOfF64(f32FromBits(0x7fa00000)), 0x7ff4000000000000n);
  assert.equal(bitsOfF64(f32FromBits(0xffc00001)), 0xfff8000020000000n);
  assert.equal(bitsOfF64(f32FromBits(0x7f800001)), 0x7ff0000020000000n);
  assert.equal(bitsOfF64(f32FromBits(0x7fffffff)), 0x7fffffffe0000000n);
  assert.equal(f32ToBits(f64OfBits(0x7ff4000000000000n)), 0x7fa00000);
  assert.equal(f32ToBits(f64OfBits(0xfff0000020000000n)) >>> 0, 0xff800001);
});

test('non-NaN f32 values agree with f64.promote_f32 under V8 wasm', () => {
  const wasm = instantiateOps({ promote: { params: [F32], result: F64, op: [0xbb] } });
  const edges = f32Edges();
  const rng = new Rng(testSeed());
  const cases = [...edges];
  for (let i = 0; i < 3000; i++) cases.push(randomF32Bits(rng, edges));
  for (const b of cases) {
    if (f32IsNaN(b)) continue;
    assert.equal(bitsOfF64(f32FromBits(b)), u64(wasm['promote']!(b | 0)), `0x${b.toString(16)}`);
  }
});

test('f64 bits round-trip through f64FromBits / f64LowBits / f64HighBits', () => {
  const edges = f64Edges();
  const rng = new Rng(testSeed() + 1);
  for (let round = 0; round < ROUNDS; round++) {
    const cases = [...edges];
    for (let i = 0; i < 5000; i++) cases.push(randomF64Bits(rng, edges));
    for (const b of cases) {
      const lo = Number(b & 0xffffffffn) | 0, hi = Number(b >> 32n) | 0;
      const x = f64FromBits(lo, hi);
      assert.equal(bitsOfF64(x), b, `0x${b.toString(16)}`);
      assert.equal(f64LowBits(x), lo);
      assert.equal(f64HighBits(x), hi);
      assert.equal(f64FromBits(lo >>> 0, hi >>> 0), x === x ? x : f64FromBits(lo >>> 0, hi >>> 0));
      assert.equal(signBit(x), hi < 0);
      if (f64IsNaN(b)) {
        assert.equal(bitsOfF64(quietNaN(x)), b | 0x8000000000000n, 'quietNaN sets only the quiet bit');
        assert.equal(isQuietNaN(x), (b & 0x8000000000000n) !== 0n);
      } else {
        assert.equal(isQuietNaN(x), false);
      }
    }
  }
});
