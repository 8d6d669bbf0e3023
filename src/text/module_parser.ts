import { Imm } from '../binary/opcodes.js';
import { ExternKind } from '../core/types.js';
import {
  Instr,
  Ref,
  type DataField,
  type ElemField,
  type ImportAst,
  type LimitsAst,
  type ModuleAst,
  type ModuleField,
  type SegmentMode,
  type SubTypeAst,
  type ValTypeAst,
} from './ast.js';
import { InstrParser } from './instr_parser.js';
import { Tok, type Token } from './token.js';

const OP_I32_CONST = 0x41;
const OP_I64_CONST = 0x42;
const OP_REF_FUNC = 0xd2;

/** Index spaces with their names in "unknown ..." / "duplicate ..." messages. */
export const SPACE_CATEGORY: ReadonlyMap<string, string> = new Map([
  ['type', 'type'],
  ['func', 'function'],
  ['table', 'table'],
  ['memory', 'memory'],
  ['global', 'global'],
  ['tag', 'tag'],
  ['elem', 'elem segment'],
  ['data', 'data segment'],
]);

const EXTERN_KINDS: ReadonlyMap<string, number> = new Map([
  ['func', ExternKind.func],
  ['table', ExternKind.table],
  ['memory', ExternKind.memory],
  ['global', ExternKind.global],
  ['tag', ExternKind.tag],
]);

/**
 * The parsing of modules: `(module $id? field*)` or a bare field list, into a `ModuleAst`. Entities are numbered
 * in text order (the grammar requires imports before definitions, so text order is index order), inline imports,
 * exports and segments become fields of their own, and duplicate names are rejected here.
 */
export class ModuleParser extends InstrParser {
  private fields: ModuleField[] = [];
  private names = new Map<string, Map<string, number>>();
  private counts = new Map<string, number>();
  /** The kind of the latest definition (non-import) of a function, table, memory, global or tag. */
  private lastDefinition: string | null = null;
  private startSeen = false;

  private reset(): void {
    this.fields = [];
    this.names = new Map();
    this.counts = new Map();
    for (const space of SPACE_CATEGORY.keys()) {
      this.names.set(space, new Map());
      this.counts.set(space, 0);
    }
    this.lastDefinition = null;
    this.startSeen = false;
  }

  /** `(module $id? field*)`, with the cursor at its `(`. */
  module(): ModuleAst {
    this.expectParenKeyword('module');
    const name = this.optId();
    const m = this.moduleFields(name);
    this.expectRParen();
    return m;
  }

  /** Module fields up to a `)` or the end of input (not consumed). */
  moduleFields(name: string | null): ModuleAst {
    this.reset();
    while (this.peek().kind === Tok.lparen) this.field();
    return { name, fields: this.fields, names: this.names, file: this.file, version: this.version };
  }

  /** A whole text module: `(module ...)` or bare fields, then the end of input. */
  wholeModule(): ModuleAst {
    const m = this.atParenKeyword('module') ? this.module() : this.moduleFields(null);
    if (this.peek().kind !== Tok.eof) this.fail(this.fields.length === 0 ? "'(module' or a module field" : "'(' or end of input");
    return m;
  }

  /** Binds a name (or none) to the next index of `space`. */
  private bind(space: string, name: string | null, at: Token): number {
    const index = this.counts.get(space)!;
    if (name !== null) {
      const map = this.names.get(space)!;
      if (map.has(name)) throw this.errorAt(at, `duplicate ${SPACE_CATEGORY.get(space)} $${name}`);
      map.set(name, index);
    }
    this.counts.set(space, index + 1);
    return index;
  }

  private field(): void {
    this.next(); // (
    const t = this.peek();
    if (t.kind !== Tok.keyword) this.fail('a module field');
    switch (t.text) {
      case 'type':
        this.next();
        this.fields.push({ kind: 'type', types: [this.typeDef(t)], rec: false });
        return;
      case 'rec': {
        this.next();
        const types: SubTypeAst[] = [];
        while (this.atParenKeyword('type')) {
          this.next();
          const tt = this.next();
          types.push(this.typeDef(tt));
        }
        this.expectRParen();
        this.fields.push({ kind: 'type', types, rec: true });
        return;
      }
      case 'func':
        this.next();
        return this.funcField(t);
      case 'table':
        this.next();
        return this.tableField(t);
      case 'memory':
        this.next();
        return this.memoryField(t);
      case 'global':
        this.next();
        return this.globalField(t);
      case 'tag':
        this.next();
        return this.tagField(t);
      case 'import':
        this.next();
        return this.importField(t);
      case 'export':
        this.next();
        return this.exportField();
      case 'start': {
        this.next();
        const ref = this.index('a function index');
        if (this.startSeen) throw this.errorAt(t, 'multiple start sections');
        this.startSeen = true;
        this.expectRParen();
        this.fields.push({ kind: 'start', ref });
        return;
      }
      case 'elem':
        this.next();
        return this.elemField(t);
      case 'data':
        this.next();
        return this.dataField(t);
      default:
        this.fail('a module field');
    }
  }

