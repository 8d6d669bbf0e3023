import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decoder.js';
import { BUILTIN_NAMES } from '../../src/core/builtin_names.js';
import { compileModule } from '../../src/compile/module_compiler.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';
import { Engine, Linker, Module, Store, ValType } from '../../src/index.js';
import { watToBinary } from '../../src/text/wat.js';

const { i32, i64 } = ValType;

function compileWat(wat: string, options: { fuel: boolean; epoch: boolean; outlineAbove?: number; outlineMinRun?: number } = { fuel: false, epoch: false }) {
  const info = decodeModule(watToBinary(wat), DEFAULT_FEATURES);
  const sigIds = Int32Array.from(info.types.map((_, i) => i));
  return { info, compiled: compileModule(info, sigIds, { features: DEFAULT_FEATURES, ...options }, 'k23-test-m1') };
}

function instantiate(wat: string) {
  const engine = new Engine();
  const store = new Store(engine, null);
  const instance = new Linker(engine).instantiate(store, Module.fromBytes(engine, watToBinary(wat)));
  return { store, instance };
}

test('generated code never contains text from the module', () => {
  for (const split of [false, true]) {
    const hostile = '"); globalThis.pwned = 1; ("';
    const { compiled } = compileWat(`(module $${JSON.stringify(hostile).slice(1, -1).replace(/[^a-z]/gi, '')}
      (import "${hostile.replace(/"/g, '\\"')}" "*/ evil() /*" (func $imp (param i32)))
      (memory (export "\\u{2028}${hostile.replace(/"/g, '\\"')}") 1)
      (data (i32.const 0) "${hostile.replace(/"/g, '\\"')}")
      (func (export "f") (param i32) (result i32) (block (call $imp (local.get 0))) (call $imp (local.get 0)) (local.get 0)))`,
      split ? { fuel: true, epoch: true, outlineAbove: 0, outlineMinRun: 1 } : { fuel: false, epoch: false });
    if (split) assert.ok(/function q\d+_\d+\(/.test(compiled.source), 'the function was split');
    for (const needle of ['pwned', 'evil', '\u2028', '*/']) assert.ok(!compiled.source.includes(needle), `source contains ${JSON.stringify(needle)}`);
    // Every identifier in the generated source is one the compiler makes from indices or one of its own names.
    const own = new Set<string>([
      ...BUILTIN_NAMES,
      ...'use strict return function link env const let if else for break continue switch case default true false null'.split(' '),
      ...'S I U F SN RR CF EP DL FU FR R relocs fround imul clz32 Math BigInt asIntN view v Symbol elements sig fuel funcs refresh fp fq c fu dl ep rc RL refSlots CIx'.split(' '),
    ]);
    const body = compiled.source.replace(/\/\/# sourceURL=.*$/m, '');
    for (const id of new Set(body.match(/[A-Za-z_$][\w$]*/g))) {
      if (own.has(id) || /^(?:[lsfrmgvwDEL]\d+|M\d+|TT?\d+|q\d+_\d+|ci\d+_\d+)$/.test(id)) continue;
      assert.fail(`unexpected identifier ${JSON.stringify(id)} in generated code`);
    }
  }
});

test('line map: every line of a function maps to its function and a byte offset inside its body', () => {
  for (const outline of [{}, { outlineAbove: 0, outlineMinRun: 1 }]) {
    const { info, compiled } = compileWat(`(module
      (memory 1)
      (func $a (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
      (func $b (param i32) (result i32) (call $a (i32.mul (local.get 0) (local.get 0))))
      (func $c (param i32) (result i32)
        (block (block (block (br_table 0 1 2 (local.get 0)))
          (return (i32.load offset=4 (local.get 0))))
          (i32.store (local.get 0) (i32.const 7)))
        (i32.load offset=8 (local.get 0))))`, { fuel: false, epoch: false, ...outline });
    const lines = compiled.source.split('\n');
    assert.equal(lines.length, compiled.lineFuncs.length);
    assert.equal(lines.length, compiled.lineTrapKinds.length);
    for (let l = 0; l < lines.length; l++) {
      const f = compiled.lineFuncs[l]!;
      // Trap sites (memory accesses) are exactly the lines that access memory through a DataView.
      assert.equal(compiled.lineTrapKinds[l]! >= 0, /\.(?:get|set)Int32\(/.test(lines[l]!), `line ${l}: ${lines[l]}`);
      if (f < 0) continue;
      const body = info.codes[f - info.importedFuncCount]!;
      const off = compiled.lineOffsets[l]!;
      assert.ok(off >= body.offset && off <= body.codeEnd, `line ${l} offset ${off} outside function ${f}`);
    }
    assert.ok(compiled.lineFuncs.includes(0) && compiled.lineFuncs.includes(1) && compiled.lineFuncs.includes(2));
    assert.ok(lines.some((l) => l.startsWith('switch (')), 'br_table compiled to a switch');
  }
});

test('pending expressions are evaluated before the locals they read are overwritten', () => {
  const { store, instance } = instantiate(`(module
    (func (export "swap_sub") (param i32 i32) (result i32)
      ;; pushes a, b then overwrites both locals before consuming the pushed values
      (local.get 0) (local.get 1)
      (local.set 0 (i32.const 100)) (local.set 1 (i32.const 7))
      (i32.sub))
    (func (export "tee") (param i32) (result i32)
      (i32.add (local.get 0) (local.tee 0 (i32.const 5))))
    (func (export "i64_hazard") (param i64) (result i64)
      (local.get 0)
      (local.set 0 (i64.const 1000))
      (i64.sub (local.get 0))))`);
  assert.equal(instance.getTypedFunc<[number, number], number>(store, 'swap_sub', [i32, i32], [i32]).call(store, 50, 8), 42);
  assert.equal(instance.getTypedFunc<[number], number>(store, 'tee', [i32], [i32]).call(store, 10), 15);
  assert.equal(instance.getTypedFunc<[bigint], bigint>(store, 'i64_hazard', [i64], [i64]).call(store, 1042n), 42n);
});

test('block results, branches with values and multi-value blocks keep their values apart', () => {
  const { store, instance } = instantiate(`(module
    (func (export "pick") (param i32) (result i32 i64)
      (block $out (result i32 i64)
        (i32.const 1) (i64.const 2)
        (br_if $out (local.get 0))
        (drop) (drop)
        (i32.const 3) (i64.const 4)))
    (func (export "loop_params") (param i32) (result i32)
      ;; a loop with a parameter: sums 1..n via the loop's value
      (local $i i32)
      (local.set $i (local.get 0))
      (i32.const 0)
      (loop $l (param i32) (result i32)
        (i32.add (local.get $i))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br_if $l (local.get $i)))))`);
  const pick = instance.getFunc(store, 'pick')!;
  assert.deepEqual(pick.typed(store, [i32], [i32, i64]).call(store, 1), [1, 2n]);
  assert.deepEqual(pick.typed(store, [i32], [i32, i64]).call(store, 0), [3, 4n]);
  assert.equal(instance.getTypedFunc<[number], number>(store, 'loop_params', [i32], [i32]).call(store, 100), 5050);
});

test('fuel and epoch code appears only when enabled', () => {
  const wat = `(module (func (export "f") (loop $l (br_if $l (i32.const 0)))))`;
  const plain = compileWat(wat).compiled.source;
  assert.ok(!plain.includes('FU[0]') && !plain.includes('ep[0]') && !/\bfu\b/.test(plain));
  const both = compileWat(wat, { fuel: true, epoch: true }).compiled.source;
  assert.ok(both.includes('FU[0]') && both.includes('ep[0]'));
});

test('V8 keeps NaN bits through the shapes the compiler relies on', () => {
  // Float64Array copies and DataView f64 loads/stores are bit-exact (i64 moves and loads rely on it), in the
  // interpreter and once optimized.
  const buf = new ArrayBuffer(32);
  const F = new Float64Array(buf);
  const S = new BigUint64Array(buf);
  const dv = new DataView(buf);
  const patterns = [0x7ff0000000000001n, 0xfff4000000000abcn, 0x7ff8000000000000n, 0x7ff7ffffffffffffn];
  const copy = new Function('F', 'dv', 'F[1] = F[0]; dv.setFloat64(16, F[1], true); F[3] = dv.getFloat64(16, true);') as (F: Float64Array, dv: DataView) => void;
  for (let round = 0; round < 20000; round++) {
    for (const p of patterns) {
      S[0] = p;
      copy(F, dv);
      if (S[1] !== p || S[3] !== p) assert.fail(`bits ${p.toString(16)} became ${S[1]!.toString(16)} / ${S[3]!.toString(16)} in round ${round}`);
    }
  }
});
