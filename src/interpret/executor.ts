import { TrapKind } from '../core/trap_kind.js';
import { ValType, isRefType, type FuncType } from '../core/types.js';
import { makeCallShim, type CallShim, type Execute, type ShimViews } from './call_shims.js';
import { IOp, isMemoryAccess } from './internal_ops.js';
import type { BacktraceFrame, CallTarget, InterpreterState, MemoryLike, TableLike } from './interpreter_state.js';
import { paramSlots, predecodeFunction, type PredecodedFunction } from './predecoder.js';

type F1 = (x: number) => number;
type F2 = (x: number, y: number) => number;
type SlotOp = (S: BigUint64Array, I: Int32Array, a: number, b: number, d: number) => void;
type TruncI64 = (S: BigUint64Array, x: number, d: number) => void;
type Count64 = (I: Int32Array, a: number) => number;

/** Frames recorded in a trap's backtrace at most (compiled code's traps record up to 64 JS frames). */
const MAX_BACKTRACE = 64;

/** Int32 words of a call record in the interpreter's call stack (see `pushFrame`). */
const FRAME_WORDS = 5;

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

/** The mutable part of an executor: memory views, refreshed when a memory grows. */
export interface Executor {
  readonly execute: Execute;
  /** The mark (`x` property) of function objects that `execute` runs in its own loop (`d`: their defined index). */
  readonly token: object;
  /** Picks up the current views of the memories (after growth anywhere). */
  refresh(): void;
}

/**
 * The interpreter for one instance: `execute(d, fp, fu)` runs defined function `d` with its frame at slot `fp`
 * (params already in place) and fuel `fu`, and returns its single non-i64 result (other results are left in the
 * frame's slots, references in `RR`, as compiled functions leave them). With fuel it leaves the count in `FU[0]`.
 *
 * One `switch` over the predecoded opcodes; the operand stack lives in the frame (`sp` is a slot index). Calls to
 * defined functions recurse into `execute` directly; other calls go through the signature's call shim. A trap
 * gets this frame added to its wasm backtrace as it passes (function index, byte offset of the instruction).
 */
