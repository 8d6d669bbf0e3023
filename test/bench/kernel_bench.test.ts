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
