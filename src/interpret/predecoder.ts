import { DeadCode } from '../binary/dead_code.js';
import { FUEL_ENTRY, FUEL_LOOP, FUEL_UNCHECKED, FuelSegments } from '../core/fuel_segments.js';
import { ValType, isRefType } from '../core/types.js';
import type { ModuleInfo } from '../binary/module_info.js';
import { BLOCK_EMPTY, BLOCK_VALUE, OperatorReader } from '../binary/operator_reader.js';
import { simpleIndex, simpleSignatures, type SimpleSignatures } from '../validate/op_signatures.js';
import { CodeBuffer } from './code_buffer.js';
import { IOp, arithIndex, fusableIndex } from './internal_ops.js';
import type { InterpretOptions } from './interpret_options.js';
import { FUNC_HAS_CALL, FUNC_HAS_GROW } from '../validate/module_context.js';

/**
 * A function body predecoded for the interpreter: compact code with resolved branch targets, decoded immediates and
 * static stack positions, and the frame layout.
 *
 * Frame layout (slots of the store's stack from the frame pointer `fp`; a slot is 8 bytes seen as `S`/`I`/`F`, or
 * an entry of the store's reference slots for references): the i64 params first (where callers put them, as the
 * compiled calling convention has it), then the other params, then the declared locals, then the operand stack.
 * An i32 lives in the low half of its slot, i64 in the whole slot, f32 (in the engine's f64 representation) and
 * f64 as the slot's double.
 */
export interface PredecodedFunction {
  readonly code: Int32Array;
  /** Slots the frame takes: locals plus the deepest operand stack. */
  readonly frameSize: number;
  /** Slots of params and locals (the operand stack starts here). */
  readonly localCount: number;
  /** First slot of the declared locals (zeroed at entry up to `localCount`). */
  readonly declaredFrom: number;
  /** Slots of declared reference locals (set to null at entry). */
  readonly refLocals: Int32Array;
  /** Whether the function checks the epoch at entry (it calls: loops check at their headers). */
  readonly epochAtEntry: boolean;
  /** No reference locals and no epoch check: entering it is the stack check and zeroing numeric locals. */
  readonly plainEntry: boolean;
}

/** Control frame kinds. */
const BLOCK = 0;
const LOOP = 1;
const IF = 2;
const FUNC = 3;

/** Kinds of fuel segment, as in the compiler. */

interface Frame {
  kind: number;
  /** Operand stack height where the frame's params begin. */
  base: number;
  nParams: number;
  nResults: number;
  /** loop: code position of its header. */
  start: number;
  /** Positions of words to patch with the frame's end position. */
  fixups: number[];
  /** if: position of the `ifFalse` target word, or -1 once patched. */
  elseFixup: number;
  used: boolean;
  thenReachable: boolean;
  hasElse: boolean;
}

/**
 * The slot of each param of a function of type `params` in its frame: i64 params first, in order, then the others.
 */
export function paramSlots(params: readonly ValType[]): Int32Array {
  const slots = new Int32Array(params.length);
  let s = 0;
  for (let i = 0; i < params.length; i++) if (params[i] === ValType.i64) slots[i] = s++;
  for (let i = 0; i < params.length; i++) if (params[i] !== ValType.i64) slots[i] = s++;
  return slots;
}

/**
 * Predecodes defined function `d` of a validated module. Fuel segments (where charges are placed, what each charges
 * and which ones check) follow the compiler's rules exactly, so a call charges the same fuel in both strategies.
 */
export function predecodeFunction(info: ModuleInfo, d: number, options: InterpretOptions): PredecodedFunction {
  const p = new Predecoder(info, options);
  const fn = p.run(d);
  p.out.finish();
  return fn;
}

/**
 * For each word of defined function `d`'s predecoded code, the wasm byte offset of its instruction: only traps need
 * them, so they are not kept; the function is predecoded again (deterministically) when a backtrace asks.
 */
