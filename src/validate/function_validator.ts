import { CompileError } from '../core/compile_error.js';
import { ValType, valTypeName } from '../core/types.js';
import { MAX_FUNCTION_LOCALS } from '../binary/decoder.js';
import { BLOCK_EMPTY, BLOCK_VALUE, OperatorReader } from '../binary/operator_reader.js';
import { FUNC_HAS_CALL, FUNC_HAS_GROW, FUNC_HAS_LOOP, type ModuleContext } from './module_context.js';
import { MEM_NATURAL_ALIGN, MEM_VALUE_TYPE, simpleIndex, simpleSignatures, type SimpleSignatures } from './op_signatures.js';

/** Operand type of a value popped from the polymorphic stack of unreachable code (the spec's "Unknown"). */
const UNKNOWN = 0;

/** Control frame kinds: the opcode that opened the frame (block 0x02, loop, if, else), 0 for the function's own. */
const FRAME_FUNC = 0;
const FRAME_LOOP = 0x03;
const FRAME_IF = 0x04;
const FRAME_ELSE = 0x05;

const I32 = ValType.i32;
const I64 = ValType.i64;
const F32 = ValType.f32;
const F64 = ValType.f64;
const FUNCREF = ValType.funcref;

/**
 * The spec's validation algorithm for function bodies (WebAssembly 2.0, appendix "Validation Algorithm"), in one
 * pass over the instructions with an operand stack and a control stack held in typed arrays that are reused from
 * one function to the next: no allocation per instruction.
 *
 * The body is also decoded here (the module decoder only records its byte range), so malformed instructions are
 * reported as `CompileError('malformed', ...)` and type errors as `CompileError('invalid', ...)`. Like the
 * reference interpreter, the reader is bounded by the module rather than the body, and a body whose final `end`
 * is not its last byte is a "section size mismatch".
 */
export class FunctionValidator {
  private readonly r: OperatorReader;
  private readonly simple: SimpleSignatures;
  private readonly pool: Uint8Array;

  /** Operand stack: value types, `UNKNOWN` for bottom. */
  private vals: Uint8Array = new Uint8Array(1024);
  private sp = 0;

  /** Control stack, one entry per open block; `depth` entries are live. */
  private fKind: Uint8Array = new Uint8Array(64);
  private fHeight: Int32Array = new Int32Array(64);
  private fUnreachable: Uint8Array = new Uint8Array(64);
  private fParamOff: Int32Array = new Int32Array(64);
  private fParamLen: Int32Array = new Int32Array(64);
  private fResultOff: Int32Array = new Int32Array(64);
  private fResultLen: Int32Array = new Int32Array(64);
  private depth = 0;
  /** The top frame's height and reachability, cached out of the arrays for the hot pop path. */
  private height = 0;
  private unreachable = false;

  /**
   * Types of the current function's parameters and locals, sized once for the most any function may have (the
   * decoder enforces that limit), so the field is never replaced: V8 then keeps it a constant in optimized code.
   */
  private readonly locals: Uint8Array = new Uint8Array(MAX_FUNCTION_LOCALS);
  private localCount = 0;

  /** Facts about the body being validated (`ModuleContext.funcFacts`). */
  private facts = 0;

  /** Signature of the block type just read (`resolveBlockType`). */
  private bParamOff = 0;
  private bParamLen = 0;
  private bResultOff = 0;
  private bResultLen = 0;

  /** Feature switches for the instructions they add (checked only in those instructions' cases). */
  private readonly refTypes: boolean;
  private readonly bulkMemory: boolean;

  constructor(private readonly ctx: ModuleContext) {
    this.r = new OperatorReader(ctx.info.bytes, 0, 0, ctx.features);
    this.simple = simpleSignatures(ctx.features);
    this.pool = ctx.sigPool;
    this.refTypes = ctx.features.referenceTypes;
    this.bulkMemory = ctx.features.bulkMemory;
  }

