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
import type { ModuleSource, Script, ScriptAction, ScriptCommand } from './script.js';
import { defineSpectest } from './spectest.js';
import { HostRefs, matchResult, toVal } from './value_match.js';

/** One failed command. */
export interface ScriptFailure {
  readonly line: number;
  readonly command: string;
  readonly message: string;
}

/** The outcome of a script: assertion counts and every failure. */
export interface ScriptResult {
  readonly filename: string;
  passed: number;
  failed: number;
  skipped: number;
  readonly failures: ScriptFailure[];
  /** Lines of skipped assertions, with why. */
  readonly skips: { readonly line: number; readonly why: string }[];
}

/** Thrown inside the runner when a command depends on something this engine does not support yet. */
class Skip extends Error {}

const UNSUPPORTED = Symbol('unsupported module');

/**
 * Runs spec scripts against the engine: instantiates modules with the `spectest` module and registered instances
 * available, performs actions, and checks every assertion the way the spec's reference interpreter does (results by
 * exact bits or NaN class, traps and errors by message).
 */
export class ScriptRunner {
  private readonly engine: Engine;
  private readonly store: Store<unknown>;
  private readonly linker: Linker<unknown>;
  private readonly refs = new HostRefs();
  private readonly instances = new Map<string, Instance | typeof UNSUPPORTED>();
  private readonly definitions = new Map<string, Module | typeof UNSUPPORTED>();
  private current: Instance | typeof UNSUPPORTED | null = null;

  constructor(config: Partial<EngineConfig> = {}) {
    this.engine = new Engine(config);
    this.store = new Store(this.engine, null);
    this.linker = new Linker(this.engine).allowShadowing(true);
    defineSpectest(this.linker, this.store);
  }

