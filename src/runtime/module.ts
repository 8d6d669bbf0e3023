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

/**
 * Tiering: function entries and loop iterations an interpreted instance runs per byte of its module's code before
 * the module is compiled. Measured (RATIONALE.md, "Tiering"): compiling costs ~0.3 us per byte and the interpreter
 * spends ~35 ns per entry or iteration more than compiled code, so about this many make the two costs equal.
 */
const TIER_UP_PER_CODE_BYTE = 10;

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
  /**
   * Tiering: interpreted code that moves to compiled code when hot. `upper()` compiles the module at its first
   * successful call (null when it cannot be compiled now); `hot()` says whether that has happened, so new instances
   * move at once.
   */
  readonly tiering?: { readonly upper: () => ModuleCode | null; readonly hot: () => boolean; readonly after: number };
}

/**
 * A compiled WebAssembly module: decoded, validated and compiled to one JavaScript code object, which is
 * evaluated once here ("published") and linked to each instance; or prepared for the interpreter (no code
 * generated), with the engine's `strategy: 'interpret'`, or with `'tiered'` for a large module until it gets hot.
 * Modules are immutable and can be instantiated any number of times, in any store of the same engine.
 *
 * @example
 * const module = Module.fromBytes(engine, fs.readFileSync('prog.wasm'));
 * for (const imp of module.imports()) console.log(imp.module, imp.name);
 */
export class Module {
  private compiledCode: CompiledModule | null = null;

  private constructor(
    readonly engine: Engine,
    /** @internal */ readonly info: ModuleInfo,
    /** @internal How instances link: set once, in `fromBytes`. */
    readonly code: ModuleCode,
  ) {}

  /** @internal The compiled code object: null while the module is interpreted (or if it cannot be compiled). */
  get compiled(): CompiledModule | null {
    return this.compiledCode;
  }

  /** Decodes, validates and compiles a module. Throws `CompileError` for malformed or invalid bytes. */
  static fromBytes(engine: Engine, bytes: Uint8Array | ArrayBuffer): Module {
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const config = engine.config;
    const features = config.features;
    const info = decodeModule(u8, features);
    const ctx = validateModule(info, features);
    const sigIds = Int32Array.from(info.types.map((t) => engine.types.intern(t)));
    // Every fuel-counting frame takes a stack slot, so returns carry at most slots x this below zero: < 2^29.
    const uncheckedFuel = Math.min(MAX_UNCHECKED_FUEL, Math.floor(2 ** 29 / engine.stackSlots));
    const facts: FunctionFacts = { flags: ctx.funcFacts, ops: ctx.funcOps, tableWritten: ctx.tableWritten };
    let codeBytes = 0;
    for (const body of info.codes) codeBytes += body.codeEnd - body.offset;
    const tiered = config.strategy === 'tiered' && codeBytes >= config.tierUpCodeBytes;
    if (config.strategy === 'compile' || (config.strategy === 'tiered' && !tiered)) {
      const { code, compiled } = compileCode(engine, info, sigIds, facts, uncheckedFuel, false);
      const m = new Module(engine, info, code);
      m.publish(compiled);
      return m;
    }
    const interp = interpretModule(info, sigIds, {
      features,
      fuel: config.consumeFuel,
      epoch: config.epochInterruption,
      tierUp: tiered,
      uncheckedFuel,
      flags: ctx.funcFacts,
      ops: ctx.funcOps,
      trivial: Uint8Array.from(info.codes, (_, d) => (isTrivialFunction(facts, d) ? 1 : 0)),
    });
    let m: Module;
    let upper: ModuleCode | null = null;
    const tiering = tiered
      ? {
          upper: (): ModuleCode | null => {
            if (upper !== null) return upper;
            try {
              const { code, compiled } = compileCode(engine, info, sigIds, facts, uncheckedFuel, true);
              m.publish(compiled);
              upper = code;
            } catch (e) {
              // Only host limits stop a valid module compiling: nesting too deep for V8's parser, or the JS stack
              // of the call that got hot. The module stays interpreted for now (instances try again later).
              if (!(e instanceof CompileError) && !(e instanceof RangeError)) throw e;
            }
            return upper;
          },
          hot: (): boolean => upper !== null,
          // As many entries and loop iterations as cost about what compiling takes (RATIONALE.md, "Tiering").
          after: config.tierUpAfter ?? TIER_UP_PER_CODE_BYTE * codeBytes,
        }
      : undefined;
    m = new Module(engine, info, {
      relocations: interp.relocations,
      constants: new Uint32Array(0),
      link: (env) => interp.link(env),
      ...(tiering ? { tiering } : {}),
    });
    return m;
  }

  /** Records the module's compiled code (for backtraces). */
  private publish(compiled: CompiledModule): void {
    this.compiledCode = compiled;
    this.engine.registerCode(this, { compiled, moduleName: this.info.names.module, funcNames: this.info.names.functions });
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

/**
 * Compiles a module to one code object and evaluates it. `relocatedOwnRefs` for tiering: the instance's
 * interpreter entries stay the functions' reference values.
 */
function compileCode(
  engine: Engine,
  info: ModuleInfo,
  sigIds: Int32Array,
  facts: FunctionFacts,
  uncheckedFuel: number,
  relocatedOwnRefs: boolean,
): { code: ModuleCode; compiled: CompiledModule } {
  const config = engine.config;
  const compiled = compileModule(
    info,
    sigIds,
    {
      features: config.features,
      fuel: config.consumeFuel,
      epoch: config.epochInterruption,
      outlineAbove: config.outlineFunctionsAbove,
      outlineMinRun: config.outlineMinRun,
      uncheckedFuel,
      relocatedOwnRefs,
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
  return { code: { relocations: compiled.relocations, constants: compiled.constants, link }, compiled };
}
