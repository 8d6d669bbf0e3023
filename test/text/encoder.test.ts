import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watToBinary } from '../../src/text/wat.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A section: id, size, contents (the tests keep sections below 128 bytes). */
function sec(id: number, ...bytes: number[]): number[] {
  assert.ok(bytes.length < 128);
  return [id, bytes.length, ...bytes];
}

function mod(...sections: number[][]): number[] {
  return [...HEADER, ...sections.flat()];
}

function enc(src: string, version: 2 | 3 = 3): number[] {
  return [...watToBinary(src, 'test.wat', { wasmVersion: version })];
}

/** The bytes of the (only) function body of a module, without its size. */
function body(src: string): number[] {
  const b = enc(src);
  // The code section is the last one with id 10 (no data in these modules): id, size, count, body size, body.
  let i = 8;
  for (;;) {
    const id = b[i]!;
    const size = b[i + 1]!;
    if (id === 10) return b.slice(i + 4, i + 2 + size);
    i += 2 + size;
  }
}

test('the empty module is the header', () => {
  assert.deepEqual(enc('(module)'), HEADER);
  assert.deepEqual(enc(''), HEADER);
  assert.deepEqual(enc('(module $m)'), HEADER);
});

test('folded and flat instructions encode alike; labels resolve to depths', () => {
  const folded = body('(func (result i32) (block $b (result i32) (br_if $b (i32.const 1) (i32.const 2)) (drop) (i32.add (i32.const 3) (i32.const -1))))');
  const flat = body('(func (result i32) block $b (result i32) i32.const 1 i32.const 2 br_if $b drop i32.const 3 i32.const -1 i32.add end $b)');
  assert.deepEqual(folded, flat);
  assert.deepEqual(flat, [0x00, 0x02, 0x7f, 0x41, 0x01, 0x41, 0x02, 0x0d, 0x00, 0x1a, 0x41, 0x03, 0x41, 0x7f, 0x6a, 0x0b, 0x0b]);
  // Inner labels shadow outer ones; numeric labels pass through.
  assert.deepEqual(
    body('(func (block $l (block $l (br $l) (br 1) (br 2))))'),
    [0x00, 0x02, 0x40, 0x02, 0x40, 0x0c, 0x00, 0x0c, 0x01, 0x0c, 0x02, 0x0b, 0x0b, 0x0b],
  );
});

test('if: folded condition first; an empty else is left out', () => {
  const a = body('(func (if (i32.const 1) (then (nop)) (else)))');
  const b = body('(func i32.const 1 if nop else end)');
  const c = body('(func i32.const 1 if nop end)');
  assert.deepEqual(a, [0x00, 0x41, 0x01, 0x04, 0x40, 0x01, 0x0b, 0x0b]);
  assert.deepEqual(b, a);
  assert.deepEqual(c, a);
  assert.deepEqual(body('(func (if $x (result i32) (i32.const 0) (then (i32.const 1)) (else (i32.const 2))) drop)'), [
    0x00, 0x41, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x1a, 0x0b,
  ]);
});

test('inline type uses reuse the first matching type or append one, in text order', () => {
  const b = enc('(module (func (param i32)) (type $v (func)) (func (type $v)) (func) (func (param i32) (result i32) (local.get 0)))');
  assert.deepEqual(
    b,
    mod(
      sec(1, 3, 0x60, 0, 0, 0x60, 1, 0x7f, 0, 0x60, 1, 0x7f, 1, 0x7f),
      sec(3, 4, 1, 0, 0, 2),
      sec(10, 4, 2, 0, 0x0b, 2, 0, 0x0b, 2, 0, 0x0b, 4, 0, 0x20, 0, 0x0b),
    ),
  );
});

test('block types: empty, one value type, or a type index for parameters and several results', () => {
  assert.deepEqual(
    enc('(module (type $t (func (result i32))) (func (block (type $t) (i32.const 1)) drop (block (param) (result i32 i64) (i32.const 1) (i64.const 2)) drop drop (i32.const 0) (loop (param i32) drop)))'),
    mod(
      // $t, then the implicit types in text order: the function's ()->(), ()->(i32 i64), (i32)->().
      sec(1, 4, 0x60, 0, 1, 0x7f, 0x60, 0, 0, 0x60, 0, 2, 0x7f, 0x7e, 0x60, 1, 0x7f, 0),
      sec(3, 1, 1),
      // `(block (type $t))` without parameters and one result is written as that value type, as wabt does.
      sec(10, 1, 23, 0, 0x02, 0x7f, 0x41, 1, 0x0b, 0x1a, 0x02, 0x02, 0x41, 1, 0x42, 2, 0x0b, 0x1a, 0x1a, 0x41, 0, 0x03, 0x03, 0x1a, 0x0b, 0x0b),
    ),
  );
});

