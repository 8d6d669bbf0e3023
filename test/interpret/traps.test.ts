/**
 * Traps from interpreted code: the kinds and messages compiled code raises, and wasm backtraces with the same
 * frames (function index, name, byte offset) as compiled code's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trap, TrapKind, ValType } from '../../src/index.js';
import { instantiate, type Run } from './both_strategies.js';

const WAT = `(module $m
  (memory 1)
  (table 2 funcref)
  (type $v (func (result i32)))
  (func $load (param i32) (result i32) (i32.load (local.get 0)))
  (func $div (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (func $mid (param i32 i32) (result i32)
    (i32.add (i32.const 1)
      (if (result i32) (local.get 1) (then (call $div (local.get 0))) (else (call $load (local.get 0))))))
  (func (export "outer") (param i32 i32) (result i32) (call $mid (local.get 0) (local.get 1)))
  (func (export "unreachable") (unreachable))
  (func (export "remz") (param i32) (result i32) (i32.rem_s (local.get 0) (i32.const 0)))
  (func (export "indirect") (param i32) (result i32) (call_indirect (type $v) (local.get 0)))
  (func (export "deep") (param i32) (result i32)
    (if (result i32) (local.get 0) (then (call 7 (i32.sub (local.get 0) (i32.const 1)))) (else (unreachable)))))`;

function trapOf(run: Run, name: string, params: ValType[], args: number[]): Trap {
  const f = run.instance.getFunc(run.store, name)!.typed(run.store, params, [ValType.i32]);
  try {
    f.call(run.store, ...args);
  } catch (e) {
    assert.ok(e instanceof Trap, `${name} threw ${String(e)}`);
    return e;
  }
  assert.fail(`${name} did not trap`);
}

test('trap kinds, messages and backtraces match compiled code', () => {
  const interp = instantiate(WAT, 'interpret');
  const compiled = instantiate(WAT, 'compile');
  const cases: [string, ValType[], number[], TrapKind][] = [
    ['outer', [ValType.i32, ValType.i32], [65535, 0], TrapKind.memoryOutOfBounds],
    ['outer', [ValType.i32, ValType.i32], [0, 1], TrapKind.integerDivideByZero],
    ['indirect', [ValType.i32], [5], TrapKind.undefinedElement],
    ['indirect', [ValType.i32], [1], TrapKind.uninitializedElement],
    ['deep', [ValType.i32], [3], TrapKind.unreachable],
    // local.get, i32.const, i32.rem_s run as one fused instruction: the trap still names the rem_s.
    ['remz', [ValType.i32], [7], TrapKind.integerDivideByZero],
  ];
  for (const [name, params, args, kind] of cases) {
    const a = trapOf(interp, name, params, args);
    const b = trapOf(compiled, name, params, args);
    assert.equal(a.kind, kind, `${name}(${args}) kind`);
    assert.equal(a.message, b.message);
    assert.ok(a.wasmBacktrace.length > 0, `${name}: interpreted backtrace is empty`);
    assert.deepEqual(a.wasmBacktrace, b.wasmBacktrace, `${name}(${args}) backtrace`);
  }
  // The innermost frame names the trapping function and instruction.
  const t = trapOf(interp, 'outer', [ValType.i32, ValType.i32], [65535, 0]);
  assert.deepEqual(t.wasmBacktrace.map((f) => f.funcName), ['load', 'mid', null]);
  assert.equal(t.wasmBacktrace[0]!.moduleName, 'm');
  assert.match(t.backtraceString(), /0: 0x[0-9a-f]+ - m!load/);
});

test('unreachable without a result type traps too', () => {
  const run = instantiate(WAT, 'interpret');
  const f = run.instance.getFunc(run.store, 'unreachable')!;
  assert.throws(() => f.call(run.store, []), (e: unknown) => e instanceof Trap && e.kind === TrapKind.unreachable && e.wasmBacktrace.length === 1);
});

test('stack overflow: the innermost frames are those of compiled code (the callee at its start, then the calls)', () => {
  const wat = `(module $r (func $rec (export "rec") (param i32) (result i32) (i32.add (i32.const 1) (call $rec (local.get 0)))))`;
  const frames = (['interpret', 'compile'] as const).map((strategy) => {
    const run = instantiate(wat, strategy, { maxWasmStack: 64 * 1024 });
    const t = trapOf(run, 'rec', [ValType.i32], [1]);
    assert.equal(t.kind, TrapKind.stackOverflow);
    return t.wasmBacktrace.slice(0, 3);
  });
  assert.equal(frames[0]!.length, 3);
  assert.deepEqual(frames[0], frames[1]);
});