  /** Validates the body of defined function `definedIndex` (function `importedFuncCount + definedIndex`). */
  validate(definedIndex: number): void {
    const ctx = this.ctx;
    const info = ctx.info;
    const body = info.codes[definedIndex]!;
    const typeIndex = ctx.funcTypes[info.importedFuncCount + definedIndex]!;
    const pool = this.pool;
    const r = this.r;
    r.pos = body.codeStart;
    r.end = info.bytes.length;

    // Locals: parameters, then the declared runs.
    const paramOff = ctx.typeParamOff[typeIndex]!;
    const paramLen = ctx.typeParamLen[typeIndex]!;
    const nLocals = paramLen + body.localCount;
    const locals = this.locals;
    for (let i = 0; i < paramLen; i++) locals[i] = pool[paramOff + i]!;
    let li = paramLen;
    for (const run of body.localRuns) {
      locals.fill(run.type, li, li + run.count);
      li += run.count;
    }
    this.localCount = nLocals;

    this.sp = 0;
    this.depth = 0;
    this.pushFrame(FRAME_FUNC, 0, 0, ctx.typeResultOff[typeIndex]!, ctx.typeResultLen[typeIndex]!);

    const simple = this.simple;
    const sTop = simple.top;
    const sBelow = simple.below;
    const sOut = simple.out;
    this.facts = 0;
    let ops = 0;

    for (;;) {
      const op = r.read();
      ops++;
      switch (op) {
        case 0x02: // block
        case 0x03: // loop
          if (op === 0x03) this.facts |= FUNC_HAS_LOOP;
          this.resolveBlockType();
          this.popSig(this.bParamOff, this.bParamLen);
          this.pushFrame(op, this.bParamOff, this.bParamLen, this.bResultOff, this.bResultLen);
          this.pushSig(this.bParamOff, this.bParamLen);
          break;
        case 0x04: // if
          this.resolveBlockType();
          this.popExpect(I32);
          this.popSig(this.bParamOff, this.bParamLen);
          this.pushFrame(FRAME_IF, this.bParamOff, this.bParamLen, this.bResultOff, this.bResultLen);
          this.pushSig(this.bParamOff, this.bParamLen);
          break;
        case 0x0b: { // end
          const f = this.depth - 1;
          this.checkFrameEnd();
          if (this.fKind[f] === FRAME_IF && !this.sigEqual(f)) {
            this.fail('type mismatch: if without else must leave its parameters unchanged');
          }
          const rOff = this.fResultOff[f]!;
          const rLen = this.fResultLen[f]!;
          this.depth = f;
          if (f === 0) {
            if (r.pos !== body.codeEnd) throw new CompileError('malformed', 'section size mismatch', body.codeStart);
            ctx.funcFacts[definedIndex] = this.facts;
            ctx.funcOps[definedIndex] = ops;
            return;
          }
          this.height = this.fHeight[f - 1]!;
          this.unreachable = this.fUnreachable[f - 1] === 1;
          this.pushSig(rOff, rLen);
          break;
        }
        case 0x0c: { // br
          const f = this.label(r.index);
          this.popLabel(f);
          this.setUnreachable();
          break;
        }
        case 0x0d: { // br_if
          const f = this.label(r.index);
          this.popExpect(I32);
          this.popLabel(f);
          this.pushLabel(f);
          break;
        }
        case 0x10: { // call
          this.facts |= FUNC_HAS_CALL;
          const fn = r.index;
          if (fn >= ctx.funcTypes.length) this.fail(`unknown function ${fn}`);
          const t = ctx.funcTypes[fn]!;
          this.popSig(ctx.typeParamOff[t]!, ctx.typeParamLen[t]!);
          this.pushSig(ctx.typeResultOff[t]!, ctx.typeResultLen[t]!);
          break;
        }
        case 0x1a: // drop
          this.pop();
          break;
        case 0x20: { // local.get
          const x = r.index;
          if (x >= this.localCount) this.fail(`unknown local ${x}`);
          this.push(locals[x]!);
          break;
        }
        case 0x21: { // local.set
          const x = r.index;
          if (x >= this.localCount) this.fail(`unknown local ${x}`);
          this.popExpect(locals[x]!);
          break;
        }
        case 0x22: { // local.tee
          const x = r.index;
          if (x >= this.localCount) this.fail(`unknown local ${x}`);
          const t = locals[x]!;
          this.popExpect(t);
          this.push(t);
          break;
        }
        case 0x23: { // global.get
          const g = r.index;
          if (g >= ctx.globalTypes.length) this.fail(`unknown global ${g}`);
          this.push(ctx.globalTypes[g]!);
          break;
        }
        case 0x28: case 0x29: case 0x2a: case 0x2b: case 0x2c: case 0x2d: case 0x2e: case 0x2f:
        case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: // loads
          this.memarg(op);
          this.popExpect(I32);
          this.push(MEM_VALUE_TYPE[op - 0x28]!);
          break;
        case 0x36: case 0x37: case 0x38: case 0x39: case 0x3a: case 0x3b: case 0x3c: case 0x3d:
        case 0x3e: // stores
          this.memarg(op);
          this.popExpect(MEM_VALUE_TYPE[op - 0x28]!);
          this.popExpect(I32);
          break;
        case 0x41: // i32.const
          this.push(I32);
          break;
        case 0x42: // i64.const
          this.push(I64);
          break;
        case 0x43: // f32.const
          this.push(F32);
          break;
        case 0x44: // f64.const
          this.push(F64);
          break;
        default: {
          // Numeric operators and conversions, from the signature tables; anything else is rarer.
          const i = simpleIndex(op);
          const out = i < 0 ? 0 : sOut[i]!;
          if (out === 0) {
            this.rare(op);
            break;
          }
          this.popExpect(sTop[i]!);
          const below = sBelow[i]!;
          if (below !== 0) this.popExpect(below);
          this.push(out);
        }
      }
    }
  }

