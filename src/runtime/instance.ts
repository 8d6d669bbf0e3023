import { LinkError } from '../core/link_error.js';
import { ExternKind, type ValType } from '../core/types.js';
import { builtinFor } from './builtins/builtin_table.js';
import { memoryInit, dataDrop } from './builtins/memory_ops.js';
import type { DataSegmentState, ElemSegmentState } from './builtins/segments.js';
import { elemDrop, tableInit } from './builtins/table_ops.js';
import { evalConstExpr } from './const_eval.js';
import type { Extern } from './extern.js';
import { Func, type InternalFunc, type TypedFunc } from './func.js';
import { Global } from './global.js';
import { checkImport } from './import_matching.js';
import { Memory } from './memory.js';
import type { Module, ModuleCode } from './module.js';
import type { LinkEnv, Relocation } from '../core/link_contract.js';
import { adoptForeignError } from './backtrace.js';
import type { Store } from './store.js';
import { Table } from './table.js';
import { Tag } from './tag.js';

/** What a module's code object returns when linked. */
export interface LinkedCode {
  readonly funcs: InternalFunc[];
  refresh(): void;
  /** Tiering (interpreted code): moves the instance to compiled code now. */
  tierUp?(): void;
}

/**
 * An instantiated module: its own memories, tables, globals and functions, linked to its imports. Created by
 * `Linker.instantiate` or `Instance.new`.
 *
 * @example
 * const instance = Instance.new(store, module, []);
 * const run = instance.getTypedFunc<[number], number>(store, 'run', [ValType.i32], [ValType.i32]);
 * run.call(store, 10);
 */
export class Instance {
  private readonly exportMap = new Map<string, Extern>();

  private constructor(
    readonly store: Store<unknown>,
    readonly module: Module,
  ) {}

