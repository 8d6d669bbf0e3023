import { BUILTIN_NAMES } from '../core/builtin_names.js';
import type { LinkEnv, Relocation } from '../core/link_contract.js';
import type { ModuleInfo } from '../binary/module_info.js';
import { makeEntry, type ShimViews } from './call_shims.js';
import { createExecutor } from './executor.js';
import type { InterpretOptions } from './interpret_options.js';
import type { CallTarget, InterpreterBuiltins, MemoryLike, TableLike, TierHolder } from './interpreter_state.js';
import type { PredecodedFunction } from './predecoder.js';


/** What linking an interpreted module gives the runtime: the function objects of its defined functions. */
export interface InterpreterLinked {
  readonly funcs: CallTarget[];
  refresh(): void;
  /** Tiering: moves the instance to compiled code now (when its module is already compiled). */
  tierUp(): void;
}

/** A module prepared for interpretation: no code generated; bodies are predecoded at their first call. */
export interface InterpretedModule {
  readonly relocations: readonly Relocation[];
  link(env: LinkEnv): InterpreterLinked;
}

/**
 * Prepares a validated module for the interpreter. Cheap: it lists the relocations; each function body is
 * predecoded at its first call, once for all instances.
 *
 * @param sigIds engine-wide signature id of each type index (for `call_indirect` checks and `.sig`).
 */
export function interpretModule(info: ModuleInfo, sigIds: Int32Array, options: InterpretOptions): InterpretedModule {
  const relocations: Relocation[] = [];
  for (const name of BUILTIN_NAMES) relocations.push({ kind: 'builtin', name });
  const at = (kind: Relocation['kind']): number[] => {
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
      relocations.push({ kind, index: i } as Relocation);
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
    link(env: LinkEnv): InterpreterLinked {
      const R = env.relocs;
      const builtins: Record<string, (...args: never[]) => unknown> = {};
      BUILTIN_NAMES.forEach((name, i) => {
        builtins[name] = R[i] as (...args: never[]) => unknown;
      });
      const funcRefs: unknown[] = refAt.map((i) => R[i]);
      const RL = env.refSlots();
      const tier: TierHolder = { fns: null };
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
        tierUpAfter: options.tierUp ? (env.tierUpAfter ?? 0) : Number.MAX_SAFE_INTEGER,
        tier,
        tierUp: options.tierUp ? ((env.tierUp as (() => readonly CallTarget[] | null) | undefined) ?? null) : null,
        adoptError: options.tierUp ? (env.adoptError ?? null) : null,
      });
      const views: ShimViews = { S: env.S, I: env.I, F: env.F, RR: env.RR, RL, tier };
      const funcs: CallTarget[] = [];
      for (let d = 0; d < info.codes.length; d++) {
        const ti = info.funcTypeIndices[info.importedFuncCount + d]!;
        const trivial = options.trivial[d] === 1;
        const f = makeEntry(info.types[ti]!, options.fuel && !trivial, options.tierUp, views, executor.execute, d) as CallTarget & { x: object; d: number };
        f.sig = sigIds[ti]!;
        // What a caller through a table or import charges for this function (trivial ones do not charge themselves).
        f.fuel = trivial ? options.ops[d]! : 0;
        // Calls through tables from this instance's own code run in the interpreter's loop (see createExecutor).
        f.x = executor.token;
        f.d = d;
        funcs.push(f);
        funcRefs.push(f);
      }
      return { funcs, refresh: executor.refresh, tierUp: executor.tierUp };
    },
  };
}
