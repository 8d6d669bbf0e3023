/**
 * The spec test suite's numeric assertions (f32, f64, f32_bitwise, f64_bitwise, float_misc, i32, i64,
 * conversions) run directly against the builtins and the inline expressions the compiler uses, on the generated
 * code's value representation. An oracle independent of V8: the reference interpreter's expected results.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../../../scripts/shared_data.js';
import * as bits from '../../../src/runtime/builtins/float_bits.js';
import * as fo from '../../../src/runtime/builtins/float_ops.js';
import * as cv from '../../../src/runtime/builtins/float_convert.js';
import * as i64 from '../../../src/runtime/builtins/int64_ops.js';
import * as i32 from '../../../src/runtime/builtins/int32_ops.js';
import { Trap, TRAP_MESSAGES } from '../../../src/runtime/trap.js';

/** The shared data folder when present (K23_SHARED, else ../shared beside the repository), or null. */
function sharedDirIfPresent(): string | null {
  const dir = sharedDir();
  return fs.existsSync(dir) ? dir : null;
}

type Value = number | bigint;
type Kind = 'i32' | 'i64' | 'f32' | 'f64';

interface JsonValue {
  type: Kind;
  value: string;
}

interface Command {
  type: string;
  line: number;
  action?: { type: string; field: string; args: JsonValue[] };
  expected?: JsonValue[];
  text?: string;
}

const S = new BigUint64Array(4);
const I = new Int32Array(S.buffer);

/** A JSON argument in the generated-code representation (i64 as BigInt, to be put in a slot). */
function toRep(v: JsonValue): Value {
  switch (v.type) {
    case 'i32':
      return Number(v.value) | 0;
    case 'i64':
      return BigInt(v.value);
    case 'f32':
      return bits.f32FromBits(Number(v.value));
    case 'f64': {
      const b = BigInt(v.value);
      return bits.f64FromBits(Number(b & 0xffffffffn), Number(b >> 32n));
    }
  }
}

type SlotOp = (S: BigUint64Array, I: Int32Array, a: number, b: number, d: number) => void;

/** i64 binary helper on slots 1, 2 into 3. */
function slots(op: SlotOp): (x: Value, y: Value) => Value {
  return (x, y) => {
    S[1] = x as bigint;
    S[2] = y as bigint;
    op(S, I, 1, 2, 3);
    return S[3]!;
  };
}

/** i64 unary: the operand in slot 1. */
function slot1<T>(f: (I: Int32Array, a: number) => T): (x: Value) => T {
  return (x) => {
    S[1] = x as bigint;
    return f(I, 1);
  };
}

function bool(b: boolean): number {
  return b ? 1 : 0;
}

/** A float -> i64 helper writing slot 3. */
function toSlot(f: (S: BigUint64Array, x: number, d: number) => void): (x: Value) => Value {
  return (x) => {
    f(S, x as number, 3);
    return S[3]!;
  };
}

const n = (v: Value): number => v as number;
const lohi = (v: Value): [number, number] => [Number(BigInt.asUintN(64, v as bigint) & 0xffffffffn) | 0, Number(BigInt.asUintN(64, v as bigint) >> 32n) | 0];

/** Per spec file, the field name -> [result kind, implementation]. */
const FLOAT: Record<string, (...a: Value[]) => Value> = {
  'f32.add': (a, b) => Math.fround(n(a) + n(b)), 'f32.sub': (a, b) => Math.fround(n(a) - n(b)),
  'f32.mul': (a, b) => Math.fround(n(a) * n(b)), 'f32.div': (a, b) => Math.fround(n(a) / n(b)),
  'f32.sqrt': (a) => fo.f32Sqrt(n(a)), 'f32.min': (a, b) => fo.f32Min(n(a), n(b)), 'f32.max': (a, b) => fo.f32Max(n(a), n(b)),
  'f32.ceil': (a) => fo.f32Ceil(n(a)), 'f32.floor': (a) => fo.f32Floor(n(a)), 'f32.trunc': (a) => fo.f32Trunc(n(a)),
  'f32.nearest': (a) => fo.f32Nearest(n(a)), 'f32.abs': (a) => fo.f32Abs(n(a)), 'f32.neg': (a) => fo.f32Neg(n(a)),
  'f32.copysign': (a, b) => fo.f32Copysign(n(a), n(b)),
  'f64.add': (a, b) => n(a) + n(b), 'f64.sub': (a, b) => n(a) - n(b), 'f64.mul': (a, b) => n(a) * n(b),
  'f64.div': (a, b) => n(a) / n(b), 'f64.sqrt': (a) => fo.f64Sqrt(n(a)), 'f64.min': (a, b) => fo.f64Min(n(a), n(b)),
  'f64.max': (a, b) => fo.f64Max(n(a), n(b)), 'f64.ceil': (a) => fo.f64Ceil(n(a)), 'f64.floor': (a) => fo.f64Floor(n(a)),
  'f64.trunc': (a) => fo.f64Trunc(n(a)), 'f64.nearest': (a) => fo.f64Nearest(n(a)), 'f64.abs': (a) => fo.f64Abs(n(a)),
  'f64.neg': (a) => fo.f64Neg(n(a)), 'f64.copysign': (a, b) => fo.f64Copysign(n(a), n(b)),
};