export function predecodedOffsets(info: ModuleInfo, d: number, options: InterpretOptions): Int32Array {
  const p = new Predecoder(info, options);
  p.run(d);
  return p.out.offsetsSoFar();
}

class Predecoder {
  readonly out: CodeBuffer;
  private frames: Frame[] = [];
  private height = 0;
  private maxHeight = 0;
  private dead = false;
  private readonly deadCode = new DeadCode();
  private at = 0;
  private localTypes: ValType[] = [];
  private localSlot: number[] = [];
  private hasCalls = false;
  /** The previous instruction when it was an `i32.const` or a numeric `local.get` (else -1), and its position. */
  private lastOp = -1;
  private lastAt = -1;
  /** The same for the instruction before that one, when it was adjacent. */
  private last2Op = -1;
  private last2At = -1;
  /** Position of the last instruction when it was a three-way fused arithmetic one (`arithIndex` in `fusedArith`). */
  private fusedAt = -1;
  private fusedArith = -1;
  // Fuel segments: placed, charged and checked by the same rules as compiled code (`FuelSegments`).
  private fuelOn = false;
  /** Position of the open segment's charge instruction, or -1. */
  private fuelHeader = -1;
  private readonly fuelSegs = new FuelSegments();

  private readonly simple: SimpleSignatures;

  constructor(
    private readonly info: ModuleInfo,
    private readonly options: InterpretOptions,
  ) {
    this.out = new CodeBuffer();
    this.simple = simpleSignatures(options.features);
  }

  run(d: number): PredecodedFunction {
    const info = this.info;
    const fi = info.importedFuncCount + d;
    const type = info.types[info.funcTypeIndices[fi]!]!;
    const body = info.codes[d]!;
    this.fuelOn = this.options.fuel && this.options.trivial[d] !== 1;
    this.fuelSegs.reset(this.options.uncheckedFuel);

    const ps = paramSlots(type.params);
    for (let i = 0; i < type.params.length; i++) {
      this.localTypes.push(type.params[i]!);
      this.localSlot.push(ps[i]!);
    }
    let slot = type.params.length;
    const declaredFrom = slot;
    const refLocals: number[] = [];
    for (const run of body.localRuns) {
      for (let k = 0; k < run.count; k++) {
        this.localTypes.push(run.type);
        if (isRefType(run.type)) refLocals.push(slot);
        this.localSlot.push(slot++);
      }
    }
    const localCount = slot;

    this.frames.push(this.frame(FUNC, 0, 0, type.results.length));
    this.at = body.codeStart;
    if (this.options.tierUp) this.emit(IOp.hot);
    this.fuelStart(FUEL_ENTRY);
    const r = new OperatorReader(info.bytes, body.codeStart, body.codeEnd, this.options.features);
    while (this.frames.length > 0) {
      const op = r.read();
      this.at = r.offset;
      if (this.dead && !this.deadCode.ends(op)) continue;
      this.op(op, r, localCount);
    }
    return {
      code: this.out.code(),
      frameSize: Math.max(1, localCount + this.maxHeight),
      localCount,
      declaredFrom,
      refLocals: Int32Array.from(refLocals),
      epochAtEntry: this.options.epoch && this.hasCalls,
      plainEntry: refLocals.length === 0 && !(this.options.epoch && this.hasCalls),
    };
  }

  private frame(kind: number, base: number, nParams: number, nResults: number): Frame {
    return { kind, base, nParams, nResults, start: this.out.length, fixups: [], elseFixup: -1, used: false, thenReachable: false, hasElse: false };
  }

  private emit(word: number): number {
    return this.out.push(word, this.at);
  }

