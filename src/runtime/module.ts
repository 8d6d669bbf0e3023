import { CompileError } from '../core/compile_error.js';
import { ExternKind, type ExternType } from '../core/types.js';
import { decodeModule } from '../binary/decoder.js';
import type { ModuleInfo } from '../binary/module_info.js';
import { validateModule } from '../validate/module_validator.js';
import { compileModule, type CompiledModule } from '../compile/module_compiler.js';
import { isTrivialFunction, type FunctionFacts } from '../compile/function_compiler.js';
import { MAX_UNCHECKED_FUEL } from '../core/fuel_segments.js';
import type { LinkEnv, Relocation } from '../core/link_contract.js';
import { interpretModule } from '../interpret/interpreted_module.js';
import { watToBinary } from '../text/wat.js';
import type { Engine } from './engine.js';
import type { LinkedCode } from './instance.js';

/** An import of a module: where it comes from and what type it must have. */
export interface ImportType {
  readonly module: string;
  readonly name: string;
  readonly type: ExternType;
}

/** An export of a module: its name and type. */
export interface ExportType {
  readonly name: string;
  readonly type: ExternType;
}

/**
 * @internal A module's executable code as the runtime links it: the relocations it needs, NaN constants (compiled
 * code's `CF`), and `link`, which makes an instance's function objects. Compiled code or the interpreter.
 */
export interface ModuleCode {
  readonly relocations: readonly Relocation[];
  /** NaN constants as (lo, hi) pairs (compiled code only; empty for the interpreter). */
  readonly constants: Uint32Array;
  readonly link: (env: LinkEnv) => LinkedCode;
}

/**
 * A compiled WebAssembly module: decoded, validated and compiled to one JavaScript code object, which is
 * evaluated once here ("published") and linked to each instance; or, with the engine's `strategy: 'interpret'`,
 * prepared for the interpreter (no code generated). Modules are immutable and can be instantiated any number of
 * times, in any store of the same engine.
 *
 * @example
 * const module = Module.fromBytes(engine, fs.readFileSync('prog.wasm'));
 * for (const imp of module.imports()) console.log(imp.module, imp.name);
 */
export class Module {
  private constructor(
    readonly engine: Engine,
    /** @internal */ readonly info: ModuleInfo,
    /** @internal The compiled code object, or null when the engine interprets. */
    readonly compiled: CompiledModule | null,
    /** @internal */ readonly code: ModuleCode,
  ) {}

  /** Decodes, validates and compiles a module. Throws `CompileError` for malformed or invalid bytes. */
  static fromBytes(engine: Engine, bytes: Uint8Array | ArrayBuffer): Module {
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const features = engine.config.features;
    const info = decodeModule(u8, features);
    const ctx = validateModule(info, features);
    const sigIds = Int32Array.from(info.types.map((t) => engine.types.intern(t)));
    // Every fuel-counting frame takes a stack slot, so returns carry at most slots x this below zero: < 2^29.
    const uncheckedFuel = Math.min(MAX_UNCHECKED_FUEL, Math.floor(2 ** 29 / engine.stackSlots));
    const facts: FunctionFacts = { flags: ctx.funcFacts, ops: ctx.funcOps, tableWritten: ctx.tableWritten };
    if (engine.config.strategy === 'interpret') {
      const interp = interpretModule(info, sigIds, {
        features,
        fuel: engine.config.consumeFuel,
        epoch: engine.config.epochInterruption,
        uncheckedFuel,
        flags: ctx.funcFacts,
        ops: ctx.funcOps,
        trivial: Uint8Array.from(info.codes, (_, d) => (isTrivialFunction(facts, d) ? 1 : 0)),
      });
      return new Module(engine, info, null, {
        relocations: interp.relocations,
        constants: new Uint32Array(0),
        link: (env) => interp.link(env),
      });
    }
    const compiled = compileModule(
      info,
      sigIds,
      {
        features,
        fuel: engine.config.consumeFuel,
        epoch: engine.config.epochInterruption,
        outlineAbove: engine.config.outlineFunctionsAbove,
        outlineMinRun: engine.config.outlineMinRun,
        uncheckedFuel,
      },
      engine.nextSourceUrl(),
      facts,
    );
    let link: (env: LinkEnv) => LinkedCode;
    try {
      link = (new Function(compiled.source) as () => (env: LinkEnv) => LinkedCode)();
    } catch (e) {
      if (e instanceof RangeError) {
        // V8's parser recurses on nesting; thousands of nested blocks exhaust the host stack.
        throw new CompileError('unsupported', 'module nests blocks too deeply for this host', -1);
      }
      throw new Error(`internal compiler error: generated code does not parse (${(e as Error).message})`);
    }
    const m = new Module(engine, info, compiled, { relocations: compiled.relocations, constants: compiled.constants, link });
    engine.registerCode(m, { compiled, moduleName: info.names.module, funcNames: info.names.functions });
    return m;
  }

  /**
   * Compiles a module from the WebAssembly text format (WAT). Throws `TextError` (with file:line:col) for text
   * that does not parse, then `CompileError` as `fromBytes` does.
   */
  static fromText(engine: Engine, source: string | Uint8Array, filename = '<text>'): Module {
    return Module.fromBytes(engine, watToBinary(source, filename, { names: true }));
  }

  /** Checks that `bytes` are a valid module for `engine` without compiling them. Throws `CompileError`. */
  static validate(engine: Engine, bytes: Uint8Array | ArrayBuffer): void {
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    validateModule(decodeModule(u8, engine.config.features), engine.config.features);
  }

  /** The module's name from its `name` section, or null. */
  get name(): string | null {
    return this.info.names.module;
  }

  /** The module's imports, in order. */
  imports(): ImportType[] {
    return this.info.imports.map((i) => ({ module: i.module, name: i.name, type: i.type }));
  }

  /** The module's exports, in order, with their types. */
  exports(): ExportType[] {
    const info = this.info;
    return info.exports.map((e) => {
      let type: ExternType;
      switch (e.kind) {
        case ExternKind.func:
          type = { kind: ExternKind.func, type: info.types[info.funcTypeIndices[e.index]!]! };
          break;
        case ExternKind.table:
          type = { kind: ExternKind.table, type: info.tables[e.index]! };
          break;
        case ExternKind.memory:
          type = { kind: ExternKind.memory, type: info.memories[e.index]! };
          break;
        case ExternKind.global:
          type = { kind: ExternKind.global, type: info.globals[e.index]! };
          break;
        default:
          type = { kind: ExternKind.tag, type: info.tags[e.index]! };
      }
      return { name: e.name, type };
    });
  }
}
