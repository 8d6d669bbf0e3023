import { Imm } from '../binary/opcodes.js';
import { SimdImm } from '../binary/opcodes_simd.js';
import { CatchKind, V3Imm } from '../binary/opcodes_v3.js';
import { Instr, type CatchAst, type ValTypeAst } from './ast.js';
import { INSTRUCTIONS, type InstrDef } from './instruction_table.js';
import { parseF32Bits, parseF64Bits, parseI32Bits, parseIntBits, parseUnsigned } from './number_literal.js';
import { Tok, type Token } from './token.js';
import { TypeParser } from './type_parser.js';

const OP_BLOCK = 0x02;
const OP_LOOP = 0x03;
const OP_IF = 0x04;
const OP_ELSE = 0x05;
const OP_END = 0x0b;
const OP_SELECT = 0x1b;
const OP_SELECT_T = 0x1c;
const OP_TRY_TABLE = 0x1f;

/** Kinds of open constructs while parsing instructions. */
const Frame = {
  /** flat `block`/`loop`/`if`/`try_table` ... `end` */
  flat: 0,
  /** folded `(block ...)`, `(loop ...)`, `(try_table ...)` body */
  body: 1,
  /** folded `(if ...)` before `(then` */
  cond: 2,
  /** `(then ...)` */
  then: 3,
  /** `(else ...)` */
  else: 4,
  /** folded plain instruction, waiting for its operands and `)` */
  plain: 5,
} as const;
type FrameKind = (typeof Frame)[keyof typeof Frame];

interface OpenFrame {
  kind: FrameKind;
  /** The block's label (null when unnamed); only for structured frames. */
  readonly label: string | null;
  /** The pending instruction of `plain` and `cond` frames; the block instruction otherwise. */
  readonly instr: Instr;
  readonly isIf: boolean;
  elseInstr: Instr | null;
}

/** Lane counts and literal widths of the `v128.const` shapes. */
const SHAPES: ReadonlyMap<string, { lanes: number; kind: 'i' | 'f'; bits: number }> = new Map([
  ['i8x16', { lanes: 16, kind: 'i', bits: 8 }],
  ['i16x8', { lanes: 8, kind: 'i', bits: 16 }],
  ['i32x4', { lanes: 4, kind: 'i', bits: 32 }],
  ['i64x2', { lanes: 2, kind: 'i', bits: 64 }],
  ['f32x4', { lanes: 4, kind: 'f', bits: 32 }],
  ['f64x2', { lanes: 2, kind: 'f', bits: 64 }],
]);

function isNumberToken(t: Token): boolean {
  return t.kind === Tok.nat || t.kind === Tok.int || t.kind === Tok.float;
}

/**
 * The parsing of instruction sequences, flat and folded, into a flat list in binary order. The nesting of folded
 * expressions and blocks is tracked on an explicit stack, so arbitrarily deep input cannot exhaust the JS stack.
 */
export class InstrParser extends TypeParser {
  /** Label names in scope, innermost last (null for unnamed labels). */
  labels: Array<string | null> = [];

