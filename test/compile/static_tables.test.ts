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
