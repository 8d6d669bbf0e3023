import type { ModuleInfo } from '../binary/module_info.js';
import { BUILTIN_NAMES, type BuiltinName } from '../core/builtin_names.js';
import type { Relocation } from '../core/link_contract.js';

/**
 * The layout of an instance's state as generated code sees it (k23's `VMShape`), computed once per module: the
 * identifier of every function, memory, table, global and segment in the code object, the relocations that bind
 * them at link time, and the engine-wide signature id of every type (for `call_indirect` checks).
 *
 * Identifiers are built from indices only; no text from the module ever reaches generated code.
 */
export class VMShape {
  readonly relocations: Relocation[] = [];
  /** Index into `relocations` of each builtin. */
  readonly builtinReloc = new Map<BuiltinName, number>();

  constructor(
    readonly info: ModuleInfo,
    /** Engine-wide signature id of each type index. */
    readonly sigIds: Int32Array,
    /**
     * Whether the defined functions' reference values are relocations too (`r<i>`) rather than the code object's
     * own functions: with tiering, the interpreter's entries already are the functions' identities.
     */
    readonly relocatedOwnRefs = false,
  ) {
    for (const name of BUILTIN_NAMES) {
      this.builtinReloc.set(name, this.relocations.length);
      this.relocations.push({ kind: 'builtin', name });
    }
    for (let i = 0; i < info.importedFuncCount; i++) {
      this.relocations.push({ kind: 'funcCall', index: i });
      this.relocations.push({ kind: 'funcRef', index: i });
    }
    if (relocatedOwnRefs) {
      for (let i = info.importedFuncCount; i < info.funcTypeIndices.length; i++) this.relocations.push({ kind: 'funcRef', index: i });
    }
    for (let i = 0; i < info.memories.length; i++) this.relocations.push({ kind: 'memory', index: i });
    for (let i = 0; i < info.tables.length; i++) this.relocations.push({ kind: 'table', index: i });
    for (let i = 0; i < info.globals.length; i++) this.relocations.push({ kind: 'global', index: i });
    for (let i = 0; i < info.datas.length; i++) this.relocations.push({ kind: 'data', index: i });
    for (let i = 0; i < info.elems.length; i++) this.relocations.push({ kind: 'elem', index: i });
  }

  /** The identifier a relocation is bound to in the code object. */
  relocIdent(r: Relocation): string {
    switch (r.kind) {
      case 'builtin':
        return r.name;
      case 'funcCall':
        return this.funcIdent(r.index);
      case 'funcRef':
        return this.funcRefIdent(r.index);
      case 'memory':
        return this.memObjIdent(r.index);
      case 'table':
        return this.tableObjIdent(r.index);
      case 'global':
        return this.globalIdent(r.index);
      case 'data':
        return this.dataIdent(r.index);
      case 'elem':
        return this.elemIdent(r.index);
    }
  }

  /** A function's identifier: the declaration of a defined function, the call target of an imported one. */
  funcIdent(i: number): string {
    return `f${i}`;
  }

  /** The identifier to call function `i` directly. */
  callIdent(i: number): string {
    return `f${i}`;
  }

  /** A copy of self-recursive function `i` that its own recursive calls go to (see FunctionCompiler, twins). */
  twinIdent(i: number): string {
    return `w${i}`;
  }

  /** The identifier of function `i` as a reference value. */
  funcRefIdent(i: number): string {
    return i < this.info.importedFuncCount || this.relocatedOwnRefs ? `r${i}` : `f${i}`;
  }

  /** The current `DataView` of memory `i` (reassigned when the memory grows): a field of its holder. */
  memIdent(i: number): string {
    return `m${i}.v`;
  }

  /** The constant holder object of memory `i`'s current view. */
  memHolderIdent(i: number): string {
    return `m${i}`;
  }

  /** The runtime object of memory `i`. */
  memObjIdent(i: number): string {
    return `M${i}`;
  }

  /** The element array of table `i` (stable: tables grow in place). */
  tableIdent(i: number): string {
    return `T${i}`;
  }

  /** The runtime object of table `i`. */
  tableObjIdent(i: number): string {
    return `TT${i}`;
  }

  /** The one-element cell (typed array or array) of global `i`. */
  globalIdent(i: number): string {
    return `g${i}`;
  }

  dataIdent(i: number): string {
    return `D${i}`;
  }

  elemIdent(i: number): string {
    return `E${i}`;
  }

  /** The (table, signature id) pairs whose `call_indirect` failure functions the code object defines. */
  readonly indirectFails = new Map<string, { readonly table: number; readonly sig: number }>();

  /**
   * The function a failed `call_indirect` check on table `table` for signature id `sig` calls instead of the
   * element: it raises the trap for the index left in `CIx` (see FunctionCompiler, call_indirect).
   */
  callIndirectFailIdent(table: number, sig: number): string {
    const id = `ci${table}_${sig}`;
    if (!this.indirectFails.has(id)) this.indirectFails.set(id, { table, sig });
    return id;
  }

  /** Engine-wide signature id of type index `t`. */
  sigId(t: number): number {
    return this.sigIds[t]!;
  }
}
