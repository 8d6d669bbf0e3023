import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decoder.js';
import { localBit, loopWrittenLocals } from '../../src/compile/loop_writes.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';
import { watToBinary } from '../../src/text/wat.js';

test('loopWrittenLocals: the locals written inside each loop, nested constructs included', () => {
  const bytes = watToBinary(`(module (func (param i32) (local i32 i32 i32 i32)
    (local.set 1 (i32.const 0))
    (loop $outer
      (local.set 2 (local.get 0))
      (loop $inner
        (if (local.get 0) (then (local.set 3 (i32.const 1))))
        (drop (local.tee 4 (i32.const 2)))
        (br_if $inner (i32.const 0)))
      (block (br_if $outer (i32.const 0))))
    (loop (drop (local.get 1)))))`);
  const info = decodeModule(bytes, DEFAULT_FEATURES);
  const body = info.codes[0]!;
  const written = loopWrittenLocals(info.bytes, body.codeStart, body.codeEnd, DEFAULT_FEATURES);
  const masks = [...written.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m);
  assert.deepEqual(masks, [localBit(2) | localBit(3) | localBit(4), localBit(3) | localBit(4), 0]);
  // Locals share bits modulo 32: the mask over-approximates, never under.
  assert.equal(localBit(33), localBit(1));
});
