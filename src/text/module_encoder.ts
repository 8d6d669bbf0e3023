import { FC_BASE, FD_BASE, Imm } from '../binary/opcodes.js';
import { SimdImm } from '../binary/opcodes_simd.js';
import { CatchKind, FB_BASE, V3Imm } from '../binary/opcodes_v3.js';
import { ExternKind } from '../core/types.js';
import type {
  CompTypeAst,
  ElemField,
  FuncField,
  HeapTypeAst,
  Instr,
  LimitsAst,
  ModuleAst,
  Ref,
  SubTypeAst,
  TypeUseAst,
  ValTypeAst,
} from './ast.js';
import { ByteWriter } from './byte_writer.js';
import { SPACE_CATEGORY } from './module_parser.js';
import { TextError } from './text_error.js';
import { printableName } from './token_cursor.js';

const OP_BLOCK = 0x02;
const OP_LOOP = 0x03;
const OP_IF = 0x04;
const OP_TRY_TABLE = 0x1f;
const OP_CALL_INDIRECT = 0x11;
const OP_RETURN_CALL_INDIRECT = 0x13;
const OP_SELECT_T = 0x1c;
const OP_REF_FUNC = 0xd2;
const OP_END = 0x0b;
const FUNCREF = 0x70;

/** A type of the type section: an explicit definition or an implicit function type from a type use. */
interface TypeEntry {
  readonly sub: SubTypeAst;
  /** Canonical key of the function type when an inline type use may refer to it, else null. */
  readonly funcKey: string | null;
}

/** A rec group: `count` consecutive types from `start`; `rec` when written as `(rec ...)`. */
interface TypeGroup {
  readonly start: number;
  readonly count: number;
  readonly rec: boolean;
}

/**
 * Encodes a parsed module to the binary format, byte for byte as wabt's `wat2wasm` does where the two accept the
 * same text: implicit function types appended after the explicit ones in text order, block types given by a type
 * use written as value types when they have no parameters and at most one result, element segments in the most
 * compact of the six forms, `else` left out when its branch is empty, and a data count section only when an
 * instruction refers to a data segment. Unknown names are reported as `TextError`s; everything else that is
 * well-formed is encoded, valid or not (validation is the validator's job).
 */
export function encodeModule(m: ModuleAst): Uint8Array {
  return new ModuleEncoder(m).encode();
}

class ModuleEncoder {
  private readonly types: TypeEntry[] = [];
  private readonly groups: TypeGroup[] = [];
  /** First type index of each function-type key an inline type use can match. */
  private readonly funcKeys = new Map<string, number>();
  /** Type index of each type use (function, import, tag, block, call_indirect). */
  private readonly typeUseIndex = new Map<TypeUseAst, number>();
  private usesDataSegment = false;

  constructor(private readonly m: ModuleAst) {}

  private error(at: { line: number; col: number }, reason: string): TextError {
    return new TextError(reason, this.m.file, at.line, at.col);
  }

  /** The index a reference denotes in `space`. */
  private resolve(space: string, ref: Ref): number {
    if (ref.name === null) return ref.index;
    const index = this.m.names.get(space)!.get(ref.name);
    if (index === undefined) throw this.error(ref, `unknown ${SPACE_CATEGORY.get(space)} $${printableName(ref.name)}`);
    return index;
  }

  private optResolve(space: string, ref: Ref | null): number {
    return ref === null ? 0 : this.resolve(space, ref);
  }

  // ---- types -------------------------------------------------------------------------------------------

  private valTypeKey(t: ValTypeAst): string {
    if (typeof t === 'number') return t.toString(16);
    return (t.nullable ? 'n' : 'r') + this.heapKey(t.heap);
  }

  private heapKey(h: HeapTypeAst): string {
    return typeof h === 'number' ? h.toString(16) : `$${this.resolve('type', h)}`;
  }

  private funcKey(params: readonly ValTypeAst[], results: readonly ValTypeAst[]): string {
    return `${params.map((t) => this.valTypeKey(t)).join(',')}>${results.map((t) => this.valTypeKey(t)).join(',')}`;
  }

