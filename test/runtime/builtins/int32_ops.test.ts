import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as i32 from '../../../src/runtime/builtins/int32_ops.js';
import { I32, instantiateOps } from '../../helpers/tiny_wasm.js';
import { Rng, i32Edges, ourOutcome, testSeed, v8Outcome } from './numeric_cases.js';

const ROUNDS = 3;

const BINARY: Record<string, { op: number; ours: (a: number, b: number) => number }> = {
  div_s: { op: 0x6d, ours: i32.i32DivS },
  div_u: { op: 0x6e, ours: i32.i32DivU },
  rem_s: { op: 0x6f, ours: i32.i32RemS },
  rem_u: { op: 0x70, ours: i32.i32RemU },
  rotl: { op: 0x77, ours: i32.i32Rotl },
  rotr: { op: 0x78, ours: i32.i32Rotr },
};

const UNARY: Record<string, { op: number; ours: (a: number) => number }> = {
  ctz: { op: 0x68, ours: i32.i32Ctz },
  popcnt: { op: 0x69, ours: i32.i32Popcnt },
};

test('i32 division, remainder and rotations match V8 wasm, traps included', () => {
  const w = instantiateOps(Object.fromEntries(Object.entries(BINARY).map(([n, c]) => [n, { params: [I32, I32], result: I32, op: [c.op] }])));
  const edges = i32Edges();
  const rng = new Rng(testSeed());
  const pairs: [number, number][] = [];
  for (const a of edges) for (const b of edges) pairs.push([a, b]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 5000; i++) pairs.push([rng.u32() >> rng.below(32), rng.u32() >> rng.below(32)]);
  }
  for (const [name, c] of Object.entries(BINARY)) {
    for (const [a, b] of pairs) {
      assert.deepEqual(ourOutcome(() => c.ours(a, b)), v8Outcome(() => w[name]!(a, b) as number), `i32.${name}(${a}, ${b}) seed ${rng.seed}`);
    }
  }
});

test('i32 ctz and popcnt match V8 wasm', () => {
  const w = instantiateOps(Object.fromEntries(Object.entries(UNARY).map(([n, c]) => [n, { params: [I32], result: I32, op: [c.op] }])));
  const rng = new Rng(testSeed() + 1);
  const values = [...i32Edges()];
  for (let round = 0; round < ROUNDS; round++) for (let i = 0; i < 5000; i++) values.push((rng.u32() >> rng.below(32)) << rng.below(32));
  for (const [name, c] of Object.entries(UNARY)) {
    for (const x of values) assert.equal(c.ours(x), w[name]!(x), `i32.${name}(${x})`);
  }
});
