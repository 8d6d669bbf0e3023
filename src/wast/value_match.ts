import { ValType } from '../core/types.js';
import { Val } from '../runtime/val.js';
import type { WastResult, WastValue } from '../text/wast_script.js';

/**
 * Script values <-> API values, and the spec's result matching (exact bits, NaN classes, reference classes).
 * Host references `(ref.extern N)` are objects interned per runner, so identity survives a round trip.
 */
export class HostRefs {
  private readonly refs = new Map<number, object>();

  /** The host object standing for `(ref.extern id)`. */
  get(id: number): object {
    let r = this.refs.get(id);
    if (!r) {
      r = Object.freeze({ hostRef: id });
      this.refs.set(id, r);
    }
    return r;
  }
}

/** Thrown for a value this engine cannot represent yet (v128, GC references): the assertion is skipped. */
export class UnsupportedValue extends Error {}

/** The API value of a script argument. */
export function toVal(v: WastValue, refs: HostRefs): Val {
  switch (v.type) {
    case 'i32':
      return Val.i32(v.bits | 0);
    case 'i64':
      return Val.i64(v.bits);
    case 'f32':
      return Val.f32Bits(v.bits);
    case 'f64':
      return Val.f64Bits(v.bits);
    case 'ref.null':
      if (v.heapType === 'extern' || v.heapType === 'noextern') return Val.externref(null);
      if (v.heapType === 'func' || v.heapType === 'nofunc') return Val.funcref(null);
      throw new UnsupportedValue(`(ref.null ${String(v.heapType)}) arguments are not supported yet`);
    case 'ref.extern':
      return Val.externref(refs.get(v.host));
    default:
      throw new UnsupportedValue(`${v.type} arguments are not supported yet`);
  }
}

const F32_QUIET = 0x7fc00000;

/** Whether result `r` matches `e`; null on a match, else a description of the mismatch. */
export function matchResult(r: Val, e: WastResult, refs: HostRefs): string | null {
  const bad = (): string => `got ${describe(r)}, expected ${describeExpected(e)}`;
  switch (e.kind) {
    case 'either':
      return e.options.some((o) => matchResult(r, o, refs) === null) ? null : bad();
    case 'nan':
      if (e.type === 'f32') {
        if (r.type !== ValType.f32) return bad();
        const b = r.f32Bits();
        return (e.nan === 'canonical' ? (b & 0x7fffffff) === F32_QUIET : (b & F32_QUIET) === F32_QUIET) ? null : bad();
      } else {
        if (r.type !== ValType.f64) return bad();
        const b = r.f64Bits();
        const q = 0x7ff8000000000000n;
        return (e.nan === 'canonical' ? (b & 0x7fffffffffffffffn) === q : (b & q) === q) ? null : bad();
      }
    case 'null':
      return (r.type === ValType.funcref || r.type === ValType.externref) && r.value === null ? null : bad();
    case 'ref':
      if (e.heapType === 'func') return r.type === ValType.funcref && r.value !== null ? null : bad();
      if (e.heapType === 'extern') return r.type === ValType.externref && r.value !== null ? null : bad();
      throw new UnsupportedValue(`(ref.${e.heapType}) results are not supported yet`);
    case 'v128':
      throw new UnsupportedValue('v128 results are not supported yet');
    case 'value': {
      const v = e.value;
      switch (v.type) {
        case 'i32':
          return r.type === ValType.i32 && (r.value as number) >>> 0 === v.bits >>> 0 ? null : bad();
        case 'i64':
          return r.type === ValType.i64 && BigInt.asUintN(64, r.value as bigint) === v.bits ? null : bad();
        case 'f32':
          return r.type === ValType.f32 && r.f32Bits() === v.bits >>> 0 ? null : bad();
        case 'f64':
          return r.type === ValType.f64 && r.f64Bits() === v.bits ? null : bad();
        case 'ref.null':
          return (r.type === ValType.funcref || r.type === ValType.externref) && r.value === null ? null : bad();
        case 'ref.extern':
          return r.type === ValType.externref && r.value === refs.get(v.host) ? null : bad();
        default:
          throw new UnsupportedValue(`${v.type} results are not supported yet`);
      }
    }
  }
}

function describe(v: Val): string {
  switch (v.type) {
    case ValType.f32:
      return `f32 0x${v.f32Bits().toString(16)} (${String(v.value)})`;
    case ValType.f64:
      return `f64 0x${v.f64Bits().toString(16)} (${String(v.value)})`;
    default:
      return v.toString();
  }
}

function describeExpected(e: WastResult): string {
  switch (e.kind) {
    case 'value': {
      const v = e.value;
      if (v.type === 'i32') return `i32 ${v.bits | 0}`;
      if (v.type === 'i64') return `i64 ${BigInt.asIntN(64, v.bits)}`;
      if (v.type === 'f32') return `f32 0x${(v.bits >>> 0).toString(16)}`;
      if (v.type === 'f64') return `f64 0x${v.bits.toString(16)}`;
      if (v.type === 'ref.extern') return `ref.extern ${v.host}`;
      return v.type;
    }
    case 'nan':
      return `${e.type} nan:${e.nan}`;
    case 'either':
      return `either(${e.options.map(describeExpected).join(' | ')})`;
    case 'ref':
      return `(ref.${e.heapType})`;
    default:
      return e.kind;
  }
}