test('call_indirect: type use and table; typed select; memory immediates', () => {
  assert.deepEqual(
    body('(module (table 1 funcref) (table $t2 1 funcref) (func (call_indirect $t2 (param i32) (i32.const 7) (i32.const 0))))'),
    [0x00, 0x41, 0x07, 0x41, 0x00, 0x11, 0x01, 0x01, 0x0b],
  );
  assert.deepEqual(body('(func (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)))').slice(7), [
    0x1c, 0x01, 0x7f, 0x0b,
  ]);
  assert.deepEqual(
    body('(module (memory 1) (memory $m 1) (func (drop (i32.load (i32.const 0))) (drop (i64.load8_u offset=0x10 align=1 (i32.const 0))) (i32.store $m offset=4294967296 (i32.const 0) (i32.const 0))))'),
    [
      0x00, 0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x41, 0x00, 0x31, 0x00, 0x10, 0x1a,
      0x41, 0x00, 0x41, 0x00, 0x36, 0x42, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10, 0x0b,
    ],
  );
});

test('a data count section appears only when an instruction refers to a data segment', () => {
  const sectionIds = (b: number[]): number[] => {
    const ids: number[] = [];
    for (let i = 8; i < b.length; i += 2 + b[i + 1]!) ids.push(b[i]!);
    return ids;
  };
  assert.deepEqual(sectionIds(enc('(module (memory 1) (data (i32.const 0) "a") (func))')), [1, 3, 5, 10, 11]);
  assert.deepEqual(sectionIds(enc('(module (memory 1) (data $d "a") (func (data.drop $d)))')), [1, 3, 5, 12, 10, 11]);
});

test('inline imports and exports become import and export entries in text order', () => {
  assert.deepEqual(
    enc('(module (func $f (export "a") (export "b") (import "m" "f") (param i32)) (global (export "g") (import "m" "g") i32) (memory (export "mem") 1))'),
    mod(
      sec(1, 1, 0x60, 1, 0x7f, 0),
      sec(2, 2, 1, 0x6d, 1, 0x66, 0x00, 0x00, 1, 0x6d, 1, 0x67, 0x03, 0x7f, 0x00),
      sec(5, 1, 0, 1),
      sec(7, 4, 1, 0x61, 0, 0, 1, 0x62, 0, 0, 1, 0x67, 3, 0, 3, 0x6d, 0x65, 0x6d, 2, 0),
    ),
  );
});

test('tables and memories with inline segments are sized to them', () => {
  assert.deepEqual(
    enc('(module (table $t funcref (elem $f $f)) (func $f) (memory (data "ab" "c")))', 2),
    mod(
      sec(1, 1, 0x60, 0, 0),
      sec(3, 1, 0),
      sec(4, 1, 0x70, 1, 2, 2),
      sec(5, 1, 1, 1, 1),
      sec(9, 1, 0, 0x41, 0, 0x0b, 2, 0, 0),
      sec(10, 1, 2, 0, 0x0b),
      sec(11, 1, 0, 0x41, 0, 0x0b, 3, 0x61, 0x62, 0x63),
    ),
  );
});

test('element segments: wabt forms in 2.0 mode, exact declared types in 3.0 mode', () => {
  const src = '(module (table 1 funcref) (table $t 1 funcref) (func $f) (elem (i32.const 0) $f) (elem (table $t) (i32.const 0) func $f) (elem funcref (ref.func $f) (ref.null func)) (elem declare func $f) (elem funcref (ref.func $f)))';
  const elemSection = (b: number[]): number[] => {
    for (let i = 8; i < b.length; i += 2 + b[i + 1]!) if (b[i] === 9) return b.slice(i + 2, i + 2 + b[i + 1]!);
    return [];
  };
  assert.deepEqual(elemSection(enc(src, 2)), [
    5,
    0, 0x41, 0, 0x0b, 1, 0,
    2, 1, 0x41, 0, 0x0b, 0, 1, 0,
    5, 0x70, 2, 0xd2, 0, 0x0b, 0xd0, 0x70, 0x0b,
    3, 0, 1, 0,
    1, 0, 1, 0,
  ]);
  assert.deepEqual(elemSection(enc(src, 3)), [
    5,
    0, 0x41, 0, 0x0b, 1, 0,
    2, 1, 0x41, 0, 0x0b, 0, 1, 0,
    5, 0x70, 2, 0xd2, 0, 0x0b, 0xd0, 0x70, 0x0b,
    3, 0, 1, 0,
    5, 0x70, 1, 0xd2, 0, 0x0b,
  ]);
});