  private collectTypes(): void {
    for (const f of this.m.fields) {
      if (f.kind !== 'type') continue;
      const start = this.types.length;
      const singleton = f.types.length === 1;
      for (const sub of f.types) {
        // An inline type use can only denote a final function type without supertypes alone in its rec group.
        const matchable = singleton && sub.final && sub.supers.length === 0 && sub.comp.kind === 'func';
        const key = sub.comp.kind === 'func' ? this.funcKey(sub.comp.params, sub.comp.results) : null;
        this.checkTypeRefs(sub);
        this.types.push({ sub, funcKey: matchable ? key : null });
        if (matchable && !this.funcKeys.has(key!)) this.funcKeys.set(key!, this.types.length - 1);
      }
      this.groups.push({ start, count: f.types.length, rec: f.rec });
    }
  }

  /** Resolves every type reference in a definition, so unknown names are reported even when unused. */
  private checkTypeRefs(sub: SubTypeAst): void {
    for (const s of sub.supers) this.resolve('type', s);
    const c = sub.comp;
    if (c.kind === 'struct') for (const fl of c.fields) this.valTypeKey(fl.type);
    else if (c.kind === 'array') this.valTypeKey(c.field.type);
  }

  /** The function type of type index `i`, if it is one. */
  private funcTypeAt(i: number): (CompTypeAst & { kind: 'func' }) | null {
    const t = this.types[i];
    return t !== undefined && t.sub.comp.kind === 'func' ? t.sub.comp : null;
  }

  /** Resolves a type use to a type index, appending an implicit function type when no type matches. */
  private resolveTypeUse(use: TypeUseAst): number {
    const cached = this.typeUseIndex.get(use);
    if (cached !== undefined) return cached;
    let index: number;
    if (use.ref !== null) {
      index = this.resolve('type', use.ref);
      if (use.params.length > 0 || use.results.length > 0) {
        if (index >= this.types.length) throw this.error(use.ref, `unknown type ${index}`);
        const ft = this.funcTypeAt(index);
        if (ft === null || this.funcKey(ft.params, ft.results) !== this.funcKey(use.params, use.results)) {
          throw this.error(use, 'inline function type does not match explicit type');
        }
      }
    } else {
      const key = this.funcKey(use.params, use.results);
      const found = this.funcKeys.get(key);
      if (found !== undefined) index = found;
      else {
        index = this.types.length;
        const sub: SubTypeAst = {
          name: null,
          final: true,
          supers: [],
          comp: { kind: 'func', params: use.params, results: use.results },
        };
        this.types.push({ sub, funcKey: key });
        this.groups.push({ start: index, count: 1, rec: false });
        this.funcKeys.set(key, index);
      }
    }
    this.typeUseIndex.set(use, index);
    return index;
  }

  /** Registers the implicit types of an instruction sequence's block types and indirect calls, in order. */
  private scanTypeUses(body: readonly Instr[]): void {
    for (const ins of body) {
      const use = ins.type;
      if (use === null) continue;
      switch (ins.code) {
        case OP_BLOCK:
        case OP_LOOP:
        case OP_IF:
        case OP_TRY_TABLE:
          // A block type without parameters and with at most one result is written inline.
          if (use.ref !== null || use.params.length > 0 || use.results.length > 1) this.resolveTypeUse(use);
          break;
        case OP_CALL_INDIRECT:
        case OP_RETURN_CALL_INDIRECT:
          this.resolveTypeUse(use);
          break;
      }
    }
  }

  // ---- encoding primitives -----------------------------------------------------------------------------

  private heapType(w: ByteWriter, h: HeapTypeAst): void {
    if (typeof h === 'number') w.u8(h);
    else w.s32(this.resolve('type', h));
  }

  private valType(w: ByteWriter, t: ValTypeAst): void {
    if (typeof t === 'number') w.u8(t);
    else {
      w.u8(t.nullable ? 0x63 : 0x64);
      this.heapType(w, t.heap);
    }
  }

  private valTypes(w: ByteWriter, ts: readonly ValTypeAst[]): void {
    w.u32(ts.length);
    for (const t of ts) this.valType(w, t);
  }

  private limits(w: ByteWriter, l: LimitsAst): void {
    w.u8((l.max !== null ? 1 : 0) | (l.shared ? 2 : 0) | (l.is64 ? 4 : 0));
    w.u64(l.min);
    if (l.max !== null) w.u64(l.max);
  }

