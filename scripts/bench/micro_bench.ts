/**
 * Micro-benchmarks, V8's own WebAssembly against k23 on the same generated modules:
 * host-call round trips, JS-to-wasm call overhead (typed and `Func.call`), compile latency (bytes to the first
 * call's return) for a small and a ~1 MB module, `memory.grow`, and memory access after growing.
 */

import { reading, timed, type ClockKind } from './clock.js';
import type { K23, K23Config, K23Loaded } from './k23_runner.js';
import { K23 as K23Class, PLAIN } from './k23_runner.js';
import { callModule, generatedModule, memoryModule } from './micro_modules.js';
import type { Progress } from './progress.js';
import type { MicroCell, MicroResult } from './results.js';
import { minOf } from './stats.js';
import { freshTag, withTag } from './unique_bytes.js';
import { v8Export, v8Instantiate } from './v8_wasm.js';

/** Sizes and repetitions. */
export interface MicroPlan {
  readonly quick: boolean;
  readonly reps: number;
  readonly warmup: number;
  readonly clock: ClockKind;
}

/** Every micro-benchmark id, for `--filter` and the README. */
export const MICRO_IDS = [
  'micro:host-call', 'micro:host-reentry', 'micro:call-typed', 'micro:call-untyped',
  'micro:compile-small', 'micro:compile-large', 'micro:compile-large-eager', 'micro:compile-large-interp', 'micro:memory-grow', 'micro:memory-after-grow',
] as const;
export type MicroId = (typeof MICRO_IDS)[number];

type Measure = () => { samples: number[]; details?: Record<string, number>; check: number };

function cellOf(m: Measure): MicroCell & { check: number | null } {
  try {
    const r = m();
    const best = minOf(r.samples);
    return { status: 'ok', reason: null, value: best, samples: r.samples, details: r.details ?? {}, check: r.check };
  } catch (e) {
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { status: 'error', reason: msg, value: null, samples: [], details: {}, check: null };
  }
}

function unavailable(reason: string): MicroCell {
  return { status: 'unavailable', reason, value: null, samples: [], details: {} };
}

/** Mixes its argument so the host function cannot be folded away. */
function hostF(x: number): number {
  return ((x ^ 0x5bd1e995) + 1) | 0;
}

/**
 * Runs `body` (which does `count` operations and returns a check value) warm-up + reps times; samples are
 * nanoseconds per operation on the plan's clock.
 */
function perOp(plan: MicroPlan, count: number, body: () => number): { samples: number[]; check: number } {
  let check = 0;
  const samples: number[] = [];
  for (let r = 0; r < plan.warmup + plan.reps; r++) {
    const t = timed(body);
    if (r > 0 && t.value !== check) throw new Error(`result changed between runs: ${t.value} vs ${check}`);
    check = t.value;
    if (r >= plan.warmup) samples.push((reading(t.span, plan.clock) * 1e6) / count);
  }
  return { samples, check };
}

/**
 * Wall-clock budget for the repeated cold measurements (compile latency, memory.grow): after this much, stop
 * repeating once one sample exists, so an engine that takes seconds per sample does not stall the run.
 */
const BUDGET_MS = 20_000;

/** Whether to take repetition `i` of at most `times`, given when the repetitions started. */
function another(i: number, times: number, start: number): boolean {
  return i < times && (i === 0 || performance.now() - start < BUDGET_MS);
}

/** Compile latency: `load` then `first`, up to `times` times with fresh bytes; samples are total wall ms. */
function latency(times: number, run: (tag: string) => { loadMs: number; firstMs: number; check: number }) {
  const samples: number[] = [];
  const loads: number[] = [];
  const firsts: number[] = [];
  let check = 0;
  const start = performance.now();
  for (let i = 0; another(i, times, start); i++) {
    const r = run(freshTag('compile'));
    if (i > 0 && r.check !== check) throw new Error(`result changed between runs: ${r.check} vs ${check}`);
    check = r.check;
    samples.push(r.loadMs + r.firstMs);
    loads.push(r.loadMs);
    firsts.push(r.firstMs);
  }
  return { samples, check, details: { loadMs: minOf(loads), firstCallMs: minOf(firsts) } };
}

