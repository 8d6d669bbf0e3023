import { TrapKind } from '../../core/trap_kind.js';
import type { Table } from '../table.js';
import { Trap } from '../trap.js';
import type { ElemSegmentState } from './segments.js';
import { trap } from './trap_op.js';

/** Table builtins called by generated code. Index operands arrive as int32 and are reinterpreted as uint32. */

/** `table.grow`: old size, or -1. */
export function tableGrow(table: Table, init: unknown, delta: number): number {
  return table.growRaw(delta, init);
}

/** `table.fill`. */
export function tableFill(table: Table, dst: number, value: unknown, len: number): void {
  dst >>>= 0;
  len >>>= 0;
  const e = table.elements;
  if (dst + len > e.length) throw new Trap(TrapKind.tableOutOfBounds);
  for (let i = 0; i < len; i++) e[dst + i] = value;
}

/** `table.copy` (overlap-safe). */
export function tableCopy(dstTable: Table, srcTable: Table, dst: number, src: number, len: number): void {
  dst >>>= 0;
  src >>>= 0;
  len >>>= 0;
  const d = dstTable.elements;
  const s = srcTable.elements;
  if (src + len > s.length || dst + len > d.length) throw new Trap(TrapKind.tableOutOfBounds);
  if (len === 0) return;
  if (d === s) d.copyWithin(dst, src, src + len);
  else for (let i = 0; i < len; i++) d[dst + i] = s[src + i];
}

/** `table.init`. */
export function tableInit(table: Table, seg: ElemSegmentState, dst: number, src: number, len: number): void {
  dst >>>= 0;
  src >>>= 0;
  len >>>= 0;
  const items = seg.items;
  const segLen = items === null ? 0 : items.length;
  const e = table.elements;
  if (src + len > segLen || dst + len > e.length) throw new Trap(TrapKind.tableOutOfBounds);
  for (let i = 0; i < len; i++) e[dst + i] = items![src + i];
}

/** `elem.drop`. */
export function elemDrop(seg: ElemSegmentState): void {
  seg.items = null;
}

/** Why a `call_indirect` failed its fast check: raises the right trap. */
export function callIndirectFail(table: Table, index: number, sig: number): never {
  const e = table.elements;
  const f = e[index >>> 0] as { sig?: number } | null | undefined;
  const kind =
    index >>> 0 >= e.length ? TrapKind.undefinedElement
    : f === null || f === undefined ? TrapKind.uninitializedElement
    : f.sig !== sig ? TrapKind.indirectCallTypeMismatch
    : -1;
  if (kind < 0) throw new Error('call_indirect check failed without a cause');
  trap(kind as TrapKind);
}