  /**
   * Parses instructions up to (not including) the `)` that closes the enclosing construct, appending them to
   * `out`. With `single`, parses exactly one folded expression instead.
   */
  instrList(out: Instr[], single = false): void {
    const stack: OpenFrame[] = [];
    const labels = this.labels;
    let started = false;
    for (;;) {
      const top = stack.length > 0 ? stack[stack.length - 1]! : null;
      const t = this.peek();
      if (single && top === null) {
        if (started) return;
        if (t.kind !== Tok.lparen) this.fail('a folded expression');
        started = true;
      }
      if (top !== null && (top.kind === Frame.plain || top.kind === Frame.cond)) {
        if (t.kind === Tok.lparen) {
          if (top.kind === Frame.cond && this.atParenKeyword('then')) {
            this.next();
            this.next();
            out.push(top.instr);
            labels.push(top.label);
            top.kind = Frame.then;
          } else {
            this.beginFolded(stack, out);
          }
          continue;
        }
        if (t.kind === Tok.rparen && top.kind === Frame.plain) {
          this.next();
          out.push(top.instr);
          stack.pop();
          continue;
        }
        this.fail(top.kind === Frame.plain ? "')' or a folded instruction" : "'(then'");
      }
      if (t.kind === Tok.rparen) {
        if (top === null) return;
        switch (top.kind) {
          case Frame.body:
            this.next();
            out.push(new Instr(OP_END, Imm.none, t.line, t.col));
            labels.pop();
            stack.pop();
            continue;
          case Frame.then:
            this.next();
            if (this.atParenKeyword('else')) {
              const e = this.next();
              this.next();
              top.elseInstr = new Instr(OP_ELSE, Imm.none, e.line, e.col);
              out.push(top.elseInstr);
              top.kind = Frame.else;
              continue;
            }
            this.closeIf(top, out, this.peek());
            this.expectRParen();
            stack.pop();
            continue;
          case Frame.else:
            this.next();
            this.closeIf(top, out, this.peek());
            this.expectRParen();
            stack.pop();
            continue;
          default:
            this.fail("'end'");
        }
      }
      if (t.kind === Tok.keyword) {
        const def = INSTRUCTIONS.get(t.text);
        if (def === undefined) this.fail('an instruction');
        switch (def.code) {
          case OP_END:
            if (top === null || top.kind !== Frame.flat) this.fail('an instruction');
            this.next();
            this.endLabel(top.label);
            if (top.isIf) this.closeIf(top, out, t);
            else {
              out.push(new Instr(OP_END, Imm.none, t.line, t.col));
              labels.pop();
            }
            stack.pop();
            continue;
          case OP_ELSE:
            if (top === null || top.kind !== Frame.flat || !top.isIf || top.elseInstr !== null) this.fail('an instruction');
            this.next();
            this.endLabel(top.label);
            top.elseInstr = new Instr(OP_ELSE, Imm.none, t.line, t.col);
            out.push(top.elseInstr);
            continue;
          case OP_BLOCK:
          case OP_LOOP:
          case OP_IF:
          case OP_TRY_TABLE: {
            this.next();
            const label = this.optId();
            const instr = this.blockHead(def, t);
            out.push(instr);
            labels.push(label);
            stack.push({ kind: Frame.flat, label, instr, isIf: def.code === OP_IF, elseInstr: null });
            continue;
          }
          default:
            this.next();
            out.push(this.plainInstr(def, t));
            continue;
        }
      }
      if (t.kind === Tok.lparen) {
        this.beginFolded(stack, out);
        continue;
      }
      this.fail(top === null ? 'an instruction or )' : top.kind === Frame.flat ? "an instruction or 'end'" : "an instruction or ')'");
    }
  }

  /** Emits the end of an `if` (dropping an empty `else`, which the binary format leaves out) and leaves its scope. */
  private closeIf(frame: OpenFrame, out: Instr[], at: Token): void {
    if (frame.elseInstr !== null && out[out.length - 1] === frame.elseInstr) out.pop();
    out.push(new Instr(OP_END, Imm.none, at.line, at.col));
    this.labels.pop();
  }

  /** An optional label after `end`/`else`, which must repeat the block's label. */
  private endLabel(label: string | null): void {
    const t = this.peek();
    if (t.kind !== Tok.id) return;
    this.next();
    if (t.text !== label) throw this.errorAt(t, 'mismatching label');
  }

  /** Opens a folded expression: the cursor is at its `(`. */
  private beginFolded(stack: OpenFrame[], out: Instr[]): void {
    this.next();
    const t = this.peek();
    const def = t.kind === Tok.keyword ? INSTRUCTIONS.get(t.text) : undefined;
    if (def === undefined || def.code === OP_ELSE || def.code === OP_END) this.fail('an instruction');
    this.next();
    switch (def.code) {
      case OP_BLOCK:
      case OP_LOOP:
      case OP_TRY_TABLE: {
        const label = this.optId();
        const instr = this.blockHead(def, t);
        out.push(instr);
        this.labels.push(label);
        stack.push({ kind: Frame.body, label, instr, isIf: false, elseInstr: null });
        return;
      }
      case OP_IF: {
        const label = this.optId();
        const instr = this.blockHead(def, t);
        stack.push({ kind: Frame.cond, label, instr, isIf: true, elseInstr: null });
        return;
      }
      default:
        stack.push({ kind: Frame.plain, label: null, instr: this.plainInstr(def, t), isIf: false, elseInstr: null });
    }
  }

  /** The block type of a structured instruction, and `try_table`'s catch clauses (resolved outside its label). */
  private blockHead(def: InstrDef, t: Token): Instr {
    const instr = new Instr(def.code, def.imm, t.line, t.col);
    instr.type = this.typeUse(false);
    if (def.code === OP_TRY_TABLE) {
      const catches: CatchAst[] = [];
      for (;;) {
        const kw = this.parenKeyword();
        let kind: number;
        if (kw === 'catch') kind = CatchKind.catch;
        else if (kw === 'catch_ref') kind = CatchKind.catchRef;
        else if (kw === 'catch_all') kind = CatchKind.catchAll;
        else if (kw === 'catch_all_ref') kind = CatchKind.catchAllRef;
        else break;
        this.next();
        this.next();
        const tag = kind === CatchKind.catch || kind === CatchKind.catchRef ? this.index('a tag index') : null;
        const label = this.label();
        this.expectRParen();
        catches.push({ kind, tag, label });
      }
      instr.catches = catches;
    }
    return instr;
  }

