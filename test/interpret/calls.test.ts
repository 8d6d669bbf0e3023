/**
 * Calls across the interpreter's boundary. The strategy is per engine, and modules of two engines cannot share a
 * table or call each other, so interpreted code meets other code through host functions and through other
 * interpreted instances: tables shared between instances, host functions calling back in, multi-value results
 * through both, and deep recursion ending in the stack-overflow trap (never a JS RangeError).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, Func, FuncType, Linker, Module, Store, Trap, TrapKind, Val, ValType } from '../../src/index.js';
import { watToBinary } from '../../src/text/wat.js';

const { i32, i64, f64 } = ValType;

function setup(maxWasmStack = 512 * 1024): { engine: Engine; store: Store<null>; linker: Linker } {
  const engine = new Engine({ strategy: 'interpret', maxWasmStack });
  return { engine, store: new Store(engine, null), linker: new Linker(engine) };
}

const PROVIDER = `(module
  (table (export "tab") 4 funcref)
  (elem (i32.const 0) func $sq $pair)
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $pair (param i64 f64) (result f64 i64) (local.get 1) (local.get 0))
  (func (export "via") (param i32 i32) (result i32) (call_indirect (param i32) (result i32) (local.get 0) (local.get 1))))`;

const USER = `(module
  (import "p" "tab" (table 4 funcref))
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (import "env" "swap" (func $swap (param i64 f64) (result f64 i64)))
  (elem (i32.const 2) func $twice $viaHost)
  (func $viaHost (param i32) (result i32) (call $twice (local.get 0)))
  (func (export "sq") (param i32) (result i32) (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0)))
  (func (export "pair") (param i64 f64) (result f64 i64) (call_indirect (param i64 f64) (result f64 i64) (local.get 0) (local.get 1) (i32.const 1)))
  (func (export "hostpair") (param i64 f64) (result i64) (local i64)
    (call $swap (local.get 0) (local.get 1)) (local.set 2) (drop) (i64.add (local.get 2) (i64.const 1))))`;

test('interpreted instances share a table; host functions call back into interpreted code', () => {
  const { engine, store, linker } = setup();
  const provider = linker.instantiate(store, Module.fromBytes(engine, watToBinary(PROVIDER, 'p.wat')));
  linker.defineInstance(store, 'p', provider);
  const via = provider.getTypedFunc<[number, number], number>(store, 'via', [i32, i32], [i32]);
  // The host function calls back into the provider's code through the table.
  linker.funcWrap('env', 'twice', new FuncType([i32], [i32]), (_c, x: number) => 2 * via.call(store, x, 0));
  linker.funcWrap('env', 'swap', new FuncType([i64, f64], [f64, i64]), (_c, a: bigint, b: number) => [b, a]);
  const user = linker.instantiate(store, Module.fromBytes(engine, watToBinary(USER, 'u.wat')));
  assert.equal(user.getTypedFunc<[number], number>(store, 'sq', [i32], [i32]).call(store, 9), 81, 'user -> provider through the table');
  assert.deepEqual(user.getTypedFunc<[bigint, number], unknown[]>(store, 'pair', [i64, f64], [f64, i64]).call(store, -3n, 2.5), [2.5, -3n]);
  // provider -> (table) -> host -> provider -> (table) -> provider
  assert.equal(via.call(store, 5, 2), 50, 'host function called through the table calls back in');
  // provider -> (table) -> user's function -> host -> provider
  assert.equal(via.call(store, 6, 3), 72);
  assert.equal(user.getTypedFunc<[bigint, number], bigint>(store, 'hostpair', [i64, f64], [i64]).call(store, 41n, 0), 42n, 'multi-value from the host');
});

const RECURSIVE = `(module
  (import "env" "bounce" (func $bounce (param i32) (result i32)))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "forever") (param i32) (result i32) (call $bounce (local.get 0))))`;

test('deep recursion runs to the store\'s stack and then traps with stackOverflow', () => {
  const { engine, store, linker } = setup(4 * 1024 * 1024);
  let forever: Func | undefined;
  linker.funcWrap('env', 'bounce', new FuncType([i32], [i32]), (_c, x: number) => forever!.typed<[number], number>(store, [i32], [i32]).call(store, x + 1));
  const inst = linker.instantiate(store, Module.fromBytes(engine, watToBinary(RECURSIVE, 'r.wat')));
  const down = inst.getTypedFunc<[number], number>(store, 'down', [i32], [i32]);
  // Far deeper than the JS stack allows for nested JS calls: interpreted calls do not use it.
  assert.equal(down.call(store, 100_000), 100_000);
  assert.throws(() => down.call(store, 10_000_000), (e: unknown) => e instanceof Trap && e.kind === TrapKind.stackOverflow && e.wasmBacktrace.length > 0);
  assert.equal(down.call(store, 10), 10, 'the store is usable after the trap');
  // Recursion through a host function exhausts the JS stack first: still a trap, not a RangeError.
  forever = inst.getFunc(store, 'forever');
  assert.throws(() => forever!.call(store, [Val.i32(0)]), (e: unknown) => e instanceof Trap && e.kind === TrapKind.stackOverflow);
});
