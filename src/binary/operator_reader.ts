import { CompileError } from '../core/compile_error.js';
import type { Features } from '../core/features.js';
import type { ValType } from '../core/types.js';
import { ByteReader } from './byte_reader.js';
import { FC_BASE, FD_BASE, Imm, OPCODE_BY_CODE, PREFIX_FC, PREFIX_FD } from './opcodes.js';

/** `blockType` value of a block with no parameters and no results (`0x40`). */
export const BLOCK_EMPTY = -1;
/** `blockType` value of a block with one result, of type `blockValType`. */
export const BLOCK_VALUE = -2;

const IMM_BY_CODE: Int8Array = (() => {
  const t = new Int8Array(0x100 + 0x100).fill(-1);
  for (const [code, info] of OPCODE_BY_CODE) {
    if (code < 0x100) t[code] = info.imm;
    else if (code >= FC_BASE && code < FC_BASE + 0x100) t[0x100 + (code - FC_BASE)] = info.imm;
  }
  return t;
})();

/**
 * Decodes one instruction at a time: the opcode and its immediates, into reused fields (no allocation per
 * instruction). Used by the decoder (constant expressions), the validator and the compiler, so the binary format
 * of instructions is read in one place.
 *
 * After `read()`: `opcode` is the instruction's number (see `opcodes.ts`); `offset` its byte offset; the
 * immediates are in the fields named for them. Malformed encodings throw `CompileError('malformed', ...)`.
 */
export class OperatorReader extends ByteReader {
  opcode = 0;
  offset = 0;
  /** First index immediate: label, function, local, global, table, type, data, element, memory, tag, heap type. */
  index = 0;
  /** Second index immediate: call_indirect's table, memory.init/copy's memory, table.init/copy's table. */
  index2 = 0;
  /** memarg alignment exponent. */
  align = 0;
  /** memarg offset. */
  memOffset = 0;
  /** memarg memory index (0 unless multi-memory). */
  memIndex = 0;
  /** i32.const value. */
  i32 = 0;
  /** i64.const value (signed). */
  i64 = 0n;
  /** f32.const bits (uint32). */
  f32Bits = 0;
  /** f64.const bits: low and high 32-bit halves (uint32). */
  f64Lo = 0;
  f64Hi = 0;
  /** Block type: a type index (>= 0), `BLOCK_EMPTY` or `BLOCK_VALUE`. */
  blockType = BLOCK_EMPTY;
  /** Result type when `blockType === BLOCK_VALUE`. */
  blockValType: ValType = 0;
  /** br_table targets (first `targetCount` entries valid); the default label is in `index`. */
  targets: number[] = [];
  targetCount = 0;
  /** select_t types. */
  selectTypes: ValType[] = [];

  constructor(
    bytes: Uint8Array,
    pos: number,
    end: number,
    readonly features: Features,
  ) {
    super(bytes, pos, end);
    this.endMessage = 'unexpected end of section or function';
  }

