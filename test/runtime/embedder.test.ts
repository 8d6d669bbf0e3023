/**
 * Embedder tests: the runtime API used the way a host program uses it (wasmtime-style), modules written in WAT.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import {
  Caller,
  Engine,
  Func,
  FuncType,
  Global,
  Linker,
  LinkError,
  Memory,
  Module,
  Store,
  Trap,
  TrapKind,
  type TypedFunc,
  Val,
  ValType,
} from '../../src/index.js';
import { watToBinary } from '../../src/text/wat.js';

const { i32, i64, f32, f64 } = ValType;

function compile(engine: Engine, wat: string): Module {
  return Module.fromBytes(engine, watToBinary(wat, 'test.wat'));
}

/** Appends a `name` custom section (module name, function names) to a module's bytes. */
function withNames(bytes: Uint8Array, moduleName: string, funcNames: string[]): Uint8Array {
  const enc = new TextEncoder();
  const leb = (n: number): number[] => {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const str = (s: string): number[] => [...leb(enc.encode(s).length), ...enc.encode(s)];
  const sub = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
  const funcs = [...leb(funcNames.length), ...funcNames.flatMap((n, i) => [...leb(i), ...str(n)])];
  const payload = [...str('name'), ...sub(0, str(moduleName)), ...sub(1, funcs)];
  return Uint8Array.from([...bytes, 0, ...leb(payload.length), ...payload]);
}

test('host functions receive a Caller with the store data and the calling instance exports', () => {
  const engine = new Engine();
  const store = new Store(engine, { calls: 0, seen: '' });
  const linker = new Linker<{ calls: number; seen: string }>(engine);
  linker.funcWrap('env', 'report', new FuncType([i32, i32], []), (caller: Caller<{ calls: number; seen: string }>, ptr: number, len: number) => {
    caller.data.calls++;
    const mem = caller.getExport('memory');
    assert.ok(mem instanceof Memory);
    caller.data.seen = new TextDecoder().decode(mem.read(caller.store, ptr, len));
  });
  const module = compile(
    engine,
    `(module
       (import "env" "report" (func $report (param i32 i32)))
       (memory (export "memory") 1)
       (data (i32.const 16) "hello from wasm")
       (func (export "run") (call $report (i32.const 16) (i32.const 15))))`,
  );
  const instance = linker.instantiate(store, module);
  instance.getFunc(store, 'run')!.call(store, []);
  assert.equal(store.data.calls, 1);
  assert.equal(store.data.seen, 'hello from wasm');
});

test('memory growth by wasm is seen by the host, and host writes are seen by wasm', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const module = compile(
    engine,
    `(module
       (memory (export "memory") 1 4)
       (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
       (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`,
  );
  const instance = new Linker(engine).instantiate(store, module);
  const mem = instance.getMemory(store, 'memory')!;
  const grow = instance.getTypedFunc<[number], number>(store, 'grow', [i32], [i32]);
  const load = instance.getTypedFunc<[number], number>(store, 'load', [i32], [i32]);
  assert.equal(mem.size(store), 1);
  assert.equal(grow.call(store, 2), 1);
  assert.equal(mem.size(store), 3);
  assert.equal(mem.data(store).length, 3 * 65536);
  // A write past the old end is visible to wasm after growth.
  mem.write(store, 2 * 65536 + 8, Uint8Array.of(0x78, 0x56, 0x34, 0x12));
  assert.equal(load.call(store, 2 * 65536 + 8), 0x12345678);
  assert.equal(grow.call(store, 2), -1, 'growth past the maximum fails');
  assert.equal(mem.grow(store, 1), 3, 'the host can grow it too');
  assert.equal(load.call(store, 3 * 65536), 0);
});