  /** A label reference: a depth, or a name resolved against the labels in scope. */
  label(): number {
    const t = this.peek();
    if (t.kind === Tok.id) {
      this.next();
      const labels = this.labels;
      for (let i = labels.length - 1; i >= 0; i--) if (labels[i] === t.text) return labels.length - 1 - i;
      throw this.errorAt(t, `unknown label $${t.text}`);
    }
    if (t.kind === Tok.nat) return this.nat32();
    this.fail('a label');
  }

  /** A non-structured instruction's immediates; the mnemonic `t` has been consumed. */
  plainInstr(def: InstrDef, t: Token): Instr {
    const ins = new Instr(def.code, def.imm, t.line, t.col);
    switch (def.imm) {
      case Imm.none:
        if (def.code === OP_SELECT && this.atParenKeyword('result')) {
          const types: ValTypeAst[] = [];
          while (this.atParenKeyword('result')) {
            this.next();
            this.next();
            this.valTypesToParen(types);
            this.expectRParen();
          }
          // An explicit result clause makes a typed select even with no types, as the reference interpreter
          // encodes it (the validator then rejects it: "invalid result arity"). wabt writes the untyped opcode
          // for `(select (result))`; this is the one place our bytes differ from wabt's on purpose.
          ins.code = OP_SELECT_T;
          ins.types = types;
        }
        break;
      case Imm.label:
        ins.n = this.label();
        break;
      case Imm.brTable: {
        const labels = [this.label()];
        while (this.peek().kind === Tok.nat || this.peek().kind === Tok.id) labels.push(this.label());
        ins.labels = labels;
        break;
      }
      case Imm.func:
      case Imm.local:
      case Imm.global:
      case Imm.elem:
      case Imm.data:
      case Imm.type:
      case Imm.tag:
        ins.x = this.index();
        break;
      case Imm.table:
      case Imm.mem:
        ins.x = this.optIndex();
        break;
      case Imm.callIndirect:
        ins.x = this.optIndex();
        ins.type = this.typeUse(false);
        break;
      case Imm.memarg:
        ins.x = this.optIndex();
        this.memargRest(ins, def);
        break;
      case Imm.i32:
        ins.n = this.i32Literal();
        break;
      case Imm.i64: {
        const v = this.numberToken();
        const bits = parseIntBits(v.text, 64);
        if (bits === null) throw this.errorAt(v, 'constant out of range');
        ins.big = bits;
        break;
      }
      case Imm.f32: {
        const v = this.numberToken();
        const bits = parseF32Bits(v.text);
        if (bits === null) throw this.errorAt(v, 'constant out of range');
        ins.n = bits;
        break;
      }
      case Imm.f64: {
        const v = this.numberToken();
        const bits = parseF64Bits(v.text);
        if (bits === null) throw this.errorAt(v, 'constant out of range');
        ins.big = bits;
        break;
      }
      case Imm.heapType:
        if (def.name === 'ref.null') ins.heap = this.heapType();
        else {
          // ref.test / ref.cast: the nullable form is the next opcode.
          const rt = this.refType();
          if (typeof rt === 'number') {
            ins.code = def.code + 1;
            ins.heap = rt;
          } else {
            if (rt.nullable) ins.code = def.code + 1;
            ins.heap = rt.heap;
          }
        }
        break;
      case Imm.memoryInit:
      case Imm.tableInit: {
        // `memory.init mem? data`, `table.init table? elem`
        const first = this.index();
        const second = this.optIndex();
        if (second === null) ins.y = first;
        else {
          ins.x = first;
          ins.y = second;
        }
        break;
      }
      case Imm.memoryCopy:
      case Imm.tableCopy: {
        const dst = this.optIndex();
        if (dst !== null) {
          ins.x = dst;
          ins.y = this.index();
        }
        break;
      }
      case SimdImm.v128:
        ins.bytes = this.v128Literal();
        break;
      case SimdImm.shuffle:
        ins.bytes = this.shuffleLanes();
        break;
      case SimdImm.lane:
        ins.n = this.laneIndex();
        break;
      case SimdImm.memargLane: {
        const a = this.peek();
        if (a.kind === Tok.id) ins.x = this.index();
        else if (a.kind === Tok.nat) {
          const b = this.peek(1).kind;
          if (b === Tok.nat || b === Tok.offsetEq || b === Tok.alignEq) ins.x = this.index();
        }
        this.memargRest(ins, def);
        ins.m = this.laneIndex();
        break;
      }
      case V3Imm.brOnCast: {
        ins.n = this.label();
        const r1 = this.refType();
        const r2 = this.refType();
        let flags = 0;
        if (typeof r1 === 'number' || r1.nullable) flags |= 1;
        if (typeof r2 === 'number' || r2.nullable) flags |= 2;
        ins.heap = typeof r1 === 'number' ? r1 : r1.heap;
        ins.heap2 = typeof r2 === 'number' ? r2 : r2.heap;
        ins.m = flags;
        break;
      }
      case V3Imm.typeField:
      case V3Imm.typeData:
      case V3Imm.typeElem:
      case V3Imm.typeType:
        ins.x = this.index();
        ins.y = this.index();
        break;
      case V3Imm.typeCount:
        ins.x = this.index();
        ins.n = this.nat32();
        break;
      default:
        // block, if, loop, try_table and select_t are handled by the callers; nothing else reaches here.
        throw this.errorAt(t, `unexpected instruction ${def.name}`);
    }
    return ins;
  }

