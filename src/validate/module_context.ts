import { CompileError } from '../core/compile_error.js';
import type { Features } from '../core/features.js';
import { ExternKind, MAX_PAGES, ValType, type Limits } from '../core/types.js';
import type { ConstExpr, ModuleInfo } from '../binary/module_info.js';
import { validateConstExpr } from './const_expr.js';

const OP_REF_FUNC = 0xd2;

/** The single value types, in the order they are laid out at the start of `ModuleContext.sigPool`. */
const SINGLE_TYPES: readonly number[] = [
  ValType.i32,
  ValType.i64,
  ValType.f32,
  ValType.f64,
  ValType.v128,
  ValType.funcref,
  ValType.externref,
];

/**
 * The module-level half of validation, and what function-body validation needs from the module, flattened into
 * typed arrays so the body validator looks types up without touching objects. Built once per module (see
 * `moduleContext`) and shared by every `validateFunction` call.
 */
/** `ModuleContext.funcFacts` bits. */
export const FUNC_HAS_LOOP = 1;
export const FUNC_HAS_CALL = 2;
export const FUNC_HAS_GROW = 4;

export class ModuleContext {
  /** Value types of every signature: the single types first, then each function type's params and results. */
  readonly sigPool: Uint8Array;
  /** Per type index: where its params and results are in `sigPool`. */
  readonly typeParamOff: Int32Array;
  readonly typeParamLen: Int32Array;
  readonly typeResultOff: Int32Array;
  readonly typeResultLen: Int32Array;
  /** Position in `sigPool` of the single value type `t` (block types with one result). */
  readonly singleOff: Int8Array;
  /** Type index of every function. */
  readonly funcTypes: Int32Array;
  /** Element type of every table. */
  readonly tableTypes: Uint8Array;
  /** Value type and mutability (1 = mutable) of every global. */
  readonly globalTypes: Uint8Array;
  readonly globalMutable: Uint8Array;
  /** Reference type of every element segment. */
  readonly elemTypes: Uint8Array;
  readonly memoryCount: number;
  /** Number of data segments, as seen by `memory.init`/`data.drop`. */
  readonly dataSegmentCount: number;
  /** 1 for every function in the spec's C.refs (referenced outside function bodies and the start section). */
  readonly declaredFuncRefs: Uint8Array;
  /** Set once every function body has been validated too (by `validateModule`). */
  allFunctionsValidated = false;
  /**
   * Facts about each defined function's body, recorded during validation for the compiler: `FUNC_HAS_LOOP`,
   * `FUNC_HAS_CALL` and `FUNC_HAS_GROW` bits, and the number of instructions.
   */
  readonly funcFacts: Uint8Array;
  readonly funcOps: Uint32Array;
  /**
   * 1 for every table some instruction writes (`table.set`, `table.fill`, `table.grow`, or the destination of
   * `table.copy`/`table.init`), reachable or not: the compiler may resolve `call_indirect` on the others statically.
   */
  readonly tableWritten: Uint8Array;

  constructor(
    readonly info: ModuleInfo,
    readonly features: Features,
  ) {
    this.funcFacts = new Uint8Array(info.codes.length);
    this.funcOps = new Uint32Array(info.codes.length);
    this.tableWritten = new Uint8Array(info.tables.length);
    const types = info.types;
    let poolSize = SINGLE_TYPES.length;
    for (const t of types) poolSize += t.params.length + t.results.length;
    this.sigPool = new Uint8Array(poolSize);
    this.singleOff = new Int8Array(256).fill(-1);
    SINGLE_TYPES.forEach((t, i) => {
      this.sigPool[i] = t;
      this.singleOff[t] = i;
    });
    const n = types.length;
    this.typeParamOff = new Int32Array(n);
    this.typeParamLen = new Int32Array(n);
    this.typeResultOff = new Int32Array(n);
    this.typeResultLen = new Int32Array(n);
    let p = SINGLE_TYPES.length;
    for (let i = 0; i < n; i++) {
      const t = types[i]!;
      this.typeParamOff[i] = p;
      this.typeParamLen[i] = t.params.length;
      for (const v of t.params) this.sigPool[p++] = v;
      this.typeResultOff[i] = p;
      this.typeResultLen[i] = t.results.length;
      for (const v of t.results) this.sigPool[p++] = v;
    }
    this.funcTypes = Int32Array.from(info.funcTypeIndices, (x) => (x >= n ? -1 : x));
    this.tableTypes = Uint8Array.from(info.tables, (t) => t.element);
    this.globalTypes = Uint8Array.from(info.globals, (g) => g.type);
    this.globalMutable = Uint8Array.from(info.globals, (g) => (g.mutable ? 1 : 0));
    this.elemTypes = Uint8Array.from(info.elems, (e) => e.type);
    this.memoryCount = info.memories.length;
    this.dataSegmentCount = info.datas.length;
    this.declaredFuncRefs = new Uint8Array(info.funcTypeIndices.length);
    this.collectDeclaredRefs();
    this.check();
  }

