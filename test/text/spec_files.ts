/**
 * Locating the spec suites for the text-format tests: `$K23_SHARED`, or `../shared` against the repository root
 * (the nearest folder above the compiled test whose package.json is k23's; a build placed outside the checkout
 * falls back to the working directory). Tests skip with a message when the data is absent.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../../scripts/shared_data.js';

/** `<shared>/wasm-spec/<version>` when present, else null. */
export function specDir(version: '2.0' | '3.0'): string | null {
  const dir = join(sharedDir(), 'wasm-spec', version);
  return existsSync(join(dir, 'COUNTS.tsv')) ? dir : null;
}

/** `<shared>/wasm-spec-json/2.0` when present, else null. */
export function specJsonDir(): string | null {
  const dir = join(sharedDir(), 'wasm-spec-json', '2.0');
  return existsSync(join(dir, 'MANIFEST.tsv')) ? dir : null;
}

/** The message tests give when the shared data is missing. */
export const MISSING = 'spec suite not found under ../shared: set K23_SHARED to the shared data folder';

/** The top-level `.wast` file names of a suite folder, sorted. */
export function wastFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wast'))
    .sort();
}

/** Names (without extension) of the 2.0 files in a MANIFEST group (`core` or `simd`). */
export function manifestGroup(jsonDir: string, group: string): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync(join(jsonDir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1)) {
    const [file, , g] = line.split('\t');
    if (file !== undefined && g === group) out.add(file);
  }
  return out;
}
