import { TrapKind } from '../core/trap_kind.js';
import { ValType, isRefType, type FuncType } from '../core/types.js';
import { makeCallShim, type CallShim, type Execute, type ShimViews } from './call_shims.js';
import { IOp, isMemoryAccess } from './internal_ops.js';
import type { ModuleInfo } from '../binary/module_info.js';
import type { InterpretOptions } from './interpret_options.js';
import type { BacktraceFrame, CallTarget, InterpreterState, MemoryLike, TableLike, TierHolder } from './interpreter_state.js';
import { paramSlots, predecodeFunction, predecodedOffsets, type PredecodedFunction } from './predecoder.js';

type F1 = (x: number) => number;
type F2 = (x: number, y: number) => number;
type SlotOp = (S: BigUint64Array, I: Int32Array, a: number, b: number, d: number) => void;
type TruncI64 = (S: BigUint64Array, x: number, d: number) => void;
type Count64 = (I: Int32Array, a: number) => number;

const fround = Math.fround, imul = Math.imul, clz32 = Math.clz32;

/** Frames recorded in a trap's backtrace at most (compiled code's traps record up to 64 JS frames). */
const MAX_BACKTRACE = 64;

/** Int32 words of a call record in the interpreter's call stack (see `pushFrame`). */
const FRAME_WORDS = 5;

/** Placeholder code of an activation whose first function is being entered. */
const ENTERING: PredecodedFunction = { code: new Int32Array(0), frameSize: 0, localCount: 0, declaredFrom: 0, refLocals: new Int32Array(0), epochAtEntry: false, plainEntry: false };

/** How a function hands back its results (see `resultKind`). */
const RES_NONE = 0;
const RES_I32 = 1;
const RES_F = 2;
const RES_REF = 3;
/** i64 or several results: in the frame's slots (references in `RR`). */
const RES_SLOTS = 4;

function resultKind(t: FuncType): number {
  const rs = t.results;
  if (rs.length === 0) return RES_NONE;
  if (rs.length > 1 || rs[0] === ValType.i64) return RES_SLOTS;
  if (rs[0] === ValType.i32) return RES_I32;
  return isRefType(rs[0]!) ? RES_REF : RES_F;
}

/** Per function type: what calls and returns need to know. */
interface TypeFacts {
  readonly nParams: number;
  readonly nResults: number;
  readonly resKind: number;
  /** Frame slot of each param. */
  readonly paramSlots: Int32Array;
  /** 1 for each reference param / result. */
  readonly paramRef: Uint8Array;
  readonly resultRef: Uint8Array;
  readonly hasRefParam: boolean;
}

function typeFacts(t: FuncType): TypeFacts {
  const paramRef = Uint8Array.from(t.params, (p) => (isRefType(p) ? 1 : 0));
  return {
    nParams: t.params.length,
    nResults: t.results.length,
    resKind: resultKind(t),
    paramSlots: paramSlots(t.params),
    paramRef,
    resultRef: Uint8Array.from(t.results, (p) => (isRefType(p) ? 1 : 0)),
    hasRefParam: paramRef.includes(1),
  };
}

/** An instance's interpreter: its entry point, its mark, and the hook that picks up grown memories. */
export interface Executor {
  readonly execute: Execute;
  /** The mark (`x` property) of function objects that `execute` runs in its own loop (`d`: their defined index). */
  readonly token: object;
  /** Picks up the current views of the memories (after growth anywhere). */
  refresh(): void;
  /** Tiering: moves the instance to compiled code now (a no-op when it has moved or cannot). */
  tierUp(): void;
}

/** The builtins the interpreter calls (the runtime's, resolved from relocations), typed. */
interface Builtins {
  readonly trap: (k: number) => never;
  readonly callIndirectFail: (t: unknown, i: number, sig: number) => never;
  readonly outOfFuel: () => number;
  readonly epochInterrupt: () => never;
  readonly f32FromBits: F1;
  readonly f32ToBits: F1;
  readonly f32Neg: F1;
  readonly f32Abs: F1;
  readonly f32Ceil: F1;
  readonly f32Floor: F1;
  readonly f32Trunc: F1;
  readonly f32Nearest: F1;
  readonly f32Sqrt: F1;
  readonly f32Min: F2;
  readonly f32Max: F2;
  readonly f32Copysign: F2;
  readonly f64Neg: F1;
  readonly f64Abs: F1;
  readonly f64Ceil: F1;
  readonly f64Floor: F1;
  readonly f64Trunc: F1;
  readonly f64Nearest: F1;
  readonly f64Sqrt: F1;
  readonly f64Min: F2;
  readonly f64Max: F2;
  readonly f64Copysign: F2;
  readonly f64PromoteF32: F1;
  readonly f32DemoteF64: F1;
  readonly i32TruncF32S: F1;
  readonly i32TruncF32U: F1;
  readonly i32TruncF64S: F1;
  readonly i32TruncF64U: F1;
  readonly i32TruncSatF32S: F1;
  readonly i32TruncSatF32U: F1;
  readonly i32TruncSatF64S: F1;
  readonly i32TruncSatF64U: F1;
  readonly i64TruncF32S: TruncI64;
  readonly i64TruncF32U: TruncI64;
  readonly i64TruncF64S: TruncI64;
  readonly i64TruncF64U: TruncI64;
  readonly i64TruncSatF32S: TruncI64;
  readonly i64TruncSatF32U: TruncI64;
  readonly i64TruncSatF64S: TruncI64;
  readonly i64TruncSatF64U: TruncI64;
  readonly f32ConvertI64S: F2;
  readonly f32ConvertI64U: F2;
  readonly f64ConvertI64S: F2;
  readonly f64ConvertI64U: F2;
  readonly i32Ctz: F1;
  readonly i32Popcnt: F1;
  readonly i64DivS: SlotOp;
  readonly i64DivU: SlotOp;
  readonly i64RemS: SlotOp;
  readonly i64RemU: SlotOp;
  readonly i64Shl: SlotOp;
  readonly i64ShrS: SlotOp;
  readonly i64ShrU: SlotOp;
  readonly i64Rotl: SlotOp;
  readonly i64Rotr: SlotOp;
  readonly i64Clz: Count64;
  readonly i64Ctz: Count64;
  readonly i64Popcnt: Count64;
  readonly memoryGrow: (m: unknown, n: number) => number;
  readonly memoryFill: (m: unknown, d: number, v: number, n: number) => void;
  readonly memoryCopy: (dm: unknown, sm: unknown, d: number, s: number, n: number) => void;
  readonly memoryInit: (m: unknown, seg: unknown, d: number, s: number, n: number) => void;
  readonly dataDrop: (seg: unknown) => void;
  readonly tableGrow: (t: unknown, v: unknown, n: number) => number;
  readonly tableFill: (t: unknown, d: number, v: unknown, n: number) => void;
  readonly tableCopy: (dt: unknown, stb: unknown, d: number, s: number, n: number) => void;
  readonly tableInit: (t: unknown, seg: unknown, d: number, s: number, n: number) => void;
  readonly elemDrop: (seg: unknown) => void;
}

/**
 * One instance's state as the interpreter reads it. `k23Interpret` is one function for the whole process, taking the
 * context as an argument: V8 keeps type feedback and optimized code per closure, so a closure per instance would
 * start every instance cold (each new module re-learning, and re-optimizing, the whole switch). Contexts are made
 * by one constructor, so they share a hidden class and the loads stay monomorphic.
 */
class Context {
  readonly info: ModuleInfo;
  readonly options: InterpretOptions;
  readonly decoded: (PredecodedFunction | null)[];
  readonly sigIds: Int32Array;
  readonly S: BigUint64Array;
  readonly I: Int32Array;
  readonly U: Uint32Array;
  readonly F: Float64Array;
  readonly SN: number;
  readonly RR: unknown[];
  readonly RL: unknown[];
  readonly EP: Int32Array;
  readonly DL: Float64Array;
  readonly FU: Int32Array;
  readonly FR: Float64Array;
  readonly B: Builtins;
  readonly memories: readonly MemoryLike[];
  readonly tables: readonly TableLike[];
  readonly tableEls: unknown[][];
  /** Current view of each memory (refreshed in place when a memory grows). */
  readonly views: DataView[];
  readonly globals: readonly unknown[];
  /** i64 globals as int32 halves (no BigInt on the way); null for other globals. */
  readonly globalHalves: (Int32Array | null)[];
  readonly imports: readonly CallTarget[];
  readonly funcRefs: unknown[];
  readonly datas: readonly unknown[];
  readonly elems: readonly unknown[];
  readonly importCount: number;
  readonly fuelEnabled: boolean;
  readonly trivial: Uint8Array;
  readonly types: TypeFacts[];
  readonly defTypes: TypeFacts[];
  readonly shims: (CallShim | null)[];
  readonly shimViews: ShimViews;
  /** Marks this instance's function objects (`x`), so `call_indirect` can run them without a JS call. */
  readonly token = {};
  /**
   * Calls between this instance's functions do not recurse in JS: the caller's state is pushed on `CS` (records of
   * `FRAME_WORDS` int32s: function, return pc, fp, where the results go, the call's pc) and the loop continues in
   * the callee, so wasm recursion is bounded by the store's slot stack, not the host's JS stack. `CS` is shared by
   * nested activations of `k23Interpret` (a host function calling back in): each works above the records it found.
   */
  CS = new Int32Array(FRAME_WORDS * 64);
  csp = 0;
  /** Byte offsets of predecoded code, by defined index, for backtraces (see `offsetsOf`). */
  readonly offsets = new Map<number, Int32Array>();
  /** Tiering: function entries and loop iterations left before the instance moves to compiled code (`IOp.hot`). */
  budget: number;
  readonly tierUpAfter: number;
  /** Tiering: the instance's compiled functions once it has moved (`fns`, by defined index; shared with entries). */
  readonly tier: TierHolder;
  readonly tierUp: (() => readonly CallTarget[] | null) | null;
  readonly adoptError: ((e: unknown) => unknown) | null;

