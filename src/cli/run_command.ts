import { CompileError } from '../core/compile_error.js';
import { LinkError } from '../core/link_error.js';
import { ExternKind } from '../core/types.js';
import { Engine } from '../runtime/engine.js';
import { Func } from '../runtime/func.js';
import { Linker } from '../runtime/linker.js';
import { Store } from '../runtime/store.js';
import { Trap } from '../runtime/trap.js';
import { UsageError, type Command } from './command.js';
import { loadModule } from './load_module.js';
import { formatVal, parseVal } from './value_format.js';

/** `k23 run`: instantiate a module and call one of its exports. */
export const runCommand: Command = {
  name: 'run',
  summary: 'run a WebAssembly module, invoking an export',
  help: `Usage: k23 run [options] <module.wasm|module.wat> [--invoke <name>] [args...]

Instantiates the module (it must not need imports yet) and calls the export named by
--invoke, or \`_start\` when the module has one. Arguments are converted to the
function's parameter types; each result is printed on its own line.

Options:
  --invoke <name>          the export to call
  --fuel <n>               run with n units of fuel; running out is a trap
  --max-wasm-stack <bytes> wasm stack limit (default 524288)
  --help                   show this help`,
  run(args: string[]): number {
    let invoke: string | null = null;
    let fuel: number | null = null;
    let maxWasmStack: number | undefined;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const next = (): string => {
        const v = args[++i];
        if (v === undefined) throw new UsageError(`${a} needs a value`);
        return v;
      };
      if (a === '--invoke') invoke = next();
      else if (a === '--fuel') fuel = Number(next());
      else if (a === '--max-wasm-stack') maxWasmStack = Number(next());
      else if (a.startsWith('--') && positional.length === 0) throw new UsageError(`unknown option ${a}`);
      else positional.push(a);
    }
    const path = positional.shift();
    if (!path) throw new UsageError('missing module path');
    if (fuel !== null && !(fuel >= 0)) throw new UsageError('--fuel needs a non-negative number');

    const engine = new Engine({ consumeFuel: fuel !== null, ...(maxWasmStack !== undefined ? { maxWasmStack } : {}) });
    const store = new Store(engine, null);
    if (fuel !== null) store.setFuel(fuel);
    try {
      const module = loadModule(engine, path);
      const instance = new Linker(engine).instantiate(store, module);
      const name = invoke ?? (module.exports().some((e) => e.name === '_start' && e.type.kind === ExternKind.func) ? '_start' : null);
      if (name === null) {
        if (positional.length > 0) throw new UsageError('arguments given without --invoke');
        return 0;
      }
      const f = instance.getExport(store, name);
      if (!(f instanceof Func)) throw new Error(`no exported function named "${name}"`);
      const type = f.type(store);
      if (positional.length !== type.params.length) {
        throw new UsageError(`"${name}" takes ${type.params.length} arguments, ${positional.length} given`);
      }
      const vals = positional.map((text, i) => parseVal(text, type.params[i]!));
      for (const r of f.call(store, vals)) console.log(formatVal(r));
      return 0;
    } catch (e) {
      if (e instanceof Trap) {
        console.error(`error: wasm trap: ${e.message}`);
        const bt = e.backtraceString();
        if (bt) console.error(`wasm backtrace:\n${bt}`);
        return 134;
      }
      if (e instanceof CompileError || e instanceof LinkError || e instanceof RangeError || e instanceof UsageError) throw e;
      throw e;
    }
  },
};
