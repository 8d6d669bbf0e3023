import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK_EMPTY, BLOCK_VALUE, OperatorReader } from '../../src/binary/operator_reader.js';
import { CompileError } from '../../src/core/compile_error.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';

function reader(bytes: number[], end = bytes.length): OperatorReader {
  return new OperatorReader(Uint8Array.from(bytes), 0, end, DEFAULT_FEATURES);
}

function malformed(fn: () => unknown, reason: string, offset?: number): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CompileError);
    assert.equal(e.kind, 'malformed');
    assert.equal(e.reason, reason);
    if (offset !== undefined) assert.equal(e.offset, offset);
    return true;
  });
}

test('index immediates: one-byte fast path and multi-byte LEB128', () => {
  const r = reader([0x20, 0x05, 0x20, 0x80, 0x01, 0x10, 0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.equal(r.read(), 0x20);
  assert.equal(r.index, 5);
  assert.equal(r.offset, 0);
  assert.equal(r.read(), 0x20);
  assert.equal(r.index, 128);
  assert.equal(r.offset, 2);
  assert.equal(r.read(), 0x10);
  assert.equal(r.index, 0xffffffff);
  assert.equal(r.pos, 11);
});

test('the reader stops at its end, not at the end of the bytes', () => {
  // local.get with its index beyond `end`.
  malformed(() => reader([0x20, 0x05], 1).read(), 'unexpected end of section or function', 1);
  malformed(() => reader([0x20], 0).read(), 'unexpected end of section or function', 0);
});

test('opcodes and immediates', () => {
  const r = reader([0x02, 0x40, 0x04, 0x7f, 0x03, 0x05, 0x41, 0x7f, 0x28, 0x02, 0x10, 0xfc, 0x0a, 0x00, 0x00, 0x0e, 0x02, 0x01, 0x02, 0x00]);
  assert.equal(r.read(), 0x02);
  assert.equal(r.blockType, BLOCK_EMPTY);
  assert.equal(r.read(), 0x04);
  assert.equal(r.blockType, BLOCK_VALUE);
  assert.equal(r.blockValType, 0x7f);
  assert.equal(r.read(), 0x03);
  assert.equal(r.blockType, 5);
  assert.equal(r.read(), 0x41);
  assert.equal(r.i32, -1);
  assert.equal(r.read(), 0x28);
  assert.equal(r.align, 2);
  assert.equal(r.memOffset, 16);
  assert.equal(r.read(), 0xfc0a);
  assert.equal(r.read(), 0x0e);
  assert.deepEqual(r.targets.slice(0, r.targetCount), [1, 2]);
  assert.equal(r.index, 0);
});

test('illegal opcodes and vector counts', () => {
  malformed(() => reader([0x06]).read(), 'illegal opcode', 0);
  malformed(() => reader([0xfc, 0x7f]).read(), 'illegal opcode', 0);
  // A count larger than the bytes left is out of bounds, before any allocation.
  malformed(() => reader([0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f]).read(), 'length out of bounds', 1);
  malformed(() => reader([0x1c, 0x05, 0x7f]).read(), 'length out of bounds', 1);
  assert.throws(() => reader([0xfd, 0x0c]).read(), (e: unknown) => e instanceof CompileError && e.kind === 'unsupported');
});
