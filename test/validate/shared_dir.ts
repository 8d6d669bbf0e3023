/**
 * Locating `../shared` (spec suites) for tests: `$K23_SHARED`, or `../shared` against the repository root. The root
 * is the nearest folder above the compiled test whose package.json is k23's; a build placed outside the checkout
 * (`tsc --outDir /tmp/...`) has none, so the working directory is tried next.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../../scripts/shared_data.js';

/** `<shared>/wasm-spec-json/2.0` when present, else null (tests then skip with a message). */
export function specJson20(): string | null {
  const dir = join(sharedDir(), 'wasm-spec-json', '2.0');
  return existsSync(join(dir, 'MANIFEST.tsv')) ? dir : null;
}

/** The core (non-SIMD) files of the 2.0 suite, from MANIFEST.tsv. */
export function coreSpecFiles(dir: string): string[] {
  const lines = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  const out: string[] = [];
  for (const line of lines) {
    const [file, , group] = line.split('\t');
    if (file !== undefined && group === 'core') out.push(file);
  }
  return out;
}
