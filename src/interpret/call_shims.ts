import { ValType, isRefType, type FuncType } from '../core/types.js';
import type { TierHolder } from './interpreter_state.js';
import { paramSlots } from './predecoder.js';

/**
 * The two small pieces of generated code the interpreter needs to speak the compiled calling convention (non-i64
 * arguments as JS arguments, i64 arguments in the callee frame's slots, the frame pointer and fuel last; one
 * non-i64 result returned, other results in the callee frame's slots, references in `RR`):
 * - an *entry* per defined function: the JS function others call, which stores its arguments into the frame and
 *   runs the interpreter;
 * - a *call shim* per signature: how interpreted code calls any function object (import, table element) with
 *   arguments taken from its operand stack, putting the results back there.
 * Both are built from type codes only (never module text), once per shape per process, and closed over the store's
 * slot views when a module is linked. A few dozen lines of JS per signature instead of one function per wasm
 * function keeps linking cheap.
 */

/** The store state shims read and write. */
export interface ShimViews {
  readonly S: BigUint64Array;
  readonly I: Int32Array;
  readonly F: Float64Array;
  readonly RR: unknown[];
  readonly RL: unknown[];
  /** Tiering: the instance's compiled functions once it has moved to them (entries forward there). */
  readonly tier: TierHolder;
}

/** Runs defined function `d` with its frame at `fp` (see `createExecutor`). */
export type Execute = (d: number, fp: number, fu: number) => unknown;

/** A call of function object `f` with arguments at slots `base..` and the callee frame at `cfp`; results to `base..`. */
export type CallShim = (f: (...args: unknown[]) => unknown, base: number, cfp: number, fu: number) => void;

type EntryFactory = (v: ShimViews, execute: Execute, d: number) => (...args: unknown[]) => unknown;
type ShimFactory = (v: ShimViews) => CallShim;

const entryFactories = new Map<string, EntryFactory>();
const shimFactories = new Map<string, ShimFactory>();

const PRELUDE = 'const S = v.S, I = v.I, F = v.F, RR = v.RR, RL = v.RL;';

/** The statement storing JS value `v` of type `t` into slot expression `slot`. */
function storeSlot(t: ValType, slot: string, v: string): string {
  if (t === ValType.i32) return `I[2 * (${slot})] = ${v};`;
  if (isRefType(t)) return `RL[${slot}] = ${v};`;
  return `F[${slot}] = ${v};`;
}

/** The expression reading a value of type `t` (not i64) from slot expression `slot`. */
function loadSlot(t: ValType, slot: string): string {
  if (t === ValType.i32) return `I[2 * (${slot})]`;
  if (isRefType(t)) return `RL[${slot}]`;
  return `F[${slot}]`;
}

/**
 * The function object other code calls for defined function `d` of type `type`: it takes the compiled calling
 * convention's arguments (`fu` only when `withFuel`) and runs the interpreter on its frame. With `tiering`, once the
 * instance has moved to compiled code, it forwards the call to the compiled function: the entry stays the
 * function's identity (in tables, exports, globals) and compiled code uses it as the function's reference.
 */
export function makeEntry(type: FuncType, withFuel: boolean, tiering: boolean, v: ShimViews, execute: Execute, d: number): (...args: unknown[]) => unknown {
  const key = `${type.key}|${withFuel ? 1 : 0}|${tiering ? 1 : 0}`;
  let factory = entryFactories.get(key);
  if (!factory) {
    const slots = paramSlots(type.params);
    const params: string[] = [];
    const stores: string[] = [];
    type.params.forEach((t, i) => {
      if (t === ValType.i64) return; // already in its slot
      params.push(`p${i}`);
      stores.push(storeSlot(t, `fp + ${slots[i]}`, `p${i}`));
    });
    params.push('fp');
    if (withFuel) params.push('fu');
    const forward = tiering ? `const up = v.tier.fns; if (up !== null) return up[d](${params.join(', ')});\n  ` : '';
    const src = `${PRELUDE}\nreturn function entry(${params.join(', ')}) {\n  ${forward}${stores.join(' ')}\n  return execute(d, fp, ${withFuel ? 'fu' : '0'});\n};`;
    factory = new Function('v', 'execute', 'd', src) as EntryFactory;
    entryFactories.set(key, factory);
  }
  return factory(v, execute, d);
}

/** The call shim for functions of type `type` (passing `fu` when `withFuel`). */
export function makeCallShim(type: FuncType, withFuel: boolean, v: ShimViews): CallShim {
  const key = `${type.key}|${withFuel ? 1 : 0}`;
  let factory = shimFactories.get(key);
  if (!factory) {
    const args: string[] = [];
    const pre: string[] = [];
    let j = 0;
    type.params.forEach((t, i) => {
      if (t === ValType.i64) pre.push(`F[cfp + ${j++}] = F[base + ${i}];`);
      else args.push(loadSlot(t, `base + ${i}`));
    });
    args.push('cfp');
    if (withFuel) args.push('fu');
    const call = `f(${args.join(', ')})`;
    const rs = type.results;
    let body: string;
    if (rs.length === 0) body = `${call};`;
    else if (rs.length === 1 && rs[0] !== ValType.i64) body = storeSlot(rs[0]!, 'base', call);
    else {
      body = `${call};`;
      rs.forEach((t, i) => {
        body += isRefType(t) ? ` RL[base + ${i}] = RR[${i}];` : ` F[base + ${i}] = F[cfp + ${i}];`;
      });
    }
    const src = `${PRELUDE}\nreturn function callShim(f, base, cfp, fu) {\n  ${pre.join(' ')}\n  ${body}\n};`;
    factory = new Function('v', src) as ShimFactory;
    shimFactories.set(key, factory);
  }
  return factory(v);
}
