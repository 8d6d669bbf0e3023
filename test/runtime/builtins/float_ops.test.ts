import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ops from '../../../src/runtime/builtins/float_ops.js';
import { f32FromBits, f32ToBits, f64FromBits } from '../../../src/runtime/builtins/float_bits.js';
import { F32, F64, instantiateOps } from '../../helpers/tiny_wasm.js';
import {
  Rng, assertArithF32, assertArithF64, bitsOfF64, f32Edges, f64Edges, randomF32Bits, randomF64Bits, testSeed, u64,
} from './numeric_cases.js';

const ROUNDS = 3; // later rounds run the helpers after TurboFan has optimized them

/** One operation: its wasm opcode, our implementation, and whether its result bits must match exactly. */
interface Case<F> {
  readonly op: number;
  readonly ours: F;
  /** neg/abs/copysign are bit operations (payloads exact); everything else is arithmetic (NaN rules apply). */
  readonly exact: boolean;
}

type Unary = (x: number) => number;
type Binary = (a: number, b: number) => number;

const F64_UNARY: Record<string, Case<Unary>> = {
  abs: { op: 0x99, ours: ops.f64Abs, exact: true },
  neg: { op: 0x9a, ours: ops.f64Neg, exact: true },
  ceil: { op: 0x9b, ours: ops.f64Ceil, exact: false },
  floor: { op: 0x9c, ours: ops.f64Floor, exact: false },
  trunc: { op: 0x9d, ours: ops.f64Trunc, exact: false },
  nearest: { op: 0x9e, ours: ops.f64Nearest, exact: false },
  sqrt: { op: 0x9f, ours: ops.f64Sqrt, exact: false },
};

const F32_UNARY: Record<string, Case<Unary>> = {
  abs: { op: 0x8b, ours: ops.f32Abs, exact: true },
  neg: { op: 0x8c, ours: ops.f32Neg, exact: true },
  ceil: { op: 0x8d, ours: ops.f32Ceil, exact: false },
  floor: { op: 0x8e, ours: ops.f32Floor, exact: false },
  trunc: { op: 0x8f, ours: ops.f32Trunc, exact: false },
  nearest: { op: 0x90, ours: ops.f32Nearest, exact: false },
  sqrt: { op: 0x91, ours: ops.f32Sqrt, exact: false },
};

// + - * / are not builtins: the compiler emits `a op b` (f64) and `Math.fround(a op b)` (f32). Checked here too,
// because the f32 form relies on double rounding being innocuous.
const F64_BINARY: Record<string, Case<Binary>> = {
  add: { op: 0xa0, ours: (a, b) => a + b, exact: false },
  sub: { op: 0xa1, ours: (a, b) => a - b, exact: false },
  mul: { op: 0xa2, ours: (a, b) => a * b, exact: false },
  div: { op: 0xa3, ours: (a, b) => a / b, exact: false },
  min: { op: 0xa4, ours: ops.f64Min, exact: false },
  max: { op: 0xa5, ours: ops.f64Max, exact: false },
  copysign: { op: 0xa6, ours: ops.f64Copysign, exact: true },
};

const F32_BINARY: Record<string, Case<Binary>> = {
  add: { op: 0x92, ours: (a, b) => Math.fround(a + b), exact: false },
  sub: { op: 0x93, ours: (a, b) => Math.fround(a - b), exact: false },
  mul: { op: 0x94, ours: (a, b) => Math.fround(a * b), exact: false },
  div: { op: 0x95, ours: (a, b) => Math.fround(a / b), exact: false },
  min: { op: 0x96, ours: ops.f32Min, exact: false },
  max: { op: 0x97, ours: ops.f32Max, exact: false },
  copysign: { op: 0x98, ours: ops.f32Copysign, exact: true },
};

function f64Of(b: bigint): number {
  return f64FromBits(Number(b & 0xffffffffn), Number(b >> 32n));
}

/** Asserts that `x` is a valid f32 representation: a binary32 value, or a NaN with the low 29 bits clear. */
function assertF32Rep(x: number, what: string): void {
  if (x === x) assert.ok(Object.is(Math.fround(x), x), `${what}: ${x} is not a binary32 value`);
  else assert.equal(bitsOfF64(x) & 0x1fffffffn, 0n, `${what}: NaN with low bits set`);
}

test('f64 unary ops match V8 wasm bit for bit (NaNs: quiet, canonical kept)', () => {
  const wasm = instantiateOps(Object.fromEntries(Object.entries(F64_UNARY).map(([n, c]) => [n, { params: [F64], result: F64, op: [c.op] }])));
  const edges = f64Edges();
  const rng = new Rng(testSeed());
  for (let round = 0; round < ROUNDS; round++) {
    const cases = [...edges];
    for (let i = 0; i < 4000; i++) cases.push(randomF64Bits(rng, edges));
    for (const [name, c] of Object.entries(F64_UNARY)) {
      for (const b of cases) {
        const ours = bitsOfF64(c.ours(f64Of(b)));
        const v8 = u64(wasm[name]!(BigInt.asIntN(64, b)));
        const what = `f64.${name}(0x${b.toString(16)}) seed ${rng.seed}`;
        if (c.exact) assert.equal(ours, v8, what);
        else assertArithF64(ours, v8, [b], what);
      }
    }
  }
});