test('traps carry the spec message and a backtrace with function names and offsets', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const bytes = withNames(
    watToBinary(`(module
       (func (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
       (func (export "compute") (param i32) (result i32) (call 0 (i32.const 100) (local.get 0))))`),
    'calc',
    ['divide', 'compute'],
  );
  const module = Module.fromBytes(engine, bytes);
  assert.equal(module.name, 'calc');
  const compute = new Linker(engine).instantiate(store, module).getTypedFunc<[number], number>(store, 'compute', [i32], [i32]);
  assert.equal(compute.call(store, 7), 14);
  assert.throws(
    () => compute.call(store, 0),
    (e: unknown) => {
      assert.ok(e instanceof Trap);
      assert.equal(e.kind, TrapKind.integerDivideByZero);
      assert.equal(e.message, 'integer divide by zero');
      assert.deepEqual(e.wasmBacktrace.map((f) => f.funcName), ['divide', 'compute']);
      assert.deepEqual(e.wasmBacktrace.map((f) => f.funcIndex), [0, 1]);
      assert.ok(e.wasmBacktrace.every((f) => f.moduleName === 'calc'));
      // The frames point at the trapping i32.div_s (0x6d) and at the call (0x10).
      assert.equal(bytes[e.wasmBacktrace[0]!.offset], 0x6d);
      assert.equal(bytes[e.wasmBacktrace[1]!.offset], 0x10);
      assert.match(e.backtraceString(), /calc!divide/);
      return true;
    },
  );
});

test('out of bounds memory access is a trap at the access', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const module = compile(engine, `(module (memory 1) (func $peek (export "peek") (param i32) (result i32) (i32.load offset=4 (local.get 0))))`);
  const peek = new Linker(engine).instantiate(store, module).getTypedFunc<[number], number>(store, 'peek', [i32], [i32]);
  assert.equal(peek.call(store, 65528), 0);
  assert.throws(() => peek.call(store, 65529), (e: unknown) => e instanceof Trap && e.kind === TrapKind.memoryOutOfBounds && e.wasmBacktrace[0]?.funcIndex === 0);
  assert.throws(() => peek.call(store, -1), (e: unknown) => e instanceof Trap && e.message === 'out of bounds memory access');
});

test('imports are checked against their declared types', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const module = compile(
    engine,
    `(module
       (import "env" "f" (func (param i32) (result i32)))
       (import "env" "m" (memory 2)))`,
  );
  const linker = new Linker(engine);
  assert.throws(() => linker.instantiate(store, module), (e: unknown) => e instanceof LinkError && e.message === 'Missing func import env::f' && e.reason === 'unknown import');
  linker.funcWrap('env', 'f', new FuncType([i64], [i32]), () => 0);
  linker.define(store, 'env', 'm', Memory.create(store, { limits: { min: 1, max: null }, shared: false }));
  assert.throws(
    () => linker.instantiate(store, module),
    (e: unknown) => e instanceof LinkError && e.reason === 'incompatible import type' && /env::f/.test(e.message) && /param i32/.test(e.message),
  );
  assert.throws(() => linker.funcWrap('env', 'f', new FuncType([i32], [i32]), () => 0), (e: unknown) => e instanceof LinkError && e.message === 'Name env::f is already defined');
  const fixed = new Linker(engine).allowShadowing(true);
  fixed.funcWrap('env', 'f', new FuncType([i32], [i32]), (_c, x: number) => x + 1);
  fixed.define(store, 'env', 'm', Memory.create(store, { limits: { min: 1, max: null }, shared: false }));
  assert.throws(() => fixed.instantiate(store, module), (e: unknown) => e instanceof LinkError && /memory limits/.test(e.message), 'a 1-page memory does not satisfy min 2');
  fixed.define(store, 'env', 'm', Memory.create(store, { limits: { min: 2, max: null }, shared: false }));
  fixed.instantiate(store, module);
});