  /** Reads the next instruction and returns its opcode. */
  read(): number {
    const start = this.pos;
    this.offset = start;
    if (start >= this.end) this.fail(this.endMessage, start);
    let code = this.bytes[start]!;
    this.pos = start + 1;
    let imm: number;
    if (code < PREFIX_FC) {
      imm = IMM_BY_CODE[code]!;
      if (imm < 0) this.fail('illegal opcode', start);
    } else if (code === PREFIX_FC) {
      const sub = this.u32();
      imm = sub < 0x100 ? IMM_BY_CODE[0x100 + sub]! : -1;
      if (imm < 0) this.fail('illegal opcode', this.offset);
      code = FC_BASE + sub;
    } else if (code === PREFIX_FD) {
      const sub = this.u32();
      if (!this.features.simd) throw new CompileError('unsupported', 'SIMD is not supported yet', this.offset);
      code = FD_BASE + sub;
      this.fail('illegal opcode', this.offset);
    } else {
      imm = IMM_BY_CODE[code]!;
      if (imm < 0) this.fail('illegal opcode', this.offset);
    }
    this.opcode = code;
    switch (imm) {
      case Imm.none:
        break;
      case Imm.block:
        this.readBlockType();
        break;
      case Imm.label:
      case Imm.func:
      case Imm.local:
      case Imm.global:
      case Imm.table:
      case Imm.data:
      case Imm.elem:
      case Imm.type:
      case Imm.tag: {
        // Most indices fit in one byte: read those without the general LEB128 loop.
        const p = this.pos;
        const b = this.bytes[p]!;
        if (b < 0x80 && p < this.end) {
          this.index = b;
          this.pos = p + 1;
        } else {
          this.index = this.u32();
        }
        break;
      }
      case Imm.brTable: {
        // Each target takes at least one byte: impossible counts fail before anything is allocated.
        const n = this.len32();
        const t = this.targets;
        for (let i = 0; i < n; i++) t[i] = this.u32();
        this.targetCount = n;
        this.index = this.u32();
        break;
      }
      case Imm.callIndirect:
        this.index = this.u32();
        this.index2 = this.readTableIndexByte();
        break;
      case Imm.memarg:
        this.readMemarg();
        break;
      case Imm.mem:
        this.index = this.readMemIndexByte();
        break;
      case Imm.i32:
        this.i32 = this.s32();
        break;
      case Imm.i64:
        this.i64 = this.s64();
        break;
      case Imm.f32:
        this.f32Bits = this.u32le();
        break;
      case Imm.f64:
        this.f64Lo = this.u32le();
        this.f64Hi = this.u32le();
        break;
      case Imm.selectT: {
        const n = this.len32();
        const t = this.selectTypes;
        t.length = 0;
        for (let i = 0; i < n; i++) t.push(this.valType());
        break;
      }
      case Imm.heapType:
        this.index = this.heapType();
        break;
      case Imm.memoryInit:
        this.index = this.u32();
        this.index2 = this.readMemIndexByte();
        break;
      case Imm.memoryCopy:
        this.index = this.readMemIndexByte();
        this.index2 = this.readMemIndexByte();
        break;
      case Imm.tableInit:
        this.index = this.u32();
        this.index2 = this.u32();
        break;
      case Imm.tableCopy:
        this.index = this.u32();
        this.index2 = this.u32();
        break;
      default:
        this.fail('illegal opcode', this.offset);
    }
    return code;
  }

  /** A value type byte. 2.0: numeric types, v128 (rejected as unsupported) and the two reference types. */
  valType(): ValType {
    const at = this.pos;
    const b = this.u8();
    switch (b) {
      case 0x7f:
      case 0x7e:
      case 0x7d:
      case 0x7c:
      case 0x70:
      case 0x6f:
        return b;
      case 0x7b:
        if (!this.features.simd) throw new CompileError('unsupported', 'SIMD is not supported yet', at);
        return b;
      default:
        this.fail('malformed value type', at);
    }
  }

  /** A heap type for `ref.null` (2.0: the funcref or externref byte). */
  heapType(): number {
    const at = this.pos;
    const b = this.u8();
    if (b === 0x70 || b === 0x6f) return b;
    this.fail('malformed reference type', at);
  }

  private readBlockType(): void {
    const b = this.bytes[this.pos];
    if (b === 0x40) {
      this.pos++;
      this.blockType = BLOCK_EMPTY;
    } else if (b !== undefined && this.pos < this.end && b >= 0x40 && b < 0x80) {
      this.blockValType = this.valType();
      this.blockType = BLOCK_VALUE;
    } else {
      const at = this.pos;
      const idx = this.s33();
      if (idx < 0) this.fail('malformed block type', at);
      this.blockType = idx;
    }
  }

  private readMemarg(): void {
    const at = this.pos;
    let flags = this.u32();
    this.memIndex = 0;
    if (this.features.multiMemory && flags & 0x40) {
      flags &= ~0x40;
      this.memIndex = this.u32();
    }
    if (flags >= 32) this.fail('malformed memop flags', at);
    this.align = flags;
    this.memOffset = this.u32();
  }

  /** A memory index where 2.0 has a reserved zero byte. */
  private readMemIndexByte(): number {
    if (this.features.multiMemory) return this.u32();
    const at = this.pos;
    if (this.u8() !== 0) this.fail('zero byte expected', at);
    return 0;
  }

  /** call_indirect's table index: a byte in MVP, a u32 with reference types. */
  private readTableIndexByte(): number {
    if (this.features.referenceTypes) return this.u32();
    const at = this.pos;
    if (this.u8() !== 0) this.fail('zero byte expected', at);
    return 0;
  }
}
