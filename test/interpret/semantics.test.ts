/**
 * The interpreter's semantics by instruction group: each case states the expected results, and the compiled
 * strategy must agree on every call (the two tiers are interchangeable).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FEATURES } from '../../src/index.js';
import { instantiate, outcome } from './both_strategies.js';

/** Runs `calls` ([export, args, expected]) under both strategies. */
function check(wat: string, calls: [string, unknown[], string][]): void {
  const interp = instantiate(wat, 'interpret');
  const compiled = instantiate(wat, 'compile');
  for (const [name, args, expected] of calls) {
    const got = outcome(interp, name, args);
    assert.equal(got, expected, `${name}(${args.map(String).join(', ')}) interpreted`);
    assert.equal(outcome(compiled, name, args), got, `${name}(${args.map(String).join(', ')}) compiled`);
  }
}

test('i32 arithmetic, comparisons and traps', () => {
  check(
    `(module
      (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
      (func (export "div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
      (func (export "rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
      (func (export "lt_u") (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
      (func (export "bits") (param i32) (result i32)
        (i32.add (i32.clz (local.get 0)) (i32.mul (i32.ctz (local.get 0)) (i32.popcnt (local.get 0)))))
      (func (export "ext") (param i32) (result i32) (i32.add (i32.extend8_s (local.get 0)) (i32.extend16_s (local.get 0))))
      (func (export "fused") (param i32 i32) (result i32) (local i32)
        (local.set 2 (i32.shr_u (local.get 0) (i32.const 3)))
        (local.set 1 (i32.mul (local.get 1) (local.get 2)))
        (i32.sub (local.tee 0 (i32.shl (local.get 0) (local.get 1))) (local.get 2))))`,
    [
      ['div_s', [-7, 2], '-3'],
      ['div_s', [1, 0], 'trap: integer divide by zero'],
      ['div_s', [-2147483648, -1], 'trap: integer overflow'],
      ['rem_s', [-2147483648, -1], '0'],
      ['rem_s', [-7, 2], '-1'],
      ['div_u', [-1, 2], '2147483647'],
      ['rotl', [0x80000001, 1], '3'],
      ['lt_u', [1, -1], '1'],
      ['bits', [0x00f0], String(24 + 4 * 4)],
      ['ext', [0xff80], String(-128 + -128)],
      ['fused', [-16, 3], String(((-16 << ((3 * ((-16 >>> 3) | 0)) & 31)) - ((-16 >>> 3) | 0)) | 0)],
      ['fused', [100, -7], String(((100 << (Math.imul(-7, 12) & 31)) - 12) | 0)],
    ],
  );
});

test('i64 arithmetic: carries, products, shifts, division, comparisons', () => {
  const M = (1n << 64n) - 1n;
  const s = (x: bigint): string => `${BigInt.asIntN(64, x)}n`;
  const a = 0xfedcba9876543210n;
  const b = 0x0123456789abcdefn;
  check(
    `(module
      (func (export "add") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
      (func (export "sub") (param i64 i64) (result i64) (i64.sub (local.get 0) (local.get 1)))
      (func (export "mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
      (func (export "shr_s") (param i64 i64) (result i64) (i64.shr_s (local.get 0) (local.get 1)))
      (func (export "rotr") (param i64 i64) (result i64) (i64.rotr (local.get 0) (local.get 1)))
      (func (export "div_u") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
      (func (export "rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
      (func (export "lt_s") (param i64 i64) (result i32) (i64.lt_s (local.get 0) (local.get 1)))
      (func (export "ge_u") (param i64 i64) (result i32) (i64.ge_u (local.get 0) (local.get 1)))
      (func (export "clz") (param i64) (result i64) (i64.clz (local.get 0)))
      (func (export "ext") (param i32) (result i64) (i64.add (i64.extend_i32_s (local.get 0)) (i64.extend_i32_u (local.get 0))))
      (func (export "ext8") (param i64) (result i64) (i64.extend8_s (local.get 0)))
      (func (export "wrap") (param i64) (result i32) (i32.wrap_i64 (local.get 0))))`,
    [
      ['add', [0xffffffffn, 1n], s(0x100000000n)],
      ['add', [-1n, 1n], '0n'],
      ['sub', [0n, 1n], '-1n'],
      ['sub', [0x100000000n, 1n], s(0xffffffffn)],
      ['mul', [a, b], s((a * b) & M)],
      ['mul', [-3n, 0x7fffffffffffffffn], s((-3n * 0x7fffffffffffffffn) & M)],
      ['mul', [0xffffffffn, 0xffffffffn], s(0xffffffffn * 0xffffffffn)],
      ['shr_s', [-256n, 68n], '-16n'],
      ['rotr', [1n, 1n], s(1n << 63n)],
      ['div_u', [-1n, 3n], s(M / 3n)],
      ['div_u', [1n, 0n], 'trap: integer divide by zero'],
      ['rem_s', [-7n, 2n], '-1n'],
      ['lt_s', [-1n, 0n], '1'],
      ['ge_u', [-1n, 0n], '1'],
      ['clz', [1n], '63n'],
      ['ext', [-1], s(-1n + 0xffffffffn)],
      ['ext8', [0x80n], '-128n'],
      ['wrap', [0x1_8000_0000n], '-2147483648'],
    ],
  );
});

