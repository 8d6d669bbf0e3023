import { CompileError } from '../core/compile_error.js';
import { DEFAULT_FEATURES, type Features } from '../core/features.js';
import {
  ExternKind,
  FuncType,
  ValType,
  type ExternType,
  type GlobalType,
  type Limits,
  type MemoryType,
  type TableType,
} from '../core/types.js';
import type {
  ConstExpr,
  ConstInstr,
  CustomSection,
  DataSegment,
  ElemSegment,
  Export,
  FunctionBody,
  Import,
  ModuleInfo,
  NameSection,
} from './module_info.js';
import { findMalformedBody } from './body_syntax.js';
import { decodeNameSection, EMPTY_NAMES } from './name_section.js';
import { OperatorReader } from './operator_reader.js';

/** `\0asm` read as a little-endian u32. */
const MAGIC = 0x6d736100;
/** The only binary format version. */
const VERSION = 1;

/**
 * Implementation limit on the locals of one function, parameters included (V8 and wasmtime use the same 50,000).
 * The spec itself only requires the declared locals to stay below 2^32; a body with more locals than this would
 * make a JavaScript function no engine can compile, so such modules are rejected while decoding.
 */
export const MAX_FUNCTION_LOCALS = 50000;

const SEC_CUSTOM = 0;
const SEC_TYPE = 1;
const SEC_IMPORT = 2;
const SEC_FUNCTION = 3;
const SEC_TABLE = 4;
const SEC_MEMORY = 5;
const SEC_GLOBAL = 6;
const SEC_EXPORT = 7;
const SEC_START = 8;
const SEC_ELEMENT = 9;
const SEC_CODE = 10;
const SEC_DATA = 11;
const SEC_DATA_COUNT = 12;

/** Position of each section id in the required order (data count comes between element and code). */
const SECTION_RANK: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

const OP_BLOCK = 0x02;
const OP_LOOP = 0x03;
const OP_IF = 0x04;
const OP_ELSE = 0x05;
const OP_END = 0x0b;
const OP_GLOBAL_GET = 0x23;
const OP_I32_CONST = 0x41;
const OP_I64_CONST = 0x42;
const OP_F32_CONST = 0x43;
const OP_F64_CONST = 0x44;
const OP_REF_NULL = 0xd0;
const OP_REF_FUNC = 0xd2;

const END_OF_SECTION = 'unexpected end of section or function';

/**
 * Stands in for the type of a function import whose type index is out of range: decoding does not check indices
 * (validation reports "unknown type" from `Import.typeIndex`), but `ExternType` needs a `FuncType`.
 */
const UNKNOWN_FUNC_TYPE = new FuncType([], []);

/**
 * Decodes a module's bytes into a `ModuleInfo`: the whole WebAssembly 2.0 binary format except function bodies,
 * whose byte ranges are recorded for the validator and compiler (which read them one instruction at a time).
 *
 * Like the spec's reference interpreter, section contents are read from the module's byte stream and the section
 * size is checked afterwards ("section size mismatch"), so overlong or truncated sections fail with the same
 * message the spec suite expects. Failures are `CompileError('malformed', reason, offset)`; value type v128 and
 * SIMD instructions are `CompileError('unsupported', ...)` unless `features.simd`.
 */
export function decodeModule(bytes: Uint8Array, features: Features = DEFAULT_FEATURES): ModuleInfo {
  return new ModuleDecoder(bytes, features).decode();
}

