import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callModule, generatedModule, memoryModule } from '../../scripts/bench/micro_modules.js';
import { TAG_SECTION, freshTag, withTag } from '../../scripts/bench/unique_bytes.js';
import { V8Wasm, v8Export, v8Instantiate } from '../../scripts/bench/v8_wasm.js';
import { pushS32, pushU32 } from '../../scripts/bench/wasm_builder.js';

function u32(v: number): number[] {
  const out: number[] = [];
  pushU32(out, v);
  return out;
}
function s32(v: number): number[] {
  const out: number[] = [];
  pushS32(out, v);
  return out;
}

test('LEB128 encodings', () => {
  assert.deepEqual(u32(0), [0]);
  assert.deepEqual(u32(127), [0x7f]);
  assert.deepEqual(u32(128), [0x80, 0x01]);
  assert.deepEqual(u32(624485), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(u32(0xffffffff), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.deepEqual(s32(0), [0]);
  assert.deepEqual(s32(-1), [0x7f]);
  assert.deepEqual(s32(63), [0x3f]);
  assert.deepEqual(s32(64), [0xc0, 0x00]);
  assert.deepEqual(s32(-64), [0x40]);
  assert.deepEqual(s32(-65), [0xbf, 0x7f]);
  assert.deepEqual(s32(-123456), [0xc0, 0xbb, 0x78]);
  assert.deepEqual(s32(0x7fffffff), [0xff, 0xff, 0xff, 0xff, 0x07]);
  assert.deepEqual(s32(-0x80000000), [0x80, 0x80, 0x80, 0x80, 0x78]);
});

test('the call module: add1, inc, and loops through the f and g imports', () => {
  const bytes = callModule();
  assert.ok(V8Wasm.validate(bytes));
  const seen: number[] = [];
  let inc: (x: number) => number = () => 0;
  const inst = v8Instantiate(bytes, {
    env: { f: (x: number): number => { seen.push(x); return (x * 2) | 0; }, g: (x: number): number => inc(x) },
  });
  inc = v8Export(inst, 'inc');
  assert.equal(v8Export(inst, 'add1')(41), 42);
  assert.equal(inc(5), 16);
  // acc = f(acc + i) for i = 0..3
  let acc = 0;
  for (let i = 0; i < 4; i++) acc = (acc + i) * 2;
  assert.equal(v8Export(inst, 'loop_f')(4), acc);
  assert.deepEqual(seen, [0, 1, 4, 11]);
  let acc2 = 0;
  for (let i = 0; i < 3; i++) acc2 = (acc2 + i) * 3 + 1;
  assert.equal(v8Export(inst, 'loop_g')(3), acc2);
});

test('the memory module grows page by page, writes each new page, and sums the whole memory', () => {
  const bytes = memoryModule();
  assert.ok(V8Wasm.validate(bytes));
  const inst = v8Instantiate(bytes);
  assert.equal(v8Export(inst, 'grow_touch')(3), 4);
  const mem = new Int32Array((inst.exports['memory'] as { buffer: ArrayBuffer }).buffer);
  assert.equal(mem.length * 4, 4 * 65536);
  // Each new page starts with its index, or-ed with 1.
  for (let p = 1; p < 4; p++) assert.equal(mem[(p * 65536) / 4], p | 1);
  let acc = 9;
  for (let a = 0; a < 4 * 65536; a += 16) acc = ((((acc << 5) | (acc >>> 27)) ^ mem[a / 4]!) + a) | 0;
  assert.equal(v8Export(inst, 'sum')(9), acc);
});

test('generated modules: deterministic, about the requested size, valid, and main runs every function', () => {
  const a = generatedModule(20_000);
  const b = generatedModule(20_000);
  assert.deepEqual(a.bytes, b.bytes);
  assert.ok(a.codeBytes >= 20_000 && a.codeBytes < 21_000, `code ${a.codeBytes}`);
  assert.ok(a.functions >= 30, `functions ${a.functions}`);
  assert.ok(V8Wasm.validate(a.bytes));
  // Fresh instances agree; the argument flows through every function.
  const run = (x: number): number => v8Export(v8Instantiate(a.bytes), 'main')(x);
  assert.equal(run(7), run(7));
  assert.notEqual(run(7), run(8));
  assert.notDeepEqual(generatedModule(20_000, 500, 1).bytes, a.bytes);
  // The large module of the compile-latency benchmark is about 1 MB of code.
  const big = generatedModule(1_000_000);
  assert.ok(big.bytes.length > 1_000_000 && big.bytes.length < 1_100_000, `size ${big.bytes.length}`);
  assert.ok(big.functions > 1500, `functions ${big.functions}`);
  assert.ok(V8Wasm.validate(big.bytes));
});

test('withTag appends a well-formed custom section and keeps the module valid', () => {
  const bytes = memoryModule();
  const t1 = freshTag('x');
  const t2 = freshTag('x');
  assert.notEqual(t1, t2);
  const a = withTag(bytes, t1);
  const b = withTag(bytes, t2);
  assert.notDeepEqual(a, b);
  assert.deepEqual(a.subarray(0, bytes.length), bytes);
  assert.ok(V8Wasm.validate(a));
  const sections = (globalThis as unknown as {
    WebAssembly: { Module: { customSections(m: unknown, name: string): ArrayBuffer[] } };
  }).WebAssembly.Module.customSections(new V8Wasm.Module(a), TAG_SECTION);
  assert.equal(sections.length, 1);
  assert.equal(new TextDecoder().decode(sections[0]), t1);
});
