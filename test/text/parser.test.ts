import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextError } from '../../src/text/text_error.js';
import { parseWat, watToBinary } from '../../src/text/wat.js';

/** Asserts that `src` is rejected with a TextError whose reason starts with `reason` (and, if given, at `line:col`). */
function rejects(src: string, reason: string, at?: [number, number], version: 2 | 3 = 3): TextError {
  let err: unknown = null;
  try {
    watToBinary(src, 'm.wat', { wasmVersion: version });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof TextError, `expected a TextError for ${src}, got ${String(err)}`);
  assert.ok(err.reason.startsWith(reason), `${src}: expected "${reason}", got "${err.reason}"`);
  if (at !== undefined) assert.deepEqual([err.line, err.col], at, src);
  assert.ok(err.message.startsWith(`m.wat:${err.line}:${err.col}: `), err.message);
  return err;
}

test('syntax errors say what was found and what was expected, with the position', () => {
  const e = rejects('(module\n  (func (result i32) (i32.const 1)\n  (unknown-thing)))', 'unknown operator');
  assert.deepEqual([e.line, e.col], [3, 4]);
  const u = rejects('(module (func (param i32) (result i32) (local i32) (param i32)))', 'unexpected token', [1, 53]);
  assert.equal(u.found, "'param'");
  assert.ok(u.expected.length > 0);
  assert.match(u.message, /^m\.wat:1:53: unexpected token: found 'param', expected /);
  rejects('(module (func (block (result i32) (param i32))))', 'unexpected token');
  rejects('(module (func (i32.add (i32.const 1) i32.const 2)))', 'unexpected token');
  rejects('(module (func (if (i32.const 1))))', 'unexpected token');
  rejects('(module (func (end)))', 'unexpected token');
  rejects('(module (func)', 'unexpected token');
  rejects('(module) (module)', 'unexpected token');
  rejects('(module (func (i32.const 0x)))', 'unknown operator 0x');
  rejects('(module (func (get_local 0)))', 'unknown operator get_local');
  rejects('(module (global $g anyfunc (ref.null func)))', 'unknown operator anyfunc');
  rejects('(module (func (nop) "string"))', 'unexpected token');
});

test('constants out of range and bad alignments', () => {
  rejects('(module (func (i32.const 0x1_0000_0000) drop))', 'constant out of range', [1, 26]);
  rejects('(module (func (i64.const -9223372036854775809) drop))', 'constant out of range');
  rejects('(module (func (f32.const 0x1p128) drop))', 'constant out of range');
  rejects('(module (func (f64.const nan:0x0) drop))', 'constant out of range');
  rejects('(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))', 'alignment must be a power of two');
  rejects('(module (memory 1) (func (drop (i32.load align=0 (i32.const 0)))))', 'alignment');
  rejects('(module (memory 0x1_0000_0000))', 'i32 constant out of range', undefined, 2);
  assert.ok(watToBinary('(module (memory 0x1_0000_0000))').length > 8, '3.0 limits are 64-bit literals');
  rejects('(module (memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0)))))', 'i32 constant', undefined, 2);
  rejects('(module (func (v128.const i32x4 1 2 3) drop))', 'wrong number of lane literals');
  rejects('(module (func (i8x16.shuffle 0 1 2) drop))', 'invalid lane length');
  rejects('(module (func (param v128) (result i32) (i8x16.extract_lane_s 256 (local.get 0))))', 'i8 constant out of range');
  rejects('(module (func (param v128) (result i32) (i8x16.extract_lane_s 256 (local.get 0))))', 'malformed lane index', undefined, 2);
  // Lane 16 of an i8x16 is well-formed (the validator rejects it).
  assert.ok(watToBinary('(module (func (param v128) (result i32) (i8x16.extract_lane_s 16 (local.get 0))))').length > 0);
});

test('labels: unknown, and repeated on end/else only when they match', () => {
  rejects('(module (func (block $l (br $m))))', 'unknown label $m', [1, 29]);
  rejects('(module (func block end $l))', 'mismatching label');
  rejects('(module (func block $a end $b))', 'mismatching label');
  rejects('(module (func i32.const 0 if $a else $b end $a))', 'mismatching label');
  assert.ok(watToBinary('(module (func block $a end $a i32.const 0 if $b else $b end $b))').length > 0);
});

test('names: duplicates, unknown references, import order, start', () => {
  rejects('(module (func $f) (func $f))', 'duplicate func');
  rejects('(module (import "" "" (func $f)) (func $f))', 'duplicate func');
  rejects('(module (func (param $x i32) (local $x i32)))', 'duplicate local');
  rejects('(module (global $g i32 (i32.const 0)) (global $g i32 (i32.const 0)))', 'duplicate global');
  rejects('(module (type $t (struct (field $a i32) (field $a i32))))', 'duplicate field');
  rejects('(module (func (call $nope)))', 'unknown function $nope', [1, 21]);
  rejects('(module (func (local.get $x)))', 'unknown local $x');
  rejects('(module (func (type $t)))', 'unknown type $t');
  rejects('(module (type $s (struct (field i32))) (func (param (ref $s)) (drop (struct.get $s $f (local.get 0)))))', 'unknown field $f');
  rejects('(module (func) (import "" "" (func)))', 'import after function');
  rejects('(module (memory 0) (import "" "" (global i32)))', 'import after memory');
  rejects('(module (func $a) (start $a) (start $a))', 'multiple start sections');
  // Numeric indices are not checked here: an out-of-range index is a validation error, so it encodes.
  assert.ok(watToBinary('(module (func (call 100) (local.get 7) (drop)))').length > 0);
  // Forward references and quoted identifiers.
  assert.deepEqual(
    watToBinary('(module (func (call $"g")) (func $g))'),
    watToBinary('(module (func (call 1)) (func))'),
  );
});

test('inline function types must match the explicit type', () => {
  rejects('(module (type $t (func (param i32))) (func (type $t) (param i64)))', 'inline function type');
  rejects('(module (type $t (func)) (func (block (type $t) (result i32) (i32.const 0)) (unreachable)))', 'inline function type');
  rejects('(module (func (type 2) (param i32)))', 'unknown type');
  assert.deepEqual(
    watToBinary('(module (type $t (func (param i32) (result i32))) (func (type $t) (param i32) (result i32) (local.get 0)))'),
    watToBinary('(module (type $t (func (param i32) (result i32))) (func (type $t) (local.get 0)))'),
  );
});

test('malformed names are rejected', () => {
  rejects('(module (func (export "\\ff")))', 'malformed UTF-8 encoding');
  rejects('(module (import "\\80" "x" (func)))', 'malformed UTF-8 encoding');
});

test('the parsed module keeps fields in text order with inline parts split out', () => {
  const m = parseWat('(module $m (func $f (export "f") (param $x i32)) (table funcref (elem $f)) (memory (data "x")))');
  assert.equal(m.name, 'm');
  assert.deepEqual(
    m.fields.map((f) => f.kind),
    ['export', 'func', 'table', 'elem', 'memory', 'data'],
  );
  assert.equal(m.names.get('func')!.get('f'), 0);
});
