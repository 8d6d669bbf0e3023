/**
 * `node dist/scripts/interp_bench.js [--runs N] [--kernels crc32:25,fib:30] [--no-kernels]`
 *
 * The interpreter's two numbers, beside V8's own WebAssembly and k23's compiled strategy, all in one process:
 * - latency: bytes -> instance -> first call returned on the generated ~1 MB module (`generatedModule(1_000_000)`,
 *   whose `main` calls every function once), fresh bytes for every load (see `unique_bytes.ts`); `loadMs` is bytes
 *   to instance, `firstMs` the first call; the minimum of `--runs` runs (default 5) and every run are printed;
 * - steady state: kernels of `../shared/bench` (default crc32 n=25 and fib n=30), minimum of 3 calls after one
 *   warm-up call, and the ratio to V8.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, Instance, Module, Store, ValType } from '../src/index.js';
import { generatedModule } from './bench/micro_modules.js';
import { freshTag, withTag } from './bench/unique_bytes.js';
import { v8Export, v8Instantiate } from './bench/v8_wasm.js';
import { repoRoot, sharedDir } from './shared_data.js';

type Strategy = 'compile' | 'interpret';
type Runner = (bytes: Uint8Array) => { loadMs: number; firstMs: number; check: number };

function v8Run(bytes: Uint8Array): { loadMs: number; firstMs: number; check: number } {
  const t0 = performance.now();
  const main = v8Export(v8Instantiate(bytes), 'main');
  const t1 = performance.now();
  const check = main(7) >>> 0;
  return { loadMs: t1 - t0, firstMs: performance.now() - t1, check };
}

function k23Run(strategy: Strategy): Runner {
  const engine = new Engine({ strategy });
  return (bytes) => {
    const t0 = performance.now();
    const store = new Store(engine, null);
    const inst = Instance.new(store, Module.fromBytes(engine, bytes), []);
    const main = inst.getTypedFunc<[number], number>(store, 'main', [ValType.i32], [ValType.i32]);
    const t1 = performance.now();
    const check = main.call(store, 7) >>> 0;
    return { loadMs: t1 - t0, firstMs: performance.now() - t1, check };
  };
}

function latency(runs: number): void {
  const gen = generatedModule(1_000_000);
  console.log(`latency: bytes -> first call, ${gen.functions} functions, ${(gen.bytes.length / 1024).toFixed(0)} KiB, ${runs} runs each`);
  const engines: [string, Runner][] = [['v8', v8Run], ['k23 compile', k23Run('compile')], ['k23 interpret', k23Run('interpret')]];
  let check: number | null = null;
  let v8Total = 0;
  for (const [name, run] of engines) {
    const rows: { loadMs: number; firstMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const r = run(withTag(gen.bytes, freshTag(name)));
      if (check === null) check = r.check;
      else if (r.check !== check) throw new Error(`${name}: checksum ${r.check}, expected ${check}`);
      rows.push(r);
    }
    const total = Math.min(...rows.map((r) => r.loadMs + r.firstMs));
    if (name === 'v8') v8Total = total;
    const load = Math.min(...rows.map((r) => r.loadMs));
    const first = Math.min(...rows.map((r) => r.firstMs));
    const all = rows.map((r) => `${r.loadMs.toFixed(1)}+${r.firstMs.toFixed(1)}`).join(' ');
    console.log(`  ${name.padEnd(14)} total ${total.toFixed(1).padStart(7)} ms (${(total / v8Total).toFixed(2)}x v8)  loadMs ${load.toFixed(1)}  firstMs ${first.toFixed(1)}   runs: ${all}`);
  }
}

function kernels(list: [string, number][]): void {
  const shared = sharedDir(repoRoot());
  const tsv = readFileSync(join(shared, 'bench', 'BENCHMARKS.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  console.log('steady state: min of 3 calls after 1 warm-up call');
  for (const [name, n] of list) {
    const row = tsv.find((c) => c[1] === name);
    if (!row) throw new Error(`kernel ${name} not in BENCHMARKS.tsv`);
    const bytes = new Uint8Array(readFileSync(join(shared, 'bench', 'wasm', row[0]!)));
    const time = (f: (n: number) => number): { ms: number; check: number } => {
      let best = Infinity;
      let check = 0;
      for (let i = 0; i < 4; i++) {
        const t0 = performance.now();
        check = f(n) >>> 0;
        const t = performance.now() - t0;
        if (i > 0) best = Math.min(best, t);
      }
      return { ms: best, check };
    };
    const v8 = time(v8Export(v8Instantiate(bytes), name));
    const out = [`  ${name} n=${n}: v8 ${v8.ms.toFixed(1)} ms`];
    for (const strategy of ['compile', 'interpret'] as const) {
      const engine = new Engine({ strategy });
      const store = new Store(engine, null);
      const inst = Instance.new(store, Module.fromBytes(engine, bytes), []);
      const f = inst.getTypedFunc<[number], number>(store, name, [ValType.i32], [ValType.i32]);
      const r = time((x) => f.call(store, x));
      if (r.check !== v8.check) throw new Error(`${name} (${strategy}): checksum ${r.check}, V8 ${v8.check}`);
      out.push(`${strategy} ${r.ms.toFixed(1)} ms (${(r.ms / v8.ms).toFixed(1)}x)`);
    }
    console.log(out.join(', '));
  }
}

function main(argv: string[]): void {
  const valueOf = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  latency(Number(valueOf('runs') ?? 5));
  if (argv.includes('--no-kernels')) return;
  const spec = valueOf('kernels') ?? 'crc32:25,fib:30';
  kernels(spec.split(',').map((s) => {
    const [k, n] = s.split(':');
    return [k!, Number(n)];
  }));
}

main(process.argv.slice(2));