  /** Runs every command of `script` and reports the counts. */
  run(script: Script): ScriptResult {
    const result: ScriptResult = { filename: script.filename, passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
    for (const cmd of script.commands) {
      const isAssertion = cmd.type.startsWith('assert_');
      try {
        this.execute(cmd);
        if (isAssertion) result.passed++;
      } catch (e) {
        if (e instanceof Skip) {
          result.skipped++;
          result.skips.push({ line: cmd.line, why: e.message });
        } else {
          result.failed++;
          result.failures.push({ line: cmd.line, command: cmd.type, message: e instanceof Error ? e.message : String(e) });
        }
      }
    }
    return result;
  }

  private execute(cmd: ScriptCommand): void {
    switch (cmd.type) {
      case 'module': {
        const m = this.compile(cmd.source, true);
        if (cmd.definitionOnly) {
          if (cmd.name) this.definitions.set(cmd.name, m ?? UNSUPPORTED);
          return;
        }
        const inst = m === null ? UNSUPPORTED : this.linker.instantiate(this.store, m);
        this.current = inst;
        if (cmd.name) this.instances.set(cmd.name, inst);
        if (inst === UNSUPPORTED) throw new Skip('module uses a feature not supported yet');
        return;
      }
      case 'module_instance': {
        const def = this.definitions.get(cmd.definition);
        if (def === undefined) throw new Error(`unknown module definition ${cmd.definition}`);
        const inst = def === UNSUPPORTED ? UNSUPPORTED : this.linker.instantiate(this.store, def);
        this.current = inst;
        if (cmd.instance) this.instances.set(cmd.instance, inst);
        if (inst === UNSUPPORTED) throw new Skip('module uses a feature not supported yet');
        return;
      }
      case 'register': {
        const inst = this.instance(cmd.name);
        this.linker.defineInstance(this.store, cmd.as, inst);
        return;
      }
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
          if (e instanceof Skip) throw e;
          this.expectTrap(e, cmd.text, cmd.type === 'assert_exhaustion');
          return;
        }
        throw new Error(`expected a trap "${cmd.text}", got ${r.length} results`);
      }
      case 'assert_exception':
        throw new Skip('exception handling is not supported yet');
      case 'assert_invalid':
      case 'assert_malformed': {
        const kind = cmd.type === 'assert_invalid' ? 'invalid' : 'malformed';
        try {
          this.compile(cmd.source, false);
        } catch (e) {
          if (e instanceof Skip) throw e;
          if (e instanceof CompileError && e.kind === 'unsupported') throw new Skip(e.message);
          if (e instanceof CompileError && e.kind === kind && e.message.includes(cmd.text)) return;
          if (isTextError(e) && kind === 'malformed') return;
          throw new Error(`expected ${kind} "${cmd.text}", got ${describeError(e)}`);
        }
        throw new Error(`expected ${kind} "${cmd.text}", but the module compiled`);
      }
      case 'assert_unlinkable': {
        const m = this.compile(cmd.source, false);
        if (m === null) throw new Skip('module uses a feature not supported yet');
        try {
          this.linker.instantiate(this.store, m);
        } catch (e) {
          if (e instanceof LinkError && (e.reason === cmd.text || e.message.includes(cmd.text))) return;
          throw new Error(`expected unlinkable "${cmd.text}", got ${describeError(e)}`);
        }
        throw new Error(`expected unlinkable "${cmd.text}", but the module linked`);
      }
      case 'assert_uninstantiable':
      case 'assert_trap_module': {
        const m = this.compile(cmd.source, false);
        if (m === null) throw new Skip('module uses a feature not supported yet');
        try {
          this.linker.instantiate(this.store, m);
        } catch (e) {
          this.expectTrap(e, cmd.text, false);
          return;
        }
        throw new Error(`expected uninstantiable "${cmd.text}", but the module instantiated`);
      }
      case 'unsupported':
        throw new Skip(`command ${cmd.what} is not supported yet`);
    }
  }

  /** Compiles a module source; null when it needs an unsupported feature (skipped, or an error if `strict`). */
  private compile(source: ModuleSource, allowUnsupported: boolean): Module | null {
    if (source.kind === 'unavailable') throw new Skip(source.why);
    const bytes = source.kind === 'binary' ? source.bytes : source.encode();
    try {
      return Module.fromBytes(this.engine, bytes);
    } catch (e) {
      if (e instanceof CompileError && e.kind === 'unsupported') {
        if (allowUnsupported) return null;
        throw new Skip(e.message);
      }
      throw e;
    }
  }

  private instance(name: string | null): Instance {
    const inst = name === null ? this.current : this.instances.get(name);
    if (inst === undefined || inst === null) throw new Error(name === null ? 'no module instantiated yet' : `unknown module ${name}`);
    if (inst === UNSUPPORTED) throw new Skip('module uses a feature not supported yet');
    return inst;
  }

  private perform(a: ScriptAction): Val[] {
    const inst = this.instance(a.module);
    const ext = inst.getExport(this.store, a.field);
    if (a.kind === 'get') {
      if (!(ext instanceof Global)) throw new Error(`no global export "${a.field}"`);
      return [ext.get(this.store)];
    }
    if (!(ext instanceof Func)) throw new Error(`no function export "${a.field}"`);
    let args: Val[];
    try {
      args = a.args.map((v) => toVal(v, this.refs));
    } catch (e) {
      throw new Skip((e as Error).message);
    }
    return ext.call(this.store, args);
  }

  private expectTrap(e: unknown, text: string, exhaustion: boolean): void {
    if (!(e instanceof Trap)) throw new Error(`expected a trap "${text}", got ${describeError(e)}`);
    if (exhaustion && e.kind !== TrapKind.stackOverflow) throw new Error(`expected stack exhaustion, got trap "${e.message}"`);
    if (!(e.message.includes(text) || text.startsWith(e.message))) throw new Error(`expected trap "${text}", got trap "${e.message}"`);
  }
}

function isTextError(e: unknown): boolean {
  return e instanceof Error && e.name === 'TextError';
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
