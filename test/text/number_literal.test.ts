import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseF32Bits, parseF64Bits, parseI32Bits, parseIntBits, parseUnsigned } from '../../src/text/number_literal.js';

const view = new DataView(new ArrayBuffer(8));
function f64(v: number): bigint {
  view.setFloat64(0, v);
  return view.getBigUint64(0);
}
function f32(v: number): number {
  view.setFloat32(0, v);
  return view.getUint32(0);
}

test('integer literals: ranges of unsigned, signed and + forms', () => {
  assert.equal(parseI32Bits('0'), 0);
  assert.equal(parseI32Bits('4294967295'), 0xffffffff);
  assert.equal(parseI32Bits('0xffff_ffff'), 0xffffffff);
  assert.equal(parseI32Bits('-1'), 0xffffffff);
  assert.equal(parseI32Bits('-0x80000000'), 0x80000000);
  assert.equal(parseI32Bits('+0x7fffffff'), 0x7fffffff);
  assert.equal(parseI32Bits('-0'), 0);
  assert.equal(parseI32Bits('4294967296'), null);
  assert.equal(parseI32Bits('-2147483649'), null);
  assert.equal(parseI32Bits('1.0'), null);
  assert.equal(parseIntBits('-9223372036854775808', 64), 0x8000000000000000n);
  assert.equal(parseIntBits('18446744073709551615', 64), 0xffffffffffffffffn);
  assert.equal(parseIntBits('18446744073709551616', 64), null);
  assert.equal(parseIntBits('-128', 8), 0x80n);
  assert.equal(parseIntBits('255', 8), 0xffn);
  assert.equal(parseIntBits('256', 8), null);
  assert.equal(parseUnsigned('0x1_0000_0000', 32), null);
  assert.equal(parseUnsigned('0x1_0000_0000', 64), 0x100000000n);
  assert.equal(parseUnsigned('9'.repeat(5000), 64), null);
});

test('float literals: specials, signs and NaN payloads', () => {
  assert.equal(parseF32Bits('inf'), 0x7f800000);
  assert.equal(parseF32Bits('-inf'), 0xff800000);
  assert.equal(parseF32Bits('nan'), 0x7fc00000);
  assert.equal(parseF32Bits('-nan'), 0xffc00000);
  assert.equal(parseF32Bits('nan:0x1'), 0x7f800001);
  assert.equal(parseF32Bits('nan:0x7f_ffff'), 0x7fffffff);
  assert.equal(parseF32Bits('nan:0x80_0000'), null);
  assert.equal(parseF32Bits('nan:0x0'), null);
  assert.equal(parseF64Bits('-nan:0xf_ffff_ffff_ffff'), 0xffffffffffffffffn);
  assert.equal(parseF64Bits('nan:0x10_0000_0000_0000'), null);
  assert.equal(parseF32Bits('-0'), 0x80000000);
  assert.equal(parseF64Bits('-0.0'), 0x8000000000000000n);
  assert.equal(parseF64Bits('-0x0p+0'), 0x8000000000000000n);
});

test('float literals round to nearest even, once, in the target format', () => {
  // Halfway between 1 and the next f32: ties to even (down); anything above rounds up.
  assert.equal(parseF32Bits('0x1.000001p0'), 0x3f800000);
  assert.equal(parseF32Bits('0x1.00000100000000000000001p0'), 0x3f800001);
  assert.equal(parseF32Bits('0x1.000003p0'), 0x3f800002);
  // The decimal 1 + 2^-24 exactly: halfway, so even. Via f64 first it would be the same here, but the value just
  // above halfway rounds up only when the decimal is converted directly (double rounding would give 1.0).
  assert.equal(parseF32Bits('1.000000059604644775390625'), 0x3f800000);
  assert.equal(parseF32Bits('1.000000059604644775390625000000000000001'), 0x3f800001);
  assert.equal(parseF32Bits('+0x1.00000100000000001p-50'), 0x26800001);
  // Subnormals and the smallest values.
  assert.equal(parseF32Bits('0x1p-149'), 1);
  assert.equal(parseF32Bits('0x1p-150'), 0); // halfway to zero: even
  assert.equal(parseF32Bits('0x1.000001p-150'), 1);
  assert.equal(parseF64Bits('4.9406564584124654e-324'), 1n);
  assert.equal(parseF64Bits('2.4703282292062327e-324'), 0n);
  assert.equal(parseF64Bits('2.4703282292062328e-324'), 1n);
  // Largest finite values; one more half ulp overflows and is out of range.
  assert.equal(parseF32Bits('0x1.fffffep127'), 0x7f7fffff);
  assert.equal(parseF32Bits('0x1.fffffefffffffffp127'), 0x7f7fffff);
  assert.equal(parseF32Bits('0x1.ffffffp127'), null);
  assert.equal(parseF32Bits('1e39'), null);
  assert.equal(parseF64Bits('1.7976931348623157e308'), 0x7fefffffffffffffn);
  assert.equal(parseF64Bits('1.7976931348623159e308'), null);
  assert.equal(parseF64Bits('1e-400'), 0n);
  assert.equal(parseF64Bits('1e99999999999'), null);
  assert.equal(parseF64Bits(`0.${'0'.repeat(3000)}1`), 0n);
});

test('decimal f64 literals agree with the host conversion; f32 shortest forms round-trip', () => {
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let i = 0; i < 20000; i++) {
    let digits = '';
    const n = 1 + Math.floor(rand() * 25);
    for (let k = 0; k < n; k++) digits += Math.floor(rand() * 10);
    const text = `${digits}e${Math.floor(rand() * 700) - 350}`;
    const v = Number(text);
    assert.equal(parseF64Bits(text), Number.isFinite(v) ? f64(v) : null, text);
  }
  for (let i = 0; i < 20000; i++) {
    const bits = Math.floor(rand() * 2 ** 32);
    view.setUint32(0, bits);
    const v = view.getFloat32(0);
    if (!Number.isFinite(v)) continue;
    assert.equal(parseF32Bits(v.toPrecision(9)), bits, v.toPrecision(9));
    assert.equal(parseF32Bits(v.toString()), f32(Math.fround(v)));
  }
});

test('long digit strings keep exact rounding', () => {
  // 2^-1075 (half the smallest subnormal) written out exactly is a tie, so it rounds to even (zero); a nonzero
  // digit thousands of places later breaks the tie upwards.
  const half = (5n ** 1075n).toString();
  assert.equal(parseF64Bits(`${half}e-1075`), 0n);
  assert.equal(parseF64Bits(`${half}${'0'.repeat(2000)}1e-${1075 + 2001}`), 1n);
  assert.equal(parseF64Bits(`0x1${'0'.repeat(600)}p-${1075 + 2400}`), 0n);
  assert.equal(parseF64Bits(`0x1${'0'.repeat(600)}1p-${1075 + 2404}`), 1n);
});
