/**
 * Runs one kernel under several engines in the same process, interleaved: every engine loads the module (from
 * its own uniquely tagged copy of the bytes, so nothing is cached), makes its first call, then the engines take
 * turns for the warm-up and the timed repetitions, the order rotating each round so none is always first.
 * Every call's result is checked; a wrong checksum, a trap or a crash turns the engine's cell into an error.
 */

import { reading, timed, type ClockKind } from './clock.js';
import type { EngineName, KernelInstance, KernelRunner } from './engine_runner.js';
import type { KernelSpec } from './kernel_list.js';
import type { Progress } from './progress.js';
import type { KernelCell, KernelResult } from './results.js';
import { medianOf, minOf } from './stats.js';
import { freshTag, withTag } from './unique_bytes.js';
import { Wasm2jsUnavailable } from './wasm2js_runner.js';

/** How to run a kernel. */
export interface KernelRunPlan {
  /** The work parameter. */
  readonly n: number;
  /** The checksum to demand, or null to take it from the first engine's first call (V8 must come first). */
  readonly expected: number | null;
  /** Where a non-null `expected` came from: the kernel list (default) or an earlier V8 run at the same n. */
  readonly expectedFrom?: 'list' | 'v8';
  readonly warmup: number;
  readonly reps: number;
  readonly clock: ClockKind;
  /**
   * Extra warm-up until each engine's calls stop getting faster: after `warmup` rounds, rounds go on (at most
   * `maxWarmup` in all) until every engine's last two warm-up calls are within `tolerance` (a fraction) of its
   * fastest warm-up call. Without it, exactly `warmup` rounds.
   */
  readonly settle?: { readonly maxWarmup: number; readonly tolerance: number };
}

class Cell {
  status: 'ok' | 'error' | 'unavailable' = 'ok';
  reason: string | null = null;
  loadMs: number | null = null;
  firstMs: number | null = null;
  checksum: number | null = null;
  /** Warm-up calls' times on the run's clock. */
  readonly warm: number[] = [];
  readonly samples: number[] = [];
  readonly wall: number[] = [];
  readonly cpu: number[] = [];
  instance: KernelInstance | null = null;

  fail(status: 'error' | 'unavailable', reason: string): void {
    this.status = status;
    this.reason = reason;
    this.instance = null;
    // A wrong or failed run has no meaningful times.
    this.warm.length = 0;
    this.samples.length = 0;
    this.wall.length = 0;
    this.cpu.length = 0;
  }

  result(): KernelCell {
    const ok = this.status === 'ok';
    return {
      status: this.status, reason: this.reason,
      loadMs: this.loadMs, firstMs: ok ? this.firstMs : null,
      warmupMs: this.warm, samplesMs: this.samples, wallMs: this.wall, cpuMs: this.cpu,
      bestMs: ok && this.samples.length > 0 ? minOf(this.samples) : null,
      medianMs: ok && this.samples.length > 0 ? medianOf(this.samples) : null,
      checksum: this.checksum,
    };
  }
}

function message(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** The checksum is rendered unsigned so it compares with the lists. */
function hex(x: number): string {
  return `${x >>> 0} (0x${(x >>> 0).toString(16)})`;
}

/**
 * Runs `kernel` under each runner per `plan`. `bytes` is the module; `progress` shows where the run is.
 * Never throws for an engine's failure: that is recorded in its cell.
 */
export async function runKernel(
  kernel: KernelSpec,
  bytes: Uint8Array,
  runners: readonly KernelRunner[],
  plan: KernelRunPlan,
  progress: Progress,
  label: string,
): Promise<KernelResult> {
  const cells = new Map<EngineName, Cell>();
  let expected = plan.expected;
  const expectedFrom = expected === null ? 'v8' : (plan.expectedFrom ?? 'list');

  for (const runner of runners) {
    const cell = new Cell();
    cells.set(runner.name, cell);
    progress.update(`${label} ${kernel.id}: loading in ${runner.name}`);
    const tag = freshTag(`${runner.name}/${kernel.id}`);
    const t0 = performance.now();
    try {
      cell.instance = await runner.load(withTag(bytes, tag), kernel, tag);
      cell.loadMs = performance.now() - t0;
    } catch (e) {
      cell.fail(e instanceof Wasm2jsUnavailable ? 'unavailable' : 'error', `load: ${message(e)}`);
    }
  }

  // `first`: timed by wall clock into firstMs; `warmup`: checked only; `timed`: a steady-state sample.
  const call = (runner: KernelRunner, cell: Cell, mode: 'first' | 'warmup' | 'timed'): void => {
    const inst = cell.instance;
    if (inst === null) return;
    inst.prepare();
    let got: number;
    try {
      const t = timed(() => inst.call(plan.n));
      got = t.value;
      if (mode === 'first') {
        cell.firstMs = t.span.wallMs;
      } else if (mode === 'warmup') {
        cell.warm.push(reading(t.span, plan.clock));
      } else if (mode === 'timed') {
        cell.wall.push(t.span.wallMs);
        cell.cpu.push(t.span.cpuMs);
        cell.samples.push(reading(t.span, plan.clock));
      }
    } catch (e) {
      cell.fail('error', `${mode === 'first' ? 'first call' : 'call'}: ${message(e)}`);
      return;
    }
    if (expected === null) {
      if (runner.name !== 'v8') {
        cell.fail('error', 'no reference checksum: V8 did not produce one');
        return;
      }
      expected = got;
    }
    cell.checksum = got;
    if (got !== expected) cell.fail('error', `wrong checksum: got ${hex(got)}, expected ${hex(expected)}`);
  };

  for (const runner of runners) {
    progress.update(`${label} ${kernel.id}: first call in ${runner.name}`);
    call(runner, cells.get(runner.name)!, 'first');
  }
  const round = (r: number, what: string, mode: 'warmup' | 'timed'): void => {
    for (let k = 0; k < runners.length; k++) {
      const runner = runners[(k + r) % runners.length]!;
      const cell = cells.get(runner.name)!;
      if (cell.instance === null) continue;
      progress.update(`${label} ${kernel.id}: ${what} in ${runner.name}`);
      call(runner, cell, mode);
    }
  };
  let r = 0;
  for (; r < plan.warmup; r++) round(r, 'warm-up', 'warmup');
  if (plan.settle !== undefined) {
    const { maxWarmup, tolerance } = plan.settle;
    const settled = (cell: Cell): boolean => {
      const w = cell.warm;
      if (cell.instance === null) return true;
      if (w.length < 2) return false;
      const limit = minOf(w) * (1 + tolerance);
      return w[w.length - 1]! <= limit && w[w.length - 2]! <= limit;
    };
    for (; r < maxWarmup && ![...cells.values()].every(settled); r++) round(r, `warm-up ${r + 1} (settling)`, 'warmup');
  }
  for (let i = 0; i < plan.reps; i++) round(r + i, `rep ${i + 1}/${plan.reps}`, 'timed');

  const out: Partial<Record<EngineName, KernelCell>> = {};
  for (const [name, cell] of cells) out[name] = cell.result();
  return {
    id: kernel.id, suite: kernel.suite, module: kernel.module, export: kernel.exportName, n: plan.n,
    expected, expectedFrom, cells: out,
  };
}
