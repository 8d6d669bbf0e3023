import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteReader } from '../../src/binary/byte_reader.js';
import { CompileError } from '../../src/core/compile_error.js';

function reader(...bytes: number[]): ByteReader {
  return new ByteReader(Uint8Array.from(bytes));
}

function malformed(fn: () => unknown, reason: string): void {
  assert.throws(fn, (e: unknown) => e instanceof CompileError && e.kind === 'malformed' && e.reason === reason);
}

test('u32 decodes LEB128 and enforces the 5-byte and 32-bit limits', () => {
  assert.equal(reader(0x00).u32(), 0);
  assert.equal(reader(0xe5, 0x8e, 0x26).u32(), 624485);
  assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0x0f).u32(), 0xffffffff);
  assert.equal(reader(0x80, 0x80, 0x80, 0x80, 0x00).u32(), 0);
  malformed(() => reader(0xff, 0xff, 0xff, 0xff, 0x1f).u32(), 'integer too large');
  malformed(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32(), 'integer representation too long');
  malformed(() => reader(0x80, 0x80).u32(), 'unexpected end');
});

test('s32 sign-extends and checks the unused bits of the last byte', () => {
  assert.equal(reader(0x7f).s32(), -1);
  assert.equal(reader(0x80, 0x7f).s32(), -128);
  assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0x07).s32(), 0x7fffffff);
  assert.equal(reader(0x80, 0x80, 0x80, 0x80, 0x78).s32(), -0x80000000);
  malformed(() => reader(0xff, 0xff, 0xff, 0xff, 0x0f).s32(), 'integer too large');
  malformed(() => reader(0x80, 0x80, 0x80, 0x80, 0x70).s32(), 'integer too large');
});

test('s33 covers block type indices and negative single-byte forms', () => {
  assert.equal(reader(0x40).s33(), -64);
  assert.equal(reader(0x05).s33(), 5);
  assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0x0f).s33(), 0xffffffff);
  malformed(() => reader(0xff, 0xff, 0xff, 0xff, 0x2f).s33(), 'integer too large');
});

test('s64 decodes the full signed 64-bit range', () => {
  assert.equal(reader(0x7f).s64(), -1n);
  assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00).s64(), 0x7fffffffffffffffn);
  assert.equal(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).s64(), -0x8000000000000000n);
  malformed(() => reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).s64(), 'integer too large');
  malformed(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64(), 'integer representation too long');
});

test('name rejects invalid UTF-8', () => {
  assert.equal(reader(3, 0x61, 0x62, 0x63).name(), 'abc');
  assert.equal(reader(2, 0xc3, 0xa9).name(), '\u00e9');
  malformed(() => reader(2, 0xc0, 0x80).name(), 'malformed UTF-8 encoding');
  malformed(() => reader(3, 0xed, 0xa0, 0x80).name(), 'malformed UTF-8 encoding');
  malformed(() => reader(5, 0x61).name(), 'length out of bounds');
});