test('fuel running out is a trap, and fuel is accounted', () => {
  const engine = new Engine({ consumeFuel: true });
  const store = new Store(engine, null);
  const module = compile(
    engine,
    `(module
       (func (export "spin") (loop $l (br $l)))
       (func (export "sum") (param i32) (result i32) (local i32)
         (block $done (loop $l
           (br_if $done (i32.eqz (local.get 0)))
           (local.set 1 (i32.add (local.get 1) (local.get 0)))
           (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
           (br $l)))
         (local.get 1)))`,
  );
  const instance = new Linker(engine).instantiate(store, module);
  store.setFuel(10_000);
  assert.equal(instance.getTypedFunc<[number], number>(store, 'sum', [i32], [i32]).call(store, 100), 5050);
  const left = store.getFuel();
  assert.ok(left < 10_000 && left > 0, `fuel was consumed: ${left} left`);
  store.setFuel(50_000);
  assert.throws(() => instance.getFunc(store, 'spin')!.call(store, []), (e: unknown) => e instanceof Trap && e.kind === TrapKind.outOfFuel);
  assert.equal(store.getFuel(), 0);
  assert.throws(() => new Store(new Engine(), null).setFuel(1), /fuel is not enabled/);

  // Compiled code counts at most 2^30 fuel at a time and refills from the store: the accounting stays exact.
  const sum = instance.getTypedFunc<[number], number>(store, 'sum', [i32], [i32]);
  const used = (n: number): number => {
    store.setFuel(1_000_000);
    sum.call(store, n);
    return 1_000_000 - store.getFuel();
  };
  const perIteration = (used(200) - used(100)) / 100;
  const fixed = used(100) - 100 * perIteration;
  const n = Math.ceil(2 ** 31 / perIteration);
  const total = 2 ** 33 + 7;
  store.setFuel(total);
  sum.call(store, n);
  assert.equal(store.getFuel(), total - (fixed + n * perIteration));
  // Fuel is checked at function entries and loop headers, as in wasmtime: one iteration short traps at the last
  // loop header; short by one instruction of the loop-free tail, the call returns, with no fuel left, and the
  // next call traps on entry.
  store.setFuel(fixed + (n - 1) * perIteration);
  assert.throws(() => sum.call(store, n), (e: unknown) => e instanceof Trap && e.kind === TrapKind.outOfFuel);
  assert.equal(store.getFuel(), 0);
  store.setFuel(fixed + n * perIteration - 1);
  assert.equal(sum.call(store, n), (n * (n + 1)) / 2 | 0);
  assert.equal(store.getFuel(), 0);
  assert.throws(() => sum.call(store, 1), (e: unknown) => e instanceof Trap && e.kind === TrapKind.outOfFuel);
});

test('every cycle of execution passes a fuel check', () => {
  // Loops whose headers charge nothing, and loops that rely on a callee's entry check instead of their own.
  const engine = new Engine({ consumeFuel: true });
  const store = new Store(engine, null);
  const module = compile(
    engine,
    `(module
       (func $leaf)
       (func $empty (loop))
       (func $calls (call $leaf))
       (func (export "emptyHeader") (loop $l (block (br $l))))
       (func (export "nestedEmpty") (block (loop $l (block (block (br $l))))))
       (func (export "viaCallee") (loop $l (call $calls) (br $l)))
       (func (export "viaLoopOnlyCallee") (loop $l (call $empty) (br $l)))
       (func (export "viaLeaf") (loop $l (call $leaf) (br $l)))
       ;; A loop relying on a callee that itself begins with a loop that calls: the callee keeps its entry check.
       (func $pong (loop $l (call $leaf) (return)))
       (func (export "pingPong") (loop $l (call $pong) (br $l))))`,
  );
  const instance = new Linker(engine).instantiate(store, module);
  for (const name of ['emptyHeader', 'nestedEmpty', 'viaCallee', 'viaLoopOnlyCallee', 'viaLeaf', 'pingPong']) {
    store.setFuel(100_000);
    assert.throws(() => instance.getFunc(store, name)!.call(store, []), (e: unknown) => e instanceof Trap && e.kind === TrapKind.outOfFuel, name);
    assert.equal(store.getFuel(), 0, name);
  }
});