class ModuleDecoder {
  private readonly r: OperatorReader;
  private readonly types: FuncType[] = [];
  private readonly imports: Import[] = [];
  private readonly funcTypeIndices: number[] = [];
  private readonly funcOffsets: number[] = [];
  private readonly tables: TableType[] = [];
  private readonly tableOffsets: number[] = [];
  private readonly memories: MemoryType[] = [];
  private readonly memoryOffsets: number[] = [];
  private readonly globals: GlobalType[] = [];
  private readonly globalOffsets: number[] = [];
  private readonly globalInits: ConstExpr[] = [];
  private readonly exports: Export[] = [];
  private readonly elems: ElemSegment[] = [];
  private readonly datas: DataSegment[] = [];
  private readonly codes: FunctionBody[] = [];
  private readonly customSections: CustomSection[] = [];
  private importedFuncCount = 0;
  private importedTableCount = 0;
  private importedMemoryCount = 0;
  private importedGlobalCount = 0;
  private definedFuncCount = 0;
  private start: number | null = null;
  private startOffset = -1;
  private dataCount: number | null = null;
  private names: NameSection | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly features: Features,
  ) {
    this.r = new OperatorReader(bytes, 0, bytes.length, features);
  }

  decode(): ModuleInfo {
    try {
      return this.decodeSections();
    } catch (e) {
      // Bodies are decoded later, but a malformed body comes first in the spec's order (it is read where it
      // stands in the module), so it wins over an error found after it.
      if (e instanceof CompileError && this.codes.length > 0) {
        throw findMalformedBody(this.bytes, this.codes, this.features, 0, this.codes.length, null) ?? e;
      }
      throw e;
    }
  }

  private decodeSections(): ModuleInfo {
    const r = this.r;
    const len = this.bytes.length;
    r.endMessage = 'unexpected end';
    if (r.u32le() !== MAGIC) r.fail('magic header not detected', 0);
    if (r.u32le() !== VERSION) r.fail('unknown binary version', 4);
    let lastRank = 0;
    while (r.pos < len) {
      const sectionStart = r.pos;
      const id = this.bytes[sectionStart]!;
      if (id > SEC_DATA_COUNT || (id === SEC_DATA_COUNT && !this.features.bulkMemory)) {
        r.fail('malformed section id', sectionStart);
      }
      // Sections out of order end the module as far as the grammar is concerned.
      if (id !== SEC_CUSTOM) {
        const rank = SECTION_RANK[id]!;
        if (rank <= lastRank) r.fail('unexpected content after last section', sectionStart);
        lastRank = rank;
      }
      r.pos++;
      r.endMessage = 'unexpected end';
      const size = r.len32();
      const contentStart = r.pos;
      const contentEnd = contentStart + size;
      r.endMessage = END_OF_SECTION;
      switch (id) {
        case SEC_CUSTOM:
          this.customSection(sectionStart, contentEnd);
          continue;
        case SEC_TYPE:
          this.typeSection();
          break;
        case SEC_IMPORT:
          this.importSection();
          break;
        case SEC_FUNCTION:
          this.functionSection();
          break;
        case SEC_TABLE:
          this.tableSection();
          break;
        case SEC_MEMORY:
          this.memorySection();
          break;
        case SEC_GLOBAL:
          this.globalSection();
          break;
        case SEC_EXPORT:
          this.exportSection();
          break;
        case SEC_START:
          this.startOffset = r.pos;
          this.start = r.u32();
          break;
        case SEC_ELEMENT:
          this.elementSection();
          break;
        case SEC_DATA_COUNT:
          this.dataCount = r.u32();
          break;
        case SEC_CODE:
          this.codeSection();
          break;
        case SEC_DATA:
          this.dataSection();
          break;
      }
      if (r.pos !== contentEnd) r.fail('section size mismatch', contentStart);
    }
    if (this.definedFuncCount !== this.codes.length) {
      r.fail('function and code section have inconsistent lengths', len);
    }
    if (this.dataCount !== null && this.dataCount !== this.datas.length) {
      r.fail('data count and data section have inconsistent lengths', len);
    }
    return {
      bytes: this.bytes,
      types: this.types,
      imports: this.imports,
      funcTypeIndices: this.funcTypeIndices,
      tables: this.tables,
      memories: this.memories,
      globals: this.globals,
      tags: [],
      importedFuncCount: this.importedFuncCount,
      importedTableCount: this.importedTableCount,
      importedMemoryCount: this.importedMemoryCount,
      importedGlobalCount: this.importedGlobalCount,
      importedTagCount: 0,
      globalInits: this.globalInits,
      exports: this.exports,
      start: this.start,
      startOffset: this.startOffset,
      elems: this.elems,
      datas: this.datas,
      dataCount: this.dataCount,
      codes: this.codes,
      customSections: this.customSections,
      names: this.names ?? EMPTY_NAMES,
      funcOffsets: this.funcOffsets,
      tableOffsets: this.tableOffsets,
      memoryOffsets: this.memoryOffsets,
      globalOffsets: this.globalOffsets,
    };
  }

  private customSection(offset: number, contentEnd: number): void {
    const r = this.r;
    const name = r.name();
    // The section's name must fit in its size, and its size in the module.
    if (r.pos > contentEnd || contentEnd > r.end) r.fail(END_OF_SECTION, Math.min(contentEnd, r.end));
    const data = this.bytes.subarray(r.pos, contentEnd);
    this.customSections.push({ name, data, offset });
    if (name === 'name' && this.names === null) {
      this.names = decodeNameSection(this.bytes, r.pos, contentEnd) ?? EMPTY_NAMES;
    }
    r.pos = contentEnd;
  }

  private typeSection(): void {
    const r = this.r;
    const n = r.len32();
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const form = r.u8();
      if (form !== 0x60) {
        // The form is a signed LEB128 to the reference interpreter: a continuation bit makes it too long.
        if (form & 0x80) r.fail('integer representation too long', at + 1);
        r.fail('malformed function type', at);
      }
      const params = this.valTypes();
      const results = this.valTypes();
      this.types.push(new FuncType(params, results));
    }
  }

  private valTypes(): ValType[] {
    const r = this.r;
    const n = r.len32();
    const out: ValType[] = [];
    for (let i = 0; i < n; i++) out.push(r.valType());
    return out;
  }

  private importSection(): void {
    const r = this.r;
    const n = r.len32();
    for (let i = 0; i < n; i++) {
      const offset = r.pos;
      const module = r.name();
      const name = r.name();
      const kindAt = r.pos;
      const kind = r.u8();
      let type: ExternType;
      let typeIndex = -1;
      switch (kind) {
        case ExternKind.func:
          typeIndex = r.u32();
          type = { kind: ExternKind.func, type: this.types[typeIndex] ?? UNKNOWN_FUNC_TYPE };
          this.funcTypeIndices.push(typeIndex);
          this.funcOffsets.push(offset);
          this.importedFuncCount++;
          break;
        case ExternKind.table: {
          const t = this.tableType();
          type = { kind: ExternKind.table, type: t };
          this.tables.push(t);
          this.tableOffsets.push(offset);
          this.importedTableCount++;
          break;
        }
        case ExternKind.memory: {
          const t = this.memoryType();
          type = { kind: ExternKind.memory, type: t };
          this.memories.push(t);
          this.memoryOffsets.push(offset);
          this.importedMemoryCount++;
          break;
        }
        case ExternKind.global: {
          const t = this.globalType();
          type = { kind: ExternKind.global, type: t };
          this.globals.push(t);
          this.globalOffsets.push(offset);
          this.importedGlobalCount++;
          break;
        }
        default:
          return r.fail('malformed import kind', kindAt);
      }
      this.imports.push({ module, name, type, typeIndex, offset });
    }
  }

  private functionSection(): void {
    const r = this.r;
    const n = r.len32();
    for (let i = 0; i < n; i++) {
      this.funcOffsets.push(r.pos);
      this.funcTypeIndices.push(r.u32());
    }
    this.definedFuncCount = n;
  }

  private tableSection(): void {
    const r = this.r;
    const n = r.len32();
    for (let i = 0; i < n; i++) {
      this.tableOffsets.push(r.pos);
      this.tables.push(this.tableType());
    }
  }

  private memorySection(): void {
    const r = this.r;
    const n = r.len32();
    for (let i = 0; i < n; i++) {
      this.memoryOffsets.push(r.pos);
      this.memories.push(this.memoryType());
    }
  }

  private globalSection(): void {
    const r = this.r;
    const n = r.len32();
    for (let i = 0; i < n; i++) {
      this.globalOffsets.push(r.pos);
      this.globals.push(this.globalType());
      this.globalInits.push(this.constExpr());
    }
  }

  private exportSection(): void {
    const r = this.r;
    const n = r.len32();
    for (let i = 0; i < n; i++) {
      const offset = r.pos;
      const name = r.name();
      const kindAt = r.pos;
      const kind = r.u8();
      if (kind > ExternKind.global) r.fail('malformed export kind', kindAt);
      const index = r.u32();
      this.exports.push({ name, kind: kind as ExternKind, index, offset });
    }
  }

  private elementSection(): void {
    const r = this.r;
    const n = r.len32();
    const anyFlags = this.features.bulkMemory || this.features.referenceTypes;
    for (let i = 0; i < n; i++) {
      const offset = r.pos;
      const flags = r.u32();
      if (flags > 7 || (flags !== 0 && !anyFlags)) r.fail('malformed elements segment kind', offset);
      // Bit 0: passive or declarative; bit 1: explicit table index (active) or declarative; bit 2: expressions.
      const mode = flags & 1 ? (flags & 2 ? 'declarative' : 'passive') : 'active';
      let table = 0;
      let offsetExpr: ConstExpr | null = null;
      if (mode === 'active') {
        if (flags & 2) table = r.u32();
        offsetExpr = this.constExpr();
      }
      let type: ValType = ValType.funcref;
      if (flags & 3) type = flags & 4 ? this.refType() : this.elemKind();
      const count = r.len32();
      const items: ConstExpr[] = [];
      if (flags & 4) {
        for (let j = 0; j < count; j++) items.push(this.constExpr());
      } else {
        for (let j = 0; j < count; j++) {
          const at = r.pos;
          const instr: ConstInstr = { opcode: OP_REF_FUNC, value: r.u32(), offset: at };
          items.push({ instrs: [instr], offset: at });
        }
      }
      this.elems.push({ mode, table, offsetExpr, type, items, offset });
    }
  }

  private dataSection(): void {
    const r = this.r;
    const n = r.len32();
    for (let i = 0; i < n; i++) {
      const offset = r.pos;
      const flags = r.u32();
      if (flags > 2 || (flags !== 0 && !this.features.bulkMemory)) r.fail('malformed data segment kind', offset);
      let memory = 0;
      let offsetExpr: ConstExpr | null = null;
      if (flags !== 1) {
        if (flags === 2) memory = r.u32();
        offsetExpr = this.constExpr();
      }
      const size = r.len32();
      if (size > r.end - r.pos) r.fail(END_OF_SECTION, r.end);
      const data = this.bytes.subarray(r.pos, r.pos + size);
      r.pos += size;
      this.datas.push({ mode: flags === 1 ? 'passive' : 'active', memory, offsetExpr, data, offset });
    }
  }

  private codeSection(): void {
    const r = this.r;
    const n = r.len32();
    for (let i = 0; i < n; i++) {
      const offset = r.pos;
      const size = r.len32();
      const entryStart = r.pos;
      const entryEnd = entryStart + size;
      if (entryEnd > r.end) r.fail(END_OF_SECTION, r.end);
      const localsAt = r.pos;
      const runCount = r.len32();
      const localRuns: { count: number; type: ValType }[] = [];
      let total = 0;
      for (let j = 0; j < runCount; j++) {
        const count = r.u32();
        const type = r.valType();
        localRuns.push({ count, type });
        total += count;
      }
      if (total >= 0x100000000) r.fail('too many locals', localsAt);
      const type = this.types[this.funcTypeIndices[this.importedFuncCount + i] ?? -1];
      if (total + (type === undefined ? 0 : type.params.length) > MAX_FUNCTION_LOCALS) {
        r.fail('too many locals', localsAt);
      }
      const codeStart = r.pos;
      if (codeStart > entryEnd) r.fail('section size mismatch', entryStart);
      this.codes.push({ localRuns, localCount: total, offset, codeStart, codeEnd: entryEnd });
      r.pos = entryEnd;
    }
  }

  private tableType(): TableType {
    const element = this.refType();
    return { element, limits: this.limits() };
  }

  private memoryType(): MemoryType {
    return { limits: this.limits(), shared: false };
  }

  private globalType(): GlobalType {
    const r = this.r;
    const type = r.valType();
    const at = r.pos;
    const m = r.u8();
    if (m > 1) r.fail('malformed mutability', at);
    return { type, mutable: m === 1 };
  }

  /** Limits: a flags value (a 1-bit LEB128 in 2.0: 0 = min only, 1 = min and max), then the bounds. */
  private limits(): Limits {
    const r = this.r;
    const at = r.pos;
    const flags = r.u8();
    if ((flags & 0x7f) > 1) r.fail('integer too large', at);
    if (flags & 0x80) r.fail('integer representation too long', at + 1);
    const min = r.u32();
    const max = flags === 1 ? r.u32() : null;
    return { min, max };
  }

  /** A reference type (table element, expression-encoded element segment). */
  private refType(): ValType {
    const r = this.r;
    const at = r.pos;
    const b = r.u8();
    if (b !== ValType.funcref && (b !== ValType.externref || !this.features.referenceTypes)) {
      r.fail('malformed reference type', at);
    }
    return b;
  }

  /** The element kind of the function-index element encodings: only 0x00 (funcref). */
  private elemKind(): ValType {
    const r = this.r;
    const at = r.pos;
    if (r.u8() !== 0x00) r.fail('malformed element kind', at);
    return ValType.funcref;
  }

  /**
   * A constant expression up to its final `end`. Every instruction is kept, constant or not (validation rejects
   * the others), and nested blocks are followed so an inner `end` does not end the expression early.
   */
  private constExpr(): ConstExpr {
    const r = this.r;
    const offset = r.pos;
    const instrs: ConstInstr[] = [];
    let depth = 0;
    for (;;) {
      const op = r.read();
      let value: number | bigint = 0;
      switch (op) {
        case OP_END:
          if (depth === 0) return { instrs, offset };
          depth--;
          break;
        case OP_BLOCK:
        case OP_LOOP:
        case OP_IF:
          depth++;
          break;
        case OP_ELSE:
          if (depth === 0) r.fail('END opcode expected', r.offset);
          break;
        case OP_I32_CONST:
          value = r.i32;
          break;
        case OP_I64_CONST:
          value = r.i64;
          break;
        case OP_F32_CONST:
          value = r.f32Bits;
          break;
        case OP_F64_CONST:
          value = (BigInt(r.f64Hi) << 32n) | BigInt(r.f64Lo);
          break;
        case OP_GLOBAL_GET:
        case OP_REF_NULL:
        case OP_REF_FUNC:
          value = r.index;
          break;
      }
      instrs.push({ opcode: op, value, offset: r.offset });
    }
  }
}