function prefixed(prefix: string): Record<string, (...a: Value[]) => Value> {
  const out: Record<string, (...a: Value[]) => Value> = {};
  for (const [k, f] of Object.entries(FLOAT)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = f;
  return out;
}

const I64: Record<string, (...a: Value[]) => Value> = {
  div_s: slots(i64.i64DivS), div_u: slots(i64.i64DivU), rem_s: slots(i64.i64RemS), rem_u: slots(i64.i64RemU),
  shl: slots(i64.i64Shl), shr_s: slots(i64.i64ShrS), shr_u: slots(i64.i64ShrU), rotl: slots(i64.i64Rotl), rotr: slots(i64.i64Rotr),
  clz: (x) => BigInt(slot1(i64.i64Clz)(x)), ctz: (x) => BigInt(slot1(i64.i64Ctz)(x)), popcnt: (x) => BigInt(slot1(i64.i64Popcnt)(x)),
  eqz: (x) => bool(slot1(i64.i64Eqz)(x)),
  ...Object.fromEntries(([
    ['eq', i64.i64Eq], ['ne', i64.i64Ne], ['lt_s', i64.i64LtS], ['lt_u', i64.i64LtU], ['gt_s', i64.i64GtS], ['gt_u', i64.i64GtU],
    ['le_s', i64.i64LeS], ['le_u', i64.i64LeU], ['ge_s', i64.i64GeS], ['ge_u', i64.i64GeU],
  ] as const).map(([name, f]) => [name, (x: Value, y: Value) => {
    S[1] = x as bigint;
    S[2] = y as bigint;
    return bool(f(I, 1, 2));
  }])),
};

const I32: Record<string, (...a: Value[]) => Value> = {
  div_s: (a, b) => i32.i32DivS(n(a), n(b)), div_u: (a, b) => i32.i32DivU(n(a), n(b)),
  rem_s: (a, b) => i32.i32RemS(n(a), n(b)), rem_u: (a, b) => i32.i32RemU(n(a), n(b)),
  rotl: (a, b) => i32.i32Rotl(n(a), n(b)), rotr: (a, b) => i32.i32Rotr(n(a), n(b)),
  ctz: (a) => i32.i32Ctz(n(a)), popcnt: (a) => i32.i32Popcnt(n(a)),
};

const CONVERSIONS: Record<string, (...a: Value[]) => Value> = {
  'i64.extend_i32_s': (x) => { i64.i64ExtendI32S(S, 3, n(x)); return S[3]!; },
  'i64.extend_i32_u': (x) => { i64.i64ExtendI32U(S, 3, n(x)); return S[3]!; },
  'i32.trunc_f32_s': (x) => cv.i32TruncF32S(n(x)), 'i32.trunc_f32_u': (x) => cv.i32TruncF32U(n(x)),
  'i32.trunc_f64_s': (x) => cv.i32TruncF64S(n(x)), 'i32.trunc_f64_u': (x) => cv.i32TruncF64U(n(x)),
  'i64.trunc_f32_s': toSlot(cv.i64TruncF32S), 'i64.trunc_f32_u': toSlot(cv.i64TruncF32U),
  'i64.trunc_f64_s': toSlot(cv.i64TruncF64S), 'i64.trunc_f64_u': toSlot(cv.i64TruncF64U),
  'i32.trunc_sat_f32_s': (x) => cv.i32TruncSatF32S(n(x)), 'i32.trunc_sat_f32_u': (x) => cv.i32TruncSatF32U(n(x)),
  'i32.trunc_sat_f64_s': (x) => cv.i32TruncSatF64S(n(x)), 'i32.trunc_sat_f64_u': (x) => cv.i32TruncSatF64U(n(x)),
  'i64.trunc_sat_f32_s': toSlot(cv.i64TruncSatF32S), 'i64.trunc_sat_f32_u': toSlot(cv.i64TruncSatF32U),
  'i64.trunc_sat_f64_s': toSlot(cv.i64TruncSatF64S), 'i64.trunc_sat_f64_u': toSlot(cv.i64TruncSatF64U),
  'f32.convert_i32_s': (x) => cv.f32ConvertI32S(n(x)), 'f32.convert_i32_u': (x) => cv.f32ConvertI32U(n(x)),
  'f64.convert_i32_s': (x) => cv.f64ConvertI32S(n(x)), 'f64.convert_i32_u': (x) => cv.f64ConvertI32U(n(x)),
  'f32.convert_i64_s': (x) => cv.f32ConvertI64S(...lohi(x)), 'f32.convert_i64_u': (x) => cv.f32ConvertI64U(...lohi(x)),
  'f64.convert_i64_s': (x) => cv.f64ConvertI64S(...lohi(x)), 'f64.convert_i64_u': (x) => cv.f64ConvertI64U(...lohi(x)),
  'f64.promote_f32': (x) => cv.f64PromoteF32(n(x)), 'f32.demote_f64': (x) => cv.f32DemoteF64(n(x)),
  'f32.reinterpret_i32': (x) => bits.f32FromBits(n(x)), 'i32.reinterpret_f32': (x) => bits.f32ToBits(n(x)),
  'f64.reinterpret_i64': (x) => bits.f64FromBits(...lohi(x)),
  'i64.reinterpret_f64': (x) => (BigInt(bits.f64HighBits(n(x)) >>> 0) << 32n) | BigInt(bits.f64LowBits(n(x)) >>> 0),
};

const FILES: Record<string, Record<string, (...a: Value[]) => Value>> = {
  f32: prefixed('f32.'), f64: prefixed('f64.'), f32_bitwise: prefixed('f32.'), f64_bitwise: prefixed('f64.'),
  float_misc: FLOAT, i64: I64, i32: I32, conversions: CONVERSIONS,
};

/** Checks a result in the representation against an expected JSON value (bits, or a NaN class). */
function checkResult(got: Value, want: JsonValue, what: string): void {
  switch (want.type) {
    case 'i32':
      assert.equal((got as number) | 0, Number(want.value) | 0, what);
      return;
    case 'i64':
      assert.equal(BigInt.asUintN(64, got as bigint), BigInt(want.value), what);
      return;
    case 'f32': {
      const b = bits.f32ToBits(got as number) >>> 0;
      if (got === got) assert.ok(Object.is(Math.fround(got as number), got), `${what}: not a binary32 value`);
      else assert.equal(bits.f64LowBits(got as number) & 0x1fffffff, 0, `${what}: not a valid f32 NaN representation`);
      if (want.value === 'nan:canonical') assert.equal(b & 0x7fffffff, 0x7fc00000, `${what}: 0x${b.toString(16)}`);
      else if (want.value === 'nan:arithmetic') assert.ok((b & 0x7fc00000) === 0x7fc00000, `${what}: 0x${b.toString(16)}`);
      else assert.equal(b, Number(want.value), what);
      return;
    }
    case 'f64': {
      const b = (BigInt(bits.f64HighBits(got as number) >>> 0) << 32n) | BigInt(bits.f64LowBits(got as number) >>> 0);
      if (want.value === 'nan:canonical') assert.equal(b & 0x7fffffffffffffffn, 0x7ff8000000000000n, `${what}: 0x${b.toString(16)}`);
      else if (want.value === 'nan:arithmetic') assert.ok((b & 0x7ff8000000000000n) === 0x7ff8000000000000n, `${what}: 0x${b.toString(16)}`);
      else assert.equal(b, BigInt(want.value), what);
      return;
    }
  }
}

const shared = sharedDirIfPresent();

for (const [file, ops] of Object.entries(FILES)) {
  test(`spec ${file}.wast numeric assertions`, { skip: shared === null ? 'shared data not found (set K23_SHARED)' : false }, () => {
    const json = JSON.parse(fs.readFileSync(path.join(shared!, 'wasm-spec-json/2.0', file, `${file}.json`), 'utf8')) as { commands: Command[] };
    let checked = 0;
    for (const c of json.commands) {
      if ((c.type !== 'assert_return' && c.type !== 'assert_trap') || c.action?.type !== 'invoke') continue;
      const op = ops[c.action.field];
      if (op === undefined) continue;
      const what = `${file}.wast:${c.line} ${c.action.field}(${c.action.args.map((a) => a.value).join(', ')})`;
      // Arguments are converted at the call, never kept in an array: V8 sets the quiet bit of a signalling NaN
      // stored into an array of doubles (measured), which would change the input.
      const [a0, a1] = c.action.args;
      const call = (): Value => (a1 === undefined ? op(toRep(a0!)) : op(toRep(a0!), toRep(a1)));
      if (c.type === 'assert_trap') {
        assert.throws(call, (e: unknown) => e instanceof Trap && TRAP_MESSAGES[e.kind] === c.text, what);
      } else {
        checkResult(call(), c.expected![0]!, what);
      }
      checked++;
    }
    assert.ok(checked > 0, `no assertions of ${file}.wast matched a builtin`);
  });
}