test('fuel charged without a check stays bounded along a deep chain of returns', () => {
  // Each frame of a deep recursion returns through a loop-free tail that may be charged without a check, so the
  // way back up can overrun the fuel by up to a tail per frame: the call then either traps (the engine checks the
  // tails when the stack is deep enough to matter) or returns with no fuel left, and the next call traps.
  for (const maxWasmStack of [64 * 1024, 64 * 1024 * 1024]) {
    const engine = new Engine({ consumeFuel: true, maxWasmStack });
    const store = new Store(engine, null);
    const tail = Array.from({ length: 300 }, () => '(local.set 1 (i32.add (local.get 1) (i32.const 1)))').join(' ');
    const module = compile(
      engine,
      `(module (func $down (export "down") (param i32) (result i32) (local i32)
         (if (local.get 0) (then (local.set 1 (call $down (i32.sub (local.get 0) (i32.const 1))))))
         ${tail}
         (local.get 1)))`,
    );
    const down = new Linker(engine).instantiate(store, module).getTypedFunc<[number], number>(store, 'down', [i32], [i32]);
    store.setFuel(10_000_000);
    assert.equal(down.call(store, 1000), 300_300);
    const used = 10_000_000 - store.getFuel();
    // Fuel for the way down and a little of the way back.
    store.setFuel(Math.floor(used / 4));
    let trapped = false;
    try {
      down.call(store, 1000);
    } catch (e) {
      assert.ok(e instanceof Trap && e.kind === TrapKind.outOfFuel, String(e));
      trapped = true;
    }
    assert.equal(store.getFuel(), 0, `stack ${maxWasmStack}`);
    if (!trapped) assert.throws(() => down.call(store, 0), (e: unknown) => e instanceof Trap && e.kind === TrapKind.outOfFuel);
    // The large stack lowers the unchecked limit below one tail: there the trap comes on the way back up.
    if (maxWasmStack > 1024 * 1024) assert.ok(trapped, 'tails are checked when the stack is large');
  }
});

test('fuel is accounted across host calls, re-entry and tables', () => {
  const engine = new Engine({ consumeFuel: true });
  const store = new Store(engine, null);
  const linker = new Linker(engine);
  let spinFromHost: TypedFunc<[number], number> | null = null;
  linker.funcWrap('env', 'host', new FuncType([i32], [i32]), (_c, n: number) => spinFromHost!.call(store, n));
  const module = compile(
    engine,
    `(module
       (import "env" "host" (func $host (param i32) (result i32)))
       (table 1 funcref) (elem (i32.const 0) $spin)
       (type $t (func (param i32) (result i32)))
       (func $spin (export "spin") (param i32) (result i32) (local i32)
         (block $done (loop $l
           (br_if $done (i32.eqz (local.get 0)))
           (local.set 1 (i32.add (local.get 1) (local.get 0)))
           (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
           (br $l)))
         (local.get 1))
       (func (export "viaHost") (param i32) (result i32) (call $host (local.get 0)))
       (func (export "viaTable") (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0))))`,
  );
  const instance = linker.instantiate(store, module);
  const typed = (name: string): TypedFunc<[number], number> => instance.getTypedFunc<[number], number>(store, name, [i32], [i32]);
  spinFromHost = typed('spin');
  const used = (name: string, n: number): number => {
    store.setFuel(1_000_000);
    assert.equal(typed(name).call(store, n), (n * (n + 1)) / 2);
    return 1_000_000 - store.getFuel();
  };
  // Each extra iteration costs the same whichever way the loop was reached.
  const perIteration = used('spin', 101) - used('spin', 100);
  assert.ok(perIteration > 0);
  for (const name of ['viaHost', 'viaTable']) {
    assert.equal(used(name, 300) - used(name, 100), 200 * perIteration, name);
    assert.ok(used(name, 100) > used('spin', 100), `${name} charges its own instructions too`);
  }
});

