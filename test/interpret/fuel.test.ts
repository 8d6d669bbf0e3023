/**
 * Fuel and epochs in the interpreter: the same totals as compiled code on the same calls (loops, direct calls of
 * trivial and non-trivial functions, calls through tables and imports, traps), the out-of-fuel trap at the same
 * point, and epoch interruption of a running loop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Func, FuncType, Trap, TrapKind, ValType, type Extern } from '../../src/index.js';
import { instantiate, outcome, type Run } from './both_strategies.js';

const WAT = `(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (type $ii (func (param i32) (result i32)))
  (table 3 funcref)
  (elem (i32.const 0) func $triv $loopy $host)
  (memory 1)
  (func $triv (type $ii) (i32.add (local.get 0) (i32.const 3)))
  (func $loopy (type $ii) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (call $triv (local.get 0))))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1))
  (func $grows (result i32) (memory.grow (i32.const 0)))
  (func (export "direct") (param i32) (result i32) (i32.add (call $loopy (local.get 0)) (call $grows)))
  (func (export "indirect") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 0) (local.get 1)))
  (func (export "branchy") (param i32) (result i32)
    (block $b (result i32)
      (br_if $b (i32.const 1) (i32.eqz (local.get 0)))
      (drop) (i32.const 2) (i32.mul (local.get 0)) (i32.const 7) (i32.add)))
  (func (export "trapping") (param i32) (result i32) (drop (call $loopy (i32.const 5))) (i32.div_s (i32.const 1) (local.get 0)))
  (func (export "spin") (loop $l (br $l))))`;

function run(strategy: 'compile' | 'interpret', config: { consumeFuel?: boolean; epochInterruption?: boolean }): Run {
  return instantiate(WAT, strategy, config, ({ store }) => [
    Func.wrap(store, new FuncType([ValType.i32], [ValType.i32]), (_c, x: number) => x * 2) as Extern,
  ]);
}

test('fuel consumed per call equals compiled code\'s', () => {
  const interp = run('interpret', { consumeFuel: true });
  const compiled = run('compile', { consumeFuel: true });
  const calls: [string, unknown[]][] = [
    ['direct', [10]],
    ['direct', [1]],
    ['indirect', [4, 0]],
    ['indirect', [4, 1]],
    ['indirect', [4, 2]],
    ['indirect', [4, 7]],
    ['branchy', [0]],
    ['branchy', [5]],
    ['trapping', [0]],
    ['trapping', [1]],
  ];
  let consumed = 0;
  for (const [name, args] of calls) {
    for (const r of [interp, compiled]) r.store.setFuel(1_000_000);
    const a = outcome(interp, name, args);
    const b = outcome(compiled, name, args);
    assert.equal(a, b, `${name}(${args}) result`);
    const left = interp.store.getFuel();
    assert.equal(left, compiled.store.getFuel(), `${name}(${args}): fuel left`);
    consumed += 1_000_000 - left;
  }
  assert.ok(consumed > 100, `the calls consumed fuel (${consumed})`);
});

test('running out of fuel traps at the same point, with the store drained', () => {
  for (const budget of [0, 5, 40, 123]) {
    const results = (['interpret', 'compile'] as const).map((strategy) => {
      const r = run(strategy, { consumeFuel: true });
      r.store.setFuel(budget);
      return [outcome(r, 'direct', [50]), r.store.getFuel()];
    });
    assert.deepEqual(results[0], results[1], `budget ${budget}`);
    if (budget < 100) assert.deepEqual(results[0], ['trap: all fuel consumed', 0]);
  }
});

test('a large budget is used across chunk refills', () => {
  const r = run('interpret', { consumeFuel: true });
  const c = run('compile', { consumeFuel: true });
  for (const x of [r, c]) x.store.setFuel(2 ** 31 + 17);
  assert.equal(outcome(r, 'direct', [100000]), outcome(c, 'direct', [100000]));
  assert.equal(r.store.getFuel(), c.store.getFuel());
});

test('the epoch deadline interrupts a running loop', () => {
  const r = run('interpret', { epochInterruption: true });
  r.store.setEpochDeadline(1);
  assert.equal(outcome(r, 'direct', [3]), outcome(run('compile', {}), 'direct', [3]), 'before the deadline nothing happens');
  r.engine.incrementEpoch();
  const spin = r.instance.getFunc(r.store, 'spin')!;
  assert.throws(() => spin.call(r.store, []), (e: unknown) => e instanceof Trap && e.kind === TrapKind.interrupt);
});