  /**
   * The less frequent instructions, out of the main loop so that loop stays small enough for V8 to compile
   * quickly and to inline its helpers.
   */
  private rare(op: number): void {
    const r = this.r;
    const ctx = this.ctx;
    switch (op) {
      case 0x00: // unreachable
        this.setUnreachable();
        break;
      case 0x01: // nop
        break;
      case 0x05: { // else
        const f = this.depth - 1;
        // The binary grammar only has `else` inside `if`; elsewhere the decoder wanted the block's `end`.
        if (this.fKind[f] !== FRAME_IF) throw new CompileError('malformed', 'END opcode expected', r.offset);
        this.checkFrameEnd();
        this.fKind[f] = FRAME_ELSE;
        this.fUnreachable[f] = 0;
        this.unreachable = false;
        this.pushSig(this.fParamOff[f]!, this.fParamLen[f]!);
        break;
      }
      case 0x0e: // br_table
        this.brTable();
        break;
      case 0x0f: // return
        this.popSig(this.fResultOff[0]!, this.fResultLen[0]!);
        this.setUnreachable();
        break;
      case 0x11: { // call_indirect
        this.facts |= FUNC_HAS_CALL;
        const table = r.index2;
        const t = r.index;
        if (table >= ctx.tableTypes.length) this.fail(`unknown table ${table}`);
        if (t >= ctx.typeParamLen.length) this.fail(`unknown type ${t}`);
        if (ctx.tableTypes[table] !== FUNCREF) this.fail('type mismatch: call_indirect needs a funcref table');
        this.popExpect(I32);
        this.popSig(ctx.typeParamOff[t]!, ctx.typeParamLen[t]!);
        this.pushSig(ctx.typeResultOff[t]!, ctx.typeResultLen[t]!);
        break;
      }
      case 0x1b: // select
        this.select();
        break;
      case 0x1c: { // select t*
        if (!this.refTypes) this.illegal();
        if (r.selectTypes.length !== 1) this.fail('invalid result arity');
        const t = r.selectTypes[0]!;
        this.popExpect(I32);
        this.popExpect(t);
        this.popExpect(t);
        this.push(t);
        break;
      }
      case 0x24: { // global.set
        const g = r.index;
        if (g >= ctx.globalTypes.length) this.fail(`unknown global ${g}`);
        if (ctx.globalMutable[g] === 0) this.fail(`global is immutable: global ${g}`);
        this.popExpect(ctx.globalTypes[g]!);
        break;
      }
      case 0x25: { // table.get
        if (!this.refTypes) this.illegal();
        const t = this.tableType(r.index);
        this.popExpect(I32);
        this.push(t);
        break;
      }
      case 0x26: { // table.set
        if (!this.refTypes) this.illegal();
        const t = this.tableType(r.index);
        this.ctx.tableWritten[r.index] = 1;
        this.popExpect(t);
        this.popExpect(I32);
        break;
      }
      case 0x3f: // memory.size
        this.memory(r.index);
        this.push(I32);
        break;
      case 0x40: // memory.grow
        this.facts |= FUNC_HAS_GROW;
        this.memory(r.index);
        this.popExpect(I32);
        this.push(I32);
        break;
      case 0xd0: // ref.null
        if (!this.refTypes) this.illegal();
        this.push(r.index);
        break;
      case 0xd1: { // ref.is_null
        if (!this.refTypes) this.illegal();
        const t = this.pop();
        if (t !== UNKNOWN && t !== FUNCREF && t !== ValType.externref) {
          this.fail(`type mismatch: expected a reference, got ${typeName(t)}`);
        }
        this.push(I32);
        break;
      }
      case 0xd2: { // ref.func
        if (!this.refTypes) this.illegal();
        const fn = r.index;
        if (fn >= ctx.funcTypes.length) this.fail(`unknown function ${fn}`);
        if (ctx.declaredFuncRefs[fn] === 0) this.fail(`undeclared function reference ${fn}`);
        this.push(FUNCREF);
        break;
      }
      case 0xfc08: { // memory.init
        if (!this.bulkMemory) this.illegal();
        this.memory(r.index2);
        this.dataSegment(r.index);
        this.requireDataCount();
        this.popExpect(I32);
        this.popExpect(I32);
        this.popExpect(I32);
        break;
      }
      case 0xfc09: // data.drop
        if (!this.bulkMemory) this.illegal();
        this.dataSegment(r.index);
        this.requireDataCount();
        break;
      case 0xfc0a: // memory.copy
        if (!this.bulkMemory) this.illegal();
        this.memory(r.index);
        this.memory(r.index2);
        this.popExpect(I32);
        this.popExpect(I32);
        this.popExpect(I32);
        break;
      case 0xfc0b: // memory.fill
        if (!this.bulkMemory) this.illegal();
        this.memory(r.index);
        this.popExpect(I32);
        this.popExpect(I32);
        this.popExpect(I32);
        break;
      case 0xfc0c: { // table.init
        if (!this.bulkMemory) this.illegal();
        const t = this.tableType(r.index2);
        this.ctx.tableWritten[r.index2] = 1;
        if (this.elemType(r.index) !== t) this.fail('type mismatch: element segment does not match table');
        this.popExpect(I32);
        this.popExpect(I32);
        this.popExpect(I32);
        break;
      }
      case 0xfc0d: // elem.drop
        if (!this.bulkMemory) this.illegal();
        this.elemType(r.index);
        break;
      case 0xfc0e: { // table.copy
        if (!this.bulkMemory) this.illegal();
        const dst = this.tableType(r.index);
        const src = this.tableType(r.index2);
        this.ctx.tableWritten[r.index] = 1;
        if (dst !== src) this.fail('type mismatch: tables have different element types');
        this.popExpect(I32);
        this.popExpect(I32);
        this.popExpect(I32);
        break;
      }
      case 0xfc0f: { // table.grow
        if (!this.refTypes) this.illegal();
        const t = this.tableType(r.index);
        this.ctx.tableWritten[r.index] = 1;
        this.popExpect(I32);
        this.popExpect(t);
        this.push(I32);
        break;
      }
      case 0xfc10: // table.size
        if (!this.refTypes) this.illegal();
        this.tableType(r.index);
        this.push(I32);
        break;
      case 0xfc11: { // table.fill
        if (!this.refTypes) this.illegal();
        const t = this.tableType(r.index);
        this.ctx.tableWritten[r.index] = 1;
        this.popExpect(I32);
        this.popExpect(t);
        this.popExpect(I32);
        break;
      }
      default:
        this.illegal();
    }
  }

