/**
 * The results of a run, as written to JSON (`bench/results/<timestamp>.json`) and read by the table printer;
 * and the project's goals evaluated on them. Times are milliseconds unless a field says otherwise.
 */

import type { ClockKind } from './clock.js';
import type { EngineName } from './engine_runner.js';
import type { Suite } from './kernel_list.js';
import { geomean } from './stats.js';

/** `ok`: measured and every checksum right; `error`: wrong checksum, trap or crash; `unavailable`: not run. */
export type CellStatus = 'ok' | 'error' | 'unavailable';

/** One kernel under one engine. */
export interface KernelCell {
  readonly status: CellStatus;
  /** Why the cell is `error` or `unavailable`. */
  readonly reason: string | null;
  /** Bytes to a callable instance (compile + instantiate), wall clock. */
  readonly loadMs: number | null;
  /** The first call, wall clock (the steady-state clock may differ). */
  readonly firstMs: number | null;
  /** Warm-up calls on the run's clock, in call order (untimed for the result, kept to show when it settled). */
  readonly warmupMs: readonly number[];
  /** Steady-state samples on the run's clock, one per repetition, in call order. */
  readonly samplesMs: readonly number[];
  /** The same calls by wall clock and by CPU time. */
  readonly wallMs: readonly number[];
  readonly cpuMs: readonly number[];
  /** Minimum and median of `samplesMs`. */
  readonly bestMs: number | null;
  readonly medianMs: number | null;
  /** The result every call returned (unsigned). */
  readonly checksum: number | null;
}

/** One kernel row. */
export interface KernelResult {
  readonly id: string;
  readonly suite: Suite;
  readonly module: string;
  readonly export: string;
  readonly n: number;
  /** The checksum every engine had to return, and where it came from (the list, or V8's run in --quick mode). */
  readonly expected: number | null;
  readonly expectedFrom: 'list' | 'v8';
  readonly cells: Partial<Record<EngineName, KernelCell>>;
}

/** One engine's reading of a micro-benchmark. */
export interface MicroCell {
  readonly status: CellStatus;
  readonly reason: string | null;
  /** The best (minimum) reading in `unit`. */
  readonly value: number | null;
  /** All readings in `unit`. */
  readonly samples: readonly number[];
  /** Named extra readings (e.g. `loadMs`, `firstCallMs`), best values. */
  readonly details: Readonly<Record<string, number>>;
}

/** One micro-benchmark row. */
export interface MicroResult {
  readonly id: string;
  readonly title: string;
  readonly unit: 'ns/call' | 'ms' | 'us/grow';
  readonly cells: { readonly v8: MicroCell; readonly k23: MicroCell };
}

/** The goals of the project issue "Benchmarks against V8's own WebAssembly". */
export interface GoalReport {
  /** False when they could not be judged (k23 unavailable, a filtered run, --quick); `reason` says why. */
  readonly evaluated: boolean;
  readonly reason: string | null;
  readonly geomean: number | null;
  readonly geomeanOk: boolean | null;
  /** Kernels whose k23/V8 ratio is above 2.0. */
  readonly above2: readonly string[];
  /** Kernels where k23 is not faster than wasm2js -O, among the `wasm2jsCompared` where wasm2js ran. */
  readonly notFasterThanWasm2js: readonly string[];
  readonly wasm2jsCompared: number;
  readonly met: boolean | null;
}

/** The whole run. */
export interface BenchReport {
  readonly version: 1;
  readonly startedAt: string;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cpus: number;
  readonly options: {
    readonly quick: boolean;
    readonly filter: string | null;
    readonly reps: number;
    readonly warmup: number;
    readonly clock: ClockKind;
    /** Whether `--detached` detached an ArrayBuffer before the run. */
    readonly detached: boolean;
  };
  readonly columns: Readonly<Record<'k23' | 'wasm2js', { readonly available: boolean; readonly detail: string }>>;
  readonly sharedDir: string;
  readonly sharedAbsent: boolean;
  readonly kernels: readonly KernelResult[];
  readonly micro: readonly MicroResult[];
  /** k23 with fuel or epoch interruption against plain k23, per kernel. */
  readonly fuelEpoch: readonly KernelResult[];
  readonly summary: {
    readonly geomean: Readonly<Record<string, number | null>>;
    readonly goals: GoalReport;
  };
  readonly errors: readonly string[];
}

/** The ratio of `engine`'s best time to `base`'s on one row, or null unless both are `ok`. */
export function ratio(row: KernelResult, engine: EngineName, base: EngineName = 'v8', first = false): number | null {
  const a = row.cells[engine];
  const b = row.cells[base];
  if (a?.status !== 'ok' || b?.status !== 'ok') return null;
  const x = first ? a.firstMs : a.bestMs;
  const y = first ? b.firstMs : b.bestMs;
  return x !== null && y !== null && y > 0 ? x / y : null;
}

/** The geometric mean of `engine`/`base` over the rows where both are `ok`, or null when there are none. */
export function geomeanOf(rows: readonly KernelResult[], engine: EngineName, base: EngineName = 'v8'): number | null {
  const rs: number[] = [];
  for (const row of rows) {
    const r = ratio(row, engine, base);
    if (r !== null) rs.push(r);
  }
  const g = geomean(rs);
  return Number.isNaN(g) ? null : g;
}

/** Goal thresholds. */
export const GOAL_GEOMEAN = 1.25;
export const GOAL_MAX_RATIO = 2.0;

/**
 * Judges the goals on the shared kernels: geomean of k23/V8 <= 1.25, none above 2.0, each faster than wasm2js -O.
 * Only a full run judges them: every one of `expectedShared` shared kernels present with V8 and k23 `ok`.
 */
export function evaluateGoals(rows: readonly KernelResult[], expectedShared: number, quick: boolean): GoalReport {
  const no = (reason: string): GoalReport => ({
    evaluated: false, reason, geomean: null, geomeanOk: null, above2: [], notFasterThanWasm2js: [], wasm2jsCompared: 0,
    met: null,
  });
  if (quick) return no('--quick runs do not judge timings');
  const shared = rows.filter((r) => r.suite === 'shared');
  if (expectedShared === 0 || shared.length !== expectedShared) {
    return no(`needs all ${expectedShared} shared kernels, ran ${shared.length}`);
  }
  const broken = shared.filter((r) => ratio(r, 'k23') === null);
  if (broken.length === shared.length) return no('k23 did not run');
  if (broken.length > 0) return no(`k23 or V8 failed on ${broken.map((r) => r.id).join(', ')}`);
  const g = geomeanOf(shared, 'k23');
  const above2 = shared.filter((r) => ratio(r, 'k23')! > GOAL_MAX_RATIO).map((r) => r.id);
  const compared = shared.filter((r) => ratio(r, 'k23', 'wasm2js') !== null);
  const notFaster = compared.filter((r) => ratio(r, 'k23', 'wasm2js')! >= 1).map((r) => r.id);
  const geomeanOk = g !== null && g <= GOAL_GEOMEAN;
  return {
    evaluated: true, reason: null, geomean: g, geomeanOk, above2, notFasterThanWasm2js: notFaster,
    wasm2jsCompared: compared.length, met: geomeanOk && above2.length === 0 && notFaster.length === 0,
  };
}
