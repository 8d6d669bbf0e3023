import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMalformedBody } from '../../src/binary/body_syntax.js';
import type { FunctionBody } from '../../src/binary/module_info.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';

/** Bodies laid out back to back in one buffer (no module around them: the scanner only needs the ranges). */
function layout(...bodies: number[][]): [Uint8Array, FunctionBody[]] {
  const bytes: number[] = [];
  const codes: FunctionBody[] = [];
  for (const b of bodies) {
    const start = bytes.length;
    bytes.push(...b);
    codes.push({ localRuns: [], localCount: 0, offset: start, codeStart: start, codeEnd: bytes.length });
  }
  return [Uint8Array.from(bytes), codes];
}

function scan(bodies: number[][], missing: { dataSegments: number; memories: number } | null = null): string | null {
  const [bytes, codes] = layout(...bodies);
  return findMalformedBody(bytes, codes, DEFAULT_FEATURES, 0, codes.length, missing)?.reason ?? null;
}

test('well-formed bodies, whatever their types', () => {
  assert.equal(scan([[0x0b], [0x41, 0x01, 0x6a, 0x0b], [0x41, 0x00, 0x04, 0x40, 0x05, 0x0b, 0x0b]]), null);
});

test('structure errors', () => {
  assert.equal(scan([[0x05, 0x0b]]), 'END opcode expected');
  assert.equal(scan([[0x02, 0x40, 0x05, 0x0b, 0x0b]]), 'END opcode expected');
  assert.equal(scan([[0x0b, 0x01]]), 'section size mismatch');
  assert.equal(scan([[0x01]]), 'unexpected end of section or function');
  assert.equal(scan([[0x0b], [0xff, 0x0b]]), 'illegal opcode');
});

test('a body without its end runs into the next one, as in the reference interpreter', () => {
  // The first body's missing end is supplied by the second body's first byte: the sizes then disagree.
  assert.equal(scan([[0x01], [0x0b]]), 'section size mismatch');
});

test('data count rule: only for valid indices when the section is missing', () => {
  const dataDrop = [0xfc, 0x09, 0x00, 0x0b];
  assert.equal(scan([dataDrop], null), null);
  assert.equal(scan([dataDrop], { dataSegments: 1, memories: 0 }), 'data count section required');
  assert.equal(scan([dataDrop], { dataSegments: 0, memories: 0 }), null);
  const memoryInit = [0xfc, 0x08, 0x00, 0x00, 0x0b];
  assert.equal(scan([memoryInit], { dataSegments: 1, memories: 1 }), 'data count section required');
  assert.equal(scan([memoryInit], { dataSegments: 1, memories: 0 }), null);
});