  // ---- operand stack ----

  private push(t: number): void {
    if (this.sp === this.vals.length) this.vals = grow8(this.vals);
    this.vals[this.sp++] = t;
  }

  private pop(): number {
    if (this.sp === this.height) {
      if (this.unreachable) return UNKNOWN;
      this.fail('type mismatch: expected a value, got nothing');
    }
    return this.vals[--this.sp]!;
  }

  private popExpect(t: number): void {
    if (this.sp === this.height) {
      if (this.unreachable) return;
      this.fail(`type mismatch: expected ${typeName(t)}, got nothing`);
    }
    const a = this.vals[--this.sp]!;
    if (a !== t && a !== UNKNOWN) this.fail(`type mismatch: expected ${typeName(t)}, got ${typeName(a)}`);
  }

  /** Pops the types `pool[off, off + len)`, last first. */
  private popSig(off: number, len: number): void {
    const pool = this.pool;
    for (let i = off + len - 1; i >= off; i--) this.popExpect(pool[i]!);
  }

  private pushSig(off: number, len: number): void {
    const pool = this.pool;
    for (let i = off; i < off + len; i++) this.push(pool[i]!);
  }

  private select(): void {
    this.popExpect(I32);
    const t1 = this.pop();
    const t2 = this.pop();
    // Untyped select only takes numeric (or vector) operands.
    if (isRef(t1) || isRef(t2)) this.fail('type mismatch: select without a type needs numeric operands');
    if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) {
      this.fail(`type mismatch: select operands ${typeName(t2)} and ${typeName(t1)}`);
    }
    this.push(t1 === UNKNOWN ? t2 : t1);
  }

  // ---- control stack ----

  private pushFrame(kind: number, pOff: number, pLen: number, rOff: number, rLen: number): void {
    const d = this.depth;
    if (d === this.fKind.length) this.growFrames();
    this.fKind[d] = kind;
    this.fHeight[d] = this.sp;
    this.fUnreachable[d] = 0;
    this.fParamOff[d] = pOff;
    this.fParamLen[d] = pLen;
    this.fResultOff[d] = rOff;
    this.fResultLen[d] = rLen;
    this.depth = d + 1;
    this.height = this.sp;
    this.unreachable = false;
  }

  /** The results of the top frame must be exactly what is left above its height. */
  private checkFrameEnd(): void {
    const f = this.depth - 1;
    this.popSig(this.fResultOff[f]!, this.fResultLen[f]!);
    if (this.sp !== this.height) {
      this.fail(`type mismatch: ${this.sp - this.height} value(s) left at the end of the block`);
    }
  }

  /** Whether frame `f`'s parameter types equal its result types (an `if` without `else`). */
  private sigEqual(f: number): boolean {
    const pLen = this.fParamLen[f]!;
    if (pLen !== this.fResultLen[f]) return false;
    const pool = this.pool;
    const pOff = this.fParamOff[f]!;
    const rOff = this.fResultOff[f]!;
    for (let i = 0; i < pLen; i++) if (pool[pOff + i] !== pool[rOff + i]) return false;
    return true;
  }

  private setUnreachable(): void {
    this.sp = this.height;
    this.unreachable = true;
    this.fUnreachable[this.depth - 1] = 1;
  }

  /** The frame a branch to label `l` targets; "unknown label" when `l` is too deep. */
  private label(l: number): number {
    if (l >= this.depth) this.fail(`unknown label ${l}`);
    return this.depth - 1 - l;
  }

  /** A branch to a loop takes the loop's parameters; to anything else, its results. */
  private popLabel(f: number): void {
    if (this.fKind[f] === FRAME_LOOP) this.popSig(this.fParamOff[f]!, this.fParamLen[f]!);
    else this.popSig(this.fResultOff[f]!, this.fResultLen[f]!);
  }

  private pushLabel(f: number): void {
    if (this.fKind[f] === FRAME_LOOP) this.pushSig(this.fParamOff[f]!, this.fParamLen[f]!);
    else this.pushSig(this.fResultOff[f]!, this.fResultLen[f]!);
  }

  private brTable(): void {
    const r = this.r;
    this.popExpect(I32);
    const def = this.label(r.index);
    const loop = this.fKind[def] === FRAME_LOOP;
    const arity = loop ? this.fParamLen[def]! : this.fResultLen[def]!;
    const targets = r.targets;
    for (let i = 0; i < r.targetCount; i++) {
      const f = this.label(targets[i]!);
      const isLoop = this.fKind[f] === FRAME_LOOP;
      const off = isLoop ? this.fParamOff[f]! : this.fResultOff[f]!;
      const len = isLoop ? this.fParamLen[f]! : this.fResultLen[f]!;
      if (len !== arity) this.fail('type mismatch: br_table targets have different arities');
      this.peekSig(off, len);
    }
    this.popLabel(def);
    this.setUnreachable();
  }

  /** Checks the top of the stack against `pool[off, off + len)` without popping (pop then push back). */
  private peekSig(off: number, len: number): void {
    const pool = this.pool;
    const vals = this.vals;
    for (let i = 0; i < len; i++) {
      const expected = pool[off + len - 1 - i]!;
      const at = this.sp - 1 - i;
      if (at < this.height) {
        if (this.unreachable) return;
        this.fail(`type mismatch: expected ${typeName(expected)}, got nothing`);
      }
      const a = vals[at]!;
      if (a !== expected && a !== UNKNOWN) this.fail(`type mismatch: expected ${typeName(expected)}, got ${typeName(a)}`);
    }
  }

  /** Sets `bParam*`/`bResult*` from the block type just read. */
  private resolveBlockType(): void {
    const r = this.r;
    const bt = r.blockType;
    if (bt === BLOCK_EMPTY) {
      this.bParamLen = 0;
      this.bResultLen = 0;
    } else if (bt === BLOCK_VALUE) {
      this.bParamLen = 0;
      this.bResultOff = this.ctx.singleOff[r.blockValType]!;
      this.bResultLen = 1;
    } else {
      const ctx = this.ctx;
      if (bt >= ctx.typeParamLen.length) this.fail(`unknown type ${bt}`);
      this.bParamOff = ctx.typeParamOff[bt]!;
      this.bParamLen = ctx.typeParamLen[bt]!;
      this.bResultOff = ctx.typeResultOff[bt]!;
      this.bResultLen = ctx.typeResultLen[bt]!;
      if (!ctx.features.multiValue && (this.bParamLen !== 0 || this.bResultLen > 1)) this.fail('invalid result arity');
    }
  }

  // ---- index spaces ----

  private memory(m: number): void {
    if (m >= this.ctx.memoryCount) this.fail(`unknown memory ${m}`);
  }

  private memarg(op: number): void {
    const r = this.r;
    this.memory(r.memIndex);
    if (r.align > MEM_NATURAL_ALIGN[op - 0x28]!) this.fail('alignment must not be larger than natural');
  }

  private tableType(t: number): number {
    if (t >= this.ctx.tableTypes.length) this.fail(`unknown table ${t}`);
    return this.ctx.tableTypes[t]!;
  }

  private elemType(e: number): number {
    if (e >= this.ctx.elemTypes.length) this.fail(`unknown elem segment ${e}`);
    return this.ctx.elemTypes[e]!;
  }

  private dataSegment(d: number): void {
    if (d >= this.ctx.dataSegmentCount) this.fail(`unknown data segment ${d}`);
  }

  /**
   * `memory.init` and `data.drop` need the data count section: a rule of the binary format, so "malformed". It is
   * checked after the indices (see `MissingDataCount` in `binary/body_syntax.ts` for why).
   */
  private requireDataCount(): void {
    if (this.ctx.info.dataCount === null) {
      throw new CompileError('malformed', 'data count section required', this.r.offset);
    }
  }

  /** An instruction of a disabled feature does not exist: malformed, like any unknown opcode. */
  private illegal(): never {
    throw new CompileError('malformed', 'illegal opcode', this.r.offset);
  }

  private fail(reason: string): never {
    throw new CompileError('invalid', reason, this.r.offset);
  }

  private growFrames(): void {
    const n = this.fKind.length * 2;
    this.fKind = resize8(this.fKind, n);
    this.fUnreachable = resize8(this.fUnreachable, n);
    this.fHeight = resize32(this.fHeight, n);
    this.fParamOff = resize32(this.fParamOff, n);
    this.fParamLen = resize32(this.fParamLen, n);
    this.fResultOff = resize32(this.fResultOff, n);
    this.fResultLen = resize32(this.fResultLen, n);
  }
}

function isRef(t: number): boolean {
  return t === FUNCREF || t === ValType.externref;
}

function typeName(t: number): string {
  return t === UNKNOWN ? 'unknown' : valTypeName(t);
}

function grow8(a: Uint8Array): Uint8Array {
  return resize8(a, a.length * 2);
}

function resize8(a: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

function resize32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
