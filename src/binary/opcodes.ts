/**
 * The instruction set: every opcode with its text-format name and the shape of its immediates. One table serves
 * the decoder, validator, compiler, text parser and encoder, so an instruction is defined once.
 *
 * Opcode numbering: one-byte opcodes are their byte; `0xFC`-prefixed opcodes are `0xFC00 + sub`; `0xFD`-prefixed
 * (SIMD) opcodes are `0xFD000 + sub`.
 */

/** The shape of an instruction's immediates in the binary format. */
export const Imm = {
  none: 0,
  /** block type (s33: empty 0x40, a value type, or a type index) */
  block: 1,
  /** label index */
  label: 2,
  /** vec(label) then default label */
  brTable: 3,
  /** function index */
  func: 4,
  /** type index then table index */
  callIndirect: 5,
  local: 6,
  global: 7,
  table: 8,
  /** memarg: alignment flags (bit 6 = memory index follows) then offset */
  memarg: 9,
  /** memory index (a zero byte before multi-memory) */
  mem: 10,
  i32: 11,
  i64: 12,
  f32: 13,
  f64: 14,
  /** vec(valtype) (typed select) */
  selectT: 15,
  /** heap type (ref.null) */
  heapType: 16,
  /** data index then memory index */
  memoryInit: 17,
  data: 18,
  /** destination then source memory */
  memoryCopy: 19,
  /** element index then table index */
  tableInit: 20,
  elem: 21,
  /** destination then source table */
  tableCopy: 22,
  /** type index (call_ref etc., 3.0) */
  type: 23,
  /** tag index (throw, 3.0) */
  tag: 24,
} as const;
export type Imm = (typeof Imm)[keyof typeof Imm];

/** One instruction definition: text name, opcode number, immediate shape. */
export interface OpcodeInfo {
  readonly name: string;
  readonly code: number;
  readonly imm: Imm;
}

