import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as i64 from '../../../src/runtime/builtins/int64_ops.js';
import { I32, I64, instantiateOps } from '../../helpers/tiny_wasm.js';
import { Rng, i64Edges, ourOutcome, testSeed, u64, v8Outcome } from './numeric_cases.js';

const ROUNDS = 3;

type SlotOp = (S: BigUint64Array, I: Int32Array, a: number, b: number, d: number) => void;

const S = new BigUint64Array(8);
const I = new Int32Array(S.buffer);

/**
 * Runs a slot helper on (x, y) with the given slot layout (operands in slots 1 and 2; the destination is slot 3,
 * or one of the operand slots to check in-place use) and returns the destination's value.
 */
function runSlots(op: SlotOp, x: bigint, y: bigint, layout: number): bigint {
  S.fill(0xa5a5a5a5a5a5a5a5n);
  S[1] = x;
  S[2] = y;
  const d = layout === 0 ? 3 : layout === 1 ? 1 : 2;
  op(S, I, 1, 2, d);
  for (let k = 0; k < S.length; k++) {
    if (k !== d && k !== 1 && k !== 2) assert.equal(S[k], 0xa5a5a5a5a5a5a5a5n, `slot ${k} clobbered`);
  }
  return S[d]!;
}

const BINARY: Record<string, { op: number; ours: SlotOp }> = {
  div_s: { op: 0x7f, ours: i64.i64DivS },
  div_u: { op: 0x80, ours: i64.i64DivU },
  rem_s: { op: 0x81, ours: i64.i64RemS },
  rem_u: { op: 0x82, ours: i64.i64RemU },
  shl: { op: 0x86, ours: i64.i64Shl },
  shr_s: { op: 0x87, ours: i64.i64ShrS },
  shr_u: { op: 0x88, ours: i64.i64ShrU },
  rotl: { op: 0x89, ours: i64.i64Rotl },
  rotr: { op: 0x8a, ours: i64.i64Rotr },
};

function wasmBinary(): Record<string, (x: bigint, y: bigint) => bigint> {
  const w = instantiateOps(Object.fromEntries(Object.entries(BINARY).map(([n, c]) => [n, { params: [I64, I64], result: I64, op: [c.op] }])));
  return Object.fromEntries(Object.keys(BINARY).map((n) => [n, (x: bigint, y: bigint) => u64(w[n]!(BigInt.asIntN(64, x), BigInt.asIntN(64, y)))]));
}

/** A divisor from one of the ranges the division helper treats differently, with either sign. */
function randomDivisor(rng: Rng): bigint {
  const limits = [2n ** 11n, 2n ** 21n, 2n ** 30n, 2n ** 32n, 2n ** 40n, 2n ** 64n];
  const lo = rng.below(2) === 0 ? 1n : limits[rng.below(limits.length - 1)]!;
  const hi = limits[rng.below(limits.length)]!;
  let v = hi > lo ? lo + (rng.u64() % (hi - lo)) : lo;
  if (v === 0n) v = 1n;
  return rng.below(3) === 0 ? BigInt.asUintN(64, -v) : v;
}

/** Compares with V8 for each slot layout (`layouts` 3: also with the destination aliasing either operand). */
function check(name: string, ours: SlotOp, wasm: (x: bigint, y: bigint) => bigint, x: bigint, y: bigint, what: string, layouts = 3): void {
  const want = v8Outcome(() => wasm(x, y));
  for (let layout = 0; layout < layouts; layout++) {
    const got = ourOutcome(() => runSlots(ours, x, y, layout));
    assert.deepEqual(got, want, `i64.${name}(0x${x.toString(16)}, 0x${y.toString(16)}) layout ${layout} ${what}`);
  }
}

test('i64 division and remainder match V8 wasm, traps included, on edge pairs', () => {
  const wasm = wasmBinary();
  const edges = i64Edges();
  for (const name of ['div_s', 'div_u', 'rem_s', 'rem_u']) {
    for (const x of edges) for (const y of edges) check(name, BINARY[name]!.ours, wasm[name]!, x, y, 'edge', 1);
  }
});