test('an epoch deadline interrupts an infinite loop (epoch advanced by another thread)', async () => {
  const engine = new Engine({ epochInterruption: true });
  const store = new Store(engine, null);
  const module = compile(engine, `(module (func (export "spin") (loop $l (br $l))))`);
  const spin = new Linker(engine).instantiate(store, module).getFunc(store, 'spin')!;
  store.setEpochDeadline(1);
  const ticker = new Worker(
    `const { workerData } = require('node:worker_threads');
     setTimeout(() => Atomics.add(workerData, 0, 1), 50);`,
    { eval: true, workerData: engine.epoch },
  );
  await new Promise<void>((resolve) => ticker.once('online', () => resolve()));
  const started = performance.now();
  assert.throws(() => spin.call(store, []), (e: unknown) => e instanceof Trap && e.kind === TrapKind.interrupt && e.message === 'interrupt');
  assert.ok(performance.now() - started < 10_000);
  await ticker.terminate();
  // Without a deadline nothing interrupts: a finite call runs.
  const engine2 = new Engine({ epochInterruption: true });
  const store2 = new Store(engine2, null);
  const m2 = compile(engine2, `(module (func (export "one") (result i32) (i32.const 1)))`);
  assert.equal(new Linker(engine2).instantiate(store2, m2).getFunc(store2, 'one')!.call(store2, [])[0]!.value, 1);
});

test('host errors propagate through wasm unchanged', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  class HostProblem extends Error {}
  const problem = new HostProblem('disk on fire');
  const linker = new Linker(engine);
  linker.funcWrap('env', 'fail', new FuncType([], []), () => {
    throw problem;
  });
  linker.funcWrap('env', 'range', new FuncType([], []), () => {
    throw new RangeError('Offset is outside the bounds of the DataView');
  });
  const module = compile(
    engine,
    `(module (import "env" "fail" (func $fail)) (import "env" "range" (func $range))
       (func (export "a") (call $fail)) (func (export "b") (call $range)))`,
  );
  const instance = linker.instantiate(store, module);
  assert.throws(() => instance.getFunc(store, 'a')!.call(store, []), (e: unknown) => e === problem);
  assert.throws(() => instance.getFunc(store, 'b')!.call(store, []), (e: unknown) => e instanceof RangeError && !(e instanceof Trap));
});

test('unbounded recursion ends in a "call stack exhausted" trap and the engine keeps working', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const module = compile(
    engine,
    `(module
       (func $down (export "down") (param i64) (result i64) (i64.add (call $down (i64.add (local.get 0) (i64.const 1))) (i64.const 1)))
       (func $deep (export "deep") (param i32) (result i32)
         (if (result i32) (local.get 0) (then (i32.add (call $deep (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))) (else (i32.const 0)))))`,
  );
  const instance = new Linker(engine).instantiate(store, module);
  for (let i = 0; i < 3; i++) {
    assert.throws(() => instance.getFunc(store, 'down')!.call(store, [Val.i64(0n)]), (e: unknown) => e instanceof Trap && e.kind === TrapKind.stackOverflow && e.message === 'call stack exhausted');
  }
  assert.equal(instance.getTypedFunc<[number], number>(store, 'deep', [i32], [i32]).call(store, 1000), 1000);
  // A smaller configured stack traps sooner.
  const small = new Engine({ maxWasmStack: 16 * 1024 });
  const s2 = new Store(small, null);
  const deep = new Linker(small).instantiate(s2, Module.fromBytes(small, watToBinary(`(module
       (func $deep (export "deep") (param i32) (result i32)
         (if (result i32) (local.get 0) (then (i32.add (call $deep (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))) (else (i32.const 0)))))`)));
  assert.throws(() => deep.getFunc(s2, 'deep')!.call(s2, [Val.i32(5000)]), (e: unknown) => e instanceof Trap && e.kind === TrapKind.stackOverflow);
});

