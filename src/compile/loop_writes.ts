import type { Features } from '../core/features.js';
import { OperatorReader } from '../binary/operator_reader.js';

/** The bit of local `i` in a local mask: locals share bits modulo 32, so a mask over-approximates. */
export function localBit(i: number): number {
  return 1 << (i & 31);
}

/**
 * For every `loop` of a function body, the locals that `local.set` or `local.tee` write anywhere inside it
 * (nested constructs included), as a `localBit` mask keyed by the byte offset of the `loop` opcode. A local whose
 * bit is clear holds the same value on every iteration. One pass over the body: each construct's writes are added
 * to its parent's when it ends.
 */
export function loopWrittenLocals(bytes: Uint8Array, codeStart: number, codeEnd: number, features: Features): Map<number, number> {
  const written = new Map<number, number>();
  // Per open construct (the function body first): its key (-1 unless a loop) and the locals written so far.
  const keys: number[] = [-1];
  const masks: number[] = [0];
  const r = new OperatorReader(bytes, codeStart, codeEnd, features);
  while (keys.length > 0) {
    const op = r.read();
    if (op === 0x02 || op === 0x03 || op === 0x04 || op === 0x1f) {
      keys.push(op === 0x03 ? r.offset : -1);
      masks.push(0);
    } else if (op === 0x21 || op === 0x22) {
      const top = masks.length - 1;
      masks[top] = masks[top]! | localBit(r.index);
    } else if (op === 0x0b) {
      const key = keys.pop()!;
      const mask = masks.pop()!;
      if (key >= 0) written.set(key, mask);
      const parent = masks.length - 1;
      if (parent >= 0) masks[parent] = masks[parent]! | mask;
    }
  }
  return written;
}