test('i64 division and remainder match V8 wasm on dividends next to multiples of the divisor', () => {
  // The reciprocal estimates are off by one exactly here: q * d - 1, q * d, q * d + 1 for every divisor range.
  const wasm = wasmBinary();
  const rng = new Rng(testSeed());
  for (let i = 0; i < 3000; i++) {
    const y = randomDivisor(rng);
    const m = BigInt.asIntN(64, y) < 0n ? BigInt.asUintN(64, -y) : y;
    const x = BigInt.asUintN(64, (rng.u64() / m) * m + BigInt(rng.below(3) - 1));
    for (const name of ['div_s', 'div_u', 'rem_s', 'rem_u']) check(name, BINARY[name]!.ours, wasm[name]!, x, y, 'near multiple', 1);
  }
});

test('i64 division and remainder match V8 wasm on random operands of every divisor range', () => {
  const wasm = wasmBinary();
  const rng = new Rng(testSeed());
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 5000; i++) {
      const x = rng.below(4) === 0 ? rng.u64() : rng.below(2) === 0 ? rng.u64AnyWidth() : BigInt.asUintN(64, -rng.u64AnyWidth());
      const y = randomDivisor(rng);
      for (const name of ['div_s', 'div_u', 'rem_s', 'rem_u']) check(name, BINARY[name]!.ours, wasm[name]!, x, y, `seed ${rng.seed}`);
    }
  }
});

test('i64 division matches V8 wasm next to multiples of the divisor (where estimates need correcting)', () => {
  const wasm = wasmBinary();
  const rng = new Rng(testSeed() + 4);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 4000; i++) {
      const y = BigInt.asUintN(64, randomDivisor(rng));
      const q = rng.u64AnyWidth() % ((1n << 64n) / y);
      const r = rng.pick([0n, 1n, 2n, y - 1n, y - 2n, y / 2n]);
      const x = BigInt.asUintN(64, q * y + (r < y ? r : 0n));
      for (const name of ['div_s', 'div_u', 'rem_s', 'rem_u']) check(name, BINARY[name]!.ours, wasm[name]!, x, y, `seed ${rng.seed}`);
    }
  }
});

test('i64 division traps with the right kind', () => {
  const cases: [bigint, bigint, string, number | null][] = [
    [5n, 0n, 'div_u', 6], [5n, 0n, 'div_s', 6], [5n, 0n, 'rem_u', 6], [5n, 0n, 'rem_s', 6],
    [0x8000000000000000n, 0xffffffffffffffffn, 'div_s', 7],
    [0x8000000000000000n, 0xffffffffffffffffn, 'rem_s', null],
  ];
  for (const [x, y, name, kind] of cases) {
    const got = ourOutcome(() => runSlots(BINARY[name]!.ours, x, y, 0));
    if (kind === null) assert.deepEqual(got, { value: 0n });
    else assert.deepEqual(got, { trap: kind }, `${name}(${x}, ${y})`);
  }
});

test('i64 shifts and rotations match V8 wasm for every count (high count bits ignored)', () => {
  const wasm = wasmBinary();
  const rng = new Rng(testSeed() + 1);
  const values = [...i64Edges()];
  for (let i = 0; i < 200; i++) values.push(rng.u64());
  for (let round = 0; round < 2; round++) {
    for (const name of ['shl', 'shr_s', 'shr_u', 'rotl', 'rotr']) {
      for (const x of values) {
        for (let k = 0n; k < 64n; k++) {
          const count = k + (rng.below(2) === 0 ? 0n : BigInt(rng.below(1 << 20)) << 6n) + (rng.below(4) === 0 ? 1n << 63n : 0n);
          check(name, BINARY[name]!.ours, wasm[name]!, x, count, `seed ${rng.seed}`, 1 + (Number(k) % 3));
        }
      }
    }
  }
});

test('i64 clz, ctz and popcnt match V8 wasm', () => {
  const w = instantiateOps({
    clz: { params: [I64], result: I64, op: [0x79] },
    ctz: { params: [I64], result: I64, op: [0x7a] },
    popcnt: { params: [I64], result: I64, op: [0x7b] },
  });
  const ours = { clz: i64.i64Clz, ctz: i64.i64Ctz, popcnt: i64.i64Popcnt };
  const rng = new Rng(testSeed() + 2);
  for (let round = 0; round < ROUNDS; round++) {
    const values = [...i64Edges()];
    for (let i = 0; i < 3000; i++) values.push(rng.u64AnyWidth() << BigInt(rng.below(64)) & 0xffffffffffffffffn);
    for (const x of values) {
      S[5] = x;
      for (const [name, f] of Object.entries(ours)) {
        assert.equal(BigInt(f(I, 5)), u64(w[name]!(BigInt.asIntN(64, x))), `i64.${name}(0x${x.toString(16)})`);
      }
    }
  }
});