test('values cross the API exactly: i64 as bigint, NaN payloads, references', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const module = compile(
    engine,
    `(module
       (func (export "swap") (param i64 f32 f64) (result f64 f32 i64) (local.get 2) (local.get 1) (local.get 0))
       (func $id (export "id") (param funcref) (result funcref) (local.get 0))
       (global (export "g") (mut i64) (i64.const -5))
       (global (export "k") f64 (f64.const 1.5)))`,
  );
  const instance = new Linker(engine).instantiate(store, module);
  const [a, b, c] = instance.getFunc(store, 'swap')!.call(store, [Val.i64(-2n), Val.f32Bits(0x7fa00001), Val.f64Bits(0xfff0000000000123n)]);
  assert.equal(a!.f64Bits(), 0xfff0000000000123n);
  assert.equal(b!.f32Bits(), 0x7fa00001);
  assert.equal(c!.value, -2n);
  const id = instance.getFunc(store, 'id')!;
  assert.equal(id.call(store, [Val.funcref(id)])[0]!.value, id, 'funcref identity survives');
  const g = instance.getGlobal(store, 'g')!;
  assert.equal(g.get(store).value, -5n);
  g.set(store, Val.i64(1n << 62n));
  assert.equal(g.get(store).value, 1n << 62n);
  assert.throws(() => instance.getGlobal(store, 'k')!.set(store, Val.f64(2)), /global is immutable/);
  assert.throws(() => g.set(store, Val.i32(1)), /type mismatch/);
  assert.throws(() => id.call(store, []), /expected 1 arguments, got 0/);
  assert.throws(() => id.call(store, [Val.i32(1)]), /argument type mismatch/);
  const typed = instance.getFunc(store, 'swap')!.typed<[bigint, number, number], [number, number, bigint]>(store, [i64, f32, f64], [f64, f32, i64]);
  assert.deepEqual(typed.call(store, 7n, 1.5, 2.5), [2.5, 1.5, 7n]);
  assert.throws(() => id.typed(store, [i32], [i32]), /type mismatch/);
});

test('engines and stores are independent', () => {
  const wat = `(module (global $g (mut i32) (i32.const 0)) (func (export "bump") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))`;
  const e1 = new Engine();
  const e2 = new Engine({ consumeFuel: true });
  const m1 = compile(e1, wat);
  const m2 = compile(e2, wat);
  const s1 = new Store(e1, null);
  const s1b = new Store(e1, null);
  const s2 = new Store(e2, null);
  s2.setFuel(1000);
  const b1 = new Linker(e1).instantiate(s1, m1).getTypedFunc<[], number>(s1, 'bump', [], [i32]);
  const b1b = new Linker(e1).instantiate(s1b, m1).getTypedFunc<[], number>(s1b, 'bump', [], [i32]);
  const b2 = new Linker(e2).instantiate(s2, m2).getTypedFunc<[], number>(s2, 'bump', [], [i32]);
  assert.equal(b1.call(s1), 1);
  assert.equal(b1.call(s1), 2);
  assert.equal(b1b.call(s1b), 1);
  assert.equal(b2.call(s2), 1);
  assert.throws(() => new Linker(e1).instantiate(s1, m2), LinkError);
  const g = Global.create(s1, { type: i32, mutable: true }, Val.i32(3));
  assert.throws(() => g.get(s2 as unknown as Store<unknown>), /does not belong/);
});

test('Func.wrap host functions can be called from the host and through tables', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const add = Func.wrap(store, new FuncType([i32, i32], [i32]), (_c, a: number, b: number) => a + b);
  assert.equal(add.call(store, [Val.i32(2), Val.i32(40)])[0]!.value, 42);
  const module = compile(
    engine,
    `(module (import "env" "add" (func $add (param i32 i32) (result i32)))
       (table 1 funcref) (elem (i32.const 0) $add)
       (type $bin (func (param i32 i32) (result i32)))
       (func (export "viaTable") (param i32 i32) (result i32) (call_indirect (type $bin) (local.get 0) (local.get 1) (i32.const 0))))`,
  );
  const linker = new Linker(engine);
  linker.define(store, 'env', 'add', add);
  const instance = linker.instantiate(store, module);
  assert.equal(instance.getTypedFunc<[number, number], number>(store, 'viaTable', [i32, i32], [i32]).call(store, 5, 6), 11);
});



