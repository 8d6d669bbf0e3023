/**
 * Where the harness finds its data: the repository root, `../shared` (through `K23_SHARED`) and k23's own
 * programs in `bench/programs/`.
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function isRepoRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'k23';
  } catch {
    return false;
  }
}

function findUp(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (isRepoRoot(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The repository root: the nearest folder above this compiled file whose package.json is k23's. A build placed
 * outside the checkout (`tsc --outDir /tmp/...`) has none above it, so the working directory is tried next.
 */
export function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return findUp(here) ?? findUp(process.cwd()) ?? process.cwd();
}

/** The shared data folder: `$K23_SHARED`, or `../shared` against the repository root. */
export function sharedDir(root: string): string {
  const env = process.env['K23_SHARED'];
  return env !== undefined && env !== '' ? resolve(root, env) : resolve(root, '..', 'shared');
}

/** The paths the harness reads and writes. */
export interface BenchPaths {
  readonly root: string;
  readonly shared: string;
  /** `<shared>/bench/BENCHMARKS.tsv`. */
  readonly sharedList: string;
  /** `<shared>/bench/wasm`. */
  readonly sharedWasm: string;
  /** `bench/programs/PROGRAMS.tsv`. */
  readonly programsList: string;
  readonly programsDir: string;
  /** `bench/results`. */
  readonly resultsDir: string;
}

/** All paths, resolved once. */
export function benchPaths(root: string = repoRoot()): BenchPaths {
  const shared = sharedDir(root);
  return {
    root, shared,
    sharedList: join(shared, 'bench', 'BENCHMARKS.tsv'),
    sharedWasm: join(shared, 'bench', 'wasm'),
    programsList: join(root, 'bench', 'programs', 'PROGRAMS.tsv'),
    programsDir: join(root, 'bench', 'programs'),
    resultsDir: join(root, 'bench', 'results'),
  };
}