  /** After `(type`: `$id? subtype )`. */
  private typeDef(at: Token): SubTypeAst {
    const name = this.optId();
    this.bind('type', name, at);
    const st = this.subType(name);
    this.expectRParen();
    return st;
  }

  /** Inline `(export "name")*`: each becomes an export field of the entity `index` of `kind`. */
  private inlineExports(kind: number, index: number): void {
    while (this.atParenKeyword('export')) {
      const e = this.next();
      this.next();
      const name = this.utf8Name();
      this.expectRParen();
      this.fields.push({ kind: 'export', name, externKind: kind, ref: new Ref(null, index, e.line, e.col) });
    }
  }

  /** An inline `(import "module" "field")`, or null. */
  private inlineImport(): ImportAst | null {
    if (!this.atParenKeyword('import')) return null;
    this.next();
    const at = this.next();
    const imp = { module: this.utf8Name(), field: this.utf8Name() };
    this.expectRParen();
    this.checkImportOrder(at);
    return imp;
  }

  private checkImportOrder(at: Token): void {
    if (this.lastDefinition !== null) throw this.errorAt(at, `import after ${this.lastDefinition} definition`);
  }

  private funcField(at: Token): void {
    const name = this.optId();
    const index = this.bind('func', name, at);
    this.inlineExports(ExternKind.func, index);
    const imp = this.inlineImport();
    const type = this.typeUse(true);
    if (imp !== null) {
      this.expectRParen();
      this.fields.push({ kind: 'func', name, import: imp, type, locals: [], localNames: [], body: [], line: at.line, col: at.col });
      return;
    }
    const locals: ValTypeAst[] = [];
    const localNames: Array<string | null> = [];
    const seen = new Set<string>();
    for (let i = 0; i < type.paramNames.length; i++) {
      const n = type.paramNames[i];
      if (n === null || n === undefined) continue;
      if (seen.has(n)) throw this.errorAt(at, `duplicate local $${n}`);
      seen.add(n);
    }
    while (this.atParenKeyword('local')) {
      this.next();
      this.next();
      const idTok = this.peek();
      if (idTok.kind === Tok.id) {
        this.next();
        if (seen.has(idTok.text)) throw this.errorAt(idTok, `duplicate local $${idTok.text}`);
        seen.add(idTok.text);
        locals.push(this.valType());
        localNames.push(idTok.text);
      } else {
        const before = locals.length;
        this.valTypesToParen(locals);
        for (let i = before; i < locals.length; i++) localNames.push(null);
      }
      this.expectRParen();
    }
    const body: Instr[] = [];
    this.labels = [null]; // the function body is a block
    this.instrList(body);
    this.expectRParen();
    this.lastDefinition = 'function';
    this.fields.push({ kind: 'func', name, import: null, type, locals, localNames, body, line: at.line, col: at.col });
  }

  /** A constant expression up to the closing `)` (not consumed). */
  private constExpr(): Instr[] {
    const out: Instr[] = [];
    this.labels = [];
    this.instrList(out);
    return out;
  }

  /** Exactly one folded expression (an abbreviated offset or element item). */
  private foldedExpr(): Instr[] {
    const out: Instr[] = [];
    this.labels = [];
    this.instrList(out, true);
    return out;
  }

  private zeroOffset(is64: boolean, at: Token): Instr[] {
    const c = new Instr(is64 ? OP_I64_CONST : OP_I32_CONST, is64 ? Imm.i64 : Imm.i32, at.line, at.col);
    return [c];
  }