test('Module.fromText keeps $names for backtraces', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const module = Module.fromText(
    engine,
    `(module $shapes
       (import "env" "log" (func $log (param i32)))
       (func $area (param i32) (result i32) (unreachable))
       (func $run (export "run") (result i32) (call $area (i32.const 3))))`,
  );
  assert.equal(module.name, 'shapes');
  const linker = new Linker(engine);
  linker.funcWrap('env', 'log', new FuncType([i32], []), () => {});
  const run = linker.instantiate(store, module).getFunc(store, 'run')!;
  assert.throws(
    () => run.call(store, []),
    (e: unknown) => e instanceof Trap && e.message === 'unreachable' && e.wasmBacktrace.map((f) => `${f.moduleName}!${f.funcName}`).join(' ') === 'shapes!area shapes!run',
  );
});

test('memory growth keeps contents, and bounds follow the current size, not the buffer capacity', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const module = Module.fromText(
    engine,
    `(module (memory (export "memory") 1)
       (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
       (func (export "size") (result i32) (memory.size))
       (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
       (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
       (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 7) (local.get 1))))`,
  );
  const inst = new Linker(engine).instantiate(store, module);
  const fn = <P extends unknown[], R>(name: string, p: ValType[], r: ValType[]) => inst.getTypedFunc<P, R>(store, name, p, r);
  const grow = fn<[number], number>('grow', [i32], [i32]);
  const size = fn<[], number>('size', [], [i32]);
  const store32 = fn<[number, number], void>('store', [i32, i32], []);
  const load = fn<[number], number>('load', [i32], [i32]);
  const fill = fn<[number, number], void>('fill', [i32, i32], []);
  store32.call(store, 65532, 0x1234);
  for (let pages = 1; pages < 40; pages++) {
    assert.equal(grow.call(store, 1), pages);
    assert.equal(size.call(store), pages + 1);
    const end = (pages + 1) * 65536;
    // The last word is accessible, one byte further is not, whatever the buffer's spare capacity.
    store32.call(store, end - 4, pages);
    assert.equal(load.call(store, end - 4), pages);
    assert.throws(() => load.call(store, end - 3), (e: unknown) => e instanceof Trap && e.kind === TrapKind.memoryOutOfBounds);
    assert.throws(() => fill.call(store, end - 1, 2), (e: unknown) => e instanceof Trap && e.kind === TrapKind.memoryOutOfBounds);
    assert.equal(inst.getMemory(store, 'memory')!.data(store).length, end);
  }
  assert.equal(load.call(store, 65532), 0x1234, 'contents survive reallocation');
  assert.equal(load.call(store, 2 * 65536 - 4), 1);
});

test('call_indirect failures trap with their kind and a backtrace through the failing call', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const module = compile(
    engine,
    `(module
       (type $ii (func (param i32) (result i32)))
       (table 4 funcref)
       (elem (i32.const 0) $id $nop)
       (func $id (param i32) (result i32) (local.get 0))
       (func $nop)
       (func $inner (param i32) (result i32) (call_indirect (type $ii) (local.get 0) (local.get 0)))
       (func (export "go") (param i32) (result i32) (i32.add (i32.const 1) (call $inner (local.get 0)))))`,
  );
  const go = new Linker(engine).instantiate(store, module).getTypedFunc<[number], number>(store, 'go', [i32], [i32]);
  for (let i = 0; i < 2000; i++) assert.equal(go.call(store, 0), 1);
  const cases: [number, TrapKind][] = [
    [1, TrapKind.indirectCallTypeMismatch],
    [2, TrapKind.uninitializedElement],
    [4, TrapKind.undefinedElement],
    [-1, TrapKind.undefinedElement],
  ];
  for (const [index, kind] of cases) {
    assert.throws(
      () => go.call(store, index),
      (e: unknown) => e instanceof Trap && e.kind === kind && e.wasmBacktrace.map((f) => f.funcIndex).join(' ') === '2 3',
    );
  }
});

