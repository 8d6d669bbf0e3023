import { test } from 'node:test';
import assert from 'node:assert/strict';
import { v8Runner, type EngineName, type KernelInstance, type KernelRunner } from '../../scripts/bench/engine_runner.js';
import { runKernel, type KernelRunPlan } from '../../scripts/bench/kernel_bench.js';
import type { KernelSpec } from '../../scripts/bench/kernel_list.js';
import { memoryModule } from '../../scripts/bench/micro_modules.js';
import { Progress } from '../../scripts/bench/progress.js';
import { v8Export, v8Instantiate } from '../../scripts/bench/v8_wasm.js';

// The memory module's `sum(x)` is a pure function of x on a fresh instance: a real, cheap kernel.
const bytes = memoryModule();
const kernel: KernelSpec = {
  id: 'sum', suite: 'programs', module: 'mem.wasm', modulePath: '/nonexistent/mem.wasm', exportName: 'sum', n: 5,
  checksum: v8Export(v8Instantiate(bytes), 'sum')(5) >>> 0,
};

/** A column that runs V8 underneath, with its results passed through `alter` and its calls logged. */
function wrapped(name: EngineName, alter: (r: number, call: number) => number, log: string[]): KernelRunner {
  return {
    name,
    async load(b: Uint8Array, k: KernelSpec, tag: string): Promise<KernelInstance> {
      const inner = await v8Runner.load(b, k, tag);
      let calls = 0;
      return {
        prepare(): void {},
        call(n: number): number {
          log.push(name);
          return alter(inner.call(n), calls++);
        },
      };
    },
  };
}

const plan: KernelRunPlan = { n: 5, expected: kernel.checksum, warmup: 1, reps: 3, clock: 'wall' };
const quiet = new Progress({ isTTY: false } as NodeJS.WriteStream);

test('every engine makes a first call, warm-up and reps calls, in rotating order; results are checked', async () => {
  const log: string[] = [];
  const row = await runKernel(kernel, bytes, [wrapped('v8', (r) => r, log), wrapped('k23', (r) => r, log)], plan, quiet, 't');
  assert.deepEqual(log, ['v8', 'k23', 'v8', 'k23', 'k23', 'v8', 'v8', 'k23', 'k23', 'v8']);
  for (const e of ['v8', 'k23'] as const) {
    const c = row.cells[e]!;
    assert.equal(c.status, 'ok');
    assert.equal(c.samplesMs.length, 3);
    assert.equal(c.wallMs.length, 3);
    assert.equal(c.cpuMs.length, 3);
    assert.deepEqual(c.samplesMs, c.wallMs);
    assert.equal(c.bestMs, Math.min(...c.samplesMs));
    assert.ok(c.firstMs !== null && c.firstMs >= 0);
    assert.ok(c.loadMs !== null && c.loadMs >= 0);
    assert.equal(c.checksum, kernel.checksum);
  }
  assert.equal(row.expected, kernel.checksum);
  assert.equal(row.expectedFrom, 'list');
});

test('a wrong checksum, even in a late call, is an error without times', async () => {
  const log: string[] = [];
  const row = await runKernel(kernel, bytes, [
    v8Runner,
    wrapped('k23', (r, call) => (call === 3 ? (r + 1) >>> 0 : r), log),
    wrapped('wasm2js', (r) => (r ^ 1) >>> 0, log),
  ], plan, quiet, 't');
  assert.equal(row.cells.v8!.status, 'ok');
  const k = row.cells.k23!;
  assert.equal(k.status, 'error');
  assert.match(k.reason!, new RegExp(`^wrong checksum: got ${(kernel.checksum + 1) >>> 0} .*expected ${kernel.checksum} `));
  assert.equal(k.bestMs, null);
  assert.equal(k.firstMs, null);
  assert.deepEqual(k.samplesMs, []);
  assert.equal(row.cells.wasm2js!.status, 'error');
  // The failing engines stop being called.
  assert.equal(log.filter((e) => e === 'k23').length, 4);
  assert.equal(log.filter((e) => e === 'wasm2js').length, 1);
});