  private tableField(at: Token): void {
    const name = this.optId();
    const index = this.bind('table', name, at);
    this.inlineExports(ExternKind.table, index);
    const imp = this.inlineImport();
    const is64 = this.addressType();
    if (imp !== null || this.peek().kind === Tok.nat) {
      const limits = this.limits(is64);
      const elemType = this.refType();
      let init: Instr[] | null = null;
      if (imp === null && this.peek().kind !== Tok.rparen) init = this.constExpr();
      this.expectRParen();
      if (imp === null) this.lastDefinition = 'table';
      this.fields.push({ kind: 'table', name, import: imp, limits, elemType, init });
      return;
    }
    // `(table reftype (elem ...))`: a table sized to an inline active segment.
    const elemType = this.refType();
    const elemTok = this.expectParenKeyword('elem');
    this.bind('elem', null, elemTok);
    const items = this.peek().kind === Tok.lparen ? this.elemExprs() : this.funcIndexItems();
    this.expectRParen();
    this.expectRParen();
    const n = BigInt(items.length);
    this.lastDefinition = 'table';
    this.fields.push({ kind: 'table', name, import: null, limits: { is64, min: n, max: n, shared: false }, elemType, init: null });
    this.fields.push({
      kind: 'elem',
      name: null,
      mode: 'active',
      table: new Ref(null, index, at.line, at.col),
      offset: this.zeroOffset(is64, at),
      elemType,
      items,
    });
  }

  private memoryField(at: Token): void {
    const name = this.optId();
    const index = this.bind('memory', name, at);
    this.inlineExports(ExternKind.memory, index);
    const imp = this.inlineImport();
    const is64 = this.addressType();
    if (imp === null && this.atParenKeyword('data')) {
      this.next();
      const dt = this.next();
      this.bind('data', null, dt);
      const bytes = this.strings();
      this.expectRParen();
      this.expectRParen();
      const pages = BigInt(Math.ceil(bytes.length / 65536));
      const limits: LimitsAst = { is64, min: pages, max: pages, shared: false };
      this.lastDefinition = 'memory';
      this.fields.push({ kind: 'memory', name, import: null, limits });
      this.fields.push({
        kind: 'data',
        name: null,
        mode: 'active',
        memory: new Ref(null, index, at.line, at.col),
        offset: this.zeroOffset(is64, at),
        bytes,
      });
      return;
    }
    const limits = this.limits(is64);
    this.expectRParen();
    if (imp === null) this.lastDefinition = 'memory';
    this.fields.push({ kind: 'memory', name, import: imp, limits });
  }

  private globalField(at: Token): void {
    const name = this.optId();
    const index = this.bind('global', name, at);
    this.inlineExports(ExternKind.global, index);
    const imp = this.inlineImport();
    const gt = this.globalType();
    const init = imp === null ? this.constExpr() : [];
    this.expectRParen();
    if (imp === null) this.lastDefinition = 'global';
    this.fields.push({ kind: 'global', name, import: imp, type: gt.type, mutable: gt.mutable, init });
  }

  private tagField(at: Token): void {
    const name = this.optId();
    const index = this.bind('tag', name, at);
    this.inlineExports(ExternKind.tag, index);
    const imp = this.inlineImport();
    const type = this.typeUse(true);
    this.expectRParen();
    if (imp === null) this.lastDefinition = 'tag';
    this.fields.push({ kind: 'tag', name, import: imp, type });
  }

  private importField(at: Token): void {
    const imp: ImportAst = { module: this.utf8Name(), field: this.utf8Name() };
    this.checkImportOrder(at);
    this.expectLParen();
    const k = this.peek();
    if (k.kind !== Tok.keyword || !EXTERN_KINDS.has(k.text)) this.fail("'func', 'table', 'memory', 'global' or 'tag'");
    this.next();
    const name = this.optId();
    switch (k.text) {
      case 'func': {
        this.bind('func', name, k);
        const type = this.typeUse(true);
        this.fields.push({ kind: 'func', name, import: imp, type, locals: [], localNames: [], body: [], line: k.line, col: k.col });
        break;
      }
      case 'table': {
        this.bind('table', name, k);
        const is64 = this.addressType();
        const limits = this.limits(is64);
        const elemType = this.refType();
        this.fields.push({ kind: 'table', name, import: imp, limits, elemType, init: null });
        break;
      }
      case 'memory': {
        this.bind('memory', name, k);
        const is64 = this.addressType();
        this.fields.push({ kind: 'memory', name, import: imp, limits: this.limits(is64) });
        break;
      }
      case 'global': {
        this.bind('global', name, k);
        const gt = this.globalType();
        this.fields.push({ kind: 'global', name, import: imp, type: gt.type, mutable: gt.mutable, init: [] });
        break;
      }
      case 'tag': {
        this.bind('tag', name, k);
        this.fields.push({ kind: 'tag', name, import: imp, type: this.typeUse(true) });
        break;
      }
    }
    this.expectRParen();
    this.expectRParen();
  }