test('a self-recursive function (called through its twin) keeps exact results, traps and backtraces', () => {
  const engine = new Engine();
  const store = new Store(engine, null);
  const module = compile(
    engine,
    `(module
       (func $r (export "r") (param i32) (result i32)
         (if (result i32) (i32.eqz (local.get 0)) (then (i32.div_u (i32.const 1) (local.get 0)))
           (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1)))))))
       (func $inf (export "inf") (param i32) (result i32) (i32.add (i32.const 1) (call $inf (local.get 0)))))`,
  );
  const inst = new Linker(engine).instantiate(store, module);
  const r = inst.getTypedFunc<[number], number>(store, 'r', [i32], [i32]);
  assert.throws(
    () => r.call(store, 5),
    (e: unknown) => e instanceof Trap && e.kind === TrapKind.integerDivideByZero && e.wasmBacktrace.length === 6 && e.wasmBacktrace.every((f) => f.funcIndex === 0),
  );
  const inf = inst.getTypedFunc<[number], number>(store, 'inf', [i32], [i32]);
  for (let i = 0; i < 3; i++) {
    assert.throws(() => inf.call(store, 0), (e: unknown) => e instanceof Trap && e.kind === TrapKind.stackOverflow && e.wasmBacktrace[0]?.funcIndex === 1);
  }
});

test('an epoch deadline reached inside a loop that calls traps at the loop header, with the backtrace of the interpreter', () => {
  // The host advances the epoch on its 5th call; the loop (compiled: its check leaves the body, see epochExit)
  // traps at the next header it reaches, in the inner loop of $work.
  const wat = `(module (import "env" "tick" (func $tick))
    (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func $work (export "work") (param i32) (result i32) (local i32)
      (loop $outer
        (loop $inner
          (call $tick)
          (local.set 1 (call $leaf (local.get 1)))
          (br_if $inner (i32.lt_u (local.get 1) (local.get 0))))
        (br_if $outer (i32.const 0)))
      (local.get 1))
    (func (export "run") (param i32) (result i32) (call $work (local.get 0))))`;
  const seen: string[] = [];
  for (const strategy of ['compile', 'interpret'] as const) {
    const engine = new Engine({ epochInterruption: true, strategy });
    const store = new Store(engine, null);
    let calls = 0;
    const linker = new Linker(engine);
    linker.funcWrap('env', 'tick', new FuncType([], []), () => {
      if (++calls === 5) engine.incrementEpoch();
    });
    const run = linker.instantiate(store, compile(engine, wat)).getTypedFunc<[number], number>(store, 'run', [i32], [i32]);
    store.setEpochDeadline(1);
    assert.throws(() => run.call(store, 100), (e: unknown) => {
      assert.ok(e instanceof Trap && e.kind === TrapKind.interrupt);
      seen.push(JSON.stringify(e.wasmBacktrace.map((f) => [f.funcIndex, f.offset])));
      return true;
    });
    assert.equal(calls, 5, strategy);
    // With the deadline moved on, the same instance runs to the end.
    store.setEpochDeadline(1_000);
    assert.equal(run.call(store, 100), 100);
    if (strategy === 'compile') assert.match(instanceSource(engine, wat), /break EX;/);
  }
  assert.equal(seen[0], seen[1]);
  assert.equal(JSON.parse(seen[0]!).length, 2);
});

/** The compiled source of `wat` under `engine`'s configuration. */
function instanceSource(engine: Engine, wat: string): string {
  return compile(engine, wat).compiled!.source;
}