/** Runs the micro-benchmarks whose ids pass `wanted`. `k23` is null when unavailable, with `k23Reason`. */
export function runMicro(
  plan: MicroPlan,
  k23: K23 | null,
  k23Reason: string,
  wanted: (id: MicroId) => boolean,
  progress: Progress,
): MicroResult[] {
  const results: MicroResult[] = [];
  const calls = plan.quick ? 100_000 : 10_000_000;
  const reentries = calls / 5;
  const callBytes = callModule();

  // One V8 instance of the call module; `g` calls back into its `inc` export.
  let v8Inc: (x: number) => number = () => 0;
  const v8CallInstance = v8Instantiate(callBytes, { env: { f: hostF, g: (x: number): number => v8Inc(x) } });
  const v8Call = (name: string): ((x: number) => number) => v8Export(v8CallInstance, name);
  v8Inc = v8Call('inc');

  let k23Calls: K23Loaded | null = null;
  const k23Setup = (): K23Loaded => {
    if (k23Calls !== null) return k23Calls;
    const k = k23!;
    let inc: (x: number) => number = () => 0;
    const loaded = k.instantiate(PLAIN, k.compile(PLAIN, callBytes), [
      { module: 'env', name: 'f', fn: (_caller: unknown, x: number): number => hostF(x) },
      { module: 'env', name: 'g', fn: (_caller: unknown, x: number): number => inc(x) },
    ]);
    const typedInc = loaded.typedI32('inc');
    inc = (x: number): number => typedInc.call(loaded.store, x);
    k23Calls = loaded;
    return loaded;
  };

  const add = (id: MicroId, title: string, unit: MicroResult['unit'], v8: Measure, k: Measure | null): void => {
    if (!wanted(id)) return;
    progress.update(`micro ${id}: V8`);
    const v8Cell = cellOf(v8);
    progress.update(`micro ${id}: k23`);
    let kCell: MicroCell;
    if (k23 === null || k === null) {
      kCell = unavailable(k23 === null ? k23Reason : 'not applicable');
    } else {
      const c = cellOf(k);
      // The engines run the same module on the same input: their results must agree.
      if (c.status === 'ok' && v8Cell.status === 'ok' && c.check !== v8Cell.check) {
        kCell = { ...unavailable(''), status: 'error', reason: `wrong result: got ${c.check}, V8 gave ${v8Cell.check}` };
      } else {
        kCell = c;
      }
    }
    const strip = (c: MicroCell): MicroCell => ({
      status: c.status, reason: c.reason, value: c.value, samples: c.samples, details: c.details,
    });
    results.push({ id, title, unit, cells: { v8: strip(v8Cell), k23: strip(kCell) } });
  };

  add('micro:host-call', 'wasm calls a host (JS) import', 'ns/call',
    () => {
      const loop = v8Call('loop_f');
      return perOp(plan, calls, () => loop(calls));
    },
    k23 && (() => {
      const l = k23Setup();
      const loop = l.typedI32('loop_f');
      return perOp(plan, calls, () => loop.call(l.store, calls));
    }));

  add('micro:host-reentry', 'wasm -> host -> wasm export and back', 'ns/call',
    () => {
      const loop = v8Call('loop_g');
      return perOp(plan, reentries, () => loop(reentries));
    },
    k23 && (() => {
      const l = k23Setup();
      const loop = l.typedI32('loop_g');
      return perOp(plan, reentries, () => loop.call(l.store, reentries));
    }));

  add('micro:call-typed', 'JS calls a wasm export (k23: TypedFunc.call)', 'ns/call',
    () => {
      const add1 = v8Call('add1');
      return perOp(plan, calls, () => {
        let acc = 0;
        for (let i = 0; i < calls; i++) acc = add1(acc);
        return acc;
      });
    },
    k23 && (() => {
      const l = k23Setup();
      const add1 = l.typedI32('add1');
      const store = l.store;
      return perOp(plan, calls, () => {
        let acc = 0;
        for (let i = 0; i < calls; i++) acc = add1.call(store, acc);
        return acc;
      });
    }));

  const untypedCalls = calls / 10;
  add('micro:call-untyped', 'JS calls a wasm export (k23: Func.call with Val arrays)', 'ns/call',
    () => {
      const add1 = v8Call('add1');
      return perOp(plan, untypedCalls, () => {
        let acc = 0;
        for (let i = 0; i < untypedCalls; i++) acc = add1(acc);
        return acc;
      });
    },
    k23 && (() => {
      const k = k23;
      const l = k23Setup();
      const add1 = l.func('add1');
      const store = l.store;
      return perOp(plan, untypedCalls, () => {
        let acc = 0;
        for (let i = 0; i < untypedCalls; i++) acc = K23Class.numberOf(add1.call(store, [k.i32Val(acc)])[0]);
        return acc;
      });
    }));

  // Compile latency: bytes -> Module -> instance -> first call returned, on fresh bytes every time.
  const compileCase = (id: MicroId, title: string, codeBytes: number, times: number, config: K23Config = PLAIN): void => {
    if (!wanted(id)) return;
    progress.update(`micro ${id}: generating`);
    const gen = generatedModule(codeBytes);
    add(id, `${title} (${gen.functions} functions, ${(gen.bytes.length / 1024).toFixed(0)} KiB)`, 'ms',
      () => latency(times, (tag) => {
        const bytes = withTag(gen.bytes, tag);
        const t0 = performance.now();
        const main = v8Export(v8Instantiate(bytes), 'main');
        const t1 = performance.now();
        const check = main(7) >>> 0;
        return { loadMs: t1 - t0, firstMs: performance.now() - t1, check };
      }),
      k23 && (() => latency(times, (tag) => {
        const k = k23;
        const bytes = withTag(gen.bytes, tag);
        const t0 = performance.now();
        const l = k.instantiate(config, k.compile(config, bytes));
        const main = l.typedI32('main');
        const t1 = performance.now();
        const check = main.call(l.store, 7) >>> 0;
        return { loadMs: t1 - t0, firstMs: performance.now() - t1, check };
      })));
  };
  compileCase('micro:compile-small', 'bytes to first call, small module', 2_000, plan.quick ? 3 : 20);
  // The default (tiered) strategy starts a module this large in the interpreter.
  compileCase('micro:compile-large', 'bytes to first call, large module', 1_000_000, plan.quick ? 1 : 5);
  // The same compiled at load (strategy 'compile'), and interpreted for good (strategy 'interpret').
  compileCase('micro:compile-large-eager', 'bytes to first call, large module, k23 strategy compile', 1_000_000, plan.quick ? 1 : 5,
    { ...PLAIN, strategy: 'compile' });
  compileCase('micro:compile-large-interp', 'bytes to first call, large module, k23 strategy interpret', 1_000_000, plan.quick ? 1 : 5,
    { ...PLAIN, strategy: 'interpret' });

  // memory.grow: one page at a time from inside wasm, with a store into each new page.
  const pages = plan.quick ? 64 : 1024;
  const memBytes = memoryModule();
  const growTimes = plan.quick ? 1 : Math.max(3, plan.reps);
  add('micro:memory-grow', `memory.grow(1) x ${pages} from wasm, each followed by a store`, 'us/grow',
    () => {
      const samples: number[] = [];
      let check = 0;
      const start = performance.now();
      for (let i = 0; another(i, growTimes, start); i++) {
        const grow = v8Export(v8Instantiate(memBytes), 'grow_touch');
        const t = timed(() => grow(pages));
        check = t.value;
        samples.push((t.span.wallMs * 1000) / pages);
      }
      return { samples, check };
    },
    k23 && (() => {
      const k = k23;
      const samples: number[] = [];
      let check = 0;
      const start = performance.now();
      for (let i = 0; another(i, growTimes, start); i++) {
        const l = k.instantiate(PLAIN, k.compile(PLAIN, memBytes));
        const grow = l.typedI32('grow_touch');
        const t = timed(() => grow.call(l.store, pages));
        check = t.value;
        samples.push((t.span.wallMs * 1000) / pages);
      }
      return { samples, check };
    }));

  // Memory access after growing: a strided read of all the grown memory, steady state.
  const sumTimes = (sum: () => number): { samples: number[]; check: number } => {
    const samples: number[] = [];
    let check = 0;
    for (let r = 0; r < plan.warmup + 1 + plan.reps; r++) {
      const t = timed(sum);
      if (r > 0 && t.value !== check) throw new Error(`result changed between runs: ${t.value} vs ${check}`);
      check = t.value;
      if (r > plan.warmup) samples.push(reading(t.span, plan.clock));
    }
    return { samples, check };
  };
  add('micro:memory-after-grow', `read every 16th byte of ${pages + 1} pages after growing`, 'ms',
    () => {
      const inst = v8Instantiate(memBytes);
      v8Export(inst, 'grow_touch')(pages);
      const sum = v8Export(inst, 'sum');
      return sumTimes(() => sum(1) >>> 0);
    },
    k23 && (() => {
      const k = k23;
      const l = k.instantiate(PLAIN, k.compile(PLAIN, memBytes));
      l.typedI32('grow_touch').call(l.store, pages);
      const sum = l.typedI32('sum');
      return sumTimes(() => sum.call(l.store, 1) >>> 0);
    }));

  return results;
}
