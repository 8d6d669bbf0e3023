/**
 * `npm run bench`: k23 against V8's own WebAssembly (and binaryen's wasm2js -O when installed) on the shared
 * kernels and k23's own programs, then the cost of fuel and epoch checks, then micro-benchmarks. One process,
 * the engines interleaved per kernel; every checksum is checked. See bench/README.md for the columns and the JSON.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { BenchError } from './bench/bench_error.js';
import { v8Runner, type EngineName, type KernelRunner } from './bench/engine_runner.js';
import { loadK23, PLAIN, type K23 } from './bench/k23_runner.js';
import { runKernel } from './bench/kernel_bench.js';
import { parseKernelList, quickN, type KernelSpec } from './bench/kernel_list.js';
import { runMicro } from './bench/micro_bench.js';
import { parseOptions, selected, USAGE, type BenchOptions } from './bench/options.js';
import { benchPaths, type BenchPaths } from './bench/paths.js';
import { Progress } from './bench/progress.js';
import {
  evaluateGoals, geomeanOf, GOAL_GEOMEAN, GOAL_MAX_RATIO,
  type BenchReport, type KernelCell, type KernelResult, type MicroResult,
} from './bench/results.js';
import { minOf } from './bench/stats.js';
import { formatMs, formatRatio, fuelEpochTable, kernelTable, microTable, problems } from './bench/table.js';
import { v8Export, v8Instantiate } from './bench/v8_wasm.js';
import { prepareWasm2js } from './bench/wasm2js_runner.js';

/** Fuel and epoch rows: the most warm-up rounds, and how close to its fastest warm-up call a runner must be. */
const SETTLE_MAX_WARMUP = 8;
const SETTLE_TOLERANCE = 0.05;

function unavailableCell(reason: string): KernelCell {
  return {
    status: 'unavailable', reason, loadMs: null, firstMs: null, warmupMs: [], samplesMs: [], wallMs: [], cpuMs: [],
    bestMs: null, medianMs: null, checksum: null,
  };
}

function readModule(cache: Map<string, Uint8Array>, path: string): Uint8Array {
  let bytes = cache.get(path);
  if (bytes === undefined) {
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch (e) {
      throw new BenchError(`cannot read ${path}: ${(e as Error).message}`);
    }
    cache.set(path, bytes);
  }
  return bytes;
}

/** The kernel lists; the shared one may be absent (then only k23's own programs run). */
function loadKernels(paths: BenchPaths): { kernels: KernelSpec[]; sharedAbsent: boolean; sharedCount: number } {
  const kernels: KernelSpec[] = [];
  let sharedAbsent = false;
  if (existsSync(paths.sharedList)) {
    kernels.push(...parseKernelList(readFileSync(paths.sharedList, 'utf8'), paths.sharedList, 'shared', paths.sharedWasm));
  } else {
    sharedAbsent = true;
  }
  const sharedCount = kernels.length;
  if (!existsSync(paths.programsList)) throw new BenchError(`${paths.programsList} is missing`);
  for (const k of parseKernelList(readFileSync(paths.programsList, 'utf8'), paths.programsList, 'programs', paths.programsDir)) {
    if (kernels.some((s) => s.id === k.id)) throw new BenchError(`${paths.programsList}: '${k.id}' is also a shared kernel`);
    kernels.push(k);
  }
  return { kernels, sharedAbsent, sharedCount };
}

/** `--calibrate`: V8 only, printing list lines with the checksum V8 returned and its times. */
function calibrate(kernels: readonly KernelSpec[], cache: Map<string, Uint8Array>): number {
  console.log('module\texport\tn\tchecksum\t# V8 first call, best of 3 (ms); list checksum');
  for (const k of kernels) {
    const f = v8Export(v8Instantiate(readModule(cache, k.modulePath)), k.exportName);
    const times: number[] = [];
    let sum = 0;
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      sum = f(k.n) >>> 0;
      times.push(performance.now() - t0);
    }
    const note = sum === k.checksum ? 'same' : `DIFFERS (list: ${k.checksum})`;
    console.log(`${k.module}\t${k.exportName}\t${k.n}\t${sum}\t# ${formatMs(times[0]!)}, ${formatMs(minOf(times.slice(1)))}; ${note}`);
  }
  return 0;
}

