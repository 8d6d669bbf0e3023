import type { ExternType, FuncType, GlobalType, MemoryType, TableType, TagType, ValType } from '../core/types.js';

/**
 * What the decoder makes of a module's bytes: every section's contents, index spaces resolved to types, and the
 * byte ranges of function bodies (decoded later, by the validator and the compiler). Immutable once decoded.
 */
export interface ModuleInfo {
  /** The module's bytes; offsets below index into them. */
  readonly bytes: Uint8Array;
  /** Type section. */
  readonly types: readonly FuncType[];
  /** Import section, in order. */
  readonly imports: readonly Import[];
  /** Type index of every function in the function index space (imported functions first). */
  readonly funcTypeIndices: readonly number[];
  /** Every table in the table index space (imported first). */
  readonly tables: readonly TableType[];
  /** Every memory in the memory index space (imported first). */
  readonly memories: readonly MemoryType[];
  /** Every global in the global index space (imported first). */
  readonly globals: readonly GlobalType[];
  /** Every tag in the tag index space (imported first; empty before exception handling). */
  readonly tags: readonly TagType[];
  readonly importedFuncCount: number;
  readonly importedTableCount: number;
  readonly importedMemoryCount: number;
  readonly importedGlobalCount: number;
  readonly importedTagCount: number;
  /** Initializers of the defined globals (index `i` is global `importedGlobalCount + i`). */
  readonly globalInits: readonly ConstExpr[];
  /** Export section, in order. */
  readonly exports: readonly Export[];
  /** Start function index, or null. */
  readonly start: number | null;
  /** Byte offset of the start section's function index (for errors), or -1. */
  readonly startOffset: number;
  /** Element section. */
  readonly elems: readonly ElemSegment[];
  /** Data section. */
  readonly datas: readonly DataSegment[];
  /** The data count section's value, or null when absent. */
  readonly dataCount: number | null;
  /** Code section: one body per defined function (index `i` is function `importedFuncCount + i`). */
  readonly codes: readonly FunctionBody[];
  /** Custom sections, in order (including `name`). */
  readonly customSections: readonly CustomSection[];
  /** Decoded `name` section; empty maps when absent or malformed. */
  readonly names: NameSection;
  /**
   * Byte offset of the declaration of every function, table, memory and global (imported first: the import
   * entry; then the function-section entry, or the table/memory/global entry), for error positions.
   */
  readonly funcOffsets: readonly number[];
  readonly tableOffsets: readonly number[];
  readonly memoryOffsets: readonly number[];
  readonly globalOffsets: readonly number[];
}

/** An import: module name, field name and the required external type. */
export interface Import {
  readonly module: string;
  readonly name: string;
  readonly type: ExternType;
  /** For function imports, the type index; -1 otherwise. */
  readonly typeIndex: number;
  /** Byte offset of the import entry. */
  readonly offset: number;
}

/** An export: name, kind and index into that kind's index space. */
export interface Export {
  readonly name: string;
  readonly kind: ExternType['kind'];
  readonly index: number;
  /** Byte offset of the export entry. */
  readonly offset: number;
}

/**
 * One instruction of a constant expression. `value` holds the immediate: i32.const -> number (int32); i64.const ->
 * bigint (signed); f32.const -> number (the raw bits as uint32); f64.const -> bigint (raw bits as uint64);
 * global.get/ref.func -> number (index); ref.null -> number (heap type byte); other opcodes -> 0.
 */
export interface ConstInstr {
  readonly opcode: number;
  readonly value: number | bigint;
  /** Byte offset of the instruction. */
  readonly offset: number;
}

/**
 * A constant expression (global initializer, segment offset, element item), decoded up to but excluding its
 * `end`. Non-constant instructions are kept (with opcode and offset) for the validator to reject.
 */
export interface ConstExpr {
  readonly instrs: readonly ConstInstr[];
  /** Byte offset of the first instruction. */
  readonly offset: number;
}

/** An element segment. */
export interface ElemSegment {
  readonly mode: 'active' | 'passive' | 'declarative';
  /** Table index (active segments; 0 otherwise). */
  readonly table: number;
  /** Offset expression (active segments only). */
  readonly offsetExpr: ConstExpr | null;
  /** Element reference type. */
  readonly type: ValType;
  /** Items: for the function-index encodings each item is a single `ref.func`. */
  readonly items: readonly ConstExpr[];
  /** Byte offset of the segment. */
  readonly offset: number;
}

/** A data segment. */
export interface DataSegment {
  readonly mode: 'active' | 'passive';
  /** Memory index (active segments; 0 otherwise). */
  readonly memory: number;
  /** Offset expression (active segments only). */
  readonly offsetExpr: ConstExpr | null;
  /** The segment's bytes (a view into the module's bytes). */
  readonly data: Uint8Array;
  /** Byte offset of the segment. */
  readonly offset: number;
}

/** A function body: its locals and the byte range of its instructions. */
export interface FunctionBody {
  /** Local declarations as (count, type) runs, as in the binary format. */
  readonly localRuns: readonly { readonly count: number; readonly type: ValType }[];
  /** Total number of declared locals (excluding parameters). */
  readonly localCount: number;
  /** Byte offset of the body's size field (the start of the entry in the code section). */
  readonly offset: number;
  /** Byte offset of the first instruction. */
  readonly codeStart: number;
  /** Byte offset just past the final `end`. */
  readonly codeEnd: number;
}

/** A custom section: name and contents. */
export interface CustomSection {
  readonly name: string;
  readonly data: Uint8Array;
  readonly offset: number;
}

/** The `name` custom section, decoded where well-formed (a malformed name section is ignored, as the spec allows). */
export interface NameSection {
  readonly module: string | null;
  readonly functions: ReadonlyMap<number, string>;
  readonly locals: ReadonlyMap<number, ReadonlyMap<number, string>>;
}
