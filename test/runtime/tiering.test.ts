/**
 * The tiered strategy: a large module starts in the interpreter, and each instance moves to compiled code once it
 * has run `tierUpAfter` function entries and loop iterations. What it computes, its traps and backtraces, fuel,
 * and the identity of its functions must not change across the move, including for interpreted frames that are
 * still running when it happens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, Func, FuncType, Instance, Memory, Module, Store, Trap, TrapKind, Val, ValType, type EngineConfig, type Extern } from '../../src/index.js';
import { watToBinary } from '../../src/text/wat.js';

/** Every module starts interpreted (no size threshold) and moves after `after` entries and iterations. */
function tiered(after: number, config: Partial<EngineConfig> = {}): Engine {
  return new Engine({ ...config, strategy: 'tiered', tierUpCodeBytes: 0, tierUpAfter: after });
}

interface Run {
  readonly module: Module;
  readonly store: Store<null>;
  readonly instance: Instance;
}

function run(engine: Engine, wat: string, imports: (store: Store<null>) => Extern[] = () => []): Run {
  const store = new Store(engine, null);
  const module = Module.fromBytes(engine, watToBinary(wat, 'tiering.wat', { names: true }));
  return { module, store, instance: Instance.new(store, module, imports(store)) };
}

function call(r: Run, name: string, ...args: number[]): number {
  const f = r.instance.getFunc(r.store, name)!;
  const t = f.type(r.store);
  return f.typed<number[], number>(r.store, t.params, t.results).call(r.store, ...args);
}

function trapOf(fn: () => unknown): Trap {
  try {
    fn();
  } catch (e) {
    if (e instanceof Trap) return e;
    throw e;
  }
  throw new Error('no trap');
}

const LOOP = `(module $loop
  (memory (export "mem") 1)
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $check (param $i i32) (param $bad i32) (result i32)
    (if (i32.eq (local.get $i) (local.get $bad)) (then unreachable))
    (call $sq (local.get $i)))
  (func $load (param $i i32) (param $bad i32) (result i32)
    (if (result i32) (i32.eq (local.get $i) (local.get $bad))
      (then (i32.load (i32.const 70000)))
      (else (local.get $i))))
  ;; sum of f(i, bad) for i = n-1 .. 0; f is $check (which = 0) or $load (which = 1)
  (func $run (export "run") (param $n i32) (param $bad i32) (param $which i32) (result i32) (local $s i32)
    (block (loop
      (br_if 1 (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (local.set $s (i32.add (local.get $s)
        (if (result i32) (local.get $which)
          (then (call $load (local.get $n) (local.get $bad)))
          (else (call $check (local.get $n) (local.get $bad))))))
      (br 0)))
    (local.get $s)))`;

test('a module starts interpreted and is compiled once an instance has run enough', () => {
  const r = run(tiered(100), LOOP);
  assert.equal(r.module.compiled, null);
  assert.equal(call(r, 'run', 10, -1, 0), 285);
  assert.equal(r.module.compiled, null, '10 iterations and 20 calls are under the budget');
  assert.equal(call(r, 'run', 100, -1, 0), 328350);
  assert.notEqual(r.module.compiled, null);
  assert.equal(call(r, 'run', 100, -1, 0), 328350);
});

test('small modules compile at load and large ones start interpreted (tierUpCodeBytes)', () => {
  const small = run(new Engine({ strategy: 'tiered', tierUpCodeBytes: 100_000 }), LOOP);
  assert.notEqual(small.module.compiled, null);
  const large = run(new Engine({ strategy: 'tiered', tierUpCodeBytes: 10 }), LOOP);
  assert.equal(large.module.compiled, null);
  assert.equal(call(large, 'run', 5, -1, 0), 30);
  // The default budget grows with the module (10 per byte of code): a few calls do not move it.
  assert.equal(large.module.compiled, null);
});

test('a trap in compiled code called by a frame interpreted since before the move: both frames, in order', () => {
  const bt = (engine: Engine, which: number): Trap => {
    const r = run(engine, LOOP);
    return trapOf(() => call(r, 'run', 200, 3, which));
  };
  for (const which of [0, 1]) {
    const want = bt(new Engine({ strategy: 'compile' }), which);
    const got = bt(tiered(50), which);
    assert.equal(got.kind, which === 0 ? TrapKind.unreachable : TrapKind.memoryOutOfBounds);
    assert.equal(got.kind, want.kind);
    assert.equal(got.wasmBacktrace.length, 2);
    assert.deepEqual(got.wasmBacktrace, want.wasmBacktrace);
  }
});

test('traps through host functions and both tiers keep one backtrace order', () => {
  // run -> host -> inner (compiled after the move) -> trap; run is interpreted since before the move.
  const wat = `(module $h
    (import "env" "host" (func $host (param i32) (result i32)))
    (func $inner (export "inner") (param i32) (result i32)
      (if (i32.eqz (local.get 0)) (then unreachable)) (local.get 0))
    (func $run (export "run") (param $n i32) (result i32) (local $s i32)
      (block (loop
        (br_if 1 (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (call $host (local.get $n))))
        (br 0)))
      (local.get $s)))`;
  const backtrace = (engine: Engine): Trap => {
    let inner: ((n: number) => number) | undefined;
    const r = run(engine, wat, (store) => [
      Func.wrap(store, new FuncType([ValType.i32], [ValType.i32]), (_caller, n: number) => inner!(n)),
    ]);
    const typed = r.instance.getTypedFunc<[number], number>(r.store, 'inner', [ValType.i32], [ValType.i32]);
    inner = (n) => typed.call(r.store, n);
    return trapOf(() => call(r, 'run', 300));
  };
  const want = backtrace(new Engine({ strategy: 'compile' }));
  const got = backtrace(tiered(40));
  assert.deepEqual(
    got.wasmBacktrace.map((f) => f.funcName),
    ['inner', 'run'],
  );
  assert.deepEqual(got.wasmBacktrace, want.wasmBacktrace);
});

