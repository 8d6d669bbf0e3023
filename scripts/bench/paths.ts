/**
 * Where the harness finds its data: the repository root, `../shared` (through `K23_SHARED`) and k23's own
 * programs in `bench/programs/`.
 */

import { join } from 'node:path';
import { repoRoot, sharedDir } from '../shared_data.js';

export { repoRoot, sharedDir };

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