const defs: Array<[string, number, Imm]> = [
  ['unreachable', 0x00, Imm.none],
  ['nop', 0x01, Imm.none],
  ['block', 0x02, Imm.block],
  ['loop', 0x03, Imm.block],
  ['if', 0x04, Imm.block],
  ['else', 0x05, Imm.none],
  ['end', 0x0b, Imm.none],
  ['br', 0x0c, Imm.label],
  ['br_if', 0x0d, Imm.label],
  ['br_table', 0x0e, Imm.brTable],
  ['return', 0x0f, Imm.none],
  ['call', 0x10, Imm.func],
  ['call_indirect', 0x11, Imm.callIndirect],
  ['drop', 0x1a, Imm.none],
  ['select', 0x1b, Imm.none],
  ['select_t', 0x1c, Imm.selectT],
  ['local.get', 0x20, Imm.local],
  ['local.set', 0x21, Imm.local],
  ['local.tee', 0x22, Imm.local],
  ['global.get', 0x23, Imm.global],
  ['global.set', 0x24, Imm.global],
  ['table.get', 0x25, Imm.table],
  ['table.set', 0x26, Imm.table],
  ['i32.load', 0x28, Imm.memarg],
  ['i64.load', 0x29, Imm.memarg],
  ['f32.load', 0x2a, Imm.memarg],
  ['f64.load', 0x2b, Imm.memarg],
  ['i32.load8_s', 0x2c, Imm.memarg],
  ['i32.load8_u', 0x2d, Imm.memarg],
  ['i32.load16_s', 0x2e, Imm.memarg],
  ['i32.load16_u', 0x2f, Imm.memarg],
  ['i64.load8_s', 0x30, Imm.memarg],
  ['i64.load8_u', 0x31, Imm.memarg],
  ['i64.load16_s', 0x32, Imm.memarg],
  ['i64.load16_u', 0x33, Imm.memarg],
  ['i64.load32_s', 0x34, Imm.memarg],
  ['i64.load32_u', 0x35, Imm.memarg],
  ['i32.store', 0x36, Imm.memarg],
  ['i64.store', 0x37, Imm.memarg],
  ['f32.store', 0x38, Imm.memarg],
  ['f64.store', 0x39, Imm.memarg],
  ['i32.store8', 0x3a, Imm.memarg],
  ['i32.store16', 0x3b, Imm.memarg],
  ['i64.store8', 0x3c, Imm.memarg],
  ['i64.store16', 0x3d, Imm.memarg],
  ['i64.store32', 0x3e, Imm.memarg],
  ['memory.size', 0x3f, Imm.mem],
  ['memory.grow', 0x40, Imm.mem],
  ['i32.const', 0x41, Imm.i32],
  ['i64.const', 0x42, Imm.i64],
  ['f32.const', 0x43, Imm.f32],
  ['f64.const', 0x44, Imm.f64],
  ['i32.eqz', 0x45, Imm.none],
  ['i32.eq', 0x46, Imm.none],
  ['i32.ne', 0x47, Imm.none],
  ['i32.lt_s', 0x48, Imm.none],
  ['i32.lt_u', 0x49, Imm.none],
  ['i32.gt_s', 0x4a, Imm.none],
  ['i32.gt_u', 0x4b, Imm.none],
  ['i32.le_s', 0x4c, Imm.none],
  ['i32.le_u', 0x4d, Imm.none],
  ['i32.ge_s', 0x4e, Imm.none],
  ['i32.ge_u', 0x4f, Imm.none],
  ['i64.eqz', 0x50, Imm.none],
  ['i64.eq', 0x51, Imm.none],
  ['i64.ne', 0x52, Imm.none],
  ['i64.lt_s', 0x53, Imm.none],
  ['i64.lt_u', 0x54, Imm.none],
  ['i64.gt_s', 0x55, Imm.none],
  ['i64.gt_u', 0x56, Imm.none],
  ['i64.le_s', 0x57, Imm.none],
  ['i64.le_u', 0x58, Imm.none],
  ['i64.ge_s', 0x59, Imm.none],
  ['i64.ge_u', 0x5a, Imm.none],
  ['f32.eq', 0x5b, Imm.none],
  ['f32.ne', 0x5c, Imm.none],
  ['f32.lt', 0x5d, Imm.none],
  ['f32.gt', 0x5e, Imm.none],
  ['f32.le', 0x5f, Imm.none],
  ['f32.ge', 0x60, Imm.none],
  ['f64.eq', 0x61, Imm.none],
  ['f64.ne', 0x62, Imm.none],
  ['f64.lt', 0x63, Imm.none],
  ['f64.gt', 0x64, Imm.none],
  ['f64.le', 0x65, Imm.none],
  ['f64.ge', 0x66, Imm.none],
  ['i32.clz', 0x67, Imm.none],
  ['i32.ctz', 0x68, Imm.none],
  ['i32.popcnt', 0x69, Imm.none],
  ['i32.add', 0x6a, Imm.none],
  ['i32.sub', 0x6b, Imm.none],
  ['i32.mul', 0x6c, Imm.none],
  ['i32.div_s', 0x6d, Imm.none],
  ['i32.div_u', 0x6e, Imm.none],
  ['i32.rem_s', 0x6f, Imm.none],
  ['i32.rem_u', 0x70, Imm.none],
  ['i32.and', 0x71, Imm.none],
  ['i32.or', 0x72, Imm.none],
  ['i32.xor', 0x73, Imm.none],
  ['i32.shl', 0x74, Imm.none],
  ['i32.shr_s', 0x75, Imm.none],
  ['i32.shr_u', 0x76, Imm.none],
  ['i32.rotl', 0x77, Imm.none],
  ['i32.rotr', 0x78, Imm.none],
  ['i64.clz', 0x79, Imm.none],
  ['i64.ctz', 0x7a, Imm.none],
  ['i64.popcnt', 0x7b, Imm.none],
  ['i64.add', 0x7c, Imm.none],
  ['i64.sub', 0x7d, Imm.none],
  ['i64.mul', 0x7e, Imm.none],
  ['i64.div_s', 0x7f, Imm.none],
  ['i64.div_u', 0x80, Imm.none],
  ['i64.rem_s', 0x81, Imm.none],
  ['i64.rem_u', 0x82, Imm.none],
  ['i64.and', 0x83, Imm.none],
  ['i64.or', 0x84, Imm.none],
  ['i64.xor', 0x85, Imm.none],
  ['i64.shl', 0x86, Imm.none],
  ['i64.shr_s', 0x87, Imm.none],
  ['i64.shr_u', 0x88, Imm.none],
  ['i64.rotl', 0x89, Imm.none],
  ['i64.rotr', 0x8a, Imm.none],
  ['f32.abs', 0x8b, Imm.none],
  ['f32.neg', 0x8c, Imm.none],
  ['f32.ceil', 0x8d, Imm.none],
  ['f32.floor', 0x8e, Imm.none],
  ['f32.trunc', 0x8f, Imm.none],
  ['f32.nearest', 0x90, Imm.none],
  ['f32.sqrt', 0x91, Imm.none],
  ['f32.add', 0x92, Imm.none],
  ['f32.sub', 0x93, Imm.none],
  ['f32.mul', 0x94, Imm.none],
  ['f32.div', 0x95, Imm.none],
  ['f32.min', 0x96, Imm.none],
  ['f32.max', 0x97, Imm.none],
  ['f32.copysign', 0x98, Imm.none],
  ['f64.abs', 0x99, Imm.none],
  ['f64.neg', 0x9a, Imm.none],
  ['f64.ceil', 0x9b, Imm.none],
  ['f64.floor', 0x9c, Imm.none],
  ['f64.trunc', 0x9d, Imm.none],
  ['f64.nearest', 0x9e, Imm.none],
  ['f64.sqrt', 0x9f, Imm.none],
  ['f64.add', 0xa0, Imm.none],
  ['f64.sub', 0xa1, Imm.none],
  ['f64.mul', 0xa2, Imm.none],
  ['f64.div', 0xa3, Imm.none],
  ['f64.min', 0xa4, Imm.none],
  ['f64.max', 0xa5, Imm.none],
  ['f64.copysign', 0xa6, Imm.none],
  ['i32.wrap_i64', 0xa7, Imm.none],
  ['i32.trunc_f32_s', 0xa8, Imm.none],
  ['i32.trunc_f32_u', 0xa9, Imm.none],
  ['i32.trunc_f64_s', 0xaa, Imm.none],
  ['i32.trunc_f64_u', 0xab, Imm.none],
  ['i64.extend_i32_s', 0xac, Imm.none],
  ['i64.extend_i32_u', 0xad, Imm.none],
  ['i64.trunc_f32_s', 0xae, Imm.none],
  ['i64.trunc_f32_u', 0xaf, Imm.none],
  ['i64.trunc_f64_s', 0xb0, Imm.none],
  ['i64.trunc_f64_u', 0xb1, Imm.none],
  ['f32.convert_i32_s', 0xb2, Imm.none],
  ['f32.convert_i32_u', 0xb3, Imm.none],
  ['f32.convert_i64_s', 0xb4, Imm.none],
  ['f32.convert_i64_u', 0xb5, Imm.none],
  ['f32.demote_f64', 0xb6, Imm.none],
  ['f64.convert_i32_s', 0xb7, Imm.none],
  ['f64.convert_i32_u', 0xb8, Imm.none],
  ['f64.convert_i64_s', 0xb9, Imm.none],
  ['f64.convert_i64_u', 0xba, Imm.none],
  ['f64.promote_f32', 0xbb, Imm.none],
  ['i32.reinterpret_f32', 0xbc, Imm.none],
  ['i64.reinterpret_f64', 0xbd, Imm.none],
  ['f32.reinterpret_i32', 0xbe, Imm.none],
  ['f64.reinterpret_i64', 0xbf, Imm.none],
  ['i32.extend8_s', 0xc0, Imm.none],
  ['i32.extend16_s', 0xc1, Imm.none],
  ['i64.extend8_s', 0xc2, Imm.none],
  ['i64.extend16_s', 0xc3, Imm.none],
  ['i64.extend32_s', 0xc4, Imm.none],
  ['ref.null', 0xd0, Imm.heapType],
  ['ref.is_null', 0xd1, Imm.none],
  ['ref.func', 0xd2, Imm.func],
  ['i32.trunc_sat_f32_s', 0xfc00, Imm.none],
  ['i32.trunc_sat_f32_u', 0xfc01, Imm.none],
  ['i32.trunc_sat_f64_s', 0xfc02, Imm.none],
  ['i32.trunc_sat_f64_u', 0xfc03, Imm.none],
  ['i64.trunc_sat_f32_s', 0xfc04, Imm.none],
  ['i64.trunc_sat_f32_u', 0xfc05, Imm.none],
  ['i64.trunc_sat_f64_s', 0xfc06, Imm.none],
  ['i64.trunc_sat_f64_u', 0xfc07, Imm.none],
  ['memory.init', 0xfc08, Imm.memoryInit],
  ['data.drop', 0xfc09, Imm.data],
  ['memory.copy', 0xfc0a, Imm.memoryCopy],
  ['memory.fill', 0xfc0b, Imm.mem],
  ['table.init', 0xfc0c, Imm.tableInit],
  ['elem.drop', 0xfc0d, Imm.elem],
  ['table.copy', 0xfc0e, Imm.tableCopy],
  ['table.grow', 0xfc0f, Imm.table],
  ['table.size', 0xfc10, Imm.table],
  ['table.fill', 0xfc11, Imm.table],
];