  private compType(w: ByteWriter, c: CompTypeAst): void {
    switch (c.kind) {
      case 'func':
        w.u8(0x60);
        this.valTypes(w, c.params);
        this.valTypes(w, c.results);
        break;
      case 'struct':
        w.u8(0x5f);
        w.u32(c.fields.length);
        for (const f of c.fields) {
          this.valType(w, f.type);
          w.u8(f.mutable ? 1 : 0);
        }
        break;
      case 'array':
        w.u8(0x5e);
        this.valType(w, c.field.type);
        w.u8(c.field.mutable ? 1 : 0);
        break;
    }
  }

  private subType(w: ByteWriter, s: SubTypeAst): void {
    if (!s.final || s.supers.length > 0) {
      w.u8(s.final ? 0x4f : 0x50);
      w.u32(s.supers.length);
      for (const r of s.supers) w.u32(this.resolve('type', r));
    }
    this.compType(w, s.comp);
  }

  /** A block type: empty, one value type, or a type index (s33). */
  private blockType(w: ByteWriter, use: TypeUseAst): void {
    let params: readonly ValTypeAst[] = use.params;
    let results: readonly ValTypeAst[] = use.results;
    if (use.ref !== null) {
      const index = this.resolveTypeUse(use);
      const ft = this.funcTypeAt(index);
      if (ft === null) {
        w.s32(index);
        return;
      }
      params = ft.params;
      results = ft.results;
      if (params.length > 0 || results.length > 1) {
        w.s32(index);
        return;
      }
    }
    if (params.length === 0 && results.length === 0) w.u8(0x40);
    else if (params.length === 0 && results.length === 1) this.valType(w, results[0]!);
    else w.s32(this.resolveTypeUse(use));
  }

  // ---- instructions ------------------------------------------------------------------------------------

  /** Writes an instruction sequence; `locals` resolves local names (null outside functions). */
  private instrs(w: ByteWriter, body: readonly Instr[], locals: ReadonlyMap<string, number> | null): void {
    for (const ins of body) this.instr(w, ins, locals);
  }

