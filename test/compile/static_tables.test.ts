import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decoder.js';
import { staticTables } from '../../src/compile/static_tables.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';
import { Engine, Linker, Module, Store, Trap, TrapKind, ValType } from '../../src/index.js';
import { watToBinary } from '../../src/text/wat.js';
import { validateModule } from '../../src/validate/module_validator.js';

const { i32 } = ValType;

/** A module whose `go(i)` adds through `call_indirect` on table 0 at index i; `extra` adds fields. */
function dispatcher(extra: string): string {
  return `(module
    (type $ii (func (param i32 i32) (result i32)))
    (table $t 8 funcref)
    (elem (i32.const 1) $add $sub $other $add)
    (elem (i32.const 6) $mul)
    (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
    (func $mul (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
    (func $other (param i32) (result i32) (local.get 0))
    (func (export "go") (param i32) (result i32)
      (call_indirect (type $ii) (i32.const 7) (i32.const 3) (local.get 0)))
    ${extra})`;
}

function tablesOf(wat: string): (Int32Array | null)[] {
  const info = decodeModule(watToBinary(wat), DEFAULT_FEATURES);
  const ctx = validateModule(info, DEFAULT_FEATURES);
  return staticTables(info, ctx.tableWritten);
}

test('a table only its segments fill is resolved; exported, written or import-offset tables are not', () => {
  assert.deepEqual(Array.from(tablesOf(dispatcher(''))[0]!), [-1, 0, 1, 3, 0, -1, 2, -1]);
  assert.equal(tablesOf(dispatcher('(export "t" (table $t))'))[0], null);
  assert.equal(tablesOf(dispatcher('(func (table.set $t (i32.const 0) (ref.null func)))'))[0], null);
  assert.equal(tablesOf(dispatcher('(func (drop (table.grow $t (ref.null func) (i32.const 1))))'))[0], null);
  assert.equal(tablesOf(dispatcher('(func (table.fill $t (i32.const 0) (ref.null func) (i32.const 1)))'))[0], null);
  assert.equal(tablesOf(dispatcher('(func (table.copy $t $t (i32.const 0) (i32.const 1) (i32.const 1)))'))[0], null);
  // Unreachable writes count too: validation does not know what runs.
  assert.equal(tablesOf(dispatcher('(func unreachable (table.set $t (i32.const 0) (ref.null func)))'))[0], null);
  assert.equal(tablesOf(`(module (import "m" "g" (global $g i32)) (table 2 funcref) (func $f) (elem (global.get $g) $f))`)[0], null);
  assert.equal(tablesOf(`(module (import "m" "t" (table 2 funcref)))`)[0], null);
});

test('call_indirect through a fixed table calls the same functions and raises the same traps as through a table', () => {
  const results: [number, number][] = [[1, 10], [2, 4], [4, 10], [6, 21]];
  const traps: [number, TrapKind][] = [
    [0, TrapKind.uninitializedElement], [5, TrapKind.uninitializedElement], [7, TrapKind.uninitializedElement],
    [3, TrapKind.indirectCallTypeMismatch], [8, TrapKind.undefinedElement], [-1, TrapKind.undefinedElement],
  ];
  for (const consumeFuel of [false, true]) {
    const sources: string[] = [];
    const fuelUsed: number[] = [];
    for (const wat of [dispatcher(''), dispatcher('(export "t" (table $t))')]) {
      const engine = new Engine({ consumeFuel });
      const store = new Store(engine, null);
      if (consumeFuel) store.setFuel(1_000_000);
      const module = Module.fromBytes(engine, watToBinary(wat));
      sources.push(module.compiled!.source);
      const go = new Linker(engine).instantiate(store, module).getTypedFunc<[number], number>(store, 'go', [i32], [i32]);
      // Warm (optimized) and cold code alike.
      for (let round = 0; round < 300; round++) {
        for (const [index, want] of results) assert.equal(go.call(store, index), want);
        if (round % 100 !== 0) continue;
        for (const [index, kind] of traps) {
          assert.throws(() => go.call(store, index), (e: unknown) => e instanceof Trap && e.kind === kind && e.wasmBacktrace[0]?.funcIndex === 4);
        }
      }
      if (consumeFuel) {
        fuelUsed.push(1_000_000 - store.getFuel());
      }
    }
    assert.match(sources[0]!, /switch \(l0\) \{\ncase 1: case 4: /, 'fixed table: a switch of direct calls');
    assert.doesNotMatch(sources[1]!, /switch \(l0\)/, 'exported table: a call through the element');
    if (consumeFuel) {
      assert.ok(fuelUsed[0]! > 0);
      assert.equal(fuelUsed[0], fuelUsed[1], 'the same fuel on both paths');
    }
  }
});

/** `run(n)` calls through table 0 `n` times in a loop, with the index computed by `index` (a folded expression). */
function loopDispatcher(index: string): string {
  return `(module
    (type $ii (func (param i32 i32) (result i32)))
    (memory 1)
    (data (i32.const 64) "\\02\\00\\00\\00")
    (table $t 4 funcref)
    (elem (i32.const 1) $add $sub $mul)
    (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
    (func $mul (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
    (func (export "run") (param $n i32) (result i32) (local $i i32) (local $acc i32) (local $k i32)
      (local.set $k (i32.const 2))
      (local.set $acc (i32.const 5))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (call_indirect (type $ii) (local.get $acc) (i32.const 3) ${index}))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (local.get $acc)))`;
}

test('call_indirect in a loop: an index that is the same on every iteration calls through the element', () => {
  const cases: [string, boolean][] = [
    ['(local.get $k)', true], // a local the loop never writes
    ['(i32.load (i32.const 64))', true], // a function pointer at a fixed address
    ['(i32.load (i32.add (local.get $k) (i32.const 62)))', true],
    ['(i32.add (i32.and (local.get $i) (i32.const 1)) (i32.const 1))', false], // changes with the loop counter
    ['(i32.load (i32.shl (local.get $i) (i32.const 2)))', false],
    ['(i32.const 2)', false], // a constant selects one case: the switch folds to a direct call
  ];
  for (const [index, element] of cases) {
    const engine = new Engine();
    const store = new Store(engine, null);
    const module = Module.fromBytes(engine, watToBinary(loopDispatcher(index)));
    const source = module.compiled!.source;
    assert.equal(/switch \(/.test(source), !element, `${index}: ${element ? 'element call' : 'switch'}`);
    assert.equal(/= T0\[/.test(source), element, index);
    const run = new Linker(engine).instantiate(store, module).getTypedFunc<[number], number>(store, 'run', [i32], [i32]);
    // Index 2 is $sub (5 - 3*n); the alternating index adds and subtracts; the load at i*4 reads 0 then traps.
    if (index.includes('shl')) {
      assert.throws(() => run.call(store, 3), (e: unknown) => e instanceof Trap && e.kind === TrapKind.uninitializedElement);
    } else if (index.includes('and')) {
      assert.equal(run.call(store, 4), 5 - 3 + 3 - 3 + 3);
    } else {
      for (let round = 0; round < 200; round++) assert.equal(run.call(store, 10), 5 - 30);
    }
  }
});
