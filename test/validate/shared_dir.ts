/**
 * Locating `../shared` (spec suites) for tests: `$K23_SHARED`, or `../shared` against the repository root. The root
 * is the nearest folder above the compiled test whose package.json is k23's; a build placed outside the checkout
 * (`tsc --outDir /tmp/...`) has none, so the working directory is tried next.
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

/** The repository root. */
export function repoRoot(): string {
  return findUp(dirname(fileURLToPath(import.meta.url))) ?? findUp(process.cwd()) ?? process.cwd();
}

/** The shared data folder. */
export function sharedDir(): string {
  const env = process.env['K23_SHARED'];
  const root = repoRoot();
  return env !== undefined && env !== '' ? resolve(root, env) : resolve(root, '..', 'shared');
}

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
