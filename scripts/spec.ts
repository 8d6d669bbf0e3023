/**
 * `npm run spec -- [dir] [--all] [--expect file] [--verbose]`: runs the spec testsuite in wast2json form (default
 * `../shared/wasm-spec-json/2.0`, core files only unless --all), prints per-file counts, and exits non-zero on any
 * failure not in the expected-failures list or any listed entry that now passes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExpectedFailures } from '../src/wast/expected_failures.js';
import { loadJsonScript } from '../src/wast/json_script.js';
import { ScriptRunner, type ScriptResult } from '../src/wast/script_runner.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(repoRoot, process.env['K23_SHARED'] ?? '../shared');

function main(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flag = (name: string): boolean => argv.includes(`--${name}`);
  const option = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const expectPath = option('expect') ?? join(repoRoot, 'test', 'spec', 'expected-failures-json-2.0.tsv');
  const positional = args.filter((a) => a !== option('expect'));
  const dir = resolve(positional[0] ?? join(shared, 'wasm-spec-json', '2.0'));
  if (!existsSync(dir)) {
    console.error(`spec: ${dir} not found. The spec suite lives in ../shared (set K23_SHARED to its path).`);
    return 2;
  }
  const names = listFiles(dir, flag('all'));
  const expected = ExpectedFailures.load(expectPath);
  const tty = process.stdout.isTTY;
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const regressions: string[] = [];
  const fixed: string[] = [];
  const start = performance.now();
  names.forEach((name, i) => {
    if (tty) process.stdout.write(`\r[${i + 1}/${names.length}] ${name}`.padEnd(60));
    const r = runFile(join(dir, name, `${name}.json`));
    if (tty) process.stdout.write('\r'.padEnd(61) + '\r');
    totals.passed += r.passed;
    totals.failed += r.failed;
    totals.skipped += r.skipped;
    console.log(`${name.padEnd(24)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped).padStart(4)} skipped`);
    const failedLines = new Set<number>();
    for (const f of r.failures) {
      failedLines.add(f.line);
      if (!expected.has(name, f.line)) regressions.push(`${name}:${f.line} ${f.command}: ${f.message}`);
      else if (flag('verbose')) console.log(`  expected failure ${name}:${f.line}: ${f.message}`);
    }
    for (const line of expected.linesOf(name)) if (!failedLines.has(line)) fixed.push(`${name}:${line}`);
  });
  const secs = ((performance.now() - start) / 1000).toFixed(1);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (${names.length} files, ${secs}s)`);
  if (regressions.length > 0) {
    console.log(`\n${regressions.length} unexpected failures:`);
    for (const r of regressions.slice(0, 200)) console.log(`  ${r}`);
  }
  if (fixed.length > 0) {
    console.log(`\n${fixed.length} entries of ${basename(expectPath)} now pass; remove them:`);
    for (const f of fixed) console.log(`  ${f}`);
  }
  return regressions.length > 0 || fixed.length > 0 ? 1 : 0;
}

function listFiles(dir: string, all: boolean): string[] {
  const manifest = join(dir, 'MANIFEST.tsv');
  if (!all && existsSync(manifest)) {
    return readFileSync(manifest, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .filter((cols) => cols[2] === 'core')
      .map((cols) => cols[0]!)
      .sort();
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, `${d.name}.json`)))
    .map((d) => d.name)
    .sort();
}

function runFile(path: string): ScriptResult {
  try {
    return new ScriptRunner().run(loadJsonScript(path));
  } catch (e) {
    return { filename: path, passed: 0, failed: 1, skipped: 0, failures: [{ line: 0, command: 'load', message: String(e) }], skips: [] };
  }
}

process.exitCode = main(process.argv.slice(2));
