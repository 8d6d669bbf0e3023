import { ValType, type FuncType } from '../core/types.js';
import type { Engine } from './engine.js';

/**
 * Generated adapters between the host's calling convention and wasm's. Wasm functions take their non-i64
 * arguments as JS arguments, their i64 arguments in slots at the frame pointer `fp` passed last, and return one
 * non-i64 result directly or write results to slots (RATIONALE.md). Adapters are generated once per signature and
 * engine from type codes only (never module text) so V8 sees monomorphic, inlinable code.
 */

/** The values an adapter factory closes over. */
export interface AdapterContext {
  readonly S: BigUint64Array;
  readonly I: Int32Array;
  readonly F: Float64Array;
  readonly RR: unknown[];
  /** Store state read and written by adapters (`sp`, `hostErrors`, `embedderError`). */
  readonly st: { sp: number; readonly SN: number; readonly fuel: Int32Array; readonly hostErrors: WeakSet<object>; embedderError(e: unknown): unknown };
  /** Internal function object -> API `Func` (or null). */
  readonly wrapF: (fn: unknown) => unknown;
  /** API `Func` (or null) -> internal function object. */
  readonly unwrapF: (f: unknown) => unknown;
  /** Throws the error for a host result of the wrong type. */
  readonly bad: (value: unknown, expected: string) => never;
  readonly isTrap: (e: unknown) => boolean;
  /** Throws the "call stack exhausted" trap. */
  readonly overflow: () => never;
}

type Factory<F> = (ctx: AdapterContext, target: unknown, extra: unknown) => F;

function cached<F>(engine: Engine, key: string, build: () => string): Factory<F> {
  let f = engine.adapterCache.get(key) as Factory<F> | undefined;
  if (!f) {
    f = new Function('ctx', 'target', 'extra', build()) as Factory<F>;
    engine.adapterCache.set(key, f);
  }
  return f;
}

const PRELUDE = 'const S = ctx.S, I = ctx.I, F = ctx.F, RR = ctx.RR, st = ctx.st, wrapF = ctx.wrapF, unwrapF = ctx.unwrapF, bad = ctx.bad, isTrap = ctx.isTrap, fround = Math.fround;';

function paramNames(type: FuncType): string[] {
  const names: string[] = [];
  type.params.forEach((t, i) => {
    if (t !== ValType.i64) names.push(`p${i}`);
  });
  return names;
}

/** Statements storing host result `v` of type `t` as result `i` of a multi-value return at `fp`. */
function storeResult(t: ValType, v: string, i: number): string {
  switch (t) {
    case ValType.i32:
      return `if (typeof ${v} !== 'number') bad(${v}, 'i32'); I[(fp+${i})*2] = ${v};`;
    case ValType.i64:
      return `S[fp+${i}] = typeof ${v} === 'bigint' ? ${v} : (Number.isInteger(${v}) ? BigInt(${v}) : bad(${v}, 'i64'));`;
    case ValType.f32:
      return `if (typeof ${v} !== 'number') bad(${v}, 'f32'); F[fp+${i}] = fround(${v});`;
    case ValType.f64:
      return `if (typeof ${v} !== 'number') bad(${v}, 'f64'); F[fp+${i}] = ${v};`;
    case ValType.funcref:
      return `RR[${i}] = unwrapF(${v});`;
    default:
      return `RR[${i}] = ${v};`;
  }
}

/**
 * A wasm-callable function that calls host function `target(caller, ...args)` with API values, and converts its
 * result back. Errors thrown by the host pass through wasm unchanged (recorded in `hostErrors`).
 */