  private instr(w: ByteWriter, ins: Instr, locals: ReadonlyMap<string, number> | null): void {
    const code = ins.code;
    if (code >= FD_BASE) {
      w.u8(0xfd);
      w.u32(code - FD_BASE);
    } else if (code >= FC_BASE) {
      w.u8(0xfc);
      w.u32(code - FC_BASE);
    } else if (code >= FB_BASE) {
      w.u8(0xfb);
      w.u32(code - FB_BASE);
    } else w.u8(code);
    switch (ins.imm) {
      case Imm.none:
        if (code === OP_SELECT_T) this.valTypes(w, ins.types!);
        break;
      case Imm.block:
        this.blockType(w, ins.type!);
        break;
      case V3Imm.tryTable:
        this.blockType(w, ins.type!);
        w.u32(ins.catches!.length);
        for (const c of ins.catches!) {
          w.u8(c.kind);
          if (c.kind === CatchKind.catch || c.kind === CatchKind.catchRef) w.u32(this.resolve('tag', c.tag!));
          w.u32(c.label);
        }
        break;
      case Imm.label:
        w.u32(ins.n);
        break;
      case Imm.brTable: {
        const labels = ins.labels!;
        w.u32(labels.length - 1);
        for (const l of labels) w.u32(l);
        break;
      }
      case Imm.func:
        w.u32(this.resolve('func', ins.x!));
        break;
      case Imm.callIndirect:
        w.u32(this.resolveTypeUse(ins.type!));
        w.u32(this.optResolve('table', ins.x));
        break;
      case Imm.local:
        w.u32(this.localIndex(ins.x!, locals));
        break;
      case Imm.global:
        w.u32(this.resolve('global', ins.x!));
        break;
      case Imm.table:
        w.u32(this.optResolve('table', ins.x));
        break;
      case Imm.tag:
        w.u32(this.resolve('tag', ins.x!));
        break;
      case Imm.type:
        w.u32(this.resolve('type', ins.x!));
        break;
      case Imm.elem:
        w.u32(this.resolve('elem', ins.x!));
        break;
      case Imm.data:
        this.usesDataSegment = true;
        w.u32(this.resolve('data', ins.x!));
        break;
      case Imm.memarg:
        this.memarg(w, ins);
        break;
      case SimdImm.memargLane:
        this.memarg(w, ins);
        w.u8(ins.m);
        break;
      case Imm.mem:
        w.u32(this.optResolve('memory', ins.x));
        break;
      case Imm.i32:
        w.s32(ins.n | 0);
        break;
      case Imm.i64:
        w.s64(BigInt.asIntN(64, ins.big));
        break;
      case Imm.f32:
        w.u32le(ins.n);
        break;
      case Imm.f64:
        w.u64le(ins.big);
        break;
      case Imm.heapType:
        this.heapType(w, ins.heap);
        break;
      case Imm.memoryInit:
        this.usesDataSegment = true;
        w.u32(this.resolve('data', ins.y!));
        w.u32(this.optResolve('memory', ins.x));
        break;
      case Imm.memoryCopy:
        w.u32(this.optResolve('memory', ins.x));
        w.u32(this.optResolve('memory', ins.y));
        break;
      case Imm.tableInit:
        w.u32(this.resolve('elem', ins.y!));
        w.u32(this.optResolve('table', ins.x));
        break;
      case Imm.tableCopy:
        w.u32(this.optResolve('table', ins.x));
        w.u32(this.optResolve('table', ins.y));
        break;
      case SimdImm.v128:
      case SimdImm.shuffle:
        w.bytes(ins.bytes!);
        break;
      case SimdImm.lane:
        w.u8(ins.n);
        break;
      case V3Imm.brOnCast:
        w.u8(ins.m);
        w.u32(ins.n);
        this.heapType(w, ins.heap);
        this.heapType(w, ins.heap2);
        break;
      case V3Imm.typeField: {
        const t = this.resolve('type', ins.x!);
        w.u32(t);
        w.u32(this.fieldIndex(t, ins.y!));
        break;
      }
      case V3Imm.typeCount:
        w.u32(this.resolve('type', ins.x!));
        w.u32(ins.n);
        break;
      case V3Imm.typeData:
        this.usesDataSegment = true;
        w.u32(this.resolve('type', ins.x!));
        w.u32(this.resolve('data', ins.y!));
        break;
      case V3Imm.typeElem:
        w.u32(this.resolve('type', ins.x!));
        w.u32(this.resolve('elem', ins.y!));
        break;
      case V3Imm.typeType:
        w.u32(this.resolve('type', ins.x!));
        w.u32(this.resolve('type', ins.y!));
        break;
      default:
        throw this.error(ins, `cannot encode immediate shape ${ins.imm}`);
    }
  }

  private memarg(w: ByteWriter, ins: Instr): void {
    const mem = this.optResolve('memory', ins.x);
    if (mem !== 0) {
      w.u32(ins.n | 0x40);
      w.u32(mem);
    } else w.u32(ins.n);
    w.u64(ins.big);
  }

  private localIndex(ref: Ref, locals: ReadonlyMap<string, number> | null): number {
    if (ref.name === null) return ref.index;
    const i = locals?.get(ref.name);
    if (i === undefined) throw this.error(ref, `unknown local $${printableName(ref.name)}`);
    return i;
  }

  private fieldIndex(typeIndex: number, ref: Ref): number {
    if (ref.name === null) return ref.index;
    const c = this.types[typeIndex]?.sub.comp;
    const i = c !== undefined && c.kind === 'struct' ? c.fieldNames.indexOf(ref.name) : -1;
    if (i < 0) throw this.error(ref, `unknown field $${printableName(ref.name)}`);
    return i;
  }

  /** A constant expression and its `end`. */
  private constExpr(w: ByteWriter, e: readonly Instr[]): void {
    this.instrs(w, e, null);
    w.u8(OP_END);
  }

