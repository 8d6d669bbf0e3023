/**
 * WebAssembly types shared by every layer: value types, function types, limits and the types of external values.
 *
 * Value types are small integers (their binary encoding) so the decoder, validator and compiler can compare and
 * switch on them without allocation.
 */

/** A value type, as its binary-format byte (`ValType.i32` = 0x7f, ...). */
export type ValType = number;

/** The value types of WebAssembly 2.0. */
export const ValType = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
} as const;

/** Whether `t` is a reference type (funcref or externref). */
export function isRefType(t: ValType): boolean {
  return t === ValType.funcref || t === ValType.externref;
}

/** Whether `t` is a numeric type (i32, i64, f32, f64). */
export function isNumType(t: ValType): boolean {
  return t === ValType.i32 || t === ValType.i64 || t === ValType.f32 || t === ValType.f64;
}

/** The text-format name of a value type (`i32`, `funcref`, ...). */
export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.i32: return 'i32';
    case ValType.i64: return 'i64';
    case ValType.f32: return 'f32';
    case ValType.f64: return 'f64';
    case ValType.v128: return 'v128';
    case ValType.funcref: return 'funcref';
    case ValType.externref: return 'externref';
    default: return `<type 0x${t.toString(16)}>`;
  }
}

/** A function type: parameter and result types. Instances are immutable. */
export class FuncType {
  /** A canonical string of the type, equal for structurally equal types (used as a registry key). */
  readonly key: string;
  constructor(readonly params: readonly ValType[], readonly results: readonly ValType[]) {
    this.key = `${params.map((p) => p.toString(16)).join(',')}>${results.map((r) => r.toString(16)).join(',')}`;
  }
  /** Structural equality. */
  equals(other: FuncType): boolean {
    return this.key === other.key;
  }
  /** `(func (param i32) (result i64))` style rendering for error messages. */
  toString(): string {
    return `(func (param ${this.params.map(valTypeName).join(' ')}) (result ${this.results.map(valTypeName).join(' ')}))`;
  }
}

/** Limits of a memory (in 64 KiB pages) or table (in elements). `max` is null when absent. */
export interface Limits {
  readonly min: number;
  readonly max: number | null;
}

/** A table type: element reference type and limits. */
export interface TableType {
  readonly element: ValType;
  readonly limits: Limits;
}

/** A memory type: limits in pages, and whether it is shared (threads proposal; always false in 2.0). */
export interface MemoryType {
  readonly limits: Limits;
  readonly shared: boolean;
}

/** A global type: value type and mutability. */
export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}

/** A tag type (exception handling): the function type of its payload. */
export interface TagType {
  readonly type: FuncType;
}

/** The kind of an import or export. Values are the binary-format external kind bytes. */
export const ExternKind = { func: 0, table: 1, memory: 2, global: 3, tag: 4 } as const;
export type ExternKind = (typeof ExternKind)[keyof typeof ExternKind];

/** The type of an external value (what an import requires or an export provides). */
export type ExternType =
  | { readonly kind: typeof ExternKind.func; readonly type: FuncType }
  | { readonly kind: typeof ExternKind.table; readonly type: TableType }
  | { readonly kind: typeof ExternKind.memory; readonly type: MemoryType }
  | { readonly kind: typeof ExternKind.global; readonly type: GlobalType }
  | { readonly kind: typeof ExternKind.tag; readonly type: TagType };

/** The name of an extern kind (`func`, `table`, ...). */
export function externKindName(k: ExternKind): string {
  return ['func', 'table', 'memory', 'global', 'tag'][k] ?? 'unknown';
}

/** WebAssembly page size in bytes. */
export const PAGE_SIZE = 65536;
/** Largest number of pages a 32-bit memory can have. */
export const MAX_PAGES = 65536;
/** Largest number of table elements (the spec's 2^32 - 1). */
export const MAX_TABLE_SIZE = 0xffffffff;