export function hostAdapter(engine: Engine, type: FuncType, ctx: AdapterContext, target: unknown, caller: unknown): (...args: unknown[]) => unknown {
  const factory = cached<(...args: unknown[]) => unknown>(engine, `host:${type.key}`, () => {
    const args: string[] = ['extra'];
    let j = 0;
    type.params.forEach((t, i) => {
      if (t === ValType.i64) args.push(`BigInt.asIntN(64, S[fp+${j++}])`);
      else if (t === ValType.funcref) args.push(`wrapF(p${i})`);
      else args.push(`p${i}`);
    });
    const call = `target(${args.join(', ')})`;
    let body: string;
    const rs = type.results;
    if (rs.length === 0) body = `${call}; return;`;
    else if (rs.length === 1) {
      switch (rs[0]) {
        case ValType.i32:
          body = `const r = ${call}; if (typeof r !== 'number') bad(r, 'i32'); return r | 0;`;
          break;
        case ValType.f32:
          body = `const r = ${call}; if (typeof r !== 'number') bad(r, 'f32'); return fround(r);`;
          break;
        case ValType.f64:
          body = `const r = ${call}; if (typeof r !== 'number') bad(r, 'f64'); return r;`;
          break;
        case ValType.i64:
          body = `const r = ${call}; ${storeResult(ValType.i64, 'r', 0)} return;`;
          break;
        case ValType.funcref:
          body = `return unwrapF(${call});`;
          break;
        default:
          body = `return ${call};`;
      }
    } else {
      body = `const r = ${call}; if (!Array.isArray(r) || r.length !== ${rs.length}) bad(r, 'an array of ${rs.length} results');`;
      rs.forEach((t, i) => {
        body += ` { const v = r[${i}]; ${storeResult(t, 'v', i)} }`;
      });
      body += ' return;';
    }
    const params = [...paramNames(type), 'fp'].join(', ');
    const nI64 = j;
    return `${PRELUDE}
return function hostCall(${params}) {
  const saved = st.sp; st.sp = fp + ${nI64};
  try { ${body} }
  catch (e) { if (typeof e === 'object' && e !== null && !isTrap(e)) st.hostErrors.add(e); throw e; }
  finally { st.sp = saved; }
};`;
  });
  return factory(ctx, target, caller);
}

/**
 * A host-callable function that calls wasm function `target` with API values (i32/f32/f64 numbers, i64 bigint,
 * funcref `Func`/null, externref any) and returns the single result, an array of results, or undefined.
 */
export function typedEntry(engine: Engine, type: FuncType, ctx: AdapterContext, target: unknown): (...args: unknown[]) => unknown {
  const factory = cached<(...args: unknown[]) => unknown>(engine, `entry:${type.key}`, () => {
    const params: string[] = [];
    const pre: string[] = [];
    const args: string[] = [];
    let j = 0;
    type.params.forEach((t, i) => {
      params.push(`a${i}`);
      switch (t) {
        case ValType.i64:
          pre.push(`S[fp+${j++}] = a${i};`);
          break;
        case ValType.i32:
          args.push(`a${i} | 0`);
          break;
        case ValType.f32:
          // NaNs pass unchanged: they may already be in the engine's payload-preserving f32 form.
          args.push(`(a${i} === a${i} ? fround(a${i}) : a${i})`);
          break;
        case ValType.f64:
          args.push(`+a${i}`);
          break;
        case ValType.funcref:
          args.push(`unwrapF(a${i})`);
          break;
        default:
          args.push(`a${i}`);
      }
    });
    args.push('fp');
    // Compiled functions take the store's fuel as their last argument (see FunctionCompiler).
    if (engine.config.consumeFuel) args.push('st.fuel[0]');
    const rs = type.results;
    let ret: string;
    if (rs.length === 0) ret = 'return undefined;';
    else if (rs.length === 1) {
      switch (rs[0]) {
        case ValType.i64:
          ret = 'return BigInt.asIntN(64, S[fp]);';
          break;
        case ValType.funcref:
          ret = 'return wrapF(r);';
          break;
        default:
          ret = 'return r;';
      }
    } else {
      const items = rs.map((t, i) => {
        switch (t) {
          case ValType.i32:
            return `I[(fp+${i})*2]`;
          case ValType.i64:
            return `BigInt.asIntN(64, S[fp+${i}])`;
          case ValType.f32:
          case ValType.f64:
            return `F[fp+${i}]`;
          case ValType.funcref:
            return `wrapF(RR[${i}])`;
          default:
            return `RR[${i}]`;
        }
      });
      // Filled with null first so the array has object elements: V8 canonicalizes NaNs in double arrays.
      ret = `const out = new Array(${rs.length}).fill(null); ${items.map((it, i) => `out[${i}] = ${it};`).join(' ')} return out;`;
    }
    return `${PRELUDE}
return function call(${params.join(', ')}) {
  const fp = st.sp;
  ${pre.join(' ')}
  let r;
  try {
    // Functions that skip their own stack check rely on starting at or below the limit (TRIVIAL_FRAME_GUARD).
    if (fp > st.SN) ctx.overflow();
    r = target(${args.join(', ')});
  } catch (e) { throw st.embedderError(e); }
  ${ret}
};`;
  });
  return factory(ctx, target, null);
}
