/**
 * The parsed form of a text module, between the parser and the encoder. Names are kept unresolved where the text
 * allows forward references (functions, types, fields, locals of functions typed by a later `(type ...)`); labels
 * are resolved while parsing, because they are lexically scoped. Identifiers are binary strings (one char per
 * UTF-8 byte) without the `$`.
 */

/** A reference to an indexed entity: by number (`name === null`) or by identifier, with its source position. */
export class Ref {
  constructor(
    readonly name: string | null,
    readonly index: number,
    readonly line: number,
    readonly col: number,
  ) {}
}

/**
 * A heap type: an abstract heap type as its binary code (`0x70` func, `0x6f` extern, `0x6e` any, `0x6d` eq,
 * `0x6c` i31, `0x6b` struct, `0x6a` array, `0x69` exn, `0x71` none, `0x72` noextern, `0x73` nofunc, `0x74`
 * noexn), or a type reference.
 */
export type HeapTypeAst = number | Ref;

/** A reference type that has no one-byte shorthand: non-null, or with a type index. */
export interface RefTypeAst {
  readonly nullable: boolean;
  readonly heap: HeapTypeAst;
}

/**
 * A value type: numeric, vector and nullable abstract reference types as their one-byte binary code (`0x7f` i32,
 * `0x70` funcref, ...); other reference types as `RefTypeAst`.
 */
export type ValTypeAst = number | RefTypeAst;

/** Binary codes of the packed storage types of struct and array fields. */
export const PackedType = { i8: 0x78, i16: 0x77 } as const;

/** A struct or array field: storage type (a value type or a packed type code) and mutability. */
export interface FieldTypeAst {
  readonly type: ValTypeAst;
  readonly mutable: boolean;
}

/** A composite type. */
export type CompTypeAst =
  | { readonly kind: 'func'; readonly params: ValTypeAst[]; readonly results: ValTypeAst[] }
  | { readonly kind: 'struct'; readonly fields: FieldTypeAst[]; readonly fieldNames: Array<string | null> }
  | { readonly kind: 'array'; readonly field: FieldTypeAst };

/** A type definition: `(type $name? (sub final? $super* comptype))` or the plain `(type $name? comptype)`. */
export interface SubTypeAst {
  readonly name: string | null;
  readonly final: boolean;
  readonly supers: Ref[];
  readonly comp: CompTypeAst;
}

/**
 * A type use: an optional `(type x)` and inline `(param ...)`/`(result ...)` declarations. `paramNames` parallels
 * `params` (null for anonymous parameters).
 */
export interface TypeUseAst {
  ref: Ref | null;
  readonly params: ValTypeAst[];
  readonly paramNames: Array<string | null>;
  readonly results: ValTypeAst[];
  readonly line: number;
  readonly col: number;
}

/** A `try_table` catch clause; `kind` is a `CatchKind` (0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref). */
export interface CatchAst {
  readonly kind: number;
  readonly tag: Ref | null;
  readonly label: number;
}

/**
 * One instruction in binary order (folded and structured forms are flattened; `end` and `else` are instructions).
 * Which fields are meaningful depends on `imm`, the immediate shape of the opcode.
 */
export class Instr {
  /** First index immediate (function, local, global, table, memory, type, tag, data or element segment). */
  x: Ref | null = null;
  /** Second index immediate (call_indirect's table is `x`, memory.init's segment is `y`, ...). */
  y: Ref | null = null;
  /** i32/f32 constant bits, label depth, lane index, alignment exponent, count, cast flags. */
  n = 0;
  /** Second numeric immediate: lane index of `v128.loadN_lane`/`storeN_lane`, cast flags of `br_on_cast`. */
  m = 0;
  /** i64/f64 constant bits, memory offset. */
  big = 0n;
  /** v128 constant or shuffle lanes (16 bytes). */
  bytes: Uint8Array | null = null;
  /** Block type, or the type use of call_indirect / return_call_indirect. */
  type: TypeUseAst | null = null;
  /** select's result types. */
  types: ValTypeAst[] | null = null;
  /** ref.null / ref.test / ref.cast heap type; br_on_cast source type. */
  heap: HeapTypeAst = 0;
  /** br_on_cast target heap type. */
  heap2: HeapTypeAst = 0;
  /** br_table targets (the last one is the default). */
  labels: number[] | null = null;
  /** try_table catch clauses. */
  catches: CatchAst[] | null = null;