  /** `offset=` and `align=` of a memory instruction (the memory index has been read). */
  private memargRest(ins: Instr, def: InstrDef): void {
    const wide = this.version === 3;
    if (this.peek().kind === Tok.offsetEq) {
      const t = this.next();
      const v = parseUnsigned(t.text, wide ? 64 : 32);
      if (v === null) throw this.errorAt(t, wide ? 'i64 constant out of range' : 'i32 constant out of range');
      ins.big = v;
    }
    ins.n = def.naturalAlign;
    if (this.peek().kind === Tok.alignEq) {
      const t = this.next();
      const v = parseUnsigned(t.text, 64);
      if (v === null) throw this.errorAt(t, 'i64 constant out of range');
      if (v === 0n || (v & (v - 1n)) !== 0n) throw this.errorAt(t, 'alignment must be a power of two');
      ins.n = v.toString(2).length - 1;
    }
  }

  /** A numeric literal token (nat, int or float). */
  protected numberToken(): Token {
    const t = this.peek();
    if (!isNumberToken(t)) this.fail('a number');
    return this.next();
  }

  /** An i32 literal (for `i32.const`), as its unsigned bits. */
  i32Literal(): number {
    const v = this.numberToken();
    const bits = parseI32Bits(v.text);
    if (bits === null) throw this.errorAt(v, 'constant out of range');
    return bits;
  }

  /** A lane index (a `nat` below 256). */
  private laneIndex(): number {
    const t = this.peek();
    if (t.kind !== Tok.nat) this.fail('a lane index');
    this.next();
    const v = parseUnsigned(t.text, 8);
    if (v === null) throw this.errorAt(t, this.version === 2 ? 'malformed lane index' : 'i8 constant out of range');
    return Number(v);
  }

  private shuffleLanes(): Uint8Array {
    const start = this.peek();
    const lanes: Token[] = [];
    while (isNumberToken(this.peek())) lanes.push(this.next());
    this.checkLookahead();
    if (lanes.length !== 16) throw this.errorAt(start, 'invalid lane length');
    const out = new Uint8Array(16);
    for (let i = 0; i < 16; i++) {
      const t = lanes[i]!;
      const v = t.kind === Tok.nat ? parseUnsigned(t.text, 8) : null;
      if (v === null) throw this.errorAt(t, this.version === 2 ? 'malformed lane index' : 'i8 constant out of range');
      out[i] = Number(v);
    }
    return out;
  }

  /** `shape lane*` of a `v128.const` (instruction or script literal), as 16 little-endian bytes. */
  v128Literal(): Uint8Array {
    const st = this.peek();
    const shape = st.kind === Tok.keyword ? SHAPES.get(st.text) : undefined;
    if (shape === undefined) this.fail('a vector shape');
    this.next();
    const lanes: Token[] = [];
    while (isNumberToken(this.peek())) lanes.push(this.next());
    this.checkLookahead();
    if (lanes.length !== shape.lanes) throw this.errorAt(st, 'wrong number of lane literals');
    const out = new Uint8Array(16);
    const view = new DataView(out.buffer);
    const width = 16 / shape.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const t = lanes[i]!;
      const o = i * width;
      if (shape.kind === 'f') {
        if (shape.bits === 32) {
          const b = parseF32Bits(t.text);
          if (b === null) throw this.errorAt(t, 'constant out of range');
          view.setUint32(o, b, true);
        } else {
          const b = parseF64Bits(t.text);
          if (b === null) throw this.errorAt(t, 'constant out of range');
          view.setBigUint64(o, b, true);
        }
      } else {
        const b = parseIntBits(t.text, shape.bits);
        if (b === null) throw this.errorAt(t, 'constant out of range');
        if (shape.bits === 64) view.setBigUint64(o, b, true);
        else if (shape.bits === 32) view.setUint32(o, Number(b), true);
        else if (shape.bits === 16) view.setUint16(o, Number(b), true);
        else out[o] = Number(b);
      }
    }
    return out;
  }
}