test('a throwing call or load is an error with the message', async () => {
  const throwing: KernelRunner = {
    name: 'k23',
    load: () => Promise.resolve({ prepare(): void {}, call(): number { throw new RangeError('Maximum call stack size exceeded'); } }),
  };
  const failing: KernelRunner = { name: 'wasm2js', load: () => Promise.reject(new Error('no such export')) };
  const row = await runKernel(kernel, bytes, [v8Runner, throwing, failing], plan, quiet, 't');
  assert.equal(row.cells.k23!.status, 'error');
  assert.equal(row.cells.k23!.reason, 'first call: RangeError: Maximum call stack size exceeded');
  assert.equal(row.cells.wasm2js!.status, 'error');
  assert.equal(row.cells.wasm2js!.reason, 'load: Error: no such export');
  assert.equal(row.cells.v8!.status, 'ok');
});

test('without an expected checksum (quick runs) V8 provides it and the others are checked against it', async () => {
  const log: string[] = [];
  const row = await runKernel(kernel, bytes, [v8Runner, wrapped('k23', (r) => (r + 2) >>> 0, log)],
    { ...plan, expected: null, warmup: 0, reps: 1 }, quiet, 't');
  assert.equal(row.expected, kernel.checksum);
  assert.equal(row.expectedFrom, 'v8');
  assert.equal(row.cells.v8!.status, 'ok');
  assert.equal(row.cells.k23!.status, 'error');
  assert.equal(row.cells.k23!.checksum, (kernel.checksum + 2) >>> 0);
});

test('prepare runs before every call, outside the timing', async () => {
  let prepared = 0;
  let called = 0;
  const runner: KernelRunner = {
    name: 'k23-fuel',
    load: () => Promise.resolve({
      prepare(): void { prepared++; },
      call(): number { called++; assert.equal(prepared, called); return kernel.checksum; },
    }),
  };
  const row = await runKernel(kernel, bytes, [runner], plan, quiet, 't');
  assert.equal(row.cells['k23-fuel']!.status, 'ok');
  assert.equal(called, 1 + plan.warmup + plan.reps);
});

/** A column that runs V8 underneath and then spins for `ms(i)` on its call `i` (0 = the first call). */
function paced(ms: (call: number) => number): KernelRunner {
  return wrapped('k23', (r, call) => {
    const end = performance.now() + ms(call);
    while (performance.now() < end);
    return r;
  }, []);
}

test('settling: warm-up goes on until the last two calls are near the fastest, then the reps run', async () => {
  // Warm-up calls (after the first) take 40, 10, 40, 10, 10 ms: it settles on the fifth.
  const times = [1, 40, 10, 40, 10, 10];
  const row = await runKernel(kernel, bytes, [paced((i) => times[i] ?? 10)], {
    ...plan, settle: { maxWarmup: 8, tolerance: 0.5 },
  }, quiet, 't');
  const c = row.cells.k23!;
  assert.equal(c.status, 'ok');
  assert.equal(c.warmupMs.length, 5);
  assert.equal(c.samplesMs.length, 3);
  for (const t of c.samplesMs) assert.ok(t >= 10 && t < 15, `rep took ${t} ms`);
});

test('settling stops at maxWarmup rounds when the calls never settle; without it, exactly `warmup` rounds', async () => {
  const alternating = paced((i) => (i % 2 === 0 ? 2 : 12));
  const capped = await runKernel(kernel, bytes, [alternating], { ...plan, settle: { maxWarmup: 4, tolerance: 0.5 } }, quiet, 't');
  assert.equal(capped.cells.k23!.warmupMs.length, 4);
  assert.equal(capped.cells.k23!.samplesMs.length, 3);
  const fixed = await runKernel(kernel, bytes, [alternating], plan, quiet, 't');
  assert.equal(fixed.cells.k23!.warmupMs.length, 1);
});