  /** C.refs: function indices in global initializers, element segments, data offsets and exports. */
  private collectDeclaredRefs(): void {
    const info = this.info;
    const refs = this.declaredFuncRefs;
    const mark = (e: ConstExpr | null): void => {
      if (e === null) return;
      for (const instr of e.instrs) {
        if (instr.opcode === OP_REF_FUNC && (instr.value as number) < refs.length) refs[instr.value as number] = 1;
      }
    };
    for (const g of info.globalInits) mark(g);
    for (const e of info.elems) {
      mark(e.offsetExpr);
      for (const item of e.items) mark(item);
    }
    for (const d of info.datas) mark(d.offsetExpr);
    for (const x of info.exports) if (x.kind === ExternKind.func && x.index < refs.length) refs[x.index] = 1;
  }

  /** Everything but function bodies, in the reference interpreter's order. */
  private check(): void {
    const info = this.info;
    const features = this.features;
    const typeCount = info.types.length;
    for (const imp of info.imports) {
      switch (imp.type.kind) {
        case ExternKind.func:
          if (imp.typeIndex >= typeCount) invalid(`unknown type ${imp.typeIndex}`, imp.offset);
          break;
        case ExternKind.table:
          checkLimits(imp.type.type.limits, 0xffffffff, 'table size must be at most 2^32-1', imp.offset);
          break;
        case ExternKind.memory:
          checkLimits(imp.type.type.limits, MAX_PAGES, 'memory size must be at most 65536 pages (4GiB)', imp.offset);
          break;
      }
    }
    for (let f = info.importedFuncCount; f < info.funcTypeIndices.length; f++) {
      const t = info.funcTypeIndices[f]!;
      if (t >= typeCount) invalid(`unknown type ${t}`, info.funcOffsets[f] ?? -1);
    }
    if (!features.multiValue) {
      for (const t of info.types) if (t.results.length > 1) invalid('invalid result arity', -1);
    }
    const ig = info.importedGlobalCount;
    for (let i = 0; i < info.globalInits.length; i++) {
      validateConstExpr(info.globalInits[i]!, info.globals[ig + i]!.type, this);
    }
    for (let i = info.importedTableCount; i < info.tables.length; i++) {
      const off = info.tableOffsets[i] ?? -1;
      checkLimits(info.tables[i]!.limits, 0xffffffff, 'table size must be at most 2^32-1', off);
    }
    for (let i = info.importedMemoryCount; i < info.memories.length; i++) {
      const off = info.memoryOffsets[i] ?? -1;
      checkLimits(info.memories[i]!.limits, MAX_PAGES, 'memory size must be at most 65536 pages (4GiB)', off);
    }
    for (const e of info.elems) {
      if (e.mode === 'active') {
        if (e.table >= info.tables.length) invalid(`unknown table ${e.table}`, e.offset);
        validateConstExpr(e.offsetExpr!, ValType.i32, this);
        if (info.tables[e.table]!.element !== e.type) invalid('type mismatch: element segment does not match table', e.offset);
      }
      for (const item of e.items) validateConstExpr(item, e.type, this);
    }
    for (const d of info.datas) {
      if (d.mode === 'active') {
        if (d.memory >= info.memories.length) invalid(`unknown memory ${d.memory}`, d.offset);
        validateConstExpr(d.offsetExpr!, ValType.i32, this);
      }
    }
    if (info.start !== null) {
      const f = info.start;
      if (f >= this.funcTypes.length) invalid(`unknown function ${f}`, info.startOffset);
      const t = this.funcTypes[f]!;
      if (this.typeParamLen[t] !== 0 || this.typeResultLen[t] !== 0) {
        invalid('start function must have type [] -> []', info.startOffset);
      }
    }
    const names = new Set<string>();
    for (const x of info.exports) {
      switch (x.kind) {
        case ExternKind.func:
          if (x.index >= this.funcTypes.length) invalid(`unknown function ${x.index}`, x.offset);
          break;
        case ExternKind.table:
          if (x.index >= info.tables.length) invalid(`unknown table ${x.index}`, x.offset);
          break;
        case ExternKind.memory:
          if (x.index >= info.memories.length) invalid(`unknown memory ${x.index}`, x.offset);
          break;
        case ExternKind.global:
          if (x.index >= info.globals.length) invalid(`unknown global ${x.index}`, x.offset);
          break;
      }
      if (names.has(x.name)) invalid(`duplicate export name "${x.name}"`, x.offset);
      names.add(x.name);
    }
    if (info.memories.length > 1 && !features.multiMemory) {
      invalid('multiple memories are not allowed', info.memoryOffsets[1] ?? -1);
    }
  }
}

function checkLimits(l: Limits, range: number, message: string, offset: number): void {
  if (l.min > range) invalid(message, offset);
  if (l.max !== null) {
    if (l.max > range) invalid(message, offset);
    if (l.min > l.max) invalid('size minimum must not be greater than maximum', offset);
  }
}

/** Throws `CompileError('invalid', reason, offset)`. */
export function invalid(reason: string, offset: number): never {
  throw new CompileError('invalid', reason, offset);
}

const contexts = new WeakMap<ModuleInfo, ModuleContext>();

/**
 * The validated module-level context of `info` for `features`: module-level validation runs once per module and
 * feature set, and its result is reused by every later `validateModule`/`validateFunction` call.
 * Throws `CompileError('invalid', ...)` when the module fails module-level validation.
 */
export function moduleContext(info: ModuleInfo, features: Features): ModuleContext {
  const cached = contexts.get(info);
  if (cached !== undefined && cached.features === features) return cached;
  const ctx = new ModuleContext(info, features);
  contexts.set(info, ctx);
  return ctx;
}
