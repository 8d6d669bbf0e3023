import { CompileError } from '../core/compile_error.js';
import { LinkError } from '../core/link_error.js';
import { TrapKind } from '../core/trap_kind.js';
import { Engine, type EngineConfig } from '../runtime/engine.js';
import { Func } from '../runtime/func.js';
import { Global } from '../runtime/global.js';
import type { Instance } from '../runtime/instance.js';
import { Linker } from '../runtime/linker.js';
import { Module } from '../runtime/module.js';
import { Store } from '../runtime/store.js';
import { Trap } from '../runtime/trap.js';
import type { Val } from '../runtime/val.js';
import { TextError } from '../text/text_error.js';
import type { WastAction, WastCommand, WastInstanceTarget, WastModule, WastScript } from '../text/wast_script.js';
import { defineSpectest } from './spectest.js';
import { HostRefs, matchResult, toVal, UnsupportedValue } from './value_match.js';

/** One failed command. */
export interface ScriptFailure {
  readonly line: number;
  readonly command: string;
  readonly message: string;
}

/** The outcome of a script: assertion counts, every failure and every skip. */
export interface ScriptResult {
  readonly filename: string;
  passed: number;
  failed: number;
  skipped: number;
  readonly failures: ScriptFailure[];
  readonly skips: { readonly line: number; readonly why: string }[];
}

/** How a script is run. */
export interface ScriptRunnerOptions {
  /** Engine configuration (features etc.). */
  readonly engine?: Partial<EngineConfig>;
  /** Run text-form modules (`quote`, and JSON `.wat` files); when false they count as skipped. Default true. */
  readonly textModules?: boolean;
  /**
   * Count our engine's rejection of a module (a `CompileError`) as "needs a feature not built yet" (skipped)
   * rather than a failure: for running a newer suite (3.0) against an engine that implements an older one.
   */
  readonly rejectionIsUnsupported?: boolean;
}

/** Thrown inside the runner when a command needs something this engine does not support yet. */
class Skip extends Error {}

const UNSUPPORTED = Symbol('unsupported module');

/** Commands that instantiate a module and so may leave state behind (registrations, shared memory writes). */
const MODULE_COMMANDS = new Set(['module', 'instance', 'assert_unlinkable', 'assert_uninstantiable']);

/**
 * Runs spec scripts (`.wast`, or their wast2json form) against the engine: instantiates modules with the
 * `spectest` module and registered instances available, performs actions, and checks every assertion the way the
 * spec's reference interpreter does (results by exact bits or NaN class; errors and traps by message).
 */
export class ScriptRunner {
  private readonly engine: Engine;
  private readonly store: Store<unknown>;
  private readonly linker: Linker<unknown>;
  private readonly refs = new HostRefs();
  private readonly instances = new Map<string, Instance | typeof UNSUPPORTED>();
  private readonly definitions = new Map<string, Module | typeof UNSUPPORTED>();
  private current: Instance | typeof UNSUPPORTED | null = null;
  private readonly textModules: boolean;
  private readonly rejectionIsUnsupported: boolean;

  constructor(options: ScriptRunnerOptions = {}) {
    this.engine = new Engine(options.engine ?? {});
    this.store = new Store(this.engine, null);
    // With fuel metering compiled in, scripts run with (practically) unlimited fuel: the point is that the
    // metering code does not change what programs compute.
    if (this.engine.config.consumeFuel) this.store.setFuel(Number.MAX_SAFE_INTEGER);
    this.linker = new Linker(this.engine).allowShadowing(true);
    this.textModules = options.textModules ?? true;
    this.rejectionIsUnsupported = options.rejectionIsUnsupported ?? false;
    defineSpectest(this.linker, this.store);
  }