  constructor(st: InterpreterState) {
    const b = st.builtins;
    this.info = st.info;
    this.options = st.options;
    this.decoded = st.decoded;
    this.sigIds = st.sigIds;
    this.S = st.S;
    this.I = st.I;
    this.U = st.U;
    this.F = st.F;
    this.SN = st.SN;
    this.RR = st.RR;
    this.RL = st.RL;
    this.EP = st.EP;
    this.DL = st.DL;
    this.FU = st.FU;
    this.FR = st.FR;
    this.B = {
      trap: b.trap as Builtins['trap'],
      callIndirectFail: b.callIndirectFail as Builtins['callIndirectFail'],
      outOfFuel: b.outOfFuel as Builtins['outOfFuel'],
      epochInterrupt: b.epochInterrupt as Builtins['epochInterrupt'],
      f32FromBits: b.f32FromBits as Builtins['f32FromBits'],
      f32ToBits: b.f32ToBits as Builtins['f32ToBits'],
      f32Neg: b.f32Neg as Builtins['f32Neg'],
      f32Abs: b.f32Abs as Builtins['f32Abs'],
      f32Ceil: b.f32Ceil as Builtins['f32Ceil'],
      f32Floor: b.f32Floor as Builtins['f32Floor'],
      f32Trunc: b.f32Trunc as Builtins['f32Trunc'],
      f32Nearest: b.f32Nearest as Builtins['f32Nearest'],
      f32Sqrt: b.f32Sqrt as Builtins['f32Sqrt'],
      f32Min: b.f32Min as Builtins['f32Min'],
      f32Max: b.f32Max as Builtins['f32Max'],
      f32Copysign: b.f32Copysign as Builtins['f32Copysign'],
      f64Neg: b.f64Neg as Builtins['f64Neg'],
      f64Abs: b.f64Abs as Builtins['f64Abs'],
      f64Ceil: b.f64Ceil as Builtins['f64Ceil'],
      f64Floor: b.f64Floor as Builtins['f64Floor'],
      f64Trunc: b.f64Trunc as Builtins['f64Trunc'],
      f64Nearest: b.f64Nearest as Builtins['f64Nearest'],
      f64Sqrt: b.f64Sqrt as Builtins['f64Sqrt'],
      f64Min: b.f64Min as Builtins['f64Min'],
      f64Max: b.f64Max as Builtins['f64Max'],
      f64Copysign: b.f64Copysign as Builtins['f64Copysign'],
      f64PromoteF32: b.f64PromoteF32 as Builtins['f64PromoteF32'],
      f32DemoteF64: b.f32DemoteF64 as Builtins['f32DemoteF64'],
      i32TruncF32S: b.i32TruncF32S as Builtins['i32TruncF32S'],
      i32TruncF32U: b.i32TruncF32U as Builtins['i32TruncF32U'],
      i32TruncF64S: b.i32TruncF64S as Builtins['i32TruncF64S'],
      i32TruncF64U: b.i32TruncF64U as Builtins['i32TruncF64U'],
      i32TruncSatF32S: b.i32TruncSatF32S as Builtins['i32TruncSatF32S'],
      i32TruncSatF32U: b.i32TruncSatF32U as Builtins['i32TruncSatF32U'],
      i32TruncSatF64S: b.i32TruncSatF64S as Builtins['i32TruncSatF64S'],
      i32TruncSatF64U: b.i32TruncSatF64U as Builtins['i32TruncSatF64U'],
      i64TruncF32S: b.i64TruncF32S as Builtins['i64TruncF32S'],
      i64TruncF32U: b.i64TruncF32U as Builtins['i64TruncF32U'],
      i64TruncF64S: b.i64TruncF64S as Builtins['i64TruncF64S'],
      i64TruncF64U: b.i64TruncF64U as Builtins['i64TruncF64U'],
      i64TruncSatF32S: b.i64TruncSatF32S as Builtins['i64TruncSatF32S'],
      i64TruncSatF32U: b.i64TruncSatF32U as Builtins['i64TruncSatF32U'],
      i64TruncSatF64S: b.i64TruncSatF64S as Builtins['i64TruncSatF64S'],
      i64TruncSatF64U: b.i64TruncSatF64U as Builtins['i64TruncSatF64U'],
      f32ConvertI64S: b.f32ConvertI64S as Builtins['f32ConvertI64S'],
      f32ConvertI64U: b.f32ConvertI64U as Builtins['f32ConvertI64U'],
      f64ConvertI64S: b.f64ConvertI64S as Builtins['f64ConvertI64S'],
      f64ConvertI64U: b.f64ConvertI64U as Builtins['f64ConvertI64U'],
      i32Ctz: b.i32Ctz as Builtins['i32Ctz'],
      i32Popcnt: b.i32Popcnt as Builtins['i32Popcnt'],
      i64DivS: b.i64DivS as Builtins['i64DivS'],
      i64DivU: b.i64DivU as Builtins['i64DivU'],
      i64RemS: b.i64RemS as Builtins['i64RemS'],
      i64RemU: b.i64RemU as Builtins['i64RemU'],
      i64Shl: b.i64Shl as Builtins['i64Shl'],
      i64ShrS: b.i64ShrS as Builtins['i64ShrS'],
      i64ShrU: b.i64ShrU as Builtins['i64ShrU'],
      i64Rotl: b.i64Rotl as Builtins['i64Rotl'],
      i64Rotr: b.i64Rotr as Builtins['i64Rotr'],
      i64Clz: b.i64Clz as Builtins['i64Clz'],
      i64Ctz: b.i64Ctz as Builtins['i64Ctz'],
      i64Popcnt: b.i64Popcnt as Builtins['i64Popcnt'],
      memoryGrow: b.memoryGrow as Builtins['memoryGrow'],
      memoryFill: b.memoryFill as Builtins['memoryFill'],
      memoryCopy: b.memoryCopy as Builtins['memoryCopy'],
      memoryInit: b.memoryInit as Builtins['memoryInit'],
      dataDrop: b.dataDrop as Builtins['dataDrop'],
      tableGrow: b.tableGrow as Builtins['tableGrow'],
      tableFill: b.tableFill as Builtins['tableFill'],
      tableCopy: b.tableCopy as Builtins['tableCopy'],
      tableInit: b.tableInit as Builtins['tableInit'],
      elemDrop: b.elemDrop as Builtins['elemDrop'],
    };
    this.memories = st.memories;
    this.tables = st.tables;
    this.tableEls = st.tables.map((t) => t.elements);
    this.views = st.memories.map((m) => m.view);
    this.globals = st.globals;
    this.globalHalves = st.globals.map((g) => (g instanceof BigUint64Array ? new Int32Array(g.buffer, g.byteOffset, 2) : null));
    this.imports = st.imports;
    this.funcRefs = st.funcRefs;
    this.datas = st.datas;
    this.elems = st.elems;
    this.importCount = st.info.importedFuncCount;
    this.fuelEnabled = st.options.fuel;
    this.trivial = st.options.trivial;
    this.types = st.info.types.map(typeFacts);
    this.defTypes = st.info.codes.map((_, d) => this.types[st.info.funcTypeIndices[this.importCount + d]!]!);
    this.shims = st.info.types.map(() => null);
    this.shimViews = { S: st.S, I: st.I, F: st.F, RR: st.RR, RL: st.RL, tier: st.tier };
    this.budget = this.tierUpAfter = st.tierUpAfter;
    this.tier = st.tier;
    this.tierUp = st.tierUp;
    this.adoptError = st.adoptError;
  }

  /** Facts of the type of function `fi`. */
  funcType(fi: number): TypeFacts {
    return this.types[this.info.funcTypeIndices[fi]!]!;
  }

  /** The call shim of type index `t`, made at its first use. */
  shimFor(t: number): CallShim {
    return (this.shims[t] ??= makeCallShim(this.info.types[t]!, this.fuelEnabled, this.shimViews));
  }
}

/**
 * The interpreter for one instance: `execute(d, fp, fu)` runs defined function `d` with its frame at slot `fp`
 * (params already in place) and fuel `fu`, and returns its single non-i64 result (other results are left in the
 * frame's slots, references in `RR`, as compiled functions leave them). With fuel it leaves the count in `FU[0]`.
 *
 * One `switch` over the predecoded opcodes; the operand stack lives in the frame (`sp` is a slot index). Calls to
 * the instance's own functions continue in the same loop (see `Context.CS`); other calls go through the
 * signature's call shim. A trap gets the activation's frames added to its wasm backtrace as it passes (function
 * index, byte offset of the instruction).
 */
export function createExecutor(st: InterpreterState): Executor {
  const c = new Context(st);
  return {
    execute: (d, fp, fu) => k23Interpret(c, d, fp, fu),
    token: c.token,
    refresh(): void {
      for (let m = 0; m < c.memories.length; m++) c.views[m] = c.memories[m]!.view;
    },
    tierUp: () => tierUp(c),
  };
}

/**
 * Moves the instance to compiled code: from now on its entries forward to the compiled functions and interpreted
 * frames still running call them (they finish in the interpreter). When the module cannot be compiled now, the
 * instance tries again after as many entries and iterations.
 */
function tierUp(c: Context): void {
  c.budget = Number.MAX_SAFE_INTEGER;
  if (c.tier.fns !== null || c.tierUp === null) return;
  const fns = c.tierUp();
  if (fns === null) c.budget = c.tierUpAfter;
  else c.tier.fns = fns;
}