test('floats: arithmetic, rounding, NaN payloads through memory, conversions and their traps', () => {
  check(
    `(module (memory 1)
      (func (export "f32add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
      (func (export "nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
      (func (export "min") (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
      (func (export "f32nan") (result i32)
        (f32.store (i32.const 8) (f32.reinterpret_i32 (i32.const 0x7fa00001)))
        (i32.reinterpret_f32 (f32.load (i32.const 8))))
      (func (export "f32bits") (result i32) (i32.reinterpret_f32 (f32.const -nan:0x200001)))
      (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
      (func (export "trunc_sat") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
      (func (export "conv") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
      (func (export "demote") (param f64) (result f32) (f32.demote_f64 (local.get 0))))`,
    [
      ['f32add', [0.1, 0.2], String(Math.fround(Math.fround(0.1) + Math.fround(0.2)))],
      ['nearest', [2.5], '2'],
      ['nearest', [-0.5], '-0'],
      ['min', [-0, 0], '-0'],
      ['f32nan', [], String(0x7fa00001)],
      ['f32bits', [], String(0xffa00001 | 0)],
      ['trunc', [-2147483648.9], '-2147483648'],
      ['trunc', [2147483648], 'trap: integer overflow'],
      ['trunc', [NaN], 'trap: invalid conversion to integer'],
      ['trunc_sat', [-5], '0n'],
      ['trunc_sat', [1e30], '-1n'],
      ['conv', [-1n], String(Math.fround(2 ** 64))],
      ['demote', [1e300], 'Infinity'],
    ],
  );
});

test('memory: loads and stores of every width, exact out-of-bounds traps, size, grow, fill, copy, init', () => {
  check(
    `(module (memory 1 3)
      (data $d "\\01\\02\\03\\04")
      (func (export "store_load") (param i32 i64) (result i64)
        (i64.store (local.get 0) (local.get 1))
        (i64.add (i64.load32_u (local.get 0)) (i64.load16_s offset=6 (local.get 0))))
      (func (export "byte") (param i32) (result i32) (i32.load8_s (local.get 0)))
      (func (export "i32at") (param i32) (result i32) (i32.load offset=2 (local.get 0)))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (result i32) (memory.size))
      (func (export "bulk") (result i32)
        (memory.fill (i32.const 100) (i32.const 0xaa) (i32.const 4))
        (memory.init $d (i32.const 102) (i32.const 1) (i32.const 2))
        (memory.copy (i32.const 200) (i32.const 100) (i32.const 4))
        (i32.load (i32.const 200)))
      (func (export "init_dropped") (data.drop $d) (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))))`,
    [
      ['store_load', [16, 0x8001_0002_0000_0003n], `${3n - 0x7fffn}n`],
      ['byte', [65535], '0'],
      ['byte', [65536], 'trap: out of bounds memory access'],
      ['i32at', [65530], '0'],
      ['i32at', [65531], 'trap: out of bounds memory access'],
      ['i32at', [-1], 'trap: out of bounds memory access'],
      ['bulk', [], String(0x0302aaaa)],
      ['grow', [1], '1'],
      ['size', [], '2'],
      ['byte', [65536], '0'],
      ['grow', [2], '-1'],
      ['init_dropped', [], 'trap: out of bounds memory access'],
    ],
  );
});

