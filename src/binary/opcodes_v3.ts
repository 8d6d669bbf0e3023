/**
 * The WebAssembly 3.0 instructions beyond 2.0 (other than SIMD): tail calls, typed function references, exception
 * handling (`try_table`, `throw`, `throw_ref`) and GC (`0xFB`-prefixed), in the same shape as `OPCODES` in
 * `opcodes.ts`. `0xFB`-prefixed opcodes are numbered `FB_BASE + sub`, like the `0xFC` ones.
 */
import { Imm } from './opcodes.js';

/** The prefix byte of the GC instructions. */
export const PREFIX_FB = 0xfb;
/** Base of the opcode numbers of `0xFB`-prefixed instructions. */
export const FB_BASE = 0xfb00;

/** Immediate shapes that only 3.0 instructions have (numbered after `Imm` and `SimdImm`). */
export const V3Imm = {
  /** block type, then vec(catch clause) (try_table) */
  tryTable: 40,
  /** cast flags byte, label index, two heap types (br_on_cast, br_on_cast_fail) */
  brOnCast: 41,
  /** type index then field index (struct.get/set) */
  typeField: 42,
  /** type index then u32 count (array.new_fixed) */
  typeCount: 43,
  /** type index then data index (array.new_data, array.init_data) */
  typeData: 44,
  /** type index then element index (array.new_elem, array.init_elem) */
  typeElem: 45,
  /** two type indices (array.copy: destination then source) */
  typeType: 46,
} as const;
export type V3Imm = (typeof V3Imm)[keyof typeof V3Imm];

/** An instruction definition whose immediate shape may be a 3.0-only one. */
export interface V3OpcodeInfo {
  readonly name: string;
  readonly code: number;
  readonly imm: Imm | V3Imm;
}

/** Catch clause kinds of `try_table`, as their binary bytes. */
export const CatchKind = { catch: 0, catchRef: 1, catchAll: 2, catchAllRef: 3 } as const;
export type CatchKind = (typeof CatchKind)[keyof typeof CatchKind];

const defs: Array<[string, number, Imm | V3Imm]> = [
  ['throw', 0x08, Imm.tag],
  ['throw_ref', 0x0a, Imm.none],
  ['return_call', 0x12, Imm.func],
  ['return_call_indirect', 0x13, Imm.callIndirect],
  ['call_ref', 0x14, Imm.type],
  ['return_call_ref', 0x15, Imm.type],
  ['try_table', 0x1f, V3Imm.tryTable],
  ['ref.eq', 0xd3, Imm.none],
  ['ref.as_non_null', 0xd4, Imm.none],
  ['br_on_null', 0xd5, Imm.label],
  ['br_on_non_null', 0xd6, Imm.label],
  ['struct.new', FB_BASE + 0x00, Imm.type],
  ['struct.new_default', FB_BASE + 0x01, Imm.type],
  ['struct.get', FB_BASE + 0x02, V3Imm.typeField],
  ['struct.get_s', FB_BASE + 0x03, V3Imm.typeField],
  ['struct.get_u', FB_BASE + 0x04, V3Imm.typeField],
  ['struct.set', FB_BASE + 0x05, V3Imm.typeField],
  ['array.new', FB_BASE + 0x06, Imm.type],
  ['array.new_default', FB_BASE + 0x07, Imm.type],
  ['array.new_fixed', FB_BASE + 0x08, V3Imm.typeCount],
  ['array.new_data', FB_BASE + 0x09, V3Imm.typeData],
  ['array.new_elem', FB_BASE + 0x0a, V3Imm.typeElem],
  ['array.get', FB_BASE + 0x0b, Imm.type],
  ['array.get_s', FB_BASE + 0x0c, Imm.type],
  ['array.get_u', FB_BASE + 0x0d, Imm.type],
  ['array.set', FB_BASE + 0x0e, Imm.type],
  ['array.len', FB_BASE + 0x0f, Imm.none],
  ['array.fill', FB_BASE + 0x10, Imm.type],
  ['array.copy', FB_BASE + 0x11, V3Imm.typeType],
  ['array.init_data', FB_BASE + 0x12, V3Imm.typeData],
  ['array.init_elem', FB_BASE + 0x13, V3Imm.typeElem],
  // ref.test/ref.cast: the text form `(ref null? ht)` picks the opcode; the binary carries only the heap type.
  ['ref.test', FB_BASE + 0x14, Imm.heapType],
  ['ref.test', FB_BASE + 0x15, Imm.heapType],
  ['ref.cast', FB_BASE + 0x16, Imm.heapType],
  ['ref.cast', FB_BASE + 0x17, Imm.heapType],
  ['br_on_cast', FB_BASE + 0x18, V3Imm.brOnCast],
  ['br_on_cast_fail', FB_BASE + 0x19, V3Imm.brOnCast],
  ['any.convert_extern', FB_BASE + 0x1a, Imm.none],
  ['extern.convert_any', FB_BASE + 0x1b, Imm.none],
  ['ref.i31', FB_BASE + 0x1c, Imm.none],
  ['i31.get_s', FB_BASE + 0x1d, Imm.none],
  ['i31.get_u', FB_BASE + 0x1e, Imm.none],
];

/**
 * The 3.0 instructions, in opcode order within each prefix. `ref.test` and `ref.cast` appear twice (non-null and
 * nullable opcodes); the first of each pair is the non-null form.
 */
export const V3_OPCODES: readonly V3OpcodeInfo[] = defs.map(([name, code, imm]) => Object.freeze({ name, code, imm }));