/**
 * Adds this frame to a trap's backtrace (up to `MAX_BACKTRACE` frames, as compiled code's traps are limited by the
 * JS stack trace); turns a DataView range error at a memory access into its trap, and the JS stack's exhaustion
 * into the "call stack exhausted" trap (so it passes host functions as a trap, not as their error).
 */
/** The byte offsets of defined function `d`'s predecoded code (made on the first trap through it). */
function offsetsOf(c: Context, d: number): Int32Array {
  let o = c.offsets.get(d);
  if (o === undefined) {
    o = predecodedOffsets(c.info, d, c.options);
    c.offsets.set(d, o);
  }
  return o;
}

function unwind(c: Context, e: unknown, fi: number, fn: PredecodedFunction | null, at: number, innermost = false): unknown {
  const B = c.B, info = c.info;
  let err = e;
  if (err instanceof RangeError) {
    const kind =
      err.message === 'Maximum call stack size exceeded' ? TrapKind.stackOverflow
      : fn !== null && isMemoryAccess(fn.code[at]!) ? TrapKind.memoryOutOfBounds
      : -1;
    if (kind >= 0) {
      try {
        B.trap(kind);
      } catch (t) {
        err = t;
      }
    }
  }
  // Before this activation's frames: those of the compiled code it called (tiering mixes the two).
  if (innermost && c.adoptError !== null) err = c.adoptError(err);
  if (err instanceof Error && 'wasmBacktrace' in err) {
    const bt = (err as { wasmBacktrace: BacktraceFrame[] }).wasmBacktrace;
    if (bt.length < MAX_BACKTRACE) {
      bt.push({ funcIndex: fi, funcName: info.names.functions.get(fi) ?? null, moduleName: info.names.module, offset: fn !== null ? (offsetsOf(c, fi - c.importCount)[at] ?? -1) : info.codes[fi - c.importCount]!.offset });
    }
  }
  return err;
}

/** Predecodes defined function `d` if needed and sets up its frame at `fp`: stack check, locals, epoch. */
function enter(c: Context, d: number, fp: number): PredecodedFunction {
  const { decoded, info, options, SN, F, RL, EP, DL, B } = c;
  let fn = decoded[d] as PredecodedFunction | null;
  if (fn === null) fn = decoded[d] = predecodeFunction(info, d, options);
  if (fp > SN - fn.frameSize) B.trap(TrapKind.stackOverflow);
  for (let s = fp + fn.declaredFrom, end = fp + fn.localCount; s < end; s++) F[s] = 0;
  const refLocals = fn.refLocals;
  for (let k = 0; k < refLocals.length; k++) RL[fp + refLocals[k]!] = null;
  if (fn.epochAtEntry && EP[0]! >= DL[0]!) B.epochInterrupt();
  return fn;
}

/** Pushes a call record (growing `c.CS` when full). */
function pushFrame(c: Context, d: number, pc: number, fp: number, base: number, at: number): void {
  if (c.csp + FRAME_WORDS > c.CS.length) {
    const bigger = new Int32Array(c.CS.length * 2);
    bigger.set(c.CS);
    c.CS = bigger;
  }
  c.CS[c.csp] = d;
  c.CS[c.csp + 1] = pc;
  c.CS[c.csp + 2] = fp;
  c.CS[c.csp + 3] = base;
  c.CS[c.csp + 4] = at;
  c.csp += FRAME_WORDS;
}

/**
 * One activation of the interpreter. Named for backtraces: with tiering, the runtime finds where an activation sits
 * among compiled code's frames in a JS stack by this name (`adoptError`).
 */
