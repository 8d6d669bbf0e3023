import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPCODES } from '../../src/binary/opcodes.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';
import { valTypeName } from '../../src/core/types.js';
import { MEM_NATURAL_ALIGN, MEM_VALUE_TYPE, simpleIndex, simpleSignatures } from '../../src/validate/op_signatures.js';

const TYPES: Record<string, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };
const COMPARE = /^(eq|ne|lt|gt|le|ge)(_[su])?$/;
const UNARY = /^(clz|ctz|popcnt|abs|neg|ceil|floor|trunc|nearest|sqrt|extend(8|16|32)_s)$/;
const BINARY = /^(add|sub|mul|div(_[su])?|rem_[su]|and|or|xor|shl|shr_[su]|rotl|rotr|min|max|copysign)$/;
const CONVERT = /^(wrap|trunc|trunc_sat|extend|convert|demote|promote|reinterpret)_(i32|i64|f32|f64)(_[su])?$/;

/** [top, below, out] from an instruction's name, or null when it is not a plain numeric instruction. */
function fromName(name: string): [number, number, number] | null {
  const m = /^(i32|i64|f32|f64)\.(.*)$/.exec(name);
  if (m === null) return null;
  const t = TYPES[m[1]!]!;
  const op = m[2]!;
  if (op === 'eqz') return [t, 0, TYPES.i32!];
  if (COMPARE.test(op)) return [t, t, TYPES.i32!];
  if (UNARY.test(op)) return [t, 0, t];
  if (BINARY.test(op)) return [t, t, t];
  const c = CONVERT.exec(op);
  if (c !== null) return [TYPES[c[2]!]!, 0, t];
  return null;
}

test('simple signatures agree with the instruction names', () => {
  const s = simpleSignatures(DEFAULT_FEATURES);
  let checked = 0;
  for (const o of OPCODES) {
    const i = simpleIndex(o.code);
    const expected = fromName(o.name);
    const isMemOrConst = /\.(load|store|const)/.test(o.name);
    if (expected === null || isMemOrConst) {
      if (i >= 0) assert.equal(s.out[i], 0, `${o.name} should not be simple`);
      continue;
    }
    const actual = [s.top[i]!, s.below[i]!, s.out[i]!];
    assert.deepEqual(actual.map(valTypeName), expected.map(valTypeName), o.name);
    checked++;
  }
  assert.equal(checked, 0xc4 - 0x45 + 1 + 8); // 0x45..0xc4 and the eight trunc_sat
});

test('memory access tables agree with the instruction names', () => {
  for (const o of OPCODES) {
    const m = /^(i32|i64|f32|f64)\.(load|store)(8|16|32)?/.exec(o.name);
    if (m === null) continue;
    const bits = m[3] !== undefined ? Number(m[3]) : m[1]!.endsWith('64') ? 64 : 32;
    assert.equal(MEM_NATURAL_ALIGN[o.code - 0x28], Math.log2(bits / 8), o.name);
    assert.equal(MEM_VALUE_TYPE[o.code - 0x28], TYPES[m[1]!], o.name);
  }
});

test('features remove their instructions from the tables', () => {
  const s = simpleSignatures({ ...DEFAULT_FEATURES, signExtension: false, saturatingFloatToInt: false });
  assert.equal(s.out[0xc0], 0);
  assert.equal(s.out[simpleIndex(0xfc00)], 0);
  assert.equal(s.out[0x6a], 0x7f);
  assert.equal(simpleIndex(0xfd000), -1);
});
