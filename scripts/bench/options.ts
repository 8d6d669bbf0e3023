/** Command-line options of `npm run bench`. */

import { BenchError } from './bench_error.js';
import type { ClockKind } from './clock.js';

/** Parsed options. */
export interface BenchOptions {
  /** CI mode: small n, no warm-up, one repetition, no timing goals. */
  readonly quick: boolean;
  /** Only benchmarks whose id matches (kernel export name, `micro:<name>`, `fuel-epoch:<kernel>`). */
  readonly filter: RegExp | null;
  /** Where to write the JSON results; null means `bench/results/<timestamp>.json`. */
  readonly jsonPath: string | null;
  /** Timed repetitions per engine after the first call and the warm-up. */
  readonly reps: number;
  /** Untimed calls per engine between the first call and the repetitions. */
  readonly warmup: number;
  /** Clock of the steady-state columns. */
  readonly clock: ClockKind;
  /** Run the micro-benchmarks and the fuel/epoch comparison. */
  readonly micro: boolean;
  /** Run the wasm2js column when `wasm2js` is on PATH. */
  readonly wasm2js: boolean;
  /**
   * Detach an ArrayBuffer before anything runs. V8 then checks for detached buffers at every typed-array and
   * DataView access in optimized code, for the rest of the process; k23's compiled code runs in that state
   * whenever anything in the process has detached a buffer (RATIONALE.md, "A detached ArrayBuffer anywhere in
   * the process").
   */
  readonly detached: boolean;
  /** Only run V8 on each kernel and print its checksums and times as TSV lines (to fill PROGRAMS.tsv). */
  readonly calibrate: boolean;
  /** Print usage and exit. */
  readonly help: boolean;
}

/** Usage text for `--help` and usage errors. */
export const USAGE = `usage: npm run bench -- [options]
  --quick            CI mode: small n, one repetition, checksums checked, no timing goals
  --filter <regex>   only benchmarks whose id matches: kernel names (crc32, interp, ...),
                     micro:<name>, fuel-epoch:<kernel>
  --json <file>      write the JSON results here (default bench/results/<timestamp>.json)
  --reps <n>         timed repetitions per engine and kernel (default 5; --quick: 1)
  --warmup <n>       untimed calls after the first call (default 1; --quick: 0)
  --clock cpu|wall   clock of the steady-state columns (default cpu; first calls always use wall)
  --no-micro         skip the micro-benchmarks and the fuel/epoch comparison
  --no-wasm2js       skip the wasm2js column
  --detached         detach an ArrayBuffer first: measure k23 as it runs once anything in the
                     process has detached one (V8 then checks every typed-array access)
  --calibrate        run V8 only and print "module export n checksum" lines with times
  --help             this text`;

function count(name: string, value: string | undefined, min: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) {
    throw new BenchError(`${name} needs an integer >= ${min}, got ${value === undefined ? 'nothing' : `'${value}'`}`);
  }
  return Number(value);
}

/** Parses the arguments after the script name. Throws `BenchError` on unknown options or bad values. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let filter: RegExp | null = null;
  let jsonPath: string | null = null;
  let reps: number | null = null;
  let warmup: number | null = null;
  let clock: ClockKind = 'cpu';
  let micro = true;
  let wasm2js = true;
  let detached = false;
  let calibrate = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // `--name=value` is accepted as well as `--name value`.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '--quick': quick = true; break;
      case '--filter': {
        const src = value();
        if (src === undefined || src === '') throw new BenchError('--filter needs a regular expression');
        try {
          filter = new RegExp(src);
        } catch (e) {
          throw new BenchError(`--filter: bad regular expression '${src}': ${(e as Error).message}`);
        }
        break;
      }
      case '--json': {
        const file = value();
        if (file === undefined || file === '') throw new BenchError('--json needs a file name');
        jsonPath = file;
        break;
      }
      case '--reps': reps = count('--reps', value(), 1); break;
      case '--warmup': warmup = count('--warmup', value(), 0); break;
      case '--clock': {
        const c = value();
        if (c !== 'cpu' && c !== 'wall') throw new BenchError(`--clock must be cpu or wall, got '${c ?? ''}'`);
        clock = c;
        break;
      }
      case '--no-micro': micro = false; break;
      case '--no-wasm2js': wasm2js = false; break;
      case '--detached': detached = true; break;
      case '--calibrate': calibrate = true; break;
      case '--help': case '-h': help = true; break;
      default: throw new BenchError(`unknown option '${arg}'`);
    }
  }
  return {
    quick, filter, jsonPath, clock, micro, wasm2js, detached, calibrate, help,
    reps: reps ?? (quick ? 1 : 5),
    warmup: warmup ?? (quick ? 0 : 1),
  };
}

/** Whether a benchmark id passes the filter. */
export function selected(options: BenchOptions, id: string): boolean {
  return options.filter === null || options.filter.test(id);
}
