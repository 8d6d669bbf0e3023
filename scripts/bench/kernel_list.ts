/**
 * The kernel lists: `../shared/bench/BENCHMARKS.tsv` and `bench/programs/PROGRAMS.tsv`, both with the columns
 * `module export n checksum` (tab-separated, one header line). Each kernel is `export(n: i32) -> i32` of a module
 * without imports, and must return `checksum` (unsigned 32-bit) for that `n`.
 */

import { join } from 'node:path';
import { BenchError } from './bench_error.js';

/** Which list a kernel comes from: the project's shared kernels (the goals) or k23's own programs. */
export type Suite = 'shared' | 'programs';

/** One kernel. */
export interface KernelSpec {
  /** The id used by `--filter` and in the results: the export name. */
  readonly id: string;
  readonly suite: Suite;
  /** Module file name as written in the list. */
  readonly module: string;
  /** Absolute path of the module. */
  readonly modulePath: string;
  readonly exportName: string;
  /** The work parameter of a full run. */
  readonly n: number;
  /** The expected result of a full run, as an unsigned 32-bit number. */
  readonly checksum: number;
}

const HEADER = ['module', 'export', 'n', 'checksum'];

/**
 * Parses a kernel list. `source` names the file in error messages; `dir` is the folder its modules are in.
 * Throws `BenchError` with the line number on any malformed line, duplicate export or unsafe module path.
 */
export function parseKernelList(text: string, source: string, suite: Suite, dir: string): KernelSpec[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t');
  if (header.length !== HEADER.length || header.some((h, i) => h.trim() !== HEADER[i])) {
    throw new BenchError(`${source}:1: expected the header '${HEADER.join('\\t')}'`);
  }
  const kernels: KernelSpec[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const where = `${source}:${i + 1}`;
    const cols = line.split('\t').map((c) => c.trim());
    if (cols.length !== 4) throw new BenchError(`${where}: expected 4 tab-separated columns, found ${cols.length}`);
    const [module, exportName, nText, sumText] = cols as [string, string, string, string];
    // Module names stay inside `dir`: a plain file name ending in .wasm.
    if (!/^[A-Za-z0-9_.-]+\.wasm$/.test(module) || module.startsWith('.')) {
      throw new BenchError(`${where}: module '${module}' is not a plain .wasm file name`);
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(exportName)) {
      throw new BenchError(`${where}: export '${exportName}' is not a plain identifier`);
    }
    if (!/^\d+$/.test(nText) || Number(nText) < 1 || Number(nText) > 0xffffffff) {
      throw new BenchError(`${where}: n '${nText}' is not an integer in 1..2^32-1`);
    }
    if (!/^\d+$/.test(sumText) || Number(sumText) > 0xffffffff) {
      throw new BenchError(`${where}: checksum '${sumText}' is not an unsigned 32-bit integer`);
    }
    if (seen.has(exportName)) throw new BenchError(`${where}: kernel '${exportName}' is listed twice`);
    seen.add(exportName);
    kernels.push({
      id: exportName, suite, module, modulePath: join(dir, module), exportName,
      n: Number(nText), checksum: Number(sumText),
    });
  }
  return kernels;
}

/**
 * The `n` of a `--quick` run: about 1/1000 of the work for the large iteration counts and 1/8 for repetition
 * counts (n < 1000 in the lists: repetitions, a size or fib's argument), never below 1. Quick runs check
 * correctness, so only the order of magnitude matters; their checksums come from V8's run at the same n.
 */
export function quickN(n: number): number {
  return n >= 1000 ? Math.ceil(n / 1000) : Math.max(1, Math.floor(n / 8));
}