function k23Interpret(c: Context, d: number, fp: number, fu: number): unknown {
  const { info, decoded, sigIds, S, I, U, F, SN, RR, RL, EP, DL, FU, FR, B, memories, tables, tableEls, views, globals, globalHalves } = c;
  const { imports, funcRefs, datas, elems, importCount, fuelEnabled, trivial, types, defTypes } = c;
  const entryCsp = c.csp;
  // `at` is -1 while a function is being entered (a trap there is reported at the function's start).
  let at = -1;
  let fn = ENTERING;
  let code = fn.code;
  let fuelOn = false;
  let pc = 0;
  let sp = 0;
  try {
    fn = enter(c, d, fp);
    code = fn.code;
    fuelOn = fuelEnabled && trivial[d] !== 1;
    sp = fp + fn.localCount;
    for (;;) {
      at = pc;
      switch (code[pc++]) {
        case 0x00: // unreachable
          B.trap(TrapKind.unreachable);
          break;
        case 0x04: // ifFalse [target]
          if (I[2 * --sp] === 0) pc = code[pc]!;
          else pc++;
          break;
        case 0x05: // jump [target]
          pc = code[pc]!;
          break;
        case 0x06: // local.get ref
          RL[sp++] = RL[fp + code[pc++]!];
          break;
        case 0x07: // local.set ref
          RL[fp + code[pc++]!] = RL[--sp];
          break;
        case 0x08: // local.tee ref
          RL[fp + code[pc++]!] = RL[sp - 1];
          break;
        case 0x09: {
          // global.get i64
          const g = globalHalves[code[pc++]!]!;
          I[2 * sp] = g[0]!;
          I[2 * sp + 1] = g[1]!;
          sp++;
          break;
        }
        case 0x0a: // global.get f32/f64
          F[sp++] = (globals[code[pc++]!] as Float64Array)[0]!;
          break;
        case 0x0c: {
          // br [target, height, arity]
          const dst = fp + code[pc + 1]!;
          let n = code[pc + 2]!;
          if (n >= 0) {
            for (let k = 0, src = sp - n; k < n; k++) {
              F[dst + k] = F[src + k]!;
              RL[dst + k] = RL[src + k];
            }
          } else n = ~n;
          sp = dst + n;
          pc = code[pc]!;
          break;
        }
        case 0x0d: {
          // br_if [target, height, arity]
          if (I[2 * --sp] === 0) {
            pc += 3;
            break;
          }
          const dst = fp + code[pc + 1]!;
          let n = code[pc + 2]!;
          if (n >= 0) {
            for (let k = 0, src = sp - n; k < n; k++) {
              F[dst + k] = F[src + k]!;
              RL[dst + k] = RL[src + k];
            }
          } else n = ~n;
          sp = dst + n;
          pc = code[pc]!;
          break;
        }
        case 0x0e: {
          // br_table [count, (target, height, arity) x count + 1]
          const count = code[pc]!;
          let i = I[2 * --sp]! >>> 0;
          if (i > count) i = count;
          const e = pc + 1 + 3 * i;
          const dst = fp + code[e + 1]!;
          let n = code[e + 2]!;
          if (n >= 0) {
            for (let k = 0, src = sp - n; k < n; k++) {
              F[dst + k] = F[src + k]!;
              RL[dst + k] = RL[src + k];
            }
          } else n = ~n;
          sp = dst + n;
          pc = code[e]!;
          break;
        }
        case 0x0f: {
          // return
          if (c.csp === entryCsp) return ret(c, d, fp, sp, fuelOn, fu);
          // To the caller in this loop: results to where its arguments were.
          if (fuelOn) FU[0] = fu;
          const n = defTypes[d]!.nResults;
          c.csp -= FRAME_WORDS;
          const base = c.CS[c.csp + 3]!;
          for (let k = 0, src = sp - n; k < n; k++) {
            F[base + k] = F[src + k]!;
            RL[base + k] = RL[src + k];
          }
          d = c.CS[c.csp]!;
          pc = c.CS[c.csp + 1]!;
          fp = c.CS[c.csp + 2]!;
          sp = base + n;
          fn = decoded[d]!;
          code = fn.code;
          fuelOn = fuelEnabled && trivial[d] !== 1;
          // After an indirect call, a callee charged by this caller may have left the count below zero.
          if (fuelOn && code[c.CS[c.csp + 4]!] === IOp.callIndirect && fu < 0) fu = FR[0]!-- > 0 ? (fu + 1073741824) | 0 : B.outOfFuel();
          break;
        }
        case 0x10: {
          // call of an import [function index]
          const fi = code[pc++]!;
          const t = c.funcType(fi);
          const base = sp - t.nParams;
          const f = imports[fi]!;
          if (fuelOn) FU[0] = fu = (fu - f.fuel) | 0;
          c.shimFor(info.funcTypeIndices[fi]!)(f, base, fp + fn.frameSize, fu);
          if (fuelOn && (fu = FU[0]!) < 0) fu = FR[0]!-- > 0 ? (fu + 1073741824) | 0 : B.outOfFuel();
          sp = base + t.nResults;
          break;
        }
        case 0x11: {
          // call_indirect [type, table]
          const ti = code[pc]!;
          const tab = code[pc + 1]!;
          pc += 2;
          const t = types[ti]!;
          const idx = I[2 * --sp]!;
          const sig = sigIds[ti]!;
          const callee = tableEls[tab]![idx] as (CallTarget & { x?: unknown; d?: number }) | null | undefined;
          if (callee == null || callee.sig !== sig) {
            // Compiled code charges the failure function (cost 0), syncing the store's count, before it traps.
            if (fuelOn) FU[0] = fu;
            B.callIndirectFail(tables[tab], idx, sig);
          }
          const f = callee as CallTarget & { x?: unknown; d?: number };
          const base = sp - t.nParams;
          if (fuelOn) FU[0] = fu = (fu - f.fuel) | 0;
          if (f.x === c.token && c.tier.fns === null) {
            // One of this instance's functions: run it in this loop.
            const cd = f.d!;
            const cfp = fp + fn.frameSize;
            const ps = t.paramSlots;
            for (let k = 0; k < ps.length; k++) {
              F[cfp + ps[k]!] = F[base + k]!;
              RL[cfp + ps[k]!] = RL[base + k];
            }
            pushFrame(c, d, pc, fp, base, at);
            d = cd;
            fp = cfp;
            at = -1;
            fn = enter(c, cd, cfp);
            code = fn.code;
            fuelOn = fuelEnabled && trivial[cd] !== 1;
            pc = 0;
            sp = fp + fn.localCount;
            break;
          }
          c.shimFor(ti)(f, base, fp + fn.frameSize, fu);
          if (fuelOn && (fu = FU[0]!) < 0) fu = FR[0]!-- > 0 ? (fu + 1073741824) | 0 : B.outOfFuel();
          sp = base + t.nResults;
          break;
        }
        case 0x12: {
          // call of a defined function [defined index]: run it in this loop
          const cd = code[pc++]!;
          const t = defTypes[cd]!;
          const base = sp - t.nParams;
          const cfp = fp + fn.frameSize;
          const tiered = c.tier.fns;
          if (tiered !== null) {
            // Moved to compiled code: call it as compiled code calls it. The count goes as an argument and comes
            // back in the store's cell, unchecked; a trivial callee was charged by this segment and touches neither.
            c.shimFor(info.funcTypeIndices[importCount + cd]!)(tiered[cd]!, base, cfp, fu);
            if (fuelOn && trivial[cd] !== 1) fu = FU[0]!;
            sp = base + t.nResults;
            break;
          }
          const ps = t.paramSlots;
          for (let k = 0; k < ps.length; k++) F[cfp + ps[k]!] = F[base + k]!;
          if (t.hasRefParam) for (let k = 0; k < ps.length; k++) if (t.paramRef[k] === 1) RL[cfp + ps[k]!] = RL[base + k];
          // The call record (see Context.CS), written here rather than by pushFrame: the hot path of calls.
          let csp = c.csp;
          let cs = c.CS;
          if (csp + FRAME_WORDS > cs.length) {
            pushFrame(c, d, pc, fp, base, at);
          } else {
            cs[csp] = d;
            cs[csp + 1] = pc;
            cs[csp + 2] = fp;
            cs[csp + 3] = base;
            cs[csp + 4] = at;
            c.csp = csp + FRAME_WORDS;
          }
          d = cd;
          fp = cfp;
          at = -1;
          const next = decoded[cd];
          if (next != null && next.plainEntry && cfp <= SN - next.frameSize) {
            // Predecoded, no reference locals, no epoch check: zero the declared locals inline.
            for (let s = cfp + next.declaredFrom, end = cfp + next.localCount; s < end; s++) F[s] = 0;
            fn = next;
          } else {
            fn = enter(c, cd, cfp);
          }
          code = fn.code;
          fuelOn = fuelEnabled && trivial[cd] !== 1;
          pc = 0;
          sp = fp + fn.localCount;
          break;
        }
        case 0x13: // global.get ref
          RL[sp++] = (globals[code[pc++]!] as unknown[])[0];
          break;
        case 0x14: {
          // global.set i64
          const g = globalHalves[code[pc++]!]!;
          sp--;
          g[0] = I[2 * sp]!;
          g[1] = I[2 * sp + 1]!;
          break;
        }
        case 0x15: // global.set f32/f64
          (globals[code[pc++]!] as Float64Array)[0] = F[--sp]!;
          break;
        case 0x16: // global.set ref
          (globals[code[pc++]!] as unknown[])[0] = RL[--sp];
          break;
        case 0x17: // fuel [n]
          fu = (fu - code[pc++]!) | 0;
          break;
        case 0x18: // fuel with check [n]
          if ((fu = (fu - code[pc++]!) | 0) < 0) fu = FR[0]!-- > 0 ? (fu + 1073741824) | 0 : B.outOfFuel();
          break;
        case 0x19: // epoch check
          if (EP[0]! >= DL[0]!) B.epochInterrupt();
          break;
        case 0x1d: // tiering: a function entry or loop iteration
          if (--c.budget < 0) tierUp(c);
          break;
        case 0x1a: // drop
          sp--;
          break;
        case 0x1b: // select
          sp -= 2;
          if (I[2 * sp + 2] === 0) F[sp - 1] = F[sp]!;
          break;
        case 0x1c: // select ref
          sp -= 2;
          if (I[2 * sp + 2] === 0) RL[sp - 1] = RL[sp];
          break;
        case 0x20: // local.get
          F[sp++] = F[fp + code[pc++]!]!;
          break;
        case 0x21: // local.set
          F[fp + code[pc++]!] = F[--sp]!;
          break;
        case 0x22: // local.tee
          F[fp + code[pc++]!] = F[sp - 1]!;
          break;
        case 0x23: // global.get i32
          I[2 * sp++] = (globals[code[pc++]!] as Int32Array)[0]!;
          break;
        case 0x24: // global.set i32
          (globals[code[pc++]!] as Int32Array)[0] = I[2 * --sp]!;
          break;
        case 0x25: {
          // table.get [table]
          const T = tableEls[code[pc++]!]!;
          const i = I[2 * sp - 2]!;
          if (i >>> 0 >= T.length) B.trap(TrapKind.tableOutOfBounds);
          RL[sp - 1] = T[i];
          break;
        }
        case 0x26: {
          // table.set [table]
          const T = tableEls[code[pc++]!]!;
          sp -= 2;
          const i = I[2 * sp]!;
          if (i >>> 0 >= T.length) B.trap(TrapKind.tableOutOfBounds);
          T[i] = RL[sp + 1];
          break;
        }
        // Loads [memory, offset]: the address replaces the value in its slot.
        case 0x28: // i32.load
          I[2 * sp - 2] = views[code[pc]!]!.getInt32((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0), true);
          pc += 2;
          break;
        case 0x29: // i64.load (the slot's bits, as a double)
        case 0x2b: // f64.load
          F[sp - 1] = views[code[pc]!]!.getFloat64((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0), true);
          pc += 2;
          break;
        case 0x2a: {
          // f32.load: NaNs rebuilt from their bits (a float32 -> float64 conversion would quiet them)
          const v = views[code[pc]!]!;
          const addr = (I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0);
          let x = v.getFloat32(addr, true);
          if (x !== x) x = B.f32FromBits(v.getInt32(addr, true));
          F[sp - 1] = x;
          pc += 2;
          break;
        }
        case 0x2c: // i32.load8_s
          I[2 * sp - 2] = views[code[pc]!]!.getInt8((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0));
          pc += 2;
          break;
        case 0x2d: // i32.load8_u
          I[2 * sp - 2] = views[code[pc]!]!.getUint8((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0));
          pc += 2;
          break;
        case 0x2e: // i32.load16_s
          I[2 * sp - 2] = views[code[pc]!]!.getInt16((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0), true);
          pc += 2;
          break;
        case 0x2f: // i32.load16_u
          I[2 * sp - 2] = views[code[pc]!]!.getUint16((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0), true);
          pc += 2;
          break;
        case 0x30: {
          // i64.load8_s
          const lo = views[code[pc]!]!.getInt8((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0));
          I[2 * sp - 2] = lo;
          I[2 * sp - 1] = lo >> 31;
          pc += 2;
          break;
        }
        case 0x31: // i64.load8_u
          I[2 * sp - 2] = views[code[pc]!]!.getUint8((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0));
          I[2 * sp - 1] = 0;
          pc += 2;
          break;
        case 0x32: {
          // i64.load16_s
          const lo = views[code[pc]!]!.getInt16((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0), true);
          I[2 * sp - 2] = lo;
          I[2 * sp - 1] = lo >> 31;
          pc += 2;
          break;
        }
        case 0x33: // i64.load16_u
          I[2 * sp - 2] = views[code[pc]!]!.getUint16((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0), true);
          I[2 * sp - 1] = 0;
          pc += 2;
          break;
        case 0x34: {
          // i64.load32_s
          const lo = views[code[pc]!]!.getInt32((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0), true);
          I[2 * sp - 2] = lo;
          I[2 * sp - 1] = lo >> 31;
          pc += 2;
          break;
        }
        case 0x35: // i64.load32_u
          I[2 * sp - 2] = views[code[pc]!]!.getInt32((I[2 * sp - 2]! >>> 0) + (code[pc + 1]! >>> 0), true);
          I[2 * sp - 1] = 0;
          pc += 2;
          break;
        // Stores [memory, offset]: address below the value.
        case 0x36: // i32.store
          sp -= 2;
          views[code[pc]!]!.setInt32((I[2 * sp]! >>> 0) + (code[pc + 1]! >>> 0), I[2 * sp + 2]!, true);
          pc += 2;
          break;
        case 0x37: // i64.store
        case 0x39: // f64.store
          sp -= 2;
          views[code[pc]!]!.setFloat64((I[2 * sp]! >>> 0) + (code[pc + 1]! >>> 0), F[sp + 1]!, true);
          pc += 2;
          break;
        case 0x38: {
          // f32.store: NaNs through their bits
          sp -= 2;
          const v = views[code[pc]!]!;
          const addr = (I[2 * sp]! >>> 0) + (code[pc + 1]! >>> 0);
          const x = F[sp + 1]!;
          if (x === x) v.setFloat32(addr, x, true);
          else v.setInt32(addr, B.f32ToBits(x), true);
          pc += 2;
          break;
        }
        case 0x3a: // i32.store8
        case 0x3c: // i64.store8
          sp -= 2;
          views[code[pc]!]!.setInt8((I[2 * sp]! >>> 0) + (code[pc + 1]! >>> 0), I[2 * sp + 2]!);
          pc += 2;
          break;
        case 0x3b: // i32.store16
        case 0x3d: // i64.store16
          sp -= 2;
          views[code[pc]!]!.setInt16((I[2 * sp]! >>> 0) + (code[pc + 1]! >>> 0), I[2 * sp + 2]!, true);
          pc += 2;
          break;
        case 0x3e: // i64.store32
          sp -= 2;
          views[code[pc]!]!.setInt32((I[2 * sp]! >>> 0) + (code[pc + 1]! >>> 0), I[2 * sp + 2]!, true);
          pc += 2;
          break;
        case 0x3f: // memory.size [memory]
          I[2 * sp++] = views[code[pc++]!]!.byteLength / 65536;
          break;
        case 0x40: // memory.grow [memory]
          I[2 * sp - 2] = B.memoryGrow(memories[code[pc++]!], I[2 * sp - 2]!);
          break;
        case 0x41: // i32.const [value]
          I[2 * sp++] = code[pc++]!;
          break;
        case 0x42: // 64-bit constant [lo, hi]
          I[2 * sp] = code[pc]!;
          I[2 * sp + 1] = code[pc + 1]!;
          sp++;
          pc += 2;
          break;
        case 0x43: // f32.const [bits]
          F[sp++] = B.f32FromBits(code[pc++]!);
          break;
        // i32 comparisons
        case 0x45: // i32.eqz
          I[2 * sp - 2] = I[2 * sp - 2] === 0 ? 1 : 0;
          break;
        case 0x46: // i32.eq
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2] === I[2 * sp] ? 1 : 0;
          break;
        case 0x47: // i32.ne
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2] !== I[2 * sp] ? 1 : 0;
          break;
        case 0x48: // i32.lt_s
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! < I[2 * sp]! ? 1 : 0;
          break;
        case 0x49: // i32.lt_u
          sp--;
          I[2 * sp - 2] = U[2 * sp - 2]! < U[2 * sp]! ? 1 : 0;
          break;
        case 0x4a: // i32.gt_s
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! > I[2 * sp]! ? 1 : 0;
          break;
        case 0x4b: // i32.gt_u
          sp--;
          I[2 * sp - 2] = U[2 * sp - 2]! > U[2 * sp]! ? 1 : 0;
          break;
        case 0x4c: // i32.le_s
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! <= I[2 * sp]! ? 1 : 0;
          break;
        case 0x4d: // i32.le_u
          sp--;
          I[2 * sp - 2] = U[2 * sp - 2]! <= U[2 * sp]! ? 1 : 0;
          break;
        case 0x4e: // i32.ge_s
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! >= I[2 * sp]! ? 1 : 0;
          break;
        case 0x4f: // i32.ge_u
          sp--;
          I[2 * sp - 2] = U[2 * sp - 2]! >= U[2 * sp]! ? 1 : 0;
          break;
        // i64 comparisons on halves: signed or unsigned high halves, unsigned low halves
        case 0x50: // i64.eqz
          I[2 * sp - 2] = (I[2 * sp - 2]! | I[2 * sp - 1]!) === 0 ? 1 : 0;
          break;
        case 0x51: // i64.eq
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2] === I[2 * sp] && I[2 * sp - 1] === I[2 * sp + 1] ? 1 : 0;
          break;
        case 0x52: // i64.ne
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2] !== I[2 * sp] || I[2 * sp - 1] !== I[2 * sp + 1] ? 1 : 0;
          break;
        case 0x53: // i64.lt_s
        case 0x54: // i64.lt_u
        case 0x55: // i64.gt_s
        case 0x56: // i64.gt_u
        case 0x57: // i64.le_s
        case 0x58: // i64.le_u
        case 0x59: // i64.ge_s
        case 0x5a: {
          // i64.ge_u
          const op = code[at]!;
          sp--;
          const a = 2 * sp - 2;
          const signed = (op & 1) === 1;
          const ah = signed ? I[a + 1]! : U[a + 1]!;
          const bh = signed ? I[a + 3]! : U[a + 3]!;
          const al = U[a]!;
          const bl = U[a + 2]!;
          // -1, 0, 1 as a compares to b
          const c = ah < bh ? -1 : ah > bh ? 1 : al < bl ? -1 : al > bl ? 1 : 0;
          let r: boolean;
          if (op <= 0x54) r = c < 0;
          else if (op <= 0x56) r = c > 0;
          else if (op <= 0x58) r = c <= 0;
          else r = c >= 0;
          I[a] = r ? 1 : 0;
          break;
        }
        // f32 and f64 comparisons (both are doubles here)
        case 0x5b: // f32.eq
        case 0x61: // f64.eq
          sp--;
          I[2 * sp - 2] = F[sp - 1] === F[sp] ? 1 : 0;
          break;
        case 0x5c: // f32.ne
        case 0x62: // f64.ne
          sp--;
          I[2 * sp - 2] = F[sp - 1] !== F[sp] ? 1 : 0;
          break;
        case 0x5d: // f32.lt
        case 0x63: // f64.lt
          sp--;
          I[2 * sp - 2] = F[sp - 1]! < F[sp]! ? 1 : 0;
          break;
        case 0x5e: // f32.gt
        case 0x64: // f64.gt
          sp--;
          I[2 * sp - 2] = F[sp - 1]! > F[sp]! ? 1 : 0;
          break;
        case 0x5f: // f32.le
        case 0x65: // f64.le
          sp--;
          I[2 * sp - 2] = F[sp - 1]! <= F[sp]! ? 1 : 0;
          break;
        case 0x60: // f32.ge
        case 0x66: // f64.ge
          sp--;
          I[2 * sp - 2] = F[sp - 1]! >= F[sp]! ? 1 : 0;
          break;
        // i32 arithmetic
        case 0x67: // i32.clz
          I[2 * sp - 2] = clz32(I[2 * sp - 2]!);
          break;
        case 0x68: // i32.ctz
          I[2 * sp - 2] = B.i32Ctz(I[2 * sp - 2]!);
          break;
        case 0x69: // i32.popcnt
          I[2 * sp - 2] = B.i32Popcnt(I[2 * sp - 2]!);
          break;
        case 0x6a: // i32.add
          sp--;
          I[2 * sp - 2] = (I[2 * sp - 2]! + I[2 * sp]!) | 0;
          break;
        case 0x6b: // i32.sub
          sp--;
          I[2 * sp - 2] = (I[2 * sp - 2]! - I[2 * sp]!) | 0;
          break;
        case 0x6c: // i32.mul
          sp--;
          I[2 * sp - 2] = imul(I[2 * sp - 2]!, I[2 * sp]!);
          break;
        case 0x6d: {
          // i32.div_s
          sp--;
          const x = I[2 * sp - 2]!;
          const y = I[2 * sp]!;
          if (y === 0) B.trap(TrapKind.integerDivideByZero);
          if (y === -1 && x === -2147483648) B.trap(TrapKind.integerOverflow);
          I[2 * sp - 2] = (x / y) | 0;
          break;
        }
        case 0x6e: {
          // i32.div_u
          sp--;
          const y = U[2 * sp]!;
          if (y === 0) B.trap(TrapKind.integerDivideByZero);
          I[2 * sp - 2] = (U[2 * sp - 2]! / y) | 0;
          break;
        }
        case 0x6f: {
          // i32.rem_s
          sp--;
          const y = I[2 * sp]!;
          if (y === 0) B.trap(TrapKind.integerDivideByZero);
          I[2 * sp - 2] = (I[2 * sp - 2]! % y) | 0;
          break;
        }
        case 0x70: {
          // i32.rem_u
          sp--;
          const y = U[2 * sp]!;
          if (y === 0) B.trap(TrapKind.integerDivideByZero);
          I[2 * sp - 2] = (U[2 * sp - 2]! % y) | 0;
          break;
        }
        case 0x71: // i32.and
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! & I[2 * sp]!;
          break;
        case 0x72: // i32.or
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! | I[2 * sp]!;
          break;
        case 0x73: // i32.xor
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! ^ I[2 * sp]!;
          break;
        case 0x74: // i32.shl
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! << I[2 * sp]!;
          break;
        case 0x75: // i32.shr_s
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! >> I[2 * sp]!;
          break;
        case 0x76: // i32.shr_u
          sp--;
          I[2 * sp - 2] = I[2 * sp - 2]! >>> I[2 * sp]!;
          break;
        case 0x77: {
          // i32.rotl
          sp--;
          const x = I[2 * sp - 2]!;
          const k = I[2 * sp]!;
          I[2 * sp - 2] = (x << k) | (x >>> (32 - k));
          break;
        }
        case 0x78: {
          // i32.rotr
          sp--;
          const x = I[2 * sp - 2]!;
          const k = I[2 * sp]!;
          I[2 * sp - 2] = (x >>> k) | (x << (32 - k));
          break;
        }
        // i64: + - * & | ^ as BigInt operations between slots (TurboFan lowers them to machine operations: mix64 217 -> 186
        // ms against int32 halves, no slower cold); division, shifts and counts by the builtins; comparisons on halves
        case 0x79: // i64.clz
          I[2 * sp - 2] = B.i64Clz(I, sp - 1);
          I[2 * sp - 1] = 0;
          break;
        case 0x7a: // i64.ctz
          I[2 * sp - 2] = B.i64Ctz(I, sp - 1);
          I[2 * sp - 1] = 0;
          break;
        case 0x7b: // i64.popcnt
          I[2 * sp - 2] = B.i64Popcnt(I, sp - 1);
          I[2 * sp - 1] = 0;
          break;
        case 0x7c: // i64.add
          sp--;
          S[sp - 1] = S[sp - 1]! + S[sp]!;
          break;
        case 0x7d: // i64.sub
          sp--;
          S[sp - 1] = S[sp - 1]! - S[sp]!;
          break;
        case 0x7e: // i64.mul
          sp--;
          S[sp - 1] = S[sp - 1]! * S[sp]!;
          break;
        case 0x7f: // i64.div_s
          sp--;
          B.i64DivS(S, I, sp - 1, sp, sp - 1);
          break;
        case 0x80: // i64.div_u
          sp--;
          B.i64DivU(S, I, sp - 1, sp, sp - 1);
          break;
        case 0x81: // i64.rem_s
          sp--;
          B.i64RemS(S, I, sp - 1, sp, sp - 1);
          break;
        case 0x82: // i64.rem_u
          sp--;
          B.i64RemU(S, I, sp - 1, sp, sp - 1);
          break;
        case 0x83: // i64.and
          sp--;
          S[sp - 1] = S[sp - 1]! & S[sp]!;
          break;
        case 0x84: // i64.or
          sp--;
          S[sp - 1] = S[sp - 1]! | S[sp]!;
          break;
        case 0x85: // i64.xor
          sp--;
          S[sp - 1] = S[sp - 1]! ^ S[sp]!;
          break;
        case 0x86: // i64.shl
          sp--;
          B.i64Shl(S, I, sp - 1, sp, sp - 1);
          break;
        case 0x87: // i64.shr_s
          sp--;
          B.i64ShrS(S, I, sp - 1, sp, sp - 1);
          break;
        case 0x88: // i64.shr_u
          sp--;
          B.i64ShrU(S, I, sp - 1, sp, sp - 1);
          break;
        case 0x89: // i64.rotl
          sp--;
          B.i64Rotl(S, I, sp - 1, sp, sp - 1);
          break;
        case 0x8a: // i64.rotr
          sp--;
          B.i64Rotr(S, I, sp - 1, sp, sp - 1);
          break;
        // f32 arithmetic (doubles rounded once to f32 are exact for + - * /)
        case 0x8b: // f32.abs
          F[sp - 1] = B.f32Abs(F[sp - 1]!);
          break;
        case 0x8c: // f32.neg
          F[sp - 1] = B.f32Neg(F[sp - 1]!);
          break;
        case 0x8d: // f32.ceil
          F[sp - 1] = B.f32Ceil(F[sp - 1]!);
          break;
        case 0x8e: // f32.floor
          F[sp - 1] = B.f32Floor(F[sp - 1]!);
          break;
        case 0x8f: // f32.trunc
          F[sp - 1] = B.f32Trunc(F[sp - 1]!);
          break;
        case 0x90: // f32.nearest
          F[sp - 1] = B.f32Nearest(F[sp - 1]!);
          break;
        case 0x91: // f32.sqrt
          F[sp - 1] = B.f32Sqrt(F[sp - 1]!);
          break;
        case 0x92: // f32.add
          sp--;
          F[sp - 1] = fround(F[sp - 1]! + F[sp]!);
          break;
        case 0x93: // f32.sub
          sp--;
          F[sp - 1] = fround(F[sp - 1]! - F[sp]!);
          break;
        case 0x94: // f32.mul
          sp--;
          F[sp - 1] = fround(F[sp - 1]! * F[sp]!);
          break;
        case 0x95: // f32.div
          sp--;
          F[sp - 1] = fround(F[sp - 1]! / F[sp]!);
          break;
        case 0x96: // f32.min
          sp--;
          F[sp - 1] = B.f32Min(F[sp - 1]!, F[sp]!);
          break;
        case 0x97: // f32.max
          sp--;
          F[sp - 1] = B.f32Max(F[sp - 1]!, F[sp]!);
          break;
        case 0x98: // f32.copysign
          sp--;
          F[sp - 1] = B.f32Copysign(F[sp - 1]!, F[sp]!);
          break;
        case 0x99: // f64.abs
          F[sp - 1] = B.f64Abs(F[sp - 1]!);
          break;
        case 0x9a: // f64.neg
          F[sp - 1] = B.f64Neg(F[sp - 1]!);
          break;
        case 0x9b: // f64.ceil
          F[sp - 1] = B.f64Ceil(F[sp - 1]!);
          break;
        case 0x9c: // f64.floor
          F[sp - 1] = B.f64Floor(F[sp - 1]!);
          break;
        case 0x9d: // f64.trunc
          F[sp - 1] = B.f64Trunc(F[sp - 1]!);
          break;
        case 0x9e: // f64.nearest
          F[sp - 1] = B.f64Nearest(F[sp - 1]!);
          break;
        case 0x9f: // f64.sqrt
          F[sp - 1] = B.f64Sqrt(F[sp - 1]!);
          break;
        case 0xa0: // f64.add
          sp--;
          F[sp - 1] = F[sp - 1]! + F[sp]!;
          break;
        case 0xa1: // f64.sub
          sp--;
          F[sp - 1] = F[sp - 1]! - F[sp]!;
          break;
        case 0xa2: // f64.mul
          sp--;
          F[sp - 1] = F[sp - 1]! * F[sp]!;
          break;
        case 0xa3: // f64.div
          sp--;
          F[sp - 1] = F[sp - 1]! / F[sp]!;
          break;
        case 0xa4: // f64.min
          sp--;
          F[sp - 1] = B.f64Min(F[sp - 1]!, F[sp]!);
          break;
        case 0xa5: // f64.max
          sp--;
          F[sp - 1] = B.f64Max(F[sp - 1]!, F[sp]!);
          break;
        case 0xa6: // f64.copysign
          sp--;
          F[sp - 1] = B.f64Copysign(F[sp - 1]!, F[sp]!);
          break;
        // conversions
        case 0xa7: // i32.wrap_i64: the low half is the result
          break;
        case 0xa8: // i32.trunc_f32_s
          I[2 * sp - 2] = B.i32TruncF32S(F[sp - 1]!);
          break;
        case 0xa9: // i32.trunc_f32_u
          I[2 * sp - 2] = B.i32TruncF32U(F[sp - 1]!);
          break;
        case 0xaa: // i32.trunc_f64_s
          I[2 * sp - 2] = B.i32TruncF64S(F[sp - 1]!);
          break;
        case 0xab: // i32.trunc_f64_u
          I[2 * sp - 2] = B.i32TruncF64U(F[sp - 1]!);
          break;
        case 0xac: // i64.extend_i32_s
          I[2 * sp - 1] = I[2 * sp - 2]! >> 31;
          break;
        case 0xad: // i64.extend_i32_u
          I[2 * sp - 1] = 0;
          break;
        case 0xae: // i64.trunc_f32_s
          B.i64TruncF32S(S, F[sp - 1]!, sp - 1);
          break;
        case 0xaf: // i64.trunc_f32_u
          B.i64TruncF32U(S, F[sp - 1]!, sp - 1);
          break;
        case 0xb0: // i64.trunc_f64_s
          B.i64TruncF64S(S, F[sp - 1]!, sp - 1);
          break;
        case 0xb1: // i64.trunc_f64_u
          B.i64TruncF64U(S, F[sp - 1]!, sp - 1);
          break;
        case 0xb2: // f32.convert_i32_s
          F[sp - 1] = fround(I[2 * sp - 2]!);
          break;
        case 0xb3: // f32.convert_i32_u
          F[sp - 1] = fround(U[2 * sp - 2]!);
          break;
        case 0xb4: // f32.convert_i64_s
          F[sp - 1] = B.f32ConvertI64S(I[2 * sp - 2]!, I[2 * sp - 1]!);
          break;
        case 0xb5: // f32.convert_i64_u
          F[sp - 1] = B.f32ConvertI64U(I[2 * sp - 2]!, I[2 * sp - 1]!);
          break;
        case 0xb6: // f32.demote_f64
          F[sp - 1] = B.f32DemoteF64(F[sp - 1]!);
          break;
        case 0xb7: // f64.convert_i32_s
          F[sp - 1] = I[2 * sp - 2]!;
          break;
        case 0xb8: // f64.convert_i32_u
          F[sp - 1] = U[2 * sp - 2]!;
          break;
        case 0xb9: // f64.convert_i64_s
          F[sp - 1] = B.f64ConvertI64S(I[2 * sp - 2]!, I[2 * sp - 1]!);
          break;
        case 0xba: // f64.convert_i64_u
          F[sp - 1] = B.f64ConvertI64U(I[2 * sp - 2]!, I[2 * sp - 1]!);
          break;
        case 0xbb: // f64.promote_f32
          F[sp - 1] = B.f64PromoteF32(F[sp - 1]!);
          break;
        case 0xbc: // i32.reinterpret_f32
          I[2 * sp - 2] = B.f32ToBits(F[sp - 1]!);
          break;
        case 0xbd: // i64.reinterpret_f64: same slot bits
        case 0xbf: // f64.reinterpret_i64
          break;
        case 0xbe: // f32.reinterpret_i32
          F[sp - 1] = B.f32FromBits(I[2 * sp - 2]!);
          break;
        case 0xc0: // i32.extend8_s
          I[2 * sp - 2] = (I[2 * sp - 2]! << 24) >> 24;
          break;
        case 0xc1: // i32.extend16_s
          I[2 * sp - 2] = (I[2 * sp - 2]! << 16) >> 16;
          break;
        case 0xc2: {
          // i64.extend8_s
          const lo = (I[2 * sp - 2]! << 24) >> 24;
          I[2 * sp - 2] = lo;
          I[2 * sp - 1] = lo >> 31;
          break;
        }
        case 0xc3: {
          // i64.extend16_s
          const lo = (I[2 * sp - 2]! << 16) >> 16;
          I[2 * sp - 2] = lo;
          I[2 * sp - 1] = lo >> 31;
          break;
        }
        case 0xc4: // i64.extend32_s
          I[2 * sp - 1] = I[2 * sp - 2]! >> 31;
          break;
        case 0xd0: // ref.null
          RL[sp++] = null;
          break;
        case 0xd1: // ref.is_null
          I[2 * sp - 2] = RL[sp - 1] === null ? 1 : 0;
          break;
        case 0xd2: // ref.func [function index]
          RL[sp++] = funcRefs[code[pc++]!];
          break;
        // 0xFC instructions (IOp.FC + sub)
        case 0xd3: // i32.trunc_sat_f32_s
          I[2 * sp - 2] = B.i32TruncSatF32S(F[sp - 1]!);
          break;
        case 0xd4: // i32.trunc_sat_f32_u
          I[2 * sp - 2] = B.i32TruncSatF32U(F[sp - 1]!);
          break;
        case 0xd5: // i32.trunc_sat_f64_s
          I[2 * sp - 2] = B.i32TruncSatF64S(F[sp - 1]!);
          break;
        case 0xd6: // i32.trunc_sat_f64_u
          I[2 * sp - 2] = B.i32TruncSatF64U(F[sp - 1]!);
          break;
        case 0xd7: // i64.trunc_sat_f32_s
          B.i64TruncSatF32S(S, F[sp - 1]!, sp - 1);
          break;
        case 0xd8: // i64.trunc_sat_f32_u
          B.i64TruncSatF32U(S, F[sp - 1]!, sp - 1);
          break;
        case 0xd9: // i64.trunc_sat_f64_s
          B.i64TruncSatF64S(S, F[sp - 1]!, sp - 1);
          break;
        case 0xda: // i64.trunc_sat_f64_u
          B.i64TruncSatF64U(S, F[sp - 1]!, sp - 1);
          break;
        case 0xdb: // memory.init [data, memory]
          sp -= 3;
          B.memoryInit(memories[code[pc + 1]!], datas[code[pc]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
          pc += 2;
          break;
        case 0xdc: // data.drop [data]
          B.dataDrop(datas[code[pc++]!]);
          break;
        case 0xdd: // memory.copy [dst memory, src memory]
          sp -= 3;
          B.memoryCopy(memories[code[pc]!], memories[code[pc + 1]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
          pc += 2;
          break;
        case 0xde: // memory.fill [memory]
          sp -= 3;
          B.memoryFill(memories[code[pc++]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
          break;
        case 0xdf: // table.init [elem, table]
          sp -= 3;
          B.tableInit(tables[code[pc + 1]!], elems[code[pc]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
          pc += 2;
          break;
        case 0xe0: // elem.drop [elem]
          B.elemDrop(elems[code[pc++]!]);
          break;
        case 0xe1: // table.copy [dst table, src table]
          sp -= 3;
          B.tableCopy(tables[code[pc]!], tables[code[pc + 1]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
          pc += 2;
          break;
        case 0xe2: // table.grow [table]: (init, delta) -> old size
          sp--;
          I[2 * sp - 2] = B.tableGrow(tables[code[pc++]!], RL[sp - 1], I[2 * sp]!);
          break;
        case 0xe3: // table.size [table]
          I[2 * sp++] = tableEls[code[pc++]!]!.length;
          break;
        case 0xe4: // table.fill [table]: (index, value, count)
          sp -= 3;
          B.tableFill(tables[code[pc++]!], I[2 * sp]!, RL[sp + 1], I[2 * sp + 4]!);
          break;
        // i32 binary operators whose right operand is a constant (I32_CONST_OP + k) or a local (I32_LOCAL_OP + k)
        case 0xe8: // i32.eq with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! === y ? 1 : 0); break; }
        case 0xe9: // i32.ne with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! !== y ? 1 : 0); break; }
        case 0xea: // i32.lt_s with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! < y ? 1 : 0); break; }
        case 0xeb: // i32.lt_u with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0 < y >>> 0 ? 1 : 0); break; }
        case 0xec: // i32.gt_s with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! > y ? 1 : 0); break; }
        case 0xed: // i32.gt_u with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0 > y >>> 0 ? 1 : 0); break; }
        case 0xee: // i32.le_s with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! <= y ? 1 : 0); break; }
        case 0xef: // i32.le_u with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0 <= y >>> 0 ? 1 : 0); break; }
        case 0xf0: // i32.ge_s with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! >= y ? 1 : 0); break; }
        case 0xf1: // i32.ge_u with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0 >= y >>> 0 ? 1 : 0); break; }
        case 0xf2: // i32.add with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = ((I[2 * sp - 2]! + y) | 0); break; }
        case 0xf3: // i32.sub with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = ((I[2 * sp - 2]! - y) | 0); break; }
        case 0xf4: // i32.mul with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = imul(I[2 * sp - 2]!, y); break; }
        case 0xf5: // i32.div_s with a constant [value]
        { const x = I[2 * sp - 2]!; const y = code[pc++]!; if (y === 0) B.trap(TrapKind.integerDivideByZero); if (y === -1 && x === -2147483648) B.trap(TrapKind.integerOverflow); I[2 * sp - 2] = (x / y) | 0; break; }
        case 0xf6: // i32.div_u with a constant [value]
        { const y = code[pc++]! >>> 0; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0) / y | 0; break; }
        case 0xf7: // i32.rem_s with a constant [value]
        { const y = code[pc++]!; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp - 2] = (I[2 * sp - 2]! % y) | 0; break; }
        case 0xf8: // i32.rem_u with a constant [value]
        { const y = code[pc++]! >>> 0; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp - 2] = ((I[2 * sp - 2]! >>> 0) % y) | 0; break; }
        case 0xf9: // i32.and with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! & y); break; }
        case 0xfa: // i32.or with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! | y); break; }
        case 0xfb: // i32.xor with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! ^ y); break; }
        case 0xfc: // i32.shl with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! << y); break; }
        case 0xfd: // i32.shr_s with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! >> y); break; }
        case 0xfe: // i32.shr_u with a constant [value]
        { const y = code[pc++]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> y); break; }
        case 0xff: // i32.rotl with a constant [value]
        { const x = I[2 * sp - 2]!; const y = code[pc++]!; I[2 * sp - 2] = ((x << y) | (x >>> (32 - y))); break; }
        case 0x100: // i32.rotr with a constant [value]
        { const x = I[2 * sp - 2]!; const y = code[pc++]!; I[2 * sp - 2] = ((x >>> y) | (x << (32 - y))); break; }
        case 0x101: // i32.eq with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! === y ? 1 : 0); break; }
        case 0x102: // i32.ne with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! !== y ? 1 : 0); break; }
        case 0x103: // i32.lt_s with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! < y ? 1 : 0); break; }
        case 0x104: // i32.lt_u with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0 < y >>> 0 ? 1 : 0); break; }
        case 0x105: // i32.gt_s with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! > y ? 1 : 0); break; }
        case 0x106: // i32.gt_u with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0 > y >>> 0 ? 1 : 0); break; }
        case 0x107: // i32.le_s with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! <= y ? 1 : 0); break; }
        case 0x108: // i32.le_u with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0 <= y >>> 0 ? 1 : 0); break; }
        case 0x109: // i32.ge_s with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! >= y ? 1 : 0); break; }
        case 0x10a: // i32.ge_u with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0 >= y >>> 0 ? 1 : 0); break; }
        case 0x10b: // i32.add with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = ((I[2 * sp - 2]! + y) | 0); break; }
        case 0x10c: // i32.sub with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = ((I[2 * sp - 2]! - y) | 0); break; }
        case 0x10d: // i32.mul with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = imul(I[2 * sp - 2]!, y); break; }
        case 0x10e: // i32.div_s with a local [slot]
        { const x = I[2 * sp - 2]!; const y = I[2 * (fp + code[pc++]!)]!; if (y === 0) B.trap(TrapKind.integerDivideByZero); if (y === -1 && x === -2147483648) B.trap(TrapKind.integerOverflow); I[2 * sp - 2] = (x / y) | 0; break; }
        case 0x10f: // i32.div_u with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]! >>> 0; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp - 2] = (I[2 * sp - 2]! >>> 0) / y | 0; break; }
        case 0x110: // i32.rem_s with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp - 2] = (I[2 * sp - 2]! % y) | 0; break; }
        case 0x111: // i32.rem_u with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]! >>> 0; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp - 2] = ((I[2 * sp - 2]! >>> 0) % y) | 0; break; }
        case 0x112: // i32.and with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! & y); break; }
        case 0x113: // i32.or with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! | y); break; }
        case 0x114: // i32.xor with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! ^ y); break; }
        case 0x115: // i32.shl with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! << y); break; }
        case 0x116: // i32.shr_s with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! >> y); break; }
        case 0x117: // i32.shr_u with a local [slot]
        { const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = (I[2 * sp - 2]! >>> y); break; }
        case 0x118: // i32.rotl with a local [slot]
        { const x = I[2 * sp - 2]!; const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = ((x << y) | (x >>> (32 - y))); break; }
        case 0x119: // i32.rotr with a local [slot]
        { const x = I[2 * sp - 2]!; const y = I[2 * (fp + code[pc++]!)]!; I[2 * sp - 2] = ((x >>> y) | (x << (32 - y))); break; }
        // i32 binary operators on a local and a constant (I32_LOCAL_CONST_OP + k) or two locals (I32_LOCAL_LOCAL_OP + k)
        case 0x11a: {
          // i32.eq of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x === y ? 1 : 0); break;
        }
        case 0x11b: {
          // i32.ne of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x !== y ? 1 : 0); break;
        }
        case 0x11c: {
          // i32.lt_s of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x < y ? 1 : 0); break;
        }
        case 0x11d: {
          // i32.lt_u of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x >>> 0 < y >>> 0 ? 1 : 0); break;
        }
        case 0x11e: {
          // i32.gt_s of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x > y ? 1 : 0); break;
        }
        case 0x11f: {
          // i32.gt_u of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x >>> 0 > y >>> 0 ? 1 : 0); break;
        }
        case 0x120: {
          // i32.le_s of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x <= y ? 1 : 0); break;
        }
        case 0x121: {
          // i32.le_u of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x >>> 0 <= y >>> 0 ? 1 : 0); break;
        }
        case 0x122: {
          // i32.ge_s of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x >= y ? 1 : 0); break;
        }
        case 0x123: {
          // i32.ge_u of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x >>> 0 >= y >>> 0 ? 1 : 0); break;
        }
        case 0x124: {
          // i32.add of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = ((x + y) | 0); break;
        }
        case 0x125: {
          // i32.sub of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = ((x - y) | 0); break;
        }
        case 0x126: {
          // i32.mul of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = imul(x, y); break;
        }
        case 0x127: {
          // i32.div_s of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; if (y === 0) B.trap(TrapKind.integerDivideByZero); if (y === -1 && x === -2147483648) B.trap(TrapKind.integerOverflow); I[2 * sp++] = (x / y) | 0; break;
        }
        case 0x128: {
          // i32.div_u of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp++] = ((x >>> 0) / (y >>> 0)) | 0; break;
        }
        case 0x129: {
          // i32.rem_s of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp++] = (x % y) | 0; break;
        }
        case 0x12a: {
          // i32.rem_u of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp++] = ((x >>> 0) % (y >>> 0)) | 0; break;
        }
        case 0x12b: {
          // i32.and of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x & y); break;
        }
        case 0x12c: {
          // i32.or of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x | y); break;
        }
        case 0x12d: {
          // i32.xor of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x ^ y); break;
        }
        case 0x12e: {
          // i32.shl of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x << y); break;
        }
        case 0x12f: {
          // i32.shr_s of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x >> y); break;
        }
        case 0x130: {
          // i32.shr_u of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = (x >>> y); break;
        }
        case 0x131: {
          // i32.rotl of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = ((x << y) | (x >>> (32 - y))); break;
        }
        case 0x132: {
          // i32.rotr of a local and a constant [slot, value]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; pc += 2; I[2 * sp++] = ((x >>> y) | (x << (32 - y))); break;
        }
        case 0x133: {
          // i32.eq of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x === y ? 1 : 0); break;
        }
        case 0x134: {
          // i32.ne of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x !== y ? 1 : 0); break;
        }
        case 0x135: {
          // i32.lt_s of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x < y ? 1 : 0); break;
        }
        case 0x136: {
          // i32.lt_u of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x >>> 0 < y >>> 0 ? 1 : 0); break;
        }
        case 0x137: {
          // i32.gt_s of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x > y ? 1 : 0); break;
        }
        case 0x138: {
          // i32.gt_u of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x >>> 0 > y >>> 0 ? 1 : 0); break;
        }
        case 0x139: {
          // i32.le_s of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x <= y ? 1 : 0); break;
        }
        case 0x13a: {
          // i32.le_u of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x >>> 0 <= y >>> 0 ? 1 : 0); break;
        }
        case 0x13b: {
          // i32.ge_s of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x >= y ? 1 : 0); break;
        }
        case 0x13c: {
          // i32.ge_u of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x >>> 0 >= y >>> 0 ? 1 : 0); break;
        }
        case 0x13d: {
          // i32.add of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = ((x + y) | 0); break;
        }
        case 0x13e: {
          // i32.sub of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = ((x - y) | 0); break;
        }
        case 0x13f: {
          // i32.mul of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = imul(x, y); break;
        }
        case 0x140: {
          // i32.div_s of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; if (y === 0) B.trap(TrapKind.integerDivideByZero); if (y === -1 && x === -2147483648) B.trap(TrapKind.integerOverflow); I[2 * sp++] = (x / y) | 0; break;
        }
        case 0x141: {
          // i32.div_u of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp++] = ((x >>> 0) / (y >>> 0)) | 0; break;
        }
        case 0x142: {
          // i32.rem_s of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp++] = (x % y) | 0; break;
        }
        case 0x143: {
          // i32.rem_u of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; if (y === 0) B.trap(TrapKind.integerDivideByZero); I[2 * sp++] = ((x >>> 0) % (y >>> 0)) | 0; break;
        }
        case 0x144: {
          // i32.and of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x & y); break;
        }
        case 0x145: {
          // i32.or of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x | y); break;
        }
        case 0x146: {
          // i32.xor of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x ^ y); break;
        }
        case 0x147: {
          // i32.shl of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x << y); break;
        }
        case 0x148: {
          // i32.shr_s of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x >> y); break;
        }
        case 0x149: {
          // i32.shr_u of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = (x >>> y); break;
        }
        case 0x14a: {
          // i32.rotl of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = ((x << y) | (x >>> (32 - y))); break;
        }
        case 0x14b: {
          // i32.rotr of two locals [slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; pc += 2; I[2 * sp++] = ((x >>> y) | (x << (32 - y))); break;
        }
        // i32 arithmetic on a local and a constant or two locals, into a local (local.set / local.tee fused too)
        case 0x14c: {
          // i32.add of a local and a constant, to a local [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = (x + y) | 0; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x14d: {
          // i32.sub of a local and a constant, to a local [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = (x - y) | 0; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x14e: {
          // i32.mul of a local and a constant, to a local [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = imul(x, y); I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x14f: {
          // i32.and of a local and a constant, to a local [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x & y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x150: {
          // i32.or of a local and a constant, to a local [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x | y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x151: {
          // i32.xor of a local and a constant, to a local [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x ^ y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x152: {
          // i32.shl of a local and a constant, to a local [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x << y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x153: {
          // i32.shr_s of a local and a constant, to a local [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x >> y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x154: {
          // i32.shr_u of a local and a constant, to a local [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x >>> y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x155: {
          // i32.add of two locals, to a local [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = (x + y) | 0; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x156: {
          // i32.sub of two locals, to a local [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = (x - y) | 0; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x157: {
          // i32.mul of two locals, to a local [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = imul(x, y); I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x158: {
          // i32.and of two locals, to a local [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x & y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x159: {
          // i32.or of two locals, to a local [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x | y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x15a: {
          // i32.xor of two locals, to a local [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x ^ y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x15b: {
          // i32.shl of two locals, to a local [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x << y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x15c: {
          // i32.shr_s of two locals, to a local [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x >> y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x15d: {
          // i32.shr_u of two locals, to a local [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x >>> y; I[2 * (fp + code[pc + 2]!)] = v; pc += 3; break;
        }
        case 0x15e: {
          // i32.add of a local and a constant, to a local and the stack [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = (x + y) | 0; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x15f: {
          // i32.sub of a local and a constant, to a local and the stack [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = (x - y) | 0; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x160: {
          // i32.mul of a local and a constant, to a local and the stack [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = imul(x, y); I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x161: {
          // i32.and of a local and a constant, to a local and the stack [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x & y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x162: {
          // i32.or of a local and a constant, to a local and the stack [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x | y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x163: {
          // i32.xor of a local and a constant, to a local and the stack [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x ^ y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x164: {
          // i32.shl of a local and a constant, to a local and the stack [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x << y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x165: {
          // i32.shr_s of a local and a constant, to a local and the stack [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x >> y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x166: {
          // i32.shr_u of a local and a constant, to a local and the stack [slot, value, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = code[pc + 1]!; const v = x >>> y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x167: {
          // i32.add of two locals, to a local and the stack [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = (x + y) | 0; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x168: {
          // i32.sub of two locals, to a local and the stack [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = (x - y) | 0; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x169: {
          // i32.mul of two locals, to a local and the stack [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = imul(x, y); I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x16a: {
          // i32.and of two locals, to a local and the stack [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x & y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x16b: {
          // i32.or of two locals, to a local and the stack [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x | y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x16c: {
          // i32.xor of two locals, to a local and the stack [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x ^ y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x16d: {
          // i32.shl of two locals, to a local and the stack [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x << y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x16e: {
          // i32.shr_s of two locals, to a local and the stack [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x >> y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        case 0x16f: {
          // i32.shr_u of two locals, to a local and the stack [slot, slot, slot]
          const x = I[2 * (fp + code[pc]!)]!; const y = I[2 * (fp + code[pc + 1]!)]!; const v = x >>> y; I[2 * (fp + code[pc + 2]!)] = v; I[2 * sp++] = v; pc += 3; break;
        }
        default:
          throw new Error(`interpreter: bad opcode ${code[at]} at ${at}`);
      }
    }
  } catch (e) {
    // This activation's frames, innermost first, into the trap's backtrace.
    let err = unwind(c, e, importCount + d, at < 0 ? null : fn, at, true);
    while (c.csp > entryCsp) {
      c.csp -= FRAME_WORDS;
      const cd = c.CS[c.csp]!;
      err = unwind(c, err, importCount + cd, decoded[cd]!, c.CS[c.csp + 4]!);
    }
    throw err;
  }
}

/** Leaves the function: fuel to the store, results where the calling convention puts them. */
function ret(c: Context, d: number, fp: number, sp: number, fuelOn: boolean, fu: number): unknown {
  const { FU, I, F, RL, RR, defTypes } = c;
  if (fuelOn) FU[0] = fu;
  const t = defTypes[d]!;
  switch (t.resKind) {
    case RES_NONE:
      return undefined;
    case RES_I32:
      return I[2 * sp - 2];
    case RES_F:
      return F[sp - 1];
    case RES_REF:
      return RL[sp - 1];
    default: {
      const n = t.nResults;
      const src = sp - n;
      for (let k = 0; k < n; k++) {
        if (t.resultRef[k] === 1) RR[k] = RL[src + k];
        else F[fp + k] = F[src + k]!;
      }
      return undefined;
    }
  }
}
