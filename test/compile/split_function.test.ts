import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, Linker, Module, Store, Trap, TrapKind, ValType, type EngineConfig } from '../../src/index.js';
import { watToBinary } from '../../src/text/wat.js';

const { i32 } = ValType;

/**
 * A bytecode interpreter shaped like compiled C: a loop around a `br_table` over `cases` nested blocks, each case
 * a different computation on an i32, an i64 and an f64 accumulator. Opcode 0 returns early; the opcode equal to
 * `cases - 1` loads from far outside memory (a trap inside a split-off case).
 */
function interpreterWat(cases: number): string {
  const lines: string[] = [];
  lines.push('(module $interp (memory 1)');
  lines.push('(func $run (param $pc i32) (param $steps i32) (result i32)');
  lines.push('(local $acc i32) (local $wide i64) (local $f f64) (local $op i32)');
  lines.push('(block $exit (loop $next');
  lines.push('(br_if $exit (i32.eqz (local.get $steps)))');
  lines.push('(local.set $steps (i32.sub (local.get $steps) (i32.const 1)))');
  lines.push('(local.set $pc (i32.add (i32.mul (local.get $pc) (i32.const 1103515245)) (i32.const 12345)))');
  lines.push(`(local.set $op (i32.rem_u (i32.shr_u (local.get $pc) (i32.const 8)) (i32.const ${cases})))`);
  for (let k = cases - 1; k >= 0; k--) lines.push(`(block $c${k}`);
  const targets = Array.from({ length: cases }, (_, k) => `$c${k}`).join(' ');
  lines.push(`(br_table ${targets} (local.get $op))`);
  for (let k = 0; k < cases; k++) {
    lines.push(')');
    let body: string;
    if (k === 0) body = '(return (i32.add (local.get $acc) (i32.wrap_i64 (local.get $wide))))';
    else if (k === cases - 1) body = '(local.set $acc (i32.add (local.get $acc) (i32.load (i32.const -16))))';
    else if (k % 3 === 0) body = `(local.set $wide (i64.add (i64.mul (local.get $wide) (i64.const ${2 * k + 1})) (i64.extend_i32_u (local.get $acc))))`;
    else if (k % 3 === 1) body = `(local.set $f (f64.add (f64.mul (local.get $f) (f64.const 0.5)) (f64.convert_i32_s (i32.xor (local.get $acc) (i32.const ${k})))))`;
    else body = `(local.set $acc (i32.add (i32.rotl (local.get $acc) (i32.const ${k % 31})) (i32.trunc_f64_s (local.get $f))))`;
    lines.push(body, '(br $next)');
  }
  lines.push('))');
  lines.push('(i32.xor (i32.add (local.get $acc) (i32.wrap_i64 (local.get $wide))) (i32.trunc_f64_s (local.get $f))))');
  lines.push('(func (export "run") (param i32 i32) (result i32) (call $run (local.get 0) (local.get 1))))');
  return lines.join('\n');
}

function load(config: Partial<EngineConfig>, bytes: Uint8Array) {
  const engine = new Engine(config);
  const store = new Store(engine, null);
  const module = Module.fromBytes(engine, bytes);
  const run = new Linker(engine).instantiate(store, module).getTypedFunc<[number, number], number>(store, 'run', [i32, i32], [i32]);
  return { module, run: (pc: number, steps: number) => run.call(store, pc, steps) };
}

const bytes = watToBinary(interpreterWat(600));

test('a function over the size limit is split, and computes what the whole function computes', () => {
  const split = load({}, bytes);
  const whole = load({ outlineFunctionsAbove: Infinity }, bytes);
  assert.match(split.module.compiled!.source, /function q0_\d+\(fp\)/, 'split by default');
  assert.doesNotMatch(whole.module.compiled!.source, /function q0_/);
  let outcomes = 0;
  for (let seed = 1; seed < 400; seed++) {
    let expected: unknown;
    let actual: unknown;
    try {
      expected = whole.run(seed, 300);
    } catch (e) {
      expected = e instanceof Trap ? e.kind : e;
    }
    try {
      actual = split.run(seed, 300);
    } catch (e) {
      actual = e instanceof Trap ? e.kind : e;
    }
    assert.equal(actual, expected, `seed ${seed}`);
    if (expected !== TrapKind.memoryOutOfBounds) outcomes++;
  }
  assert.ok(outcomes > 10, 'some runs return rather than trap');
});

test('a trap inside split-off code has one backtrace frame per wasm function, at the trapping instruction', () => {
  const { run } = load({}, bytes);
  let trapped = 0;
  for (let seed = 1; seed < 400 && trapped < 3; seed++) {
    try {
      run(seed, 300);
    } catch (e) {
      assert.ok(e instanceof Trap, String(e));
      if (e.kind !== TrapKind.memoryOutOfBounds) continue; // also: trunc_f64_s of a value out of range
      assert.deepEqual(e.wasmBacktrace.map((f) => f.funcIndex), [0, 1]);
      assert.equal(bytes[e.wasmBacktrace[0]!.offset], 0x28, 'the offset of the i32.load');
      trapped++;
    }
  }
  assert.equal(trapped, 3);
});