test('Number-to-slot stores write exact 64-bit patterns', () => {
  const rng = new Rng(testSeed() + 3);
  for (let round = 0; round < ROUNDS; round++) {
    const ints = [0, -0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 51 - 1, -(2 ** 51)];
    for (let i = 0; i < 3000; i++) ints.push(Math.floor((rng.u32() / 2 ** 32 - 0.5) * 2 ** (1 + rng.below(52))));
    for (const v of ints) {
      i64.i64SetInt(S, 4, v);
      assert.equal(S[4], BigInt.asUintN(64, BigInt(v)), `i64SetInt(${v})`);
    }
    const integrals = [-(2 ** 63), 2 ** 63, 2 ** 64 - 2048, -(2 ** 52), 2 ** 52, 2 ** 53, -(2 ** 53) - 2, ...ints];
    for (let i = 0; i < 3000; i++) integrals.push(Math.trunc((rng.u32() / 2 ** 32 - 0.3) * 2 ** (1 + rng.below(64))));
    for (const t of integrals) {
      i64.i64SetIntegral(S, 4, t);
      assert.equal(S[4], BigInt.asUintN(64, BigInt(t)), `i64SetIntegral(${t})`);
    }
    for (let i = 0; i < 3000; i++) {
      const lo = rng.u32() | 0, hi = rng.u32() | 0;
      i64.i64SetHalves(S, 4, lo, hi);
      assert.equal(I[8], lo);
      assert.equal(I[9], hi);
      i64.i64SetHalves(S, 4, lo >>> 0, hi >>> 0);
      assert.equal(I[8], lo);
      assert.equal(I[9], hi);
      i64.i64ExtendI32S(S, 4, lo);
      assert.equal(S[4], BigInt.asUintN(64, BigInt(lo)));
      i64.i64ExtendI32U(S, 4, lo);
      assert.equal(S[4], BigInt(lo >>> 0));
    }
  }
});

test('i64 comparisons on halves match V8 wasm', () => {
  const cmp: Record<string, { op: number; ours: (I: Int32Array, a: number, b: number) => boolean }> = {
    eq: { op: 0x51, ours: i64.i64Eq }, ne: { op: 0x52, ours: i64.i64Ne },
    lt_s: { op: 0x53, ours: i64.i64LtS }, lt_u: { op: 0x54, ours: i64.i64LtU },
    gt_s: { op: 0x55, ours: i64.i64GtS }, gt_u: { op: 0x56, ours: i64.i64GtU },
    le_s: { op: 0x57, ours: i64.i64LeS }, le_u: { op: 0x58, ours: i64.i64LeU },
    ge_s: { op: 0x59, ours: i64.i64GeS }, ge_u: { op: 0x5a, ours: i64.i64GeU },
  };
  const w = instantiateOps({
    ...Object.fromEntries(Object.entries(cmp).map(([n, c]) => [n, { params: [I64, I64], result: I32, op: [c.op] }])),
    eqz: { params: [I64], result: I32, op: [0x50] },
  });
  const edges = i64Edges();
  const rng = new Rng(testSeed() + 5);
  const pairs: [bigint, bigint][] = [];
  for (const x of edges) for (const y of edges) pairs.push([x, y]);
  for (let i = 0; i < 5000; i++) {
    const x = rng.u64();
    // Equal high halves and equal values are the cases where the low halves decide.
    pairs.push([x, rng.u64()], [x, x], [x, (x & 0xffffffff00000000n) | BigInt(rng.u32())]);
  }
  for (const [x, y] of pairs) {
    S[1] = x;
    S[2] = y;
    const sx = BigInt.asIntN(64, x), sy = BigInt.asIntN(64, y);
    for (const [name, c] of Object.entries(cmp)) {
      assert.equal(c.ours(I, 1, 2) ? 1 : 0, w[name]!(sx, sy), `i64.${name}(0x${x.toString(16)}, 0x${y.toString(16)})`);
    }
    assert.equal(i64.i64Eqz(I, 1) ? 1 : 0, w['eqz']!(sx), `i64.eqz(0x${x.toString(16)})`);
  }
});