  private funcBody(f: FuncField): Uint8Array {
    // Local names: parameters (named inline, or counted from the referenced type), then locals.
    const names = new Map<string, number>();
    let nparams = f.type.params.length;
    if (f.type.ref !== null && nparams === 0 && f.type.results.length === 0) {
      nparams = this.funcTypeAt(this.resolveTypeUse(f.type))?.params.length ?? 0;
    }
    f.type.paramNames.forEach((n, i) => {
      if (n !== null) names.set(n, i);
    });
    f.localNames.forEach((n, i) => {
      if (n !== null) names.set(n, nparams + i);
    });
    const w = new ByteWriter();
    // Runs of equal local types share one declaration.
    const runs: Array<[number, ValTypeAst, string]> = [];
    for (const t of f.locals) {
      const key = this.valTypeKey(t);
      const last = runs[runs.length - 1];
      if (last !== undefined && last[2] === key) last[0]++;
      else runs.push([1, t, key]);
    }
    w.u32(runs.length);
    for (const [n, t] of runs) {
      w.u32(n);
      this.valType(w, t);
    }
    this.instrs(w, f.body, names);
    w.u8(OP_END);
    return w.toBytes();
  }

  /**
   * The element segment form (bit 0: passive or declarative, bit 1: explicit table or declarative, bit 2:
   * expressions rather than function indices).
   */
  private elemFlags(f: ElemField): number {
    const allRefFunc = f.items.every((e) => e.length === 1 && e[0]!.code === OP_REF_FUNC);
    const table = this.optResolve('table', f.table);
    let indices: boolean;
    let explicit: boolean;
    if (this.m.version === 2) {
      // wabt 1.0.32: funcref lists of ref.func items become function indices (their type turns into `func`).
      indices = f.elemType === FUNCREF && allRefFunc;
      explicit = f.elemType !== FUNCREF || table !== 0;
    } else {
      // Spec encoder: only `(ref func)` lists use indices; table 0 is implicit for them and for funcref.
      const refFunc = typeof f.elemType === 'object' && !f.elemType.nullable && f.elemType.heap === FUNCREF;
      indices = refFunc && allRefFunc;
      explicit = table !== 0 || !(indices || f.elemType === FUNCREF);
    }
    const base = f.mode === 'passive' ? 1 : f.mode === 'declare' ? 3 : explicit ? 2 : 0;
    return indices ? base : base | 4;
  }

  // ---- module ------------------------------------------------------------------------------------------