  /**
   * Instantiates `module` in `store` with `imports` given in the order of `module.imports()`. Runs element and
   * data segment initialization and the start function; a trap there is thrown as `Trap`.
   */
  static new(store: Store<unknown>, module: Module, imports: readonly Extern[]): Instance {
    if (module.engine !== store.engine) throw new LinkError('module and store belong to different engines');
    const info = module.info;
    if (imports.length !== info.imports.length) {
      throw new LinkError(`expected ${info.imports.length} imports, got ${imports.length}`);
    }
    const inst = new Instance(store, module);

    const funcRefs: unknown[] = []; // reference value of each function
    const callTargets: unknown[] = []; // direct-call target of each imported function
    const memories: Memory[] = [];
    const tables: Table[] = [];
    const globals: Global[] = [];
    const tags: Tag[] = [];
    info.imports.forEach((imp, i) => {
      const value = imports[i]!;
      checkImport(store, `${imp.module}::${imp.name}`, imp.type, value);
      switch (imp.type.kind) {
        case ExternKind.func: {
          const f = value as Func;
          funcRefs.push(f.fn);
          callTargets.push(f.callTargetFor(inst));
          break;
        }
        case ExternKind.table:
          tables.push(value as Table);
          break;
        case ExternKind.memory:
          memories.push(value as Memory);
          break;
        case ExternKind.global:
          globals.push(value as Global);
          break;
        case ExternKind.tag:
          tags.push(value as Tag);
          break;
      }
    });
    for (let i = info.importedMemoryCount; i < info.memories.length; i++) memories.push(new Memory(store, info.memories[i]!));
    for (let i = info.importedTableCount; i < info.tables.length; i++) tables.push(new Table(store, info.tables[i]!, null));
    for (let i = info.importedGlobalCount; i < info.globals.length; i++) globals.push(new Global(store, info.globals[i]!));
    for (let i = info.importedTagCount; i < info.tags.length; i++) tags.push(new Tag(store, info.tags[i]!));
    const datas: DataSegmentState[] = info.datas.map((d) => ({ bytes: d.data }));
    const elems: ElemSegmentState[] = info.elems.map(() => ({ items: [] }));

    // Resolve the code object's relocations and link it: this creates the instance's function objects.
    const resolve = (r: Relocation): unknown => {
      switch (r.kind) {
        case 'builtin':
          return builtinFor(r.name, store);
        case 'funcCall':
          return callTargets[r.index];
        case 'funcRef':
          return funcRefs[r.index];
        case 'memory':
          return memories[r.index];
        case 'table':
          return tables[r.index];
        case 'global':
          return globals[r.index]!.cell;
        case 'data':
          return datas[r.index];
        case 'elem':
          return elems[r.index];
      }
    };
    const envFor = (code: ModuleCode): LinkEnv => ({
      S: store.S,
      I: store.I,
      U: store.U,
      F: store.F,
      SN: store.SN,
      RR: store.RR,
      CF: new Float64Array(code.constants.buffer.slice(0)),
      EP: store.engine.epoch,
      DL: store.deadline,
      FU: store.fuel,
      FR: store.fuelChunks,
      refSlots: () => store.refSlots(),
      relocs: code.relocations.map(resolve),
    });
    const code = module.code;
    const tiering = code.tiering;
    const linked = code.link(
      tiering === undefined
        ? envFor(code)
        : {
            ...envFor(code),
            tierUpAfter: tiering.after,
            // Links the compiled code to this same state. Its own functions' references resolve to the entries
            // linked here (funcRefs, by then), which forward to it: identities stay as they were.
            tierUp: () => {
              const upper = tiering.upper();
              if (upper === null) return null;
              const compiled = upper.link(envFor(upper));
              for (const m of memories) m.refreshers.push(compiled.refresh);
              return compiled.funcs;
            },
            adoptError: (e: unknown) => adoptForeignError(store.engine, e),
          },
    );
    for (const m of memories) m.refreshers.push(linked.refresh);
    for (const f of linked.funcs) funcRefs.push(f);
    // A module that got hot in another instance is compiled already: this one moves at once.
    if (tiering?.hot()) linked.tierUp?.();

    const funcRef = (i: number): unknown => funcRefs[i];
    const globalValue = (i: number): unknown => globals[i]!.getRaw();
    try {
      for (let i = info.importedGlobalCount; i < info.globals.length; i++) {
        globals[i]!.setRaw(evalConstExpr(info.globalInits[i - info.importedGlobalCount]!, globalValue, funcRef));
      }

      for (const e of info.exports) {
        let v: Extern;
        switch (e.kind) {
          case ExternKind.func:
            v = Func.fromInternal(store, funcRefs[e.index] as InternalFunc);
            break;
          case ExternKind.table:
            v = tables[e.index]!;
            break;
          case ExternKind.memory:
            v = memories[e.index]!;
            break;
          case ExternKind.global:
            v = globals[e.index]!;
            break;
          default:
            v = tags[e.index]!;
        }
        inst.exportMap.set(e.name, v);
      }

      // Segments in the spec's order; a trap leaves the effects of earlier segments in place.
      info.elems.forEach((seg, i) => {
        const state = elems[i]!;
        state.items = seg.items.map((item) => evalConstExpr(item, globalValue, funcRef));
        if (seg.mode === 'active') {
          const offset = evalConstExpr(seg.offsetExpr!, globalValue, funcRef) as number;
          tableInit(tables[seg.table]!, state, offset, 0, state.items.length);
          elemDrop(state);
        } else if (seg.mode === 'declarative') {
          elemDrop(state);
        }
      });
      info.datas.forEach((seg, i) => {
        if (seg.mode !== 'active') return;
        const state = datas[i]!;
        const offset = evalConstExpr(seg.offsetExpr!, globalValue, funcRef) as number;
        memoryInit(memories[seg.memory]!, state, offset, 0, seg.data.length);
        dataDrop(state);
      });
    } catch (e) {
      throw store.embedderError(e);
    }
    if (info.start !== null) {
      Func.fromInternal(store, funcRefs[info.start] as InternalFunc).call(store, []);
    }
    return inst;
  }

  /** The export called `name`, or undefined. */
  getExport(store: Store<unknown>, name: string): Extern | undefined {
    this.check(store);
    return this.exportMap.get(name);
  }

  /** The exported function `name`, or undefined. */
  getFunc(store: Store<unknown>, name: string): Func | undefined {
    const e = this.getExport(store, name);
    return e instanceof Func ? e : undefined;
  }

  /** The exported function `name` as a typed function; throws when it is missing or has another type. */
  getTypedFunc<P extends unknown[] = unknown[], R = unknown>(store: Store<unknown>, name: string, params: readonly ValType[], results: readonly ValType[]): TypedFunc<P, R> {
    const f = this.getFunc(store, name);
    if (!f) throw new Error(`no exported function named "${name}"`);
    return f.typed<P, R>(store, params, results);
  }

  getMemory(store: Store<unknown>, name: string): Memory | undefined {
    const e = this.getExport(store, name);
    return e instanceof Memory ? e : undefined;
  }

  getTable(store: Store<unknown>, name: string): Table | undefined {
    const e = this.getExport(store, name);
    return e instanceof Table ? e : undefined;
  }

  getGlobal(store: Store<unknown>, name: string): Global | undefined {
    const e = this.getExport(store, name);
    return e instanceof Global ? e : undefined;
  }

  /** All exports, in the module's order. */
  exports(store: Store<unknown>): [string, Extern][] {
    this.check(store);
    return [...this.exportMap];
  }

  private check(store: Store<unknown>): void {
    if (store !== this.store) throw new Error('instance used with a store it does not belong to');
  }
}