  /** Runs every command of `script` and reports the counts. */
  run(script: WastScript): ScriptResult {
    const result: ScriptResult = { filename: script.file, passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
    let skippedModule = false;
    for (const cmd of script.commands) {
      const isAssertion = cmd.kind.startsWith('assert_');
      try {
        this.execute(cmd);
        if (isAssertion) result.passed++;
      } catch (e) {
        // A skipped module command, or a skipped module that would have been instantiated for its effects.
        if (e instanceof Skip && MODULE_COMMANDS.has(cmd.kind)) skippedModule = true;
        // Running a newer suite, a failure after a skipped module may only reflect the state that module would
        // have set up (its registrations, data segments in shared memories): count it as skipped too.
        const dependent = this.rejectionIsUnsupported && skippedModule && !(e instanceof Skip);
        if (e instanceof Skip || e instanceof UnsupportedValue || dependent) {
          if (dependent && !isAssertion) continue;
          // Commands that set up state (module, register) count only when an assertion depends on them.
          if (isAssertion) {
            result.skipped++;
            result.skips.push({ line: cmd.loc.line, why: dependent ? `after a skipped module: ${describeError(e)}` : (e as Error).message });
          }
        } else {
          result.failed++;
          result.failures.push({ line: cmd.loc.line, command: cmd.kind, message: e instanceof Error ? e.message : String(e) });
        }
      }
    }
    return result;
  }

  private execute(cmd: WastCommand): void {
    switch (cmd.kind) {
      case 'module': {
        let m: Module | typeof UNSUPPORTED;
        try {
          m = this.compile(cmd.module);
        } catch (e) {
          if (!(e instanceof Skip)) throw e;
          m = UNSUPPORTED;
        }
        const name = cmd.module.name;
        if (cmd.definition) {
          if (name) this.definitions.set(name, m);
          return;
        }
        const inst = m === UNSUPPORTED ? UNSUPPORTED : this.linker.instantiate(this.store, m);
        this.current = inst;
        if (name) this.instances.set(name, inst);
        if (inst === UNSUPPORTED) throw new Skip('module needs a feature not supported yet');
        return;
      }
      case 'instance': {
        let inst: Instance | typeof UNSUPPORTED;
        try {
          inst = this.instantiateTarget({ instance: cmd.instance, module: cmd.module });
        } catch (e) {
          if (!(e instanceof Skip)) throw e;
          inst = UNSUPPORTED;
        }
        this.current = inst;
        if (cmd.instance) this.instances.set(cmd.instance, inst);
        if (inst === UNSUPPORTED) throw new Skip('module needs a feature not supported yet');
        return;
      }
      case 'register':
        this.linker.defineInstance(this.store, cmd.as, this.instance(cmd.name));
        return;
      case 'action':
        this.perform(cmd.action);
        return;
      case 'assert_return': {
        const results = this.perform(cmd.action);
        if (results.length !== cmd.expected.length) throw new Error(`got ${results.length} results, expected ${cmd.expected.length}`);
        results.forEach((r, i) => {
          const mismatch = matchResult(r, cmd.expected[i]!, this.refs);
          if (mismatch) throw new Error(`result ${i}: ${mismatch}`);
        });
        return;
      }
      case 'assert_trap':
      case 'assert_exhaustion': {
        let r: Val[];
        try {
          r = this.perform(cmd.action);
        } catch (e) {
          if (e instanceof Skip || e instanceof UnsupportedValue) throw e;
          this.expectTrap(e, cmd.message, cmd.kind === 'assert_exhaustion');
          return;
        }
        throw new Error(`expected a trap "${cmd.message}", got ${r.length} results`);
      }
      case 'assert_exception':
      case 'assert_suspension':
        throw new Skip(`${cmd.kind} needs a feature not supported yet`);
      case 'assert_invalid':
      case 'assert_malformed': {
        const kind = cmd.kind === 'assert_invalid' ? 'invalid' : 'malformed';
        if (!this.textModules && cmd.module.kind !== 'binary') throw new Skip('text-form module');
        let bytes: Uint8Array;
        try {
          bytes = cmd.module.toBinary();
        } catch (e) {
          // Our reasons may name the offending token ("unknown operator 0x."), the suite's may add detail.
          if (e instanceof TextError && kind === 'malformed' && (e.reason.startsWith(cmd.message) || cmd.message.startsWith(e.reason))) return;
          if (e instanceof TextError && kind === 'malformed') throw new Error(`expected malformed "${cmd.message}", got text error "${e.reason}"`);
          throw new Error(`expected ${kind} "${cmd.message}", but the text did not encode: ${describeError(e)}`);
        }
        try {
          Module.fromBytes(this.engine, bytes);
        } catch (e) {
          if (e instanceof CompileError && e.kind === kind && e.message.includes(cmd.message)) return;
          if (e instanceof CompileError && (e.kind === 'unsupported' || this.rejectionIsUnsupported)) throw new Skip(e.message);
          throw new Error(`expected ${kind} "${cmd.message}", got ${describeError(e)}`);
        }
        throw new Error(`expected ${kind} "${cmd.message}", but the module compiled`);
      }
      case 'assert_unlinkable': {
        try {
          if (cmd.module) this.linker.instantiate(this.store, this.compile(cmd.module));
          else this.instantiateTarget(cmd.instanceOf!);
        } catch (e) {
          if (e instanceof Skip) throw e;
          if (e instanceof LinkError && (e.reason === cmd.message || e.message.includes(cmd.message))) return;
          throw new Error(`expected unlinkable "${cmd.message}", got ${describeError(e)}`);
        }
        throw new Error(`expected unlinkable "${cmd.message}", but the module linked`);
      }
      case 'assert_uninstantiable': {
        try {
          if (cmd.module) this.linker.instantiate(this.store, this.compile(cmd.module));
          else this.instantiateTarget(cmd.instanceOf!);
        } catch (e) {
          if (e instanceof Skip) throw e;
          this.expectTrap(e, cmd.message, false);
          return;
        }
        throw new Error(`expected uninstantiable "${cmd.message}", but the module instantiated`);
      }
    }
  }

  /** Compiles a module that is expected to be valid; a `Skip` when it needs an unsupported feature. */
  private compile(m: WastModule): Module {
    if (!this.textModules && m.kind !== 'binary') throw new Skip('text-form module');
    const bytes = m.toBinary();
    try {
      return Module.fromBytes(this.engine, bytes);
    } catch (e) {
      if (e instanceof CompileError && (e.kind === 'unsupported' || this.rejectionIsUnsupported)) throw new Skip(e.message);
      throw e;
    }
  }

  private instantiateTarget(t: WastInstanceTarget): Instance {
    const def = t.module === null ? undefined : this.definitions.get(t.module);
    if (def === undefined) throw new Error(`unknown module definition ${String(t.module)}`);
    if (def === UNSUPPORTED) throw new Skip('module needs a feature not supported yet');
    return this.linker.instantiate(this.store, def);
  }

  private instance(name: string | null): Instance {
    const inst = name === null ? this.current : this.instances.get(name);
    if (inst === undefined || inst === null) throw new Error(name === null ? 'no module instantiated yet' : `unknown module ${name}`);
    if (inst === UNSUPPORTED) throw new Skip('module needs a feature not supported yet');
    return inst;
  }

  private perform(a: WastAction): Val[] {
    const inst = this.instance(a.module);
    const ext = inst.getExport(this.store, a.field);
    if (a.kind === 'get') {
      if (!(ext instanceof Global)) throw new Error(`no global export "${a.field}"`);
      return [ext.get(this.store)];
    }
    if (!(ext instanceof Func)) throw new Error(`no function export "${a.field}"`);
    return ext.call(
      this.store,
      a.args.map((v) => toVal(v, this.refs)),
    );
  }

  private expectTrap(e: unknown, text: string, exhaustion: boolean): void {
    if (!(e instanceof Trap)) throw new Error(`expected a trap "${text}", got ${describeError(e)}`);
    if (exhaustion && e.kind !== TrapKind.stackOverflow) throw new Error(`expected stack exhaustion, got trap "${e.message}"`);
    // The reference interpreter sometimes appends an index ("uninitialized element 2"); ours may not.
    if (!(e.message.includes(text) || text.startsWith(e.message))) throw new Error(`expected trap "${text}", got trap "${e.message}"`);
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
