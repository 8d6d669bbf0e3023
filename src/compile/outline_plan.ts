import type { Features } from '../core/features.js';
import { OperatorReader } from '../binary/operator_reader.js';

/** The key of the function's own frame in an outline plan (other frames are keyed by their opcode's offset). */
export const FUNCTION_FRAME = -1;

/**
 * Which code of a large function the compiler moves into functions of its own, so that no JavaScript function passes
 * V8's ~60 KB bytecode limit for optimization (RATIONALE.md, "Large functions").
 *
 * The unit is a *run*: in a `block`, `loop` or the function body, everything after the end of its first nested
 * construct up to its own end. The cases of a `br_table` switch are exactly such runs (each case's code follows
 * the end of the block the table branches to), so a switch of a thousand cases becomes a small dispatcher and a
 * thousand small functions, each optimized on its own. Returns the keys of the frames whose run is outlined: the
 * byte offset of their `block`/`loop` opcode, or `FUNCTION_FRAME`.
 */
export function planOutlining(
  bytes: Uint8Array,
  codeStart: number,
  codeEnd: number,
  features: Features,
  minRunBytes: number,
): Set<number> {
  const plan = new Set<number>();
  // Per open frame: its key, whether it can own a run (not `if`), and where its first nested construct ended.
  const keys: number[] = [FUNCTION_FRAME];
  const canOwn: boolean[] = [true];
  const firstChildEnd: number[] = [-1];
  const r = new OperatorReader(bytes, codeStart, codeEnd, features);
  while (keys.length > 0) {
    const op = r.read();
    if (op === 0x02 || op === 0x03 || op === 0x04) {
      keys.push(r.offset);
      canOwn.push(op !== 0x04);
      firstChildEnd.push(-1);
    } else if (op === 0x0b) {
      const key = keys.pop()!;
      const own = canOwn.pop()!;
      const childEnd = firstChildEnd.pop()!;
      // The run ends just before this `end` (the compiler closes it while ending the frame).
      if (own && childEnd >= 0 && r.offset - childEnd >= minRunBytes) plan.add(key);
      const parent = firstChildEnd.length - 1;
      if (parent >= 0 && firstChildEnd[parent]! < 0) firstChildEnd[parent] = r.offset + 1;
    }
  }
  return plan;
}