  encode(): Uint8Array {
    const m = this.m;
    this.collectTypes();
    // Implicit types are appended in text order: each function's own type use, then those in its body.
    for (const f of m.fields) {
      switch (f.kind) {
        case 'func':
          this.resolveTypeUse(f.type);
          this.scanTypeUses(f.body);
          break;
        case 'tag':
          this.resolveTypeUse(f.type);
          break;
        case 'global':
          this.scanTypeUses(f.init);
          break;
        case 'table':
          if (f.init !== null) this.scanTypeUses(f.init);
          break;
        case 'elem':
          if (f.offset !== null) this.scanTypeUses(f.offset);
          for (const item of f.items) this.scanTypeUses(item);
          break;
        case 'data':
          if (f.offset !== null) this.scanTypeUses(f.offset);
          break;
      }
    }

    const sections: Array<[number, ByteWriter]> = [];
    const section = (id: number, count: number, fill: (w: ByteWriter) => void): void => {
      if (count === 0) return;
      const w = new ByteWriter();
      w.u32(count);
      fill(w);
      sections.push([id, w]);
    };

    // Type section: one entry per rec group.
    section(1, this.groups.length, (w) => {
      for (const g of this.groups) {
        if (g.rec && g.count !== 1) {
          w.u8(0x4e);
          w.u32(g.count);
        }
        for (let i = g.start; i < g.start + g.count; i++) this.subType(w, this.types[i]!.sub);
      }
    });

    const imports = m.fields.filter((f) => 'import' in f && f.import !== null);
    section(2, imports.length, (w) => {
      for (const f of imports) {
        if (!('import' in f) || f.import === null) continue;
        w.vecBytes(f.import.module);
        w.vecBytes(f.import.field);
        switch (f.kind) {
          case 'func':
            w.u8(ExternKind.func);
            w.u32(this.resolveTypeUse(f.type));
            break;
          case 'table':
            w.u8(ExternKind.table);
            this.valType(w, f.elemType);
            this.limits(w, f.limits);
            break;
          case 'memory':
            w.u8(ExternKind.memory);
            this.limits(w, f.limits);
            break;
          case 'global':
            w.u8(ExternKind.global);
            this.valType(w, f.type);
            w.u8(f.mutable ? 1 : 0);
            break;
          case 'tag':
            w.u8(ExternKind.tag);
            w.u8(0);
            w.u32(this.resolveTypeUse(f.type));
            break;
        }
      }
    });

    const funcs = m.fields.filter((f): f is FuncField => f.kind === 'func' && f.import === null);
    section(3, funcs.length, (w) => {
      for (const f of funcs) w.u32(this.resolveTypeUse(f.type));
    });

    const tables = m.fields.filter((f) => f.kind === 'table' && f.import === null);
    section(4, tables.length, (w) => {
      for (const f of tables) {
        if (f.kind !== 'table') continue;
        if (f.init !== null) {
          w.u8(0x40);
          w.u8(0x00);
        }
        this.valType(w, f.elemType);
        this.limits(w, f.limits);
        if (f.init !== null) this.constExpr(w, f.init);
      }
    });

    const memories = m.fields.filter((f) => f.kind === 'memory' && f.import === null);
    section(5, memories.length, (w) => {
      for (const f of memories) if (f.kind === 'memory') this.limits(w, f.limits);
    });

    const tags = m.fields.filter((f) => f.kind === 'tag' && f.import === null);
    section(13, tags.length, (w) => {
      for (const f of tags) {
        if (f.kind !== 'tag') continue;
        w.u8(0);
        w.u32(this.resolveTypeUse(f.type));
      }
    });

    const globals = m.fields.filter((f) => f.kind === 'global' && f.import === null);
    section(6, globals.length, (w) => {
      for (const f of globals) {
        if (f.kind !== 'global') continue;
        this.valType(w, f.type);
        w.u8(f.mutable ? 1 : 0);
        this.constExpr(w, f.init);
      }
    });

    const exports = m.fields.filter((f) => f.kind === 'export');
    const exportSpace = ['func', 'table', 'memory', 'global', 'tag'];
    section(7, exports.length, (w) => {
      for (const f of exports) {
        if (f.kind !== 'export') continue;
        w.vecBytes(f.name);
        w.u8(f.externKind);
        w.u32(this.resolve(exportSpace[f.externKind]!, f.ref));
      }
    });

    const start = m.fields.find((f) => f.kind === 'start');
    if (start !== undefined && start.kind === 'start') {
      const w = new ByteWriter();
      w.u32(this.resolve('func', start.ref));
      sections.push([8, w]);
    }

    const elems = m.fields.filter((f) => f.kind === 'elem');
    section(9, elems.length, (w) => {
      for (const f of elems) {
        if (f.kind !== 'elem') continue;
        const flags = this.elemFlags(f);
        const indices = (flags & 4) === 0;
        const table = this.optResolve('table', f.table);
        w.u8(flags);
        if (f.mode === 'active' && (flags & 2) !== 0) w.u32(table);
        if (f.mode === 'active') this.constExpr(w, f.offset!);
        if ((flags & 3) !== 0) {
          if (indices) w.u8(0x00);
          else this.valType(w, f.elemType);
        }
        w.u32(f.items.length);
        for (const e of f.items) {
          if (indices) w.u32(this.resolve('func', e[0]!.x!));
          else this.constExpr(w, e);
        }
      }
    });

    // Code before data count: whether the count is needed depends on the instructions.
    const code = new ByteWriter();
    code.u32(funcs.length);
    for (const f of funcs) code.vecBytes(this.funcBody(f));

    const datas = m.fields.filter((f) => f.kind === 'data');
    if (datas.length > 0 && this.usesDataSegment) {
      const w = new ByteWriter();
      w.u32(datas.length);
      sections.push([12, w]);
    }
    if (funcs.length > 0) sections.push([10, code]);

    section(11, datas.length, (w) => {
      for (const f of datas) {
        if (f.kind !== 'data') continue;
        const mem = this.optResolve('memory', f.memory);
        if (f.mode === 'passive') w.u8(1);
        else if (mem === 0) {
          w.u8(0);
          this.constExpr(w, f.offset!);
        } else {
          w.u8(2);
          w.u32(mem);
          this.constExpr(w, f.offset!);
        }
        w.vecBytes(f.bytes);
      }
    });

    const out = new ByteWriter(1024);
    out.bytes(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
    for (const [id, w] of sections) {
      out.u8(id);
      out.vecBytes(w.view());
    }
    return out.toBytes();
  }
}