test('3.0 types: rec groups, subtypes, struct and array fields, reference types', () => {
  assert.deepEqual(
    enc('(module (rec (type $a (sub (struct (field $x i32) (field (mut i8))))) (type $b (sub final $a (struct (field i32) (field (mut i8)) (field (ref null $b)))))) (type (array (mut (ref $a)))) (type (func (param (ref func) anyref))))'),
    mod(
      sec(
        1,
        3,
        0x4e, 2,
        0x50, 0, 0x5f, 2, 0x7f, 0, 0x78, 1,
        0x4f, 1, 0, 0x5f, 3, 0x7f, 0, 0x78, 1, 0x63, 1, 0,
        0x5e, 0x64, 0, 1,
        0x60, 2, 0x64, 0x70, 0x6e, 0,
      ),
    ),
  );
  // `(ref null func)` is the funcref shorthand byte; field names resolve within their struct type.
  assert.deepEqual(
    body('(module (type $s (struct (field $x i32) (field $y i64))) (func (param (ref null func) (ref null $s)) (drop (struct.get $s $y (local.get 1)))))'),
    [0x00, 0x20, 0x01, 0xfb, 0x02, 0x00, 0x01, 0x1a, 0x0b],
  );
});

test('3.0 instructions: casts, branches on casts, tail calls, exceptions', () => {
  assert.deepEqual(
    body('(module (type $s (struct)) (func (param anyref) (result anyref) (drop (ref.test (ref null $s) (local.get 0))) (drop (ref.cast (ref i31) (local.get 0))) (block $l (result anyref) (br_on_cast $l anyref (ref $s) (local.get 0))) (return_call 0 (local.get 0))))'),
    [
      0x00,
      0x20, 0x00, 0xfb, 0x15, 0x00, 0x1a,
      0x20, 0x00, 0xfb, 0x16, 0x6c, 0x1a,
      0x02, 0x6e, 0x20, 0x00, 0xfb, 0x18, 0x01, 0x00, 0x6e, 0x00, 0x0b,
      0x20, 0x00, 0x12, 0x00, 0x0b,
    ],
  );
  assert.deepEqual(
    enc('(module (tag $e (param i32)) (func (block $h (result i32 exnref) (try_table (catch_ref $e $h) (catch_all 1) (throw $e (i32.const 1)))) (drop) (drop)))'),
    mod(
      sec(1, 3, 0x60, 1, 0x7f, 0, 0x60, 0, 0, 0x60, 0, 2, 0x7f, 0x69),
      sec(3, 1, 1),
      sec(13, 1, 0, 0),
      // try_table's catch labels are resolved outside its own label: $h is depth 0 there.
      sec(10, 1, 20, 0, 0x02, 0x02, 0x1f, 0x40, 2, 0x01, 0, 0, 0x02, 1, 0x41, 1, 0x08, 0, 0x0b, 0x0b, 0x1a, 0x1a, 0x0b),
    ),
  );
});

test('memory64, table64 and table initializers', () => {
  assert.deepEqual(
    enc('(module (memory i64 1 0x1_0000_0000) (table i64 2 (ref null func) (ref.func $f)) (func $f (drop (i64.load offset=0x1_0000_0000 (i64.const 0)))) (elem declare func $f))'),
    mod(
      sec(1, 1, 0x60, 0, 0),
      sec(3, 1, 0),
      sec(4, 1, 0x40, 0x00, 0x70, 0x04, 2, 0xd2, 0, 0x0b),
      sec(5, 1, 0x05, 1, 0x80, 0x80, 0x80, 0x80, 0x10),
      sec(9, 1, 3, 0, 1, 0),
      sec(10, 1, 12, 0, 0x42, 0, 0x29, 0x03, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1a, 0x0b),
    ),
  );
});