test('control: multi-value blocks and calls, br_table, typed and untyped select, loops', () => {
  check(
    `(module
      (func $pair (param i32) (result i64 i32) (i64.extend_i32_s (local.get 0)) (local.get 0))
      (func (export "mv") (param i32) (result i64)
        (local.get 0) (block (param i32) (result i64 i32) (call $pair)) (i64.extend_i32_u) (i64.add))
      (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
      (func (export "table") (param i32) (result i32)
        (block $c (block $b (block $a (br_table $a $b $c (local.get 0))) (return (i32.const 10))) (return (i32.const 20)))
        (i32.const 30))
      (func (export "sel") (param i32) (result i64) (select (i64.const -1) (i64.const 7) (local.get 0)))
      (func (export "selref") (param i32) (result i32)
        (ref.is_null (select (result externref) (ref.null extern) (ref.null extern) (local.get 0))))
      (func (export "sum") (param i32) (result i32) (local i32)
        (loop $l (local.set 1 (i32.add (local.get 1) (local.get 0)))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (local.get 1)))`,
    [
      ['mv', [-2], String(-2n + 0xfffffffen) + 'n'],
      ['swap', [1, 2], '2 1'],
      ['table', [0], '10'],
      ['table', [1], '20'],
      ['table', [2], '30'],
      ['table', [-1], '30'],
      ['sel', [1], '-1n'],
      ['sel', [0], '7n'],
      ['selref', [0], '1'],
      ['sum', [100], '5050'],
    ],
  );
});

test('globals, tables, references and call_indirect traps', () => {
  check(
    `(module
      (type $ii (func (param i32) (result i32)))
      (global $g (mut i64) (i64.const -5))
      (global $f (mut f64) (f64.const 1.5))
      (global $r (mut funcref) (ref.null func))
      (table $t 4 funcref)
      (elem (table $t) (i32.const 0) func $inc $other)
      (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
      (func $other (param i64) (result i64) (local.get 0))
      (func (export "gl") (result i64) (global.set $g (i64.mul (global.get $g) (i64.const 3))) (global.get $g))
      (func (export "gf") (result f64) (global.set $f (f64.mul (global.get $f) (f64.const 2))) (global.get $f))
      (func (export "gr") (result i32) (global.set $r (ref.func $inc)) (ref.is_null (global.get $r)))
      (func (export "ci") (param i32) (result i32) (call_indirect $t (type $ii) (i32.const 41) (local.get 0)))
      (func (export "tget") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
      (func (export "tset") (param i32) (table.set $t (local.get 0) (ref.func $inc)))
      (func (export "tgrow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
      (func (export "tsize") (result i32) (table.size $t))
      (func (export "tfill") (table.fill $t (i32.const 1) (ref.func $inc) (i32.const 3))))`,
    [
      ['gl', [], '-15n'],
      ['gl', [], '-45n'],
      ['gf', [], '3'],
      ['gr', [], '0'],
      ['ci', [0], '42'],
      ['ci', [1], 'trap: indirect call type mismatch'],
      ['ci', [2], 'trap: uninitialized element'],
      ['ci', [4], 'trap: undefined element'],
      ['tget', [2], '1'],
      ['tget', [4], 'trap: out of bounds table access'],
      ['tset', [2], ''],
      ['ci', [2], '42'],
      ['tset', [9], 'trap: out of bounds table access'],
      ['tgrow', [2], '4'],
      ['tsize', [], '6'],
      ['tfill', [], ''],
      ['ci', [3], '42'],
      ['ci', [1], '42'],
    ],
  );
});

test('multi-memory (when enabled): loads, stores, size, grow and copy name their memory', () => {
  const wat = `(module (memory $a 1) (memory $b 2)
    (func (export "f") (param i32) (result i32)
      (i32.store $b (i32.const 8) (local.get 0))
      (memory.copy $a $b (i32.const 100) (i32.const 8) (i32.const 4))
      (i32.add (i32.load $a (i32.const 100)) (i32.add (memory.size $b) (memory.grow $a (i32.const 1)))))
    (func (export "at") (param i32) (result i32) (i32.load $a (local.get 0))))`;
  const config = { features: { ...DEFAULT_FEATURES, multiMemory: true } };
  const interp = instantiate(wat, 'interpret', config);
  const compiled = instantiate(wat, 'compile', config);
  const calls = [
    ['at', [65532], '0'],
    ['at', [65533], 'trap: out of bounds memory access'],
    ['f', [40], String(40 + 2 + 1)],
    ['at', [131068], '0'],
    ['at', [131069], 'trap: out of bounds memory access'],
    ['f', [1], String(1 + 2 + 2)],
  ] as const;
  for (const [name, args, expected] of calls) {
    assert.equal(outcome(interp, name, [...args]), expected, `${name} interpreted`);
    assert.equal(outcome(compiled, name, [...args]), expected, `${name} compiled`);
  }
});