  private exportField(): void {
    const name = this.utf8Name();
    this.expectLParen();
    const k = this.peek();
    const kind = k.kind === Tok.keyword ? EXTERN_KINDS.get(k.text) : undefined;
    if (kind === undefined) this.fail("'func', 'table', 'memory', 'global' or 'tag'");
    this.next();
    const ref = this.index();
    this.expectRParen();
    this.expectRParen();
    this.fields.push({ kind: 'export', name, externKind: kind, ref });
  }

  /** An offset: `(offset expr)` or one folded expression. */
  private offsetExpr(): Instr[] {
    if (this.atParenKeyword('offset')) {
      this.next();
      this.next();
      const e = this.constExpr();
      this.expectRParen();
      return e;
    }
    if (this.peek().kind !== Tok.lparen) this.fail('an offset expression');
    return this.foldedExpr();
  }

  /** Element expressions: `(item expr)` or one folded expression each. */
  private elemExprs(): Instr[][] {
    const items: Instr[][] = [];
    while (this.peek().kind === Tok.lparen) {
      if (this.atParenKeyword('item')) {
        this.next();
        this.next();
        items.push(this.constExpr());
        this.expectRParen();
      } else items.push(this.foldedExpr());
    }
    return items;
  }

  /** Function indices, each as a `ref.func` item. */
  private funcIndexItems(): Instr[][] {
    const items: Instr[][] = [];
    while (this.peek().kind === Tok.nat || this.peek().kind === Tok.id) {
      const t = this.peek();
      const ins = new Instr(OP_REF_FUNC, Imm.func, t.line, t.col);
      ins.x = this.index();
      items.push([ins]);
    }
    return items;
  }

  /** The type of `func idx*` lists: `(ref func)` in 3.0; wabt 1.0.32's 2.0 encoding treats them as funcref. */
  private funcListType(): ValTypeAst {
    return this.version === 2 ? 0x70 : { nullable: false, heap: 0x70 };
  }

  /** `func idx*` or `reftype expr*`. */
  private elemList(): { elemType: ValTypeAst; items: Instr[][] } {
    if (this.atKeyword('func')) {
      this.next();
      return { elemType: this.funcListType(), items: this.funcIndexItems() };
    }
    const elemType = this.refType();
    return { elemType, items: this.elemExprs() };
  }

  private elemField(at: Token): void {
    const name = this.optId();
    this.bind('elem', name, at);
    let mode: SegmentMode = 'passive';
    let table: Ref | null = null;
    let offset: Instr[] | null = null;
    let list: { elemType: ValTypeAst; items: Instr[][] };
    if (this.atKeyword('declare')) {
      this.next();
      mode = 'declare';
      list = this.elemList();
    } else if (this.atParenKeyword('table')) {
      this.next();
      this.next();
      table = this.index('a table index');
      this.expectRParen();
      mode = 'active';
      offset = this.offsetExpr();
      list = this.elemList();
    } else if (this.peek().kind === Tok.lparen && !this.atParenKeyword('ref')) {
      mode = 'active';
      offset = this.offsetExpr();
      // After an offset the element kind may be left out: a plain list of function indices.
      list = this.atKeyword('func') || this.atValType() ? this.elemList() : { elemType: this.funcListType(), items: this.funcIndexItems() };
    } else {
      list = this.elemList();
    }
    this.expectRParen();
    const f: ElemField = { kind: 'elem', name, mode, table, offset, elemType: list.elemType, items: list.items };
    this.fields.push(f);
  }

  private dataField(at: Token): void {
    const name = this.optId();
    this.bind('data', name, at);
    let mode: SegmentMode = 'passive';
    let memory: Ref | null = null;
    let offset: Instr[] | null = null;
    if (this.atParenKeyword('memory')) {
      this.next();
      this.next();
      memory = this.index('a memory index');
      this.expectRParen();
      mode = 'active';
      offset = this.offsetExpr();
    } else if (this.peek().kind === Tok.lparen) {
      mode = 'active';
      offset = this.offsetExpr();
    }
    const bytes = this.strings();
    this.expectRParen();
    const f: DataField = { kind: 'data', name, mode, memory, offset, bytes };
    this.fields.push(f);
  }
}