test('functions keep their identity across the move: references, tables, exports', () => {
  const wat = `(module $id
    (table (export "t") 2 funcref)
    (type $v (func (result i32)))
    (func $seven (export "seven") (result i32) (i32.const 7))
    (elem declare func $seven)
    (func (export "ref") (result funcref) (ref.func $seven))
    (func (export "put") (param i32) (table.set (local.get 0) (ref.func $seven)))
    (func (export "callAt") (param i32) (result i32) (call_indirect (type $v) (local.get 0)))
    (func (export "spin") (param $n i32)
      (loop (br_if 0 (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))`;
  const r = run(tiered(1000), wat);
  const s = r.store;
  const ref = r.instance.getFunc(s, 'ref')!;
  const before = ref.call(s, [])[0]!.value;
  r.instance.getFunc(s, 'put')!.call(s, [Val.i32(0)]);
  r.instance.getFunc(s, 'spin')!.call(s, [Val.i32(2000)]);
  assert.notEqual(r.module.compiled, null);
  const after = ref.call(s, [])[0]!.value;
  assert.equal(after, before, 'ref.func in compiled code gives the same function');
  assert.equal(after, r.instance.getFunc(s, 'seven'), 'and that is the exported function');
  r.instance.getFunc(s, 'put')!.call(s, [Val.i32(1)]);
  const table = r.instance.getTable(s, 't')!;
  assert.equal(table.get(s, 0)!.value, table.get(s, 1)!.value, 'elements stored before and after the move are the same function');
  assert.equal(call(r, 'callAt', 0), 7);
  assert.equal(call(r, 'callAt', 1), 7);
});

test('fuel: the same totals and the same out-of-fuel point as compiled code, across the move', () => {
  const fuelLeft = (engine: Engine, n: number): number => {
    const r = run(engine, LOOP);
    r.store.setFuel(1_000_000);
    call(r, 'run', n, -1, 0);
    call(r, 'run', n, -1, 0);
    return r.store.getFuel();
  };
  for (const n of [3, 60, 500]) {
    assert.equal(fuelLeft(tiered(40, { consumeFuel: true }), n), fuelLeft(new Engine({ strategy: 'compile', consumeFuel: true }), n), `n = ${n}`);
  }
  const trapsAt = (engine: Engine): number => {
    const r = run(engine, LOOP);
    r.store.setFuel(5000);
    let i = 0;
    const t = trapOf(() => {
      for (;; i++) call(r, 'run', 30, -1, 0);
    });
    assert.equal(t.kind, TrapKind.outOfFuel);
    return i;
  };
  assert.equal(trapsAt(tiered(40, { consumeFuel: true })), trapsAt(new Engine({ strategy: 'compile', consumeFuel: true })));
});

test('memory growth in compiled code is seen by interpreted frames still running', () => {
  const wat = `(module $g
    (memory (export "mem") 1)
    (func $grow (param i32) (result i32)
      (drop (memory.grow (i32.const 1)))
      (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)) (local.get 0))
      (memory.size))
    ;; each iteration grows by a page and stores into its last word (in $grow), then reads that word here
    (func (export "run") (param $n i32) (result i32) (local $s i32) (local $p i32)
      (block (loop
        (br_if 1 (i32.eqz (local.get $n)))
        (local.set $p (call $grow (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (i32.sub (i32.mul (local.get $p) (i32.const 65536)) (i32.const 4)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br 0)))
      (local.get $s)))`;
  const r = run(tiered(20), wat);
  assert.equal(call(r, 'run', 40), (40 * 41) / 2);
  assert.notEqual(r.module.compiled, null);
  assert.equal((r.instance.getMemory(r.store, 'mem') as Memory).size(r.store), 41);
});

test('a second instance of a module that is already compiled moves at once', () => {
  const engine = tiered(30);
  const a = run(engine, LOOP);
  call(a, 'run', 100, -1, 0);
  assert.notEqual(a.module.compiled, null);
  const store = new Store(engine, null);
  const b = Instance.new(store, a.module, []);
  const t = trapOf(() => b.getTypedFunc<[number, number, number], number>(store, 'run', [ValType.i32, ValType.i32, ValType.i32], [ValType.i32]).call(store, 5, 2, 0));
  // Both frames come from compiled code: the instance never ran interpreted.
  assert.deepEqual(t.wasmBacktrace.map((f) => f.funcName), ['check', 'run']);
  assert.match(t.stack ?? '', /k23-[0-9a-z]+-m\d+/);
});

test('a module V8 cannot parse once compiled keeps running interpreted', () => {
  // Thousands of nested blocks, each a branch target: V8's parser recurses on the labeled blocks compiled code has.
  const depth = 5000;
  const wat = `(module (func (export "run") (param i32) (result i32)
    ${'(block '.repeat(depth)}(br_if 0 (local.get 0))${' (br_if 0 (local.get 0)))'.repeat(depth)}
    (i32.add (local.get 0) (i32.const 1))))`;
  const bytes = watToBinary(wat, 'deep.wat');
  assert.throws(() => Module.fromBytes(new Engine({ strategy: 'compile' }), bytes), /nests blocks too deeply/);
  const r = run(tiered(10), wat);
  for (let i = 0; i < 50; i++) assert.equal(call(r, 'run', i), i + 1);
  assert.equal(r.module.compiled, null);
});
