import type { ModuleInfo } from '../binary/module_info.js';
import { makeEntry, type ShimViews } from './call_shims.js';
import { createExecutor } from './executor.js';
import type { InterpretOptions } from './interpret_options.js';
import type { CallTarget, InterpreterBuiltins, MemoryLike, TableLike } from './interpreter_state.js';
import type { PredecodedFunction } from './predecoder.js';

/**
 * The runtime functions the interpreter calls, by the names the runtime resolves builtin relocations by (the
 * compiler's names: traps are raised by the same functions as in compiled code).
 */
export const INTERPRETER_BUILTINS = [
  'trap',
  'callIndirectFail',
  'f32FromBits',
  'f32ToBits',
  'f32Neg',
  'f32Abs',
  'f32Copysign',
  'f32Ceil',
  'f32Floor',
  'f32Trunc',
  'f32Nearest',
  'f32Sqrt',
  'f32Min',
  'f32Max',
  'f64Neg',
  'f64Abs',
  'f64Copysign',
  'f64Ceil',
  'f64Floor',
  'f64Trunc',
  'f64Nearest',
  'f64Sqrt',
  'f64Min',
  'f64Max',
  'f64PromoteF32',
  'f32DemoteF64',
  'i32TruncF32S',
  'i32TruncF32U',
  'i32TruncF64S',
  'i32TruncF64U',
  'i64TruncF32S',
  'i64TruncF32U',
  'i64TruncF64S',
  'i64TruncF64U',
  'i32TruncSatF32S',
  'i32TruncSatF32U',
  'i32TruncSatF64S',
  'i32TruncSatF64U',
  'i64TruncSatF32S',
  'i64TruncSatF32U',
  'i64TruncSatF64S',
  'i64TruncSatF64U',
  'f32ConvertI64S',
  'f32ConvertI64U',
  'f64ConvertI64S',
  'f64ConvertI64U',
  'i32Ctz',
  'i32Popcnt',
  'i64DivS',
  'i64DivU',
  'i64RemS',
  'i64RemU',
  'i64Shl',
  'i64ShrS',
  'i64ShrU',
  'i64Rotl',
  'i64Rotr',
  'i64Clz',
  'i64Ctz',
  'i64Popcnt',
  'memoryGrow',
  'memoryFill',
  'memoryCopy',
  'memoryInit',
  'dataDrop',
  'tableGrow',
  'tableFill',
  'tableCopy',
  'tableInit',
  'elemDrop',
  'outOfFuel',
  'epochInterrupt',
] as const;

/** A builtin the interpreter uses. */
export type InterpreterBuiltinName = (typeof INTERPRETER_BUILTINS)[number];

/** What the runtime resolves for the interpreter when it links an instance (the same kinds as compiled code's). */
export type InterpreterRelocation =
  | { readonly kind: 'builtin'; readonly name: InterpreterBuiltinName }
  | { readonly kind: 'funcCall' | 'funcRef' | 'memory' | 'table' | 'global' | 'data' | 'elem'; readonly index: number };

/** The environment the runtime links an interpreted module with (a subset of the compiled code's). */
export interface InterpreterLinkEnv {
  readonly S: BigUint64Array;
  readonly I: Int32Array;
  readonly U: Uint32Array;
  readonly F: Float64Array;
  readonly SN: number;
  readonly RR: unknown[];
  readonly EP: Int32Array;
  readonly DL: Float64Array;
  readonly FU: Int32Array;
  readonly FR: Float64Array;
  /** Values of `relocations`, in order. */
  readonly relocs: readonly unknown[];
  /** The store's reference slots (the interpreter keeps reference values of its frames there). */
  refSlots(): unknown[];
}

/** What linking an interpreted module gives the runtime: the function objects of its defined functions. */
export interface InterpreterLinked {
  readonly funcs: CallTarget[];
  refresh(): void;
}

/** A module prepared for interpretation: no code generated; bodies are predecoded at their first call. */
export interface InterpretedModule {
  readonly relocations: readonly InterpreterRelocation[];
  link(env: InterpreterLinkEnv): InterpreterLinked;
}

/**
 * Prepares a validated module for the interpreter. Cheap: it lists the relocations; each function body is
 * predecoded at its first call, once for all instances.
 *
 * @param sigIds engine-wide signature id of each type index (for `call_indirect` checks and `.sig`).
 */
export function interpretModule(info: ModuleInfo, sigIds: Int32Array, options: InterpretOptions): InterpretedModule {
  const relocations: InterpreterRelocation[] = [];
  for (const name of INTERPRETER_BUILTINS) relocations.push({ kind: 'builtin', name });
  const at = (kind: InterpreterRelocation['kind']): number[] => {
    const list: number[] = [];
    const n =
      kind === 'memory' ? info.memories.length
      : kind === 'table' ? info.tables.length
      : kind === 'global' ? info.globals.length
      : kind === 'data' ? info.datas.length
      : kind === 'elem' ? info.elems.length
      : info.importedFuncCount;
    for (let i = 0; i < n; i++) {
      list.push(relocations.length);
      relocations.push({ kind, index: i } as InterpreterRelocation);
    }
    return list;
  };
  const callAt = at('funcCall');
  const refAt = at('funcRef');
  const memAt = at('memory');
  const tableAt = at('table');
  const globalAt = at('global');
  const dataAt = at('data');
  const elemAt = at('elem');
  const decoded: (PredecodedFunction | null)[] = info.codes.map(() => null);

  return {
    relocations,
    link(env: InterpreterLinkEnv): InterpreterLinked {
      const R = env.relocs;
      const builtins: Record<string, (...args: never[]) => unknown> = {};
      INTERPRETER_BUILTINS.forEach((name, i) => {
        builtins[name] = R[i] as (...args: never[]) => unknown;
      });
      const funcRefs: unknown[] = refAt.map((i) => R[i]);
      const RL = env.refSlots();
      const executor = createExecutor({
        info,
        options,
        decoded,
        sigIds,
        S: env.S,
        I: env.I,
        U: env.U,
        F: env.F,
        SN: env.SN,
        RR: env.RR,
        RL,
        EP: env.EP,
        DL: env.DL,
        FU: env.FU,
        FR: env.FR,
        builtins: builtins as InterpreterBuiltins,
        imports: callAt.map((i) => R[i] as CallTarget),
        funcRefs,
        memories: memAt.map((i) => R[i] as MemoryLike),
        tables: tableAt.map((i) => R[i] as TableLike),
        globals: globalAt.map((i) => R[i]),
        datas: dataAt.map((i) => R[i]),
        elems: elemAt.map((i) => R[i]),
      });
      const views: ShimViews = { S: env.S, I: env.I, F: env.F, RR: env.RR, RL };
      const funcs: CallTarget[] = [];
      for (let d = 0; d < info.codes.length; d++) {
        const ti = info.funcTypeIndices[info.importedFuncCount + d]!;
        const trivial = options.trivial[d] === 1;
        const f = makeEntry(info.types[ti]!, options.fuel && !trivial, views, executor.execute, d) as CallTarget & { x: object; d: number };
        f.sig = sigIds[ti]!;
        // What a caller through a table or import charges for this function (trivial ones do not charge themselves).
        f.fuel = trivial ? options.ops[d]! : 0;
        // Calls through tables from this instance's own code run in the interpreter's loop (see createExecutor).
        f.x = executor.token;
        f.d = d;
        funcs.push(f);
        funcRefs.push(f);
      }
      return { funcs, refresh: executor.refresh };
    },
  };
}