/** All instructions of WebAssembly 2.0 except SIMD, in opcode order. */
export const OPCODES: readonly OpcodeInfo[] = defs.map(([name, code, imm]) => Object.freeze({ name, code, imm }));

/** Opcode number by text name. */
export const OPCODE_BY_NAME: ReadonlyMap<string, OpcodeInfo> = new Map(OPCODES.map((o) => [o.name, o]));
/** Instruction definition by opcode number. */
export const OPCODE_BY_CODE: ReadonlyMap<number, OpcodeInfo> = new Map(OPCODES.map((o) => [o.code, o]));

/** Opcode numbers by name, for `switch` statements: `Op.i32_add` is `i32.add`. */
export const Op = Object.fromEntries(OPCODES.map((o) => [o.name.replace('.', '_'), o.code])) as Record<string, number>;

/** The prefix byte of the miscellaneous (saturating, bulk memory, table) instructions. */
export const PREFIX_FC = 0xfc;
/** The prefix byte of SIMD instructions. */
export const PREFIX_FD = 0xfd;
/** Base of the opcode numbers of `0xFC`-prefixed instructions. */
export const FC_BASE = 0xfc00;
/** Base of the opcode numbers of `0xFD`-prefixed instructions. */
export const FD_BASE = 0xfd000;
