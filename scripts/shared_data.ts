/**
 * Where scripts and tests find the repository and the shared data: `$K23_SHARED`, or `../shared` against the
 * repository root. The root is the nearest folder above the compiled file whose package.json is k23's; a build
 * placed outside the checkout (`tsc --outDir /tmp/...`) has none, so the working directory is tried next.
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

/** The shared data folder for repository root `root`: `$K23_SHARED` (relative to the root), else `../shared`. */
export function sharedDir(root: string = repoRoot()): string {
  const env = process.env['K23_SHARED'];
  return env !== undefined && env !== '' ? resolve(root, env) : resolve(root, '..', 'shared');
}