  private setHeight(h: number): void {
    this.height = h;
    if (h > this.maxHeight) this.maxHeight = h;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Fuel segments: the compiler's placement, checks and caps (FunctionCompiler.fuelStart, chargeFuel, fuelEnd).

  private fuelStart(kind = FUEL_UNCHECKED): void {
    if (!this.fuelOn) return;
    this.fuelHeader = this.emit(IOp.fuel);
    this.emit(0);
    this.fuelSegs.start(kind);
  }

  private chargeFuel(n: number): void {
    if (this.fuelHeader < 0) return;
    if (this.fuelSegs.full(n)) {
      this.fuelEnd();
      this.fuelStart();
    }
    this.fuelSegs.count += n;
  }

  private fuelEnd(): void {
    if (!this.fuelOn || this.fuelHeader < 0) return;
    const n = this.fuelSegs.end();
    if (n > 0) {
      this.out.set(this.fuelHeader, this.fuelSegs.checked ? IOp.fuelCheck : IOp.fuel);
      this.out.set(this.fuelHeader + 1, n);
    }
    this.fuelHeader = -1;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Unreachable code: skipped as the compiler skips it (nothing emitted, nothing charged).

  private markDead(): void {
    this.fuelEnd();
    this.dead = true;
    this.deadCode.reset();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Control flow

  private blockArity(r: OperatorReader): [number, number] {
    if (r.blockType === BLOCK_EMPTY) return [0, 0];
    if (r.blockType === BLOCK_VALUE) return [0, 1];
    const t = this.info.types[r.blockType]!;
    return [t.params.length, t.results.length];
  }

  /** Emits the operands of a branch to `f`: target, destination height (a frame slot), arity. */
  private branchOperands(f: Frame, localCount: number): void {
    const arity = f.kind === LOOP ? f.nParams : f.nResults;
    f.used = true;
    if (f.kind === LOOP) this.emit(f.start);
    else f.fixups.push(this.emit(0));
    this.emit(localCount + f.base);
    // Values already at their destination need no move: the arity is stored complemented (negative).
    this.emit(this.height === f.base + arity ? ~arity : arity);
  }

  /** A branch to the frame `depth` labels out: `ret` for the function's frame. */
  private branch(opcode: number, depth: number, localCount: number): void {
    const f = this.frames[this.frames.length - 1 - depth]!;
    if (f.kind === FUNC) {
      if (opcode === IOp.brIf) {
        // br_if to the function: a conditional return.
        this.emit(IOp.ifFalse);
        const skip = this.emit(0);
        this.emit(IOp.ret);
        this.out.set(skip, this.out.length);
        return;
      }
      this.emit(IOp.ret);
      return;
    }
    this.emit(opcode);
    this.branchOperands(f, localCount);
  }

  private endFrame(): void {
    const f = this.frames[this.frames.length - 1]!;
    const reachableEnd = !this.dead;
    this.fuelEnd();
    this.frames.pop();
    this.dead = false;
    this.deadCode.reset();
    if (f.kind === FUNC) {
      // br_table entries that return jump here.
      if (reachableEnd || f.fixups.length > 0) {
        for (const p of f.fixups) this.out.set(p, this.out.length);
        this.emit(IOp.ret);
      }
      return;
    }
    const here = this.out.length;
    if (f.elseFixup >= 0) this.out.set(f.elseFixup, here);
    if (f.kind !== LOOP) for (const p of f.fixups) this.out.set(p, here);
    let reachable: boolean;
    if (f.kind === BLOCK) reachable = reachableEnd || f.used;
    else if (f.kind === LOOP) reachable = reachableEnd;
    else reachable = f.hasElse ? reachableEnd || f.thenReachable || f.used : true;
    this.setHeight(f.base + f.nResults);
    if (!reachable) this.markDead();
    else this.fuelStart();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Instructions

  private op(op: number, r: OperatorReader, L: number): void {
    // Every instruction is charged except block, loop, else, end and nop (as compiled code does).
    if (this.fuelOn && op !== 0x0b && op !== 0x05 && op !== 0x01 && op !== 0x02 && op !== 0x03) this.chargeFuel(1);
    const info = this.info;
    const h = this.height;
    // Fusion needs the operand's instruction right before, with nothing (a label, a fuel charge) in between.
    const prevOp = this.out.length === this.lastAt + 2 ? this.lastOp : -1;
    const prevAt = this.lastAt;
    const prev2Op = prevOp >= 0 && this.last2At + 2 === prevAt ? this.last2Op : -1;
    const prev2At = this.last2At;
    const fusedArith = this.out.length === this.fusedAt + 3 ? this.fusedArith : -1;
    const fusedAt = this.fusedAt;
    this.lastOp = -1;
    this.fusedAt = -1;
    switch (op) {
      case 0x00: // unreachable
        this.emit(IOp.unreachable);
        this.markDead();
        return;
      case 0x01: // nop
        return;
      case 0x02: {
        // block
        const [p, res] = this.blockArity(r);
        this.fuelEnd();
        this.frames.push(this.frame(BLOCK, h - p, p, res));
        this.fuelStart();
        return;
      }
      case 0x03: {
        // loop
        const [p, res] = this.blockArity(r);
        this.fuelEnd();
        this.frames.push(this.frame(LOOP, h - p, p, res));
        if (this.options.epoch) this.emit(IOp.epoch);
        if (this.options.tierUp) this.emit(IOp.hot);
        this.fuelStart(FUEL_LOOP);
        return;
      }
      case 0x04: {
        // if
        const [p, res] = this.blockArity(r);
        this.setHeight(h - 1);
        this.fuelEnd();
        this.emit(IOp.ifFalse);
        const f = this.frame(IF, h - 1 - p, p, res);
        f.elseFixup = this.emit(0);
        this.frames.push(f);
        this.fuelStart();
        return;
      }
      case 0x05: {
        // else
        const f = this.frames[this.frames.length - 1]!;
        if (!this.dead) {
          this.emit(IOp.jump);
          f.fixups.push(this.emit(0));
          f.thenReachable = true;
        }
        this.fuelEnd();
        f.hasElse = true;
        this.out.set(f.elseFixup, this.out.length);
        f.elseFixup = -1;
        this.dead = false;
        this.deadCode.reset();
        this.setHeight(f.base + f.nParams);
        this.fuelStart();
        return;
      }
      case 0x0b: // end
        this.endFrame();
        return;
      case 0x0c: // br
        this.fuelEnd();
        this.branch(IOp.br, r.index, L);
        this.markDead();
        return;
      case 0x0d: // br_if
        this.setHeight(h - 1);
        this.fuelEnd();
        this.branch(IOp.brIf, r.index, L);
        this.fuelStart();
        return;
      case 0x0e: {
        // br_table
        this.setHeight(h - 1);
        this.fuelEnd();
        const n = r.targetCount;
        this.emit(IOp.brTable);
        this.emit(n);
        for (let i = 0; i <= n; i++) {
          const depth = i < n ? r.targets[i]! : r.index;
          // A target that returns goes to the function's final `ret` (with the results moved to the stack's base).
          this.branchOperands(this.frames[this.frames.length - 1 - depth]!, L);
        }
        this.markDead();
        return;
      }
      case 0x0f: // return
        this.fuelEnd();
        this.emit(IOp.ret);
        this.markDead();
        return;
      case 0x10: {
        // call
        const fi = r.index;
        const t = info.types[info.funcTypeIndices[fi]!]!;
        const d = fi - info.importedFuncCount;
        this.hasCalls = true;
        if (d >= 0 && this.options.trivial[d] === 1) {
          // Trivial callees are charged here, by their caller.
          this.chargeFuel(this.options.ops[d]!);
        } else if (d >= 0 && (this.options.flags[d]! & (FUNC_HAS_CALL | FUNC_HAS_GROW)) !== 0) {
          this.fuelSegs.callsCheckingFunction();
        }
        if (d >= 0) {
          this.emit(IOp.callDefined);
          this.emit(d);
        } else {
          this.emit(IOp.call);
          this.emit(fi);
        }
        this.setHeight(h - t.params.length + t.results.length);
        return;
      }
      case 0x11: {
        // call_indirect
        const t = info.types[r.index]!;
        this.hasCalls = true;
        this.emit(IOp.callIndirect);
        this.emit(r.index);
        this.emit(r.index2);
        this.setHeight(h - 1 - t.params.length + t.results.length);
        return;
      }
      case 0x1a: // drop
        this.emit(IOp.drop);
        this.setHeight(h - 1);
        return;
      case 0x1b: // select
        this.emit(IOp.select);
        this.setHeight(h - 2);
        return;
      case 0x1c: // select t
        this.emit(isRefType(r.selectTypes[0]!) ? IOp.selectRef : IOp.select);
        this.setHeight(h - 2);
        return;
      case 0x20: // local.get
      case 0x21: // local.set
      case 0x22: {
        // local.tee
        const ref = isRefType(this.localTypes[r.index]!);
        if (op !== 0x20 && fusedArith >= 0 && !ref) {
          // `x = a + b` (or tee): the fused arithmetic writes the local itself.
          const local = this.out.wordAt(fusedAt) >= IOp.i32LocalLocalOp;
          const variant = op === 0x21 ? (local ? IOp.i32LocalLocalSet : IOp.i32LocalConstSet) : local ? IOp.i32LocalLocalTee : IOp.i32LocalConstTee;
          this.out.set(fusedAt, variant + fusedArith);
          this.emit(this.localSlot[r.index]!);
          this.setHeight(op === 0x21 ? h - 1 : h);
          return;
        }
        if (op === 0x20) this.emit(ref ? IOp.localGetRef : IOp.localGet);
        else if (op === 0x21) this.emit(ref ? IOp.localSetRef : IOp.localSet);
        else this.emit(ref ? IOp.localTeeRef : IOp.localTee);
        this.emit(this.localSlot[r.index]!);
        if (op === 0x20 && !ref) {
          this.last2Op = prevOp;
          this.last2At = prevAt;
          this.lastOp = IOp.localGet;
          this.lastAt = this.out.length - 2;
        }
        this.setHeight(op === 0x20 ? h + 1 : op === 0x21 ? h - 1 : h);
        return;
      }
      case 0x23: // global.get
      case 0x24: {
        // global.set
        const t = info.globals[r.index]!.type;
        const get = op === 0x23;
        if (t === ValType.i32) this.emit(get ? IOp.globalGetI32 : IOp.globalSetI32);
        else if (t === ValType.i64) this.emit(get ? IOp.globalGetI64 : IOp.globalSetI64);
        else if (t === ValType.f32 || t === ValType.f64) this.emit(get ? IOp.globalGetF : IOp.globalSetF);
        else this.emit(get ? IOp.globalGetRef : IOp.globalSetRef);
        this.emit(r.index);
        this.setHeight(get ? h + 1 : h - 1);
        return;
      }
      case 0x25: // table.get
        this.emit(IOp.tableGet);
        this.emit(r.index);
        return;
      case 0x26: // table.set
        this.emit(IOp.tableSet);
        this.emit(r.index);
        this.setHeight(h - 2);
        return;
      case 0x3f: // memory.size
        this.emit(IOp.memorySize);
        this.emit(r.index);
        this.setHeight(h + 1);
        return;
      case 0x40: // memory.grow
        this.emit(IOp.memoryGrow);
        this.emit(r.index);
        return;
      case 0x41: // i32.const
        this.emit(IOp.i32Const);
        this.emit(r.i32);
        this.setHeight(h + 1);
        this.last2Op = prevOp;
        this.last2At = prevAt;
        this.lastOp = IOp.i32Const;
        this.lastAt = this.out.length - 2;
        return;
      case 0x42: // i64.const
        this.emit(IOp.const64);
        this.emit(Number(BigInt.asIntN(32, r.i64)));
        this.emit(Number(BigInt.asIntN(32, r.i64 >> 32n)));
        this.setHeight(h + 1);
        return;
      case 0x43: // f32.const: its bits; the interpreter builds the engine's f32 representation
        this.emit(0x43);
        this.emit(r.f32Bits | 0);
        this.setHeight(h + 1);
        return;
      case 0x44: // f64.const
        this.emit(IOp.const64);
        this.emit(r.f64Lo | 0);
        this.emit(r.f64Hi | 0);
        this.setHeight(h + 1);
        return;
      case 0xd0: // ref.null
        this.emit(IOp.refNull);
        this.setHeight(h + 1);
        return;
      case 0xd1: // ref.is_null
        this.emit(IOp.refIsNull);
        return;
      case 0xd2: // ref.func
        this.emit(IOp.refFunc);
        this.emit(r.index);
        this.setHeight(h + 1);
        return;
      default:
        break;
    }
    if (op >= 0x28 && op <= 0x3e) {
      // loads (0x28..0x35) keep the height; stores pop two
      this.emit(op);
      this.emit(r.memIndex);
      this.emit(r.memOffset | 0);
      if (op >= 0x36) this.setHeight(h - 2);
      return;
    }
    const si = simpleIndex(op);
    const sig = this.simple;
    const k = fusableIndex(op);
    if (k >= 0 && prev2Op === IOp.localGet && (prevOp === IOp.i32Const || prevOp === IOp.localGet)) {
      // `local.get x` then `i32.const c` / `local.get y` then the operator: one instruction [op, x, c|y].
      const b = this.out.wordAt(prevAt + 1);
      this.out.set(prev2At, (prevOp === IOp.i32Const ? IOp.i32LocalConstOp : IOp.i32LocalLocalOp) + k);
      this.out.set(prev2At + 2, b);
      this.out.truncate(prev2At + 3);
      for (let p = prev2At; p < prev2At + 3; p++) this.out.setOffset(p, this.at);
      this.setHeight(h - 1);
      this.fusedArith = arithIndex(op);
      if (this.fusedArith >= 0) this.fusedAt = prev2At;
      return;
    }
    if (k >= 0 && (prevOp === IOp.i32Const || prevOp === IOp.localGet)) {
      // `i32.const c` / `local.get x` then an i32 operator: one instruction, traps reported at the operator.
      this.out.set(prevAt, (prevOp === IOp.i32Const ? IOp.i32ConstOp : IOp.i32LocalOp) + k);
      this.out.setOffset(prevAt, this.at);
      this.out.setOffset(prevAt + 1, this.at);
      this.setHeight(h - 1);
      return;
    }
    if (si >= 0 && sig.out[si]! !== 0) {
      // numeric operators and conversions: wasm's number, or FC + sub for the saturating truncations
      this.emit(op < 0x100 ? op : IOp.FC + (si - 0x100));
      if (sig.below[si]! !== 0) this.setHeight(h - 1);
      return;
    }
    const sub = si - 0x100;
    switch (sub) {
      case 0x08: // memory.init [data, memory]
      case 0x0a: // memory.copy [dst, src]
      case 0x0c: // table.init [elem, table]
      case 0x0e: // table.copy [dst, src]
        this.emit(IOp.FC + sub);
        this.emit(r.index);
        this.emit(r.index2);
        this.setHeight(h - 3);
        return;
      case 0x0b: // memory.fill [memory]
      case 0x11: // table.fill [table]
        this.emit(IOp.FC + sub);
        this.emit(r.index);
        this.setHeight(h - 3);
        return;
      case 0x09: // data.drop [data]
      case 0x0d: // elem.drop [elem]
        this.emit(IOp.FC + sub);
        this.emit(r.index);
        return;
      case 0x0f: // table.grow [table]
        this.emit(IOp.FC + sub);
        this.emit(r.index);
        this.setHeight(h - 1);
        return;
      case 0x10: // table.size [table]
        this.emit(IOp.FC + sub);
        this.emit(r.index);
        this.setHeight(h + 1);
        return;
      default:
        throw new Error(`interpreter: unhandled opcode 0x${op.toString(16)}`);
    }
  }
}
