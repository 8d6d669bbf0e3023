import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, Linker, Module, Store, Trap, TrapKind, ValType } from '../../src/index.js';
import { watToBinary } from '../../src/text/wat.js';

const { i32 } = ValType;

// `fill(start)` stores i32 (4 bytes) at start, start + 4, ... until the end of the one-page memory traps; the loop
// is small and innermost, so it is unrolled: whether the trap comes in the first or the second copy of the body
// depends on the parity of the iteration count.
const WAT = `(module
  (memory (export "mem") 1)
  (func (export "fill") (param $a i32) (result i32)
    (loop $l
      (i32.store (local.get $a) (i32.add (local.get $a) (i32.const 1)))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br $l))
    (i32.const 0))
  (func (export "count") (param $n i32) (result i32) (local $s i32)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $s)))`;

test('an unrolled loop traps at the same access, after the same writes, in either copy of its body', () => {
  const engine = new Engine();
  const module = Module.fromBytes(engine, watToBinary(WAT));
  assert.equal(module.compiled!.source.match(/\.setInt32\(/g)?.length, 2, 'the loop was unrolled (two copies of the store)');
  const offsets = new Set<number>();
  for (const start of [65536 - 40, 65536 - 44, 65536 - 41, 65536 - 42]) {
    const store = new Store(engine, null);
    const instance = new Linker(engine).instantiate(store, module);
    const fill = instance.getTypedFunc<[number], number>(store, 'fill', [i32], [i32]);
    const view = new DataView(instance.getMemory(store, 'mem')!.buffer);
    assert.throws(() => fill.call(store, start), (e: unknown) => {
      if (!(e instanceof Trap) || e.kind !== TrapKind.memoryOutOfBounds) return false;
      offsets.add(e.wasmBacktrace[0]!.offset);
      return true;
    });
    // Every store before the trapping one happened; the trapping one wrote nothing.
    let a = start;
    for (; a + 4 <= 65536; a += 4) assert.equal(view.getInt32(a, true), a + 1, `store at ${a}`);
    for (let b = a; b < 65536; b++) assert.equal(view.getUint8(b), 0, `byte ${b} untouched`);
  }
  assert.equal(offsets.size, 1, 'both copies report the wasm offset of the store');
});

test('an unrolled loop charges the same fuel per iteration in both copies', () => {
  const engine = new Engine({ consumeFuel: true });
  const store = new Store(engine, null);
  const module = Module.fromBytes(engine, watToBinary(WAT));
  // Fuel is checked at loop headers only (both functions begin with their loop): one check in each copy of each loop.
  assert.equal(module.compiled!.source.match(/outOfFuel\(\)/g)?.length, 2 * 2, 'the loops were unrolled (fuel checks copied)');
  const count = new Linker(engine).instantiate(store, module).getTypedFunc<[number], number>(store, 'count', [i32], [i32]);
  const used: number[] = [];
  for (let n = 0; n < 12; n++) {
    store.setFuel(10_000);
    assert.equal(count.call(store, n), (n * (n + 1)) / 2);
    used.push(10_000 - store.getFuel());
  }
  for (let n = 1; n < 12; n++) assert.equal(used[n]! - used[n - 1]!, used[1]! - used[0]!, `iteration ${n}`);
  assert.ok(used[1]! > used[0]!);
});