test('SIMD immediates: constants by shape, shuffles, lanes and memory lanes', () => {
  assert.deepEqual(body('(func (result v128) (v128.const i16x8 1 -1 0 0 0 0 0 0x8000))'), [
    0x00, 0xfd, 0x0c, 1, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x80, 0x0b,
  ]);
  assert.deepEqual(
    body('(module (memory 1) (func (param v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (local.get 0) (v128.load8_lane 1 offset=2 15 (i32.const 0) (local.get 0)))))'),
    [
      0x00, 0x20, 0x00, 0x41, 0x00, 0x20, 0x00,
      0xfd, 0x54, 0x40, 0x01, 0x02, 0x0f,
      0xfd, 0x0d, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31,
      0x0b,
    ],
  );
  assert.deepEqual(body('(func (param v128) (result i32) (i16x8.extract_lane_u 7 (local.get 0)))'), [0x00, 0x20, 0x00, 0xfd, 0x19, 0x07, 0x0b]);
});

test('local names count the parameters of a referenced type', () => {
  assert.deepEqual(
    body('(module (type $t (func (param i32 i64))) (func (type $t) (local $x f32) (local.set $x (f32.const 1))))'),
    [0x01, 0x01, 0x7d, 0x43, 0x00, 0x00, 0x80, 0x3f, 0x21, 0x02, 0x0b],
  );
});

test('deeply nested instructions parse without exhausting the stack', () => {
  const depth = 100000;
  const src = `(func ${'(block '.repeat(depth)}${')'.repeat(depth)} ${'(i32.eqz '.repeat(depth)}(i32.const 0)${')'.repeat(depth)} drop)`;
  const b = watToBinary(src);
  assert.ok(b.length > 4 * depth);
});

/** Modules for the differential test against wabt's wat2wasm (2.0 features only). */
const DIFFERENTIAL = [
  '(module (func (export "f") (param i32 i64) (result f64) (local f32 f32 i32) (f64.convert_i64_s (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))))',
  '(module (memory 1 2) (data (i32.const 8) "\\00\\01hello") (data "passive") (func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop 1)))',
  '(module (type $t (func (param i32) (result i32))) (table 3 funcref) (elem (i32.const 1) $a $b) (func $a (type $t) (local.get 0)) (func $b (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0))))',
  '(module (global $g (mut i32) (i32.const -5)) (global f32 (f32.const 0x1.8p3)) (global f64 (f64.const -nan:0x12345)) (func (global.set $g (i32.const 7))) (start 0))',
  '(module (func (result i32) (block (result i32) (loop $l (br_table 0 1 $l (i32.const 3))) (i32.const 1))))',
  '(module (table $t 2 externref) (func (param externref) (table.set $t (i32.const 0) (local.get 0)) (drop (table.grow $t (ref.null extern) (i32.const 1))) (table.fill $t (i32.const 0) (ref.null extern) (i32.const 0))))',
  '(module (func (param v128) (result v128) (f32x4.add (local.get 0) (v128.const f32x4 1.5 -0 inf nan:0x200000))))',
  '(module (func (result i32 i64) (i32.const 1) (i64.const 2)) (func (drop (drop (call 0)))))',
  '(module (memory 1) (func (param i32) (result i64) (i64.load32_s offset=12 align=2 (local.get 0))) (func (i64.store16 (i32.const 0) (i64.const -1))))',
  '(module (func $f (param $x i32) (result i32) (if (result i32) (local.get $x) (then (i32.const 1)) (else (i32.const 0)))))',
  '(module (func (select (i32.const 1) (i32.const 2) (i32.const 3)) drop (select (result f32) (f32.const 1) (f32.const 2) (i32.const 3)) drop))',
  '(module (table 1 funcref) (elem funcref (ref.null func) (ref.func 0)) (elem (table 0) (i32.const 0) funcref (ref.func 0)) (func (table.init 0 (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop 1)))',
];

function wat2wasmAvailable(): boolean {
  try {
    execFileSync('wat2wasm', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

test('byte-identical to wabt wat2wasm', { skip: wat2wasmAvailable() ? false : 'wat2wasm not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'k23-text-'));
  try {
    for (const src of DIFFERENTIAL) {
      const watFile = join(dir, 'm.wat');
      const wasmFile = join(dir, 'm.wasm');
      writeFileSync(watFile, src);
      execFileSync('wat2wasm', ['--no-check', watFile, '-o', wasmFile], { stdio: 'pipe' });
      assert.deepEqual([...watToBinary(src, 'm.wat', { wasmVersion: 2 })], [...readFileSync(wasmFile)], src);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