export function createExecutor(st: InterpreterState): Executor {
  const { info, options, decoded, sigIds, S, I, U, F, SN, RR, RL, EP, DL, FU, FR } = st;
  const b = st.builtins;
  const trap = b.trap as (k: number) => never;
  const callIndirectFail = b.callIndirectFail as (t: unknown, i: number, sig: number) => never;
  const outOfFuel = b.outOfFuel as () => number;
  const epochInterrupt = b.epochInterrupt as () => never;
  const f32FromBits = b.f32FromBits as F1;
  const f32ToBits = b.f32ToBits as F1;
  const f32Neg = b.f32Neg as F1, f32Abs = b.f32Abs as F1, f32Ceil = b.f32Ceil as F1, f32Floor = b.f32Floor as F1;
  const f32Trunc = b.f32Trunc as F1, f32Nearest = b.f32Nearest as F1, f32Sqrt = b.f32Sqrt as F1;
  const f32Min = b.f32Min as F2, f32Max = b.f32Max as F2, f32Copysign = b.f32Copysign as F2;
  const f64Neg = b.f64Neg as F1, f64Abs = b.f64Abs as F1, f64Ceil = b.f64Ceil as F1, f64Floor = b.f64Floor as F1;
  const f64Trunc = b.f64Trunc as F1, f64Nearest = b.f64Nearest as F1, f64Sqrt = b.f64Sqrt as F1;
  const f64Min = b.f64Min as F2, f64Max = b.f64Max as F2, f64Copysign = b.f64Copysign as F2;
  const f64PromoteF32 = b.f64PromoteF32 as F1, f32DemoteF64 = b.f32DemoteF64 as F1;
  const i32TruncF32S = b.i32TruncF32S as F1, i32TruncF32U = b.i32TruncF32U as F1;
  const i32TruncF64S = b.i32TruncF64S as F1, i32TruncF64U = b.i32TruncF64U as F1;
  const i32TruncSatF32S = b.i32TruncSatF32S as F1, i32TruncSatF32U = b.i32TruncSatF32U as F1;
  const i32TruncSatF64S = b.i32TruncSatF64S as F1, i32TruncSatF64U = b.i32TruncSatF64U as F1;
  const i64TruncF32S = b.i64TruncF32S as TruncI64, i64TruncF32U = b.i64TruncF32U as TruncI64;
  const i64TruncF64S = b.i64TruncF64S as TruncI64, i64TruncF64U = b.i64TruncF64U as TruncI64;
  const i64TruncSatF32S = b.i64TruncSatF32S as TruncI64, i64TruncSatF32U = b.i64TruncSatF32U as TruncI64;
  const i64TruncSatF64S = b.i64TruncSatF64S as TruncI64, i64TruncSatF64U = b.i64TruncSatF64U as TruncI64;
  const f32ConvertI64S = b.f32ConvertI64S as F2, f32ConvertI64U = b.f32ConvertI64U as F2;
  const f64ConvertI64S = b.f64ConvertI64S as F2, f64ConvertI64U = b.f64ConvertI64U as F2;
  const i32Ctz = b.i32Ctz as F1, i32Popcnt = b.i32Popcnt as F1;
  const i64DivS = b.i64DivS as SlotOp, i64DivU = b.i64DivU as SlotOp, i64RemS = b.i64RemS as SlotOp, i64RemU = b.i64RemU as SlotOp;
  const i64Shl = b.i64Shl as SlotOp, i64ShrS = b.i64ShrS as SlotOp, i64ShrU = b.i64ShrU as SlotOp;
  const i64Rotl = b.i64Rotl as SlotOp, i64Rotr = b.i64Rotr as SlotOp;
  const i64Clz = b.i64Clz as Count64, i64Ctz = b.i64Ctz as Count64, i64Popcnt = b.i64Popcnt as Count64;
  const memoryGrow = b.memoryGrow as (m: unknown, n: number) => number;
  const memoryFill = b.memoryFill as (m: unknown, d: number, v: number, n: number) => void;
  const memoryCopy = b.memoryCopy as (dm: unknown, sm: unknown, d: number, s: number, n: number) => void;
  const memoryInit = b.memoryInit as (m: unknown, seg: unknown, d: number, s: number, n: number) => void;
  const dataDrop = b.dataDrop as (seg: unknown) => void;
  const tableGrow = b.tableGrow as (t: unknown, v: unknown, n: number) => number;
  const tableFill = b.tableFill as (t: unknown, d: number, v: unknown, n: number) => void;
  const tableCopy = b.tableCopy as (dt: unknown, stb: unknown, d: number, s: number, n: number) => void;
  const tableInit = b.tableInit as (t: unknown, seg: unknown, d: number, s: number, n: number) => void;
  const elemDrop = b.elemDrop as (seg: unknown) => void;
  const fround = Math.fround, imul = Math.imul, clz32 = Math.clz32;

  const memories: readonly MemoryLike[] = st.memories;
  const tables: readonly TableLike[] = st.tables;
  const tableEls: unknown[][] = tables.map((t) => t.elements);
  const views: DataView[] = memories.map((m) => m.view);
  const globals = st.globals;
  // i64 globals as int32 halves (no BigInt on the way).
  const globalHalves: (Int32Array | null)[] = globals.map((g) => (g instanceof BigUint64Array ? new Int32Array(g.buffer, g.byteOffset, 2) : null));
  const imports = st.imports;
  const funcRefs = st.funcRefs;
  const datas = st.datas;
  const elems = st.elems;
  const importCount = info.importedFuncCount;
  const fuelEnabled = options.fuel;
  const trivial = options.trivial;

  const types: TypeFacts[] = info.types.map(typeFacts);
  const funcType = (fi: number): TypeFacts => types[info.funcTypeIndices[fi]!]!;
  const defTypes: TypeFacts[] = info.codes.map((_, d) => funcType(importCount + d));
  const views4: ShimViews = { S, I, F, RR, RL };
  const shims: (CallShim | null)[] = info.types.map(() => null);
  const shimFor = (t: number): CallShim => (shims[t] ??= makeCallShim(info.types[t]!, fuelEnabled, views4));
  /** Marks this instance's function objects (`x`), so `call_indirect` can run them without a JS call. */
  const token = {};

  /**
   * Adds this frame to a trap's backtrace (up to `MAX_BACKTRACE` frames, as compiled code's traps are limited by the
   * JS stack trace); turns a DataView range error at a memory access into its trap, and the JS stack's exhaustion
   * into the "call stack exhausted" trap (so it passes host functions as a trap, not as their error).
   */
  function unwind(e: unknown, fi: number, fn: PredecodedFunction, at: number): unknown {
    let err = e;
    if (err instanceof RangeError) {
      const kind =
        err.message === 'Maximum call stack size exceeded' ? TrapKind.stackOverflow
        : isMemoryAccess(fn.code[at]!) ? TrapKind.memoryOutOfBounds
        : -1;
      if (kind >= 0) {
        try {
          trap(kind);
        } catch (t) {
          err = t;
        }
      }
    }
    if (err instanceof Error && 'wasmBacktrace' in err) {
      const bt = (err as { wasmBacktrace: BacktraceFrame[] }).wasmBacktrace;
      if (bt.length < MAX_BACKTRACE) {
        bt.push({ funcIndex: fi, funcName: info.names.functions.get(fi) ?? null, moduleName: info.names.module, offset: fn.offsets[at] ?? -1 });
      }
    }
    return err;
  }

  /** Predecodes defined function `d` if needed and sets up its frame at `fp`: stack check, locals, epoch. */
  function enter(d: number, fp: number): PredecodedFunction {
    let fn = decoded[d] as PredecodedFunction | null;
    if (fn === null) fn = decoded[d] = predecodeFunction(info, d, options);
    if (fp > SN - fn.frameSize) trap(TrapKind.stackOverflow);
    for (let s = fp + fn.declaredFrom, end = fp + fn.localCount; s < end; s++) F[s] = 0;
    const refLocals = fn.refLocals;
    for (let k = 0; k < refLocals.length; k++) RL[fp + refLocals[k]!] = null;
    if (fn.epochAtEntry && EP[0]! >= DL[0]!) epochInterrupt();
    return fn;
  }

  /**
   * Calls between this instance's functions do not recurse in JS: the caller's state is pushed on `CS` (records of
   * `FRAME_WORDS` int32s: function, return pc, fp, where the results go, the call's pc) and the loop continues in
   * the callee, so wasm recursion is bounded by the store's slot stack, not the host's JS stack. `CS` is shared by
   * nested activations of `execute` (a host function calling back in): each works above the records it found.
   */
  let CS = new Int32Array(FRAME_WORDS * 64);
  let csp = 0;

  /** Pushes a call record (growing `CS` when full). */
  function pushFrame(d: number, pc: number, fp: number, base: number, at: number): void {
    if (csp + FRAME_WORDS > CS.length) {
      const bigger = new Int32Array(CS.length * 2);
      bigger.set(CS);
      CS = bigger;
    }
    CS[csp] = d;
    CS[csp + 1] = pc;
    CS[csp + 2] = fp;
    CS[csp + 3] = base;
    CS[csp + 4] = at;
    csp += FRAME_WORDS;
  }

  function execute(d: number, fp: number, fu: number): unknown {
    const entryCsp = csp;
    let fn = enter(d, fp);
    let code = fn.code;
    let fuelOn = fuelEnabled && trivial[d] !== 1;
    let pc = 0;
    let sp = fp + fn.localCount;
    let at = 0;
    try {
      for (;;) {
        at = pc;
        switch (code[pc++]) {
          case 0x00: // unreachable
            trap(TrapKind.unreachable);
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
            if (csp === entryCsp) return ret(d, fp, sp, fuelOn, fu);
            // To the caller in this loop: results to where its arguments were.
            if (fuelOn) FU[0] = fu;
            const n = defTypes[d]!.nResults;
            csp -= FRAME_WORDS;
            const base = CS[csp + 3]!;
            for (let k = 0, src = sp - n; k < n; k++) {
              F[base + k] = F[src + k]!;
              RL[base + k] = RL[src + k];
            }
            d = CS[csp]!;
            pc = CS[csp + 1]!;
            fp = CS[csp + 2]!;
            sp = base + n;
            fn = decoded[d]!;
            code = fn.code;
            fuelOn = fuelEnabled && trivial[d] !== 1;
            // After an indirect call, a callee charged by this caller may have left the count below zero.
            if (fuelOn && code[CS[csp + 4]!] === IOp.callIndirect && fu < 0) fu = FR[0]!-- > 0 ? (fu + 1073741824) | 0 : outOfFuel();
            break;
          }
          case 0x10: {
            // call of an import [function index]
            const fi = code[pc++]!;
            const t = funcType(fi);
            const base = sp - t.nParams;
            const f = imports[fi]!;
            if (fuelOn) FU[0] = fu = (fu - f.fuel) | 0;
            shimFor(info.funcTypeIndices[fi]!)(f, base, fp + fn.frameSize, fu);
            if (fuelOn && (fu = FU[0]!) < 0) fu = FR[0]!-- > 0 ? (fu + 1073741824) | 0 : outOfFuel();
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
            const c = tableEls[tab]![idx] as (CallTarget & { x?: unknown; d?: number }) | null | undefined;
            if (c == null || c.sig !== sig) {
              // Compiled code charges the failure function (cost 0), syncing the store's count, before it traps.
              if (fuelOn) FU[0] = fu;
              callIndirectFail(tables[tab], idx, sig);
            }
            const f = c as CallTarget & { x?: unknown; d?: number };
            const base = sp - t.nParams;
            if (fuelOn) FU[0] = fu = (fu - f.fuel) | 0;
            if (f.x === token) {
              // One of this instance's functions: run it in this loop.
              const cd = f.d!;
              const cfp = fp + fn.frameSize;
              const ps = t.paramSlots;
              for (let k = 0; k < ps.length; k++) {
                F[cfp + ps[k]!] = F[base + k]!;
                RL[cfp + ps[k]!] = RL[base + k];
              }
              pushFrame(d, pc, fp, base, at);
              d = cd;
              fp = cfp;
              at = 0;
              fn = enter(cd, cfp);
              code = fn.code;
              fuelOn = fuelEnabled && trivial[cd] !== 1;
              pc = 0;
              sp = fp + fn.localCount;
              break;
            }
            shimFor(ti)(f, base, fp + fn.frameSize, fu);
            if (fuelOn && (fu = FU[0]!) < 0) fu = FR[0]!-- > 0 ? (fu + 1073741824) | 0 : outOfFuel();
            sp = base + t.nResults;
            break;
          }
          case 0x12: {
            // call of a defined function [defined index]: run it in this loop
            const cd = code[pc++]!;
            const t = defTypes[cd]!;
            const base = sp - t.nParams;
            const cfp = fp + fn.frameSize;
            const ps = t.paramSlots;
            for (let k = 0; k < ps.length; k++) F[cfp + ps[k]!] = F[base + k]!;
            if (t.hasRefParam) for (let k = 0; k < ps.length; k++) if (t.paramRef[k] === 1) RL[cfp + ps[k]!] = RL[base + k];
            pushFrame(d, pc, fp, base, at);
            d = cd;
            fp = cfp;
            at = 0;
            fn = enter(cd, cfp);
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
            if ((fu = (fu - code[pc++]!) | 0) < 0) fu = FR[0]!-- > 0 ? (fu + 1073741824) | 0 : outOfFuel();
            break;
          case 0x19: // epoch check
            if (EP[0]! >= DL[0]!) epochInterrupt();
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
            if (i >>> 0 >= T.length) trap(TrapKind.tableOutOfBounds);
            RL[sp - 1] = T[i];
            break;
          }
          case 0x26: {
            // table.set [table]
            const T = tableEls[code[pc++]!]!;
            sp -= 2;
            const i = I[2 * sp]!;
            if (i >>> 0 >= T.length) trap(TrapKind.tableOutOfBounds);
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
            if (x !== x) x = f32FromBits(v.getInt32(addr, true));
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
            else v.setInt32(addr, f32ToBits(x), true);
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
            I[2 * sp - 2] = memoryGrow(memories[code[pc++]!], I[2 * sp - 2]!);
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
            F[sp++] = f32FromBits(code[pc++]!);
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
            I[2 * sp - 2] = i32Ctz(I[2 * sp - 2]!);
            break;
          case 0x69: // i32.popcnt
            I[2 * sp - 2] = i32Popcnt(I[2 * sp - 2]!);
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
            if (y === 0) trap(TrapKind.integerDivideByZero);
            if (y === -1 && x === -2147483648) trap(TrapKind.integerOverflow);
            I[2 * sp - 2] = (x / y) | 0;
            break;
          }
          case 0x6e: {
            // i32.div_u
            sp--;
            const y = U[2 * sp]!;
            if (y === 0) trap(TrapKind.integerDivideByZero);
            I[2 * sp - 2] = (U[2 * sp - 2]! / y) | 0;
            break;
          }
          case 0x6f: {
            // i32.rem_s
            sp--;
            const y = I[2 * sp]!;
            if (y === 0) trap(TrapKind.integerDivideByZero);
            I[2 * sp - 2] = (I[2 * sp - 2]! % y) | 0;
            break;
          }
          case 0x70: {
            // i32.rem_u
            sp--;
            const y = U[2 * sp]!;
            if (y === 0) trap(TrapKind.integerDivideByZero);
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
          // i64 arithmetic on int32 halves (no BigInt allocation); division, shifts and counts by the builtins
          case 0x79: // i64.clz
            I[2 * sp - 2] = i64Clz(I, sp - 1);
            I[2 * sp - 1] = 0;
            break;
          case 0x7a: // i64.ctz
            I[2 * sp - 2] = i64Ctz(I, sp - 1);
            I[2 * sp - 1] = 0;
            break;
          case 0x7b: // i64.popcnt
            I[2 * sp - 2] = i64Popcnt(I, sp - 1);
            I[2 * sp - 1] = 0;
            break;
          case 0x7c: {
            // i64.add
            sp--;
            const a = 2 * sp - 2;
            const lo = U[a]! + U[a + 2]!;
            I[a + 1] = (I[a + 1]! + I[a + 3]! + (lo > 0xffffffff ? 1 : 0)) | 0;
            I[a] = lo | 0;
            break;
          }
          case 0x7d: {
            // i64.sub
            sp--;
            const a = 2 * sp - 2;
            const lo = U[a]! - U[a + 2]!;
            I[a + 1] = (I[a + 1]! - I[a + 3]! - (lo < 0 ? 1 : 0)) | 0;
            I[a] = lo | 0;
            break;
          }
          case 0x7e: {
            // i64.mul: the low 64 bits of the product, from 16-bit pieces of the low halves
            sp--;
            const a = 2 * sp - 2;
            const al = U[a]!, ah = I[a + 1]!, bl = U[a + 2]!, bh = I[a + 3]!;
            const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
            const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0;
            const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
            const hi = a1 * b1 + Math.floor(p01 / 65536) + Math.floor(p10 / 65536) + Math.floor(mid / 65536);
            I[a] = (mid << 16) | (p00 & 0xffff);
            I[a + 1] = (hi + imul(al, bh) + imul(ah, bl)) | 0;
            break;
          }
          case 0x7f: // i64.div_s
            sp--;
            i64DivS(S, I, sp - 1, sp, sp - 1);
            break;
          case 0x80: // i64.div_u
            sp--;
            i64DivU(S, I, sp - 1, sp, sp - 1);
            break;
          case 0x81: // i64.rem_s
            sp--;
            i64RemS(S, I, sp - 1, sp, sp - 1);
            break;
          case 0x82: // i64.rem_u
            sp--;
            i64RemU(S, I, sp - 1, sp, sp - 1);
            break;
          case 0x83: // i64.and
            sp--;
            I[2 * sp - 2] = I[2 * sp - 2]! & I[2 * sp]!;
            I[2 * sp - 1] = I[2 * sp - 1]! & I[2 * sp + 1]!;
            break;
          case 0x84: // i64.or
            sp--;
            I[2 * sp - 2] = I[2 * sp - 2]! | I[2 * sp]!;
            I[2 * sp - 1] = I[2 * sp - 1]! | I[2 * sp + 1]!;
            break;
          case 0x85: // i64.xor
            sp--;
            I[2 * sp - 2] = I[2 * sp - 2]! ^ I[2 * sp]!;
            I[2 * sp - 1] = I[2 * sp - 1]! ^ I[2 * sp + 1]!;
            break;
          case 0x86: // i64.shl
            sp--;
            i64Shl(S, I, sp - 1, sp, sp - 1);
            break;
          case 0x87: // i64.shr_s
            sp--;
            i64ShrS(S, I, sp - 1, sp, sp - 1);
            break;
          case 0x88: // i64.shr_u
            sp--;
            i64ShrU(S, I, sp - 1, sp, sp - 1);
            break;
          case 0x89: // i64.rotl
            sp--;
            i64Rotl(S, I, sp - 1, sp, sp - 1);
            break;
          case 0x8a: // i64.rotr
            sp--;
            i64Rotr(S, I, sp - 1, sp, sp - 1);
            break;
          // f32 arithmetic (doubles rounded once to f32 are exact for + - * /)
          case 0x8b: // f32.abs
            F[sp - 1] = f32Abs(F[sp - 1]!);
            break;
          case 0x8c: // f32.neg
            F[sp - 1] = f32Neg(F[sp - 1]!);
            break;
          case 0x8d: // f32.ceil
            F[sp - 1] = f32Ceil(F[sp - 1]!);
            break;
          case 0x8e: // f32.floor
            F[sp - 1] = f32Floor(F[sp - 1]!);
            break;
          case 0x8f: // f32.trunc
            F[sp - 1] = f32Trunc(F[sp - 1]!);
            break;
          case 0x90: // f32.nearest
            F[sp - 1] = f32Nearest(F[sp - 1]!);
            break;
          case 0x91: // f32.sqrt
            F[sp - 1] = f32Sqrt(F[sp - 1]!);
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
            F[sp - 1] = f32Min(F[sp - 1]!, F[sp]!);
            break;
          case 0x97: // f32.max
            sp--;
            F[sp - 1] = f32Max(F[sp - 1]!, F[sp]!);
            break;
          case 0x98: // f32.copysign
            sp--;
            F[sp - 1] = f32Copysign(F[sp - 1]!, F[sp]!);
            break;
          case 0x99: // f64.abs
            F[sp - 1] = f64Abs(F[sp - 1]!);
            break;
          case 0x9a: // f64.neg
            F[sp - 1] = f64Neg(F[sp - 1]!);
            break;
          case 0x9b: // f64.ceil
            F[sp - 1] = f64Ceil(F[sp - 1]!);
            break;
          case 0x9c: // f64.floor
            F[sp - 1] = f64Floor(F[sp - 1]!);
            break;
          case 0x9d: // f64.trunc
            F[sp - 1] = f64Trunc(F[sp - 1]!);
            break;
          case 0x9e: // f64.nearest
            F[sp - 1] = f64Nearest(F[sp - 1]!);
            break;
          case 0x9f: // f64.sqrt
            F[sp - 1] = f64Sqrt(F[sp - 1]!);
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
            F[sp - 1] = f64Min(F[sp - 1]!, F[sp]!);
            break;
          case 0xa5: // f64.max
            sp--;
            F[sp - 1] = f64Max(F[sp - 1]!, F[sp]!);
            break;
          case 0xa6: // f64.copysign
            sp--;
            F[sp - 1] = f64Copysign(F[sp - 1]!, F[sp]!);
            break;
          // conversions
          case 0xa7: // i32.wrap_i64: the low half is the result
            break;
          case 0xa8: // i32.trunc_f32_s
            I[2 * sp - 2] = i32TruncF32S(F[sp - 1]!);
            break;
          case 0xa9: // i32.trunc_f32_u
            I[2 * sp - 2] = i32TruncF32U(F[sp - 1]!);
            break;
          case 0xaa: // i32.trunc_f64_s
            I[2 * sp - 2] = i32TruncF64S(F[sp - 1]!);
            break;
          case 0xab: // i32.trunc_f64_u
            I[2 * sp - 2] = i32TruncF64U(F[sp - 1]!);
            break;
          case 0xac: // i64.extend_i32_s
            I[2 * sp - 1] = I[2 * sp - 2]! >> 31;
            break;
          case 0xad: // i64.extend_i32_u
            I[2 * sp - 1] = 0;
            break;
          case 0xae: // i64.trunc_f32_s
            i64TruncF32S(S, F[sp - 1]!, sp - 1);
            break;
          case 0xaf: // i64.trunc_f32_u
            i64TruncF32U(S, F[sp - 1]!, sp - 1);
            break;
          case 0xb0: // i64.trunc_f64_s
            i64TruncF64S(S, F[sp - 1]!, sp - 1);
            break;
          case 0xb1: // i64.trunc_f64_u
            i64TruncF64U(S, F[sp - 1]!, sp - 1);
            break;
          case 0xb2: // f32.convert_i32_s
            F[sp - 1] = fround(I[2 * sp - 2]!);
            break;
          case 0xb3: // f32.convert_i32_u
            F[sp - 1] = fround(U[2 * sp - 2]!);
            break;
          case 0xb4: // f32.convert_i64_s
            F[sp - 1] = f32ConvertI64S(I[2 * sp - 2]!, I[2 * sp - 1]!);
            break;
          case 0xb5: // f32.convert_i64_u
            F[sp - 1] = f32ConvertI64U(I[2 * sp - 2]!, I[2 * sp - 1]!);
            break;
          case 0xb6: // f32.demote_f64
            F[sp - 1] = f32DemoteF64(F[sp - 1]!);
            break;
          case 0xb7: // f64.convert_i32_s
            F[sp - 1] = I[2 * sp - 2]!;
            break;
          case 0xb8: // f64.convert_i32_u
            F[sp - 1] = U[2 * sp - 2]!;
            break;
          case 0xb9: // f64.convert_i64_s
            F[sp - 1] = f64ConvertI64S(I[2 * sp - 2]!, I[2 * sp - 1]!);
            break;
          case 0xba: // f64.convert_i64_u
            F[sp - 1] = f64ConvertI64U(I[2 * sp - 2]!, I[2 * sp - 1]!);
            break;
          case 0xbb: // f64.promote_f32
            F[sp - 1] = f64PromoteF32(F[sp - 1]!);
            break;
          case 0xbc: // i32.reinterpret_f32
            I[2 * sp - 2] = f32ToBits(F[sp - 1]!);
            break;
          case 0xbd: // i64.reinterpret_f64: same slot bits
          case 0xbf: // f64.reinterpret_i64
            break;
          case 0xbe: // f32.reinterpret_i32
            F[sp - 1] = f32FromBits(I[2 * sp - 2]!);
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
          case IOp.FC + 0x00: // i32.trunc_sat_f32_s
            I[2 * sp - 2] = i32TruncSatF32S(F[sp - 1]!);
            break;
          case IOp.FC + 0x01: // i32.trunc_sat_f32_u
            I[2 * sp - 2] = i32TruncSatF32U(F[sp - 1]!);
            break;
          case IOp.FC + 0x02: // i32.trunc_sat_f64_s
            I[2 * sp - 2] = i32TruncSatF64S(F[sp - 1]!);
            break;
          case IOp.FC + 0x03: // i32.trunc_sat_f64_u
            I[2 * sp - 2] = i32TruncSatF64U(F[sp - 1]!);
            break;
          case IOp.FC + 0x04: // i64.trunc_sat_f32_s
            i64TruncSatF32S(S, F[sp - 1]!, sp - 1);
            break;
          case IOp.FC + 0x05: // i64.trunc_sat_f32_u
            i64TruncSatF32U(S, F[sp - 1]!, sp - 1);
            break;
          case IOp.FC + 0x06: // i64.trunc_sat_f64_s
            i64TruncSatF64S(S, F[sp - 1]!, sp - 1);
            break;
          case IOp.FC + 0x07: // i64.trunc_sat_f64_u
            i64TruncSatF64U(S, F[sp - 1]!, sp - 1);
            break;
          case IOp.FC + 0x08: // memory.init [data, memory]
            sp -= 3;
            memoryInit(memories[code[pc + 1]!], datas[code[pc]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
            pc += 2;
            break;
          case IOp.FC + 0x09: // data.drop [data]
            dataDrop(datas[code[pc++]!]);
            break;
          case IOp.FC + 0x0a: // memory.copy [dst memory, src memory]
            sp -= 3;
            memoryCopy(memories[code[pc]!], memories[code[pc + 1]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
            pc += 2;
            break;
          case IOp.FC + 0x0b: // memory.fill [memory]
            sp -= 3;
            memoryFill(memories[code[pc++]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
            break;
          case IOp.FC + 0x0c: // table.init [elem, table]
            sp -= 3;
            tableInit(tables[code[pc + 1]!], elems[code[pc]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
            pc += 2;
            break;
          case IOp.FC + 0x0d: // elem.drop [elem]
            elemDrop(elems[code[pc++]!]);
            break;
          case IOp.FC + 0x0e: // table.copy [dst table, src table]
            sp -= 3;
            tableCopy(tables[code[pc]!], tables[code[pc + 1]!], I[2 * sp]!, I[2 * sp + 2]!, I[2 * sp + 4]!);
            pc += 2;
            break;
          case IOp.FC + 0x0f: // table.grow [table]: (init, delta) -> old size
            sp--;
            I[2 * sp - 2] = tableGrow(tables[code[pc++]!], RL[sp - 1], I[2 * sp]!);
            break;
          case IOp.FC + 0x10: // table.size [table]
            I[2 * sp++] = tableEls[code[pc++]!]!.length;
            break;
          case IOp.FC + 0x11: // table.fill [table]: (index, value, count)
            sp -= 3;
            tableFill(tables[code[pc++]!], I[2 * sp]!, RL[sp + 1], I[2 * sp + 4]!);
            break;
          default:
            throw new Error(`interpreter: bad opcode ${code[at]} at ${at}`);
        }
      }
    } catch (e) {
      // This activation's frames, innermost first, into the trap's backtrace.
      let err = unwind(e, importCount + d, fn, at);
      while (csp > entryCsp) {
        csp -= FRAME_WORDS;
        const cd = CS[csp]!;
        err = unwind(err, importCount + cd, decoded[cd]!, CS[csp + 4]!);
      }
      throw err;
    }
  }

  /** Leaves the function: fuel to the store, results where the calling convention puts them. */
  function ret(d: number, fp: number, sp: number, fuelOn: boolean, fu: number): unknown {
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

  return {
    execute,
    token,
    refresh(): void {
      for (let m = 0; m < memories.length; m++) views[m] = memories[m]!.view;
    },
  };
}