async function run(options: BenchOptions): Promise<number> {
  const startedAt = new Date();
  const paths = benchPaths();
  const { kernels, sharedAbsent, sharedCount } = loadKernels(paths);
  const cache = new Map<string, Uint8Array>();
  const chosen = kernels.filter((k) => selected(options, k.id));
  if (sharedAbsent) {
    console.log(`shared kernels: not found (${paths.sharedList}); set K23_SHARED to the folder holding ` +
      `bench/BENCHMARKS.tsv. Running k23's own programs only.`);
  }
  if (options.calibrate) return calibrate(chosen, cache);

  const progress = new Progress();
  const k23Load = await loadK23();
  const k23: K23 | null = k23Load.available ? k23Load.k23 : null;
  const k23Detail = k23Load.available ? 'loaded' : k23Load.reason;
  const w2j = options.wasm2js
    ? prepareWasm2js(chosen.map((k) => k.modulePath))
    : { available: false as const, reason: 'disabled by --no-wasm2js' };
  const w2jDetail = w2j.available ? `${w2j.version} -O` : w2j.reason;

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`k23 bench: node ${process.version} (V8 ${process.versions.v8}), ${cpus().length} x ${cpu}`);
  console.log(`  ${options.quick ? 'quick (small n, checksums from V8)' : 'full'} run; steady state = min of ` +
    `${options.reps} rep(s) after ${options.warmup} warm-up call(s), ${options.clock} clock; first calls by wall clock`);
  console.log(`  k23: ${k23 !== null ? 'loaded' : `unavailable (${k23Detail})`}`);
  console.log(`  wasm2js: ${w2j.available ? w2jDetail : `unavailable (${w2jDetail})`}`);
  if (options.detached) {
    const buffer = new ArrayBuffer(8);
    structuredClone(buffer, { transfer: [buffer] });
    console.log(`  --detached: an ArrayBuffer was detached (byteLength now ${buffer.byteLength}); typed-array accesses are checked from here on`);
  }

  const engines: EngineName[] = ['v8', 'k23', 'wasm2js'];
  const runners: KernelRunner[] = [v8Runner];
  if (k23 !== null) runners.push(k23.kernelRunner(PLAIN, 'k23'));
  if (w2j.available) runners.push(w2j.runner);

  const results: KernelResult[] = [];
  try {
    for (let i = 0; i < chosen.length; i++) {
      const k = chosen[i]!;
      const row = await runKernel(k, readModule(cache, k.modulePath), runners, {
        n: options.quick ? quickN(k.n) : k.n,
        expected: options.quick ? null : k.checksum,
        warmup: options.warmup, reps: options.reps, clock: options.clock,
      }, progress, `[${i + 1}/${chosen.length}]`);
      const cells = { ...row.cells };
      if (k23 === null) cells.k23 = unavailableCell(k23Detail);
      if (!w2j.available) cells.wasm2js = unavailableCell(w2jDetail);
      results.push({ ...row, cells });
    }
  } finally {
    if (w2j.available) w2j.dispose();
  }

  let micro: MicroResult[] = [];
  const fuelEpoch: KernelResult[] = [];
  if (options.micro) {
    // Fuel and epochs before the micro-benchmarks: V8's memory.grow there detaches its old buffer, after which
    // every typed-array access in k23's code is checked (up to 1.8x slower), so the fuel/epoch rows are measured
    // in the same state as the kernel rows.
    if (k23 !== null) {
      const fuelRunners = [
        k23.kernelRunner(PLAIN, 'k23'),
        k23.kernelRunner({ consumeFuel: true, epochInterruption: false }, 'k23-fuel'),
        k23.kernelRunner({ consumeFuel: false, epochInterruption: true }, 'k23-epoch'),
      ];
      const fe = kernels.filter((k) => selected(options, `fuel-epoch:${k.id}`));
      for (let i = 0; i < fe.length; i++) {
        const k = fe[i]!;
        const n = options.quick ? quickN(k.n) : k.n;
        // Quick runs check against V8's result at the same n: from the kernel row, or one V8 call now.
        let expected: number | null = options.quick ? null : k.checksum;
        if (expected === null) {
          expected = results.find((r) => r.id === k.id && r.cells.v8?.status === 'ok')?.cells.v8?.checksum ?? null;
        }
        if (expected === null) {
          expected = v8Export(v8Instantiate(readModule(cache, k.modulePath)), k.exportName)(n) >>> 0;
        }
        // Three k23 runs per kernel: at most 3 reps keep this section's time near the kernel section's. Warm-up
        // goes on until the calls stop getting faster: each fuel refill site deoptimizes the function the first
        // time a refill reaches it, and a kernel makes one to three refills per call, so the fuel runner takes up
        // to six calls to settle (RATIONALE.md, "Measuring fuel at steady state").
        fuelEpoch.push(await runKernel(k, readModule(cache, k.modulePath), fuelRunners, {
          n, expected, expectedFrom: options.quick ? 'v8' : 'list',
          warmup: options.warmup, reps: Math.min(options.reps, 3), clock: options.clock,
          settle: options.quick ? undefined : { maxWarmup: SETTLE_MAX_WARMUP, tolerance: SETTLE_TOLERANCE },
        }, progress, `fuel-epoch [${i + 1}/${fe.length}]`));
      }
    }
    micro = runMicro(
      { quick: options.quick, reps: options.reps, warmup: options.warmup, clock: options.clock },
      k23, k23Detail, (id) => selected(options, id), progress,
    );
  }
  progress.clear();

  const shared = results.filter((r) => r.suite === 'shared');
  const programs = results.filter((r) => r.suite === 'programs');
  const fuelShared = fuelEpoch.filter((r) => r.suite === 'shared');
  const fuelPrograms = fuelEpoch.filter((r) => r.suite === 'programs');
  const goals = evaluateGoals(results, sharedCount, options.quick);
  const report: BenchReport = {
    version: 1,
    startedAt: startedAt.toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform}-${process.arch}`,
    cpu,
    cpus: cpus().length,
    options: {
      quick: options.quick, filter: options.filter?.source ?? null,
      reps: options.reps, warmup: options.warmup, clock: options.clock, detached: options.detached,
    },
    columns: {
      k23: { available: k23 !== null, detail: k23Detail },
      wasm2js: { available: w2j.available, detail: w2jDetail },
    },
    sharedDir: paths.shared,
    sharedAbsent,
    kernels: results,
    micro,
    fuelEpoch,
    summary: {
      geomean: {
        'k23/v8 shared': geomeanOf(shared, 'k23'),
        'wasm2js/v8 shared': geomeanOf(shared, 'wasm2js'),
        'k23/v8 programs': geomeanOf(programs, 'k23'),
        'wasm2js/v8 programs': geomeanOf(programs, 'wasm2js'),
        'k23-fuel/k23': geomeanOf(fuelEpoch, 'k23-fuel', 'k23'),
        'k23-epoch/k23': geomeanOf(fuelEpoch, 'k23-epoch', 'k23'),
        // The same over the shared kernels only (the set the other goals are judged on) and over k23's own programs.
        'k23-fuel/k23 shared': geomeanOf(fuelShared, 'k23-fuel', 'k23'),
        'k23-epoch/k23 shared': geomeanOf(fuelShared, 'k23-epoch', 'k23'),
        'k23-fuel/k23 programs': geomeanOf(fuelPrograms, 'k23-fuel', 'k23'),
        'k23-epoch/k23 programs': geomeanOf(fuelPrograms, 'k23-epoch', 'k23'),
      },
      goals,
    },
    errors: [],
  };
  const errors = problems(report);
  const final: BenchReport = { ...report, errors };

  console.log('');
  if (results.length > 0) {
    console.log(kernelTable(results, engines));
    if (programs.length > 0) console.log('  * k23\'s own programs (bench/programs), not part of the goals');
    const g = final.summary.geomean;
    console.log('');
    console.log(`geomean k23/V8:     shared ${formatRatio(g['k23/v8 shared'])}   programs ${formatRatio(g['k23/v8 programs'])}`);
    console.log(`geomean wasm2js/V8: shared ${formatRatio(g['wasm2js/v8 shared'])}   programs ${formatRatio(g['wasm2js/v8 programs'])}`);
    if (goals.evaluated) {
      console.log(`goals: geomean ${formatRatio(goals.geomean)} <= ${GOAL_GEOMEAN} ${goals.geomeanOk === true ? 'ok' : 'MISSED'}; ` +
        `above ${GOAL_MAX_RATIO}: ${goals.above2.length === 0 ? 'none' : goals.above2.join(', ')}; ` +
        `not faster than wasm2js -O (of ${goals.wasm2jsCompared}): ` +
        `${goals.notFasterThanWasm2js.length === 0 ? 'none' : goals.notFasterThanWasm2js.join(', ')} ` +
        `=> ${goals.met === true ? 'MET' : 'NOT MET'}`);
    } else {
      console.log(`goals: not judged (${goals.reason ?? ''})`);
    }
  }
  if (micro.length > 0) {
    console.log('');
    console.log(microTable(micro));
  }
  if (options.micro) {
    console.log('');
    if (fuelEpoch.length > 0) {
      console.log(fuelEpochTable(fuelEpoch));
      const g = final.summary.geomean;
      console.log(`geomean fuel/plain:  shared ${formatRatio(g['k23-fuel/k23 shared'])}   programs ${formatRatio(g['k23-fuel/k23 programs'])}   all ${formatRatio(g['k23-fuel/k23'])}`);
      console.log(`geomean epoch/plain: shared ${formatRatio(g['k23-epoch/k23 shared'])}   programs ${formatRatio(g['k23-epoch/k23 programs'])}   all ${formatRatio(g['k23-epoch/k23'])}`);
    } else {
      console.log(`fuel/epoch: ${k23 === null ? `skipped, k23 unavailable (${k23Detail})` : 'no kernel selected'}`);
    }
  }
  if (errors.length > 0) {
    console.log('');
    for (const e of errors) console.log(e);
  }

  const out = options.jsonPath ?? join(paths.resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(final, null, 2)}\n`);
  console.log('');
  const rel = relative(process.cwd(), out);
  console.log(`results: ${rel !== '' && !rel.startsWith('..') ? rel : out}`);

  if (errors.length > 0) return 1;
  if (goals.evaluated && goals.met === false) return 3;
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof BenchError)) throw e;
    console.error(`bench: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    return await run(options);
  } catch (e) {
    if (!(e instanceof BenchError)) throw e;
    console.error(`bench: ${e.message}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