test('f32 unary ops match V8 wasm on the f32 representation', () => {
  const wasm = instantiateOps(Object.fromEntries(Object.entries(F32_UNARY).map(([n, c]) => [n, { params: [F32], result: F32, op: [c.op] }])));
  const edges = f32Edges();
  const rng = new Rng(testSeed());
  for (let round = 0; round < ROUNDS; round++) {
    const cases = [...edges];
    for (let i = 0; i < 4000; i++) cases.push(randomF32Bits(rng, edges));
    for (const [name, c] of Object.entries(F32_UNARY)) {
      for (const b of cases) {
        const r = c.ours(f32FromBits(b));
        const what = `f32.${name}(0x${b.toString(16)}) seed ${rng.seed}`;
        assertF32Rep(r, what);
        const ours = f32ToBits(r) >>> 0;
        const v8 = (wasm[name]!(b | 0) as number) >>> 0;
        if (c.exact) assert.equal(ours, v8, what);
        else assertArithF32(ours, v8, [b], what);
      }
    }
  }
});

test('f64 binary ops match V8 wasm on all edge pairs and random pairs', () => {
  const wasm = instantiateOps(Object.fromEntries(Object.entries(F64_BINARY).map(([n, c]) => [n, { params: [F64, F64], result: F64, op: [c.op] }])));
  const edges = f64Edges();
  const rng = new Rng(testSeed() + 7);
  const pairs: [bigint, bigint][] = [];
  for (const a of edges) for (const b of edges) pairs.push([a, b]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 4000; i++) pairs.push([randomF64Bits(rng, edges), randomF64Bits(rng, edges)]);
  }
  for (const [name, c] of Object.entries(F64_BINARY)) {
    for (const [a, b] of pairs) {
      const ours = bitsOfF64(c.ours(f64Of(a), f64Of(b)));
      const v8 = u64(wasm[name]!(BigInt.asIntN(64, a), BigInt.asIntN(64, b)));
      const what = `f64.${name}(0x${a.toString(16)}, 0x${b.toString(16)}) seed ${rng.seed}`;
      if (c.exact) assert.equal(ours, v8, what);
      else assertArithF64(ours, v8, [a, b], what);
    }
  }
});

test('f32 binary ops (and the inline Math.fround(a op b)) match V8 wasm', () => {
  const wasm = instantiateOps(Object.fromEntries(Object.entries(F32_BINARY).map(([n, c]) => [n, { params: [F32, F32], result: F32, op: [c.op] }])));
  const edges = f32Edges();
  const rng = new Rng(testSeed() + 7);
  const pairs: [number, number][] = [];
  for (const a of edges) for (const b of edges) pairs.push([a, b]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 4000; i++) pairs.push([randomF32Bits(rng, edges), randomF32Bits(rng, edges)]);
    // Operands close in magnitude, where subtraction and division round hardest.
    for (let i = 0; i < 2000; i++) {
      const a = randomF32Bits(rng, edges);
      pairs.push([a, (a + rng.below(64) - 32) >>> 0]);
    }
  }
  for (const [name, c] of Object.entries(F32_BINARY)) {
    for (const [a, b] of pairs) {
      const r = c.ours(f32FromBits(a), f32FromBits(b));
      const what = `f32.${name}(0x${a.toString(16)}, 0x${b.toString(16)}) seed ${rng.seed}`;
      assertF32Rep(r, what);
      const ours = f32ToBits(r) >>> 0;
      const v8 = (wasm[name]!(a | 0, b | 0) as number) >>> 0;
      if (c.exact) assert.equal(ours, v8, what);
      else assertArithF32(ours, v8, [a, b], what);
    }
  }
});

test('nearest rounds ties to even and keeps the sign of zero results', () => {
  const cases: [number, number][] = [
    [0.5, 0], [1.5, 2], [2.5, 2], [-0.5, -0], [-1.5, -2], [-2.5, -2], [-0.4, -0], [0.49999999999999994, 0],
    [4503599627370495.5, 4503599627370496], [-4503599627370495.5, -4503599627370496], [-0, -0], [0, 0],
  ];
  for (const [x, want] of cases) {
    assert.ok(Object.is(ops.f64Nearest(x), want), `f64.nearest(${x})`);
    if (Math.fround(x) === x) assert.ok(Object.is(ops.f32Nearest(x), want), `f32.nearest(${x})`);
  }
  assert.ok(Object.is(ops.f32Nearest(8388607.5), 8388608));
});
