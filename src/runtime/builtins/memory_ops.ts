import { TrapKind } from '../../core/trap_kind.js';
import type { Memory } from '../memory.js';
import { Trap } from '../trap.js';
import type { DataSegmentState } from './segments.js';

/**
 * Bulk memory builtins called by generated code. Operands arrive as int32 and are reinterpreted as uint32; every
 * operation checks its whole range before writing anything, so a trapping one has no effect.
 */

/** `memory.grow`: old size in pages, or -1. */
export function memoryGrow(mem: Memory, delta: number): number {
  return mem.growPages(delta);
}

/** `memory.fill`. */
export function memoryFill(mem: Memory, dst: number, value: number, len: number): void {
  dst >>>= 0;
  len >>>= 0;
  const bytes = mem.bytes;
  if (dst + len > bytes.length) throw new Trap(TrapKind.memoryOutOfBounds);
  if (len > 0) bytes.fill(value & 0xff, dst, dst + len);
}

/** `memory.copy` (possibly between two memories; overlapping ranges copy as if through a buffer). */
export function memoryCopy(dstMem: Memory, srcMem: Memory, dst: number, src: number, len: number): void {
  dst >>>= 0;
  src >>>= 0;
  len >>>= 0;
  const d = dstMem.bytes;
  const s = srcMem.bytes;
  if (src + len > s.length || dst + len > d.length) throw new Trap(TrapKind.memoryOutOfBounds);
  if (len === 0) return;
  if (d === s) d.copyWithin(dst, src, src + len);
  else d.set(s.subarray(src, src + len), dst);
}

/** `memory.init`. */
export function memoryInit(mem: Memory, seg: DataSegmentState, dst: number, src: number, len: number): void {
  dst >>>= 0;
  src >>>= 0;
  len >>>= 0;
  const data = seg.bytes;
  const segLen = data === null ? 0 : data.length;
  const bytes = mem.bytes;
  if (src + len > segLen || dst + len > bytes.length) throw new Trap(TrapKind.memoryOutOfBounds);
  if (len > 0) bytes.set(data!.subarray(src, src + len), dst);
}

/** `data.drop`. */
export function dataDrop(seg: DataSegmentState): void {
  seg.bytes = null;
}
