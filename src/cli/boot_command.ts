import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ValType } from '../core/types.js';
import { Engine } from '../runtime/engine.js';
import { Linker } from '../runtime/linker.js';
import { Module } from '../runtime/module.js';
import { Store } from '../runtime/store.js';
import type { Command } from './command.js';

/** The package root (dist/src/cli -> root). */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * `k23 boot` (what `npm start` runs): prints the boot banner, runs the bundled demo module, then offers a prompt
 * when stdin is a terminal (and exits 0 otherwise).
 */
export function bootCommand(dispatch: (argv: string[]) => Promise<number>): Command {
  return {
    name: 'boot',
    summary: 'boot: banner, demo module, then a prompt on a terminal',
    help: `Usage: k23 boot

Prints the boot banner (version, time to boot), instantiates the bundled demo module
and prints what it computes. On a terminal it then reads k23 commands (e.g.
"run file.wasm --invoke f 1"; "help"; "exit"); otherwise it exits with status 0.`,
    async run(): Promise<number> {
      const engine = new Engine();
      const store = new Store(engine, null);
      const module = Module.fromBytes(engine, readFileSync(join(packageRoot, 'demo', 'demo.wasm')));
      const instance = new Linker(engine).instantiate(store, module);
      const bootMs = performance.now();
      console.log(`k23 ${version()}: a WebAssembly microkernel on Node ${process.version} (V8 ${process.versions.v8})`);
      console.log(`booted in ${bootMs.toFixed(1)} ms`);
      const primes = instance.getTypedFunc<[number], number>(store, 'count_primes', [ValType.i32], [ValType.i32]);
      const fib = instance.getTypedFunc<[bigint], bigint>(store, 'fib', [ValType.i64], [ValType.i64]);
      console.log(`demo: primes below 100000 = ${primes.call(store, 100000)}, fib(25) = ${fib.call(store, 25n)}`);
      if (!process.stdin.isTTY) return 0;
      const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'k23> ' });
      rl.prompt();
      for await (const line of rl) {
        const words = line.trim().split(/\s+/).filter(Boolean);
        if (words[0] === 'exit' || words[0] === 'quit') break;
        if (words.length > 0) await dispatch(words);
        rl.prompt();
      }
      rl.close();
      return 0;
    },
  };
}
