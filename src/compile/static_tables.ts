import type { ModuleInfo } from '../binary/module_info.js';
import { ExternKind } from '../core/types.js';

/**
 * Contents of a table that no one but its active element segments can ever write: one entry per element, the
 * function index there or -1 for null.
 */
export type StaticTable = Int32Array;

/** Tables larger than this are not resolved (the analysis is per element). */
const MAX_STATIC_TABLE = 1 << 16;

/**
 * For every table of the module, its contents when they are fixed at instantiation and never change, else null.
 * That holds for a table the module defines (not imports), does not export, never writes with an instruction
 * (`tableWritten`, from validation), and fills only from active segments with constant offsets and constant items.
 * Such a table is invisible to everyone but the module's own `call_indirect`/`table.get`, so what the segments put
 * there is what those see, for the instance's whole life. (A segment out of bounds fails instantiation, so no code
 * ever runs against such a table: it is not resolved.)
 */
export function staticTables(info: ModuleInfo, tableWritten: Uint8Array | null): (StaticTable | null)[] {
  const out: (StaticTable | null)[] = [];
  for (let t = 0; t < info.tables.length; t++) out.push(null);
  if (tableWritten === null) return out;
  const exported = new Set<number>();
  for (const e of info.exports) if (e.kind === ExternKind.table) exported.add(e.index);
  for (let t = info.importedTableCount; t < info.tables.length; t++) {
    const size = info.tables[t]!.limits.min;
    if (tableWritten[t] !== 0 || exported.has(t) || size > MAX_STATIC_TABLE) continue;
    out[t] = contents(info, t, size);
  }
  return out;
}

/** What the active segments leave in table `t` of `size` elements, or null when that is not known statically. */
function contents(info: ModuleInfo, t: number, size: number): StaticTable | null {
  const table = new Int32Array(size).fill(-1);
  for (const seg of info.elems) {
    if (seg.mode !== 'active' || seg.table !== t) continue;
    const off = seg.offsetExpr?.instrs;
    if (off === undefined || off.length !== 1 || off[0]!.opcode !== 0x41) return null; // only i32.const
    const start = (off[0]!.value as number) >>> 0;
    if (start + seg.items.length > size) return null;
    for (let i = 0; i < seg.items.length; i++) {
      const item = seg.items[i]!.instrs;
      if (item.length !== 1) return null;
      const { opcode, value } = item[0]!;
      if (opcode === 0xd2) table[start + i] = value as number; // ref.func
      else if (opcode === 0xd0) table[start + i] = -1; // ref.null
      else return null;
    }
  }
  return table;
}