  constructor(
    /** Opcode number (numbering of `opcodes.ts`; `0xFB` opcodes are `FB_BASE + sub`). */
    public code: number,
    /** Immediate shape (`Imm`, `SimdImm` or `V3Imm`). */
    readonly imm: number,
    readonly line: number,
    readonly col: number,
  ) {}
}

/** An import's module and field names (raw bytes, checked to be UTF-8). */
export interface ImportAst {
  readonly module: Uint8Array;
  readonly field: Uint8Array;
}

/** Limits with their address type (`i64` for memory64/table64). Values are exact (up to 2^64 - 1). */
export interface LimitsAst {
  readonly is64: boolean;
  readonly min: bigint;
  readonly max: bigint | null;
  readonly shared: boolean;
}

export interface FuncField {
  readonly kind: 'func';
  readonly name: string | null;
  readonly import: ImportAst | null;
  readonly type: TypeUseAst;
  readonly locals: ValTypeAst[];
  readonly localNames: Array<string | null>;
  readonly body: Instr[];
  readonly line: number;
  readonly col: number;
}

export interface TableField {
  readonly kind: 'table';
  readonly name: string | null;
  readonly import: ImportAst | null;
  readonly limits: LimitsAst;
  readonly elemType: ValTypeAst;
  /** Explicit initializer expression (3.0), or null for the default (null references). */
  readonly init: Instr[] | null;
}

export interface MemoryField {
  readonly kind: 'memory';
  readonly name: string | null;
  readonly import: ImportAst | null;
  readonly limits: LimitsAst;
}

export interface GlobalField {
  readonly kind: 'global';
  readonly name: string | null;
  readonly import: ImportAst | null;
  readonly type: ValTypeAst;
  readonly mutable: boolean;
  readonly init: Instr[];
}

export interface TagField {
  readonly kind: 'tag';
  readonly name: string | null;
  readonly import: ImportAst | null;
  readonly type: TypeUseAst;
}

/** An explicit `(type ...)` or `(rec ...)`: consecutive type indices, one rec group. */
export interface TypeField {
  readonly kind: 'type';
  readonly types: SubTypeAst[];
  /** Written as `(rec ...)` (a singleton rec group encodes like a plain type). */
  readonly rec: boolean;
}

export interface ExportField {
  readonly kind: 'export';
  readonly name: Uint8Array;
  /** `ExternKind` value. */
  readonly externKind: number;
  readonly ref: Ref;
}

export interface StartField {
  readonly kind: 'start';
  readonly ref: Ref;
}

/** Segment modes. */
export type SegmentMode = 'active' | 'passive' | 'declare';

export interface ElemField {
  readonly kind: 'elem';
  readonly name: string | null;
  readonly mode: SegmentMode;
  /** Target table of an active segment (null: table 0). */
  readonly table: Ref | null;
  readonly offset: Instr[] | null;
  readonly elemType: ValTypeAst;
  /** Each item is a constant expression; `func $f` lists become `ref.func` items. */
  readonly items: Instr[][];
}

export interface DataField {
  readonly kind: 'data';
  readonly name: string | null;
  readonly mode: SegmentMode;
  /** Target memory of an active segment (null: memory 0). */
  readonly memory: Ref | null;
  readonly offset: Instr[] | null;
  readonly bytes: Uint8Array;
}

/** A module field, in text order (inline imports, exports and segments are split into their own fields). */
export type ModuleField =
  | FuncField
  | TableField
  | MemoryField
  | GlobalField
  | TagField
  | TypeField
  | ExportField
  | StartField
  | ElemField
  | DataField;

/** A parsed text module. */
export interface ModuleAst {
  readonly name: string | null;
  readonly fields: ModuleField[];
  /** Index of each named entity per index space (`func`, `table`, `memory`, `global`, `tag`, `type`, `elem`, `data`). */
  readonly names: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly file: string;
  /**
   * The grammar version the module was parsed with. Version 2 encodes element segments as wabt 1.0.32 does
   * (`funcref` lists of `ref.func` items as function indices); version 3 keeps every segment's declared type
   * exact, as the spec's reference encoder does.
   */
  readonly version: 2 | 3;
}
