import { basename } from 'node:path';
import { TextError } from '../text/text_error.js';
import type { TextOptions } from '../text/token_cursor.js';
import type { ExpectedFailures } from './expected_failures.js';
import { loadScriptFile } from './script_file.js';
import { ScriptRunner, type ScriptResult, type ScriptRunnerOptions } from './script_runner.js';

/** A set of scripts to run and how. */
export interface SuiteOptions {
  readonly runner: ScriptRunnerOptions;
  readonly text?: TextOptions;
  /** Assertions expected to fail; failures not in it are regressions, listed entries that pass are stale. */
  readonly expected?: ExpectedFailures;
  /** Print every failure (otherwise the first few per file). */
  readonly verbose?: boolean;
  /** Write progress to this stream when it is a terminal. */
  readonly progress?: NodeJS.WriteStream;
  readonly log?: (line: string) => void;
}

/** Totals of a suite run. */
export interface SuiteResult {
  passed: number;
  failed: number;
  skipped: number;
  /** Files that did not parse. */
  readonly unparsed: string[];
  /** Failures not in the expected list (`file:line command: message`). */
  readonly regressions: string[];
  /** Expected-failure entries that passed. */
  readonly fixed: string[];
}

/** The name a script is known by in reports and expected-failure lists: its base name without extension. */
export function scriptName(path: string): string {
  return basename(path).replace(/\.(wast|json)$/, '');
}

/**
 * Runs scripts one after another, each in a fresh engine, printing `name  N passed  N failed  N skipped` per file
 * and collecting totals. Used by `npm run spec` and `k23 wast` / `k23 spec-json`.
 */
export function runSuite(files: readonly string[], options: SuiteOptions): SuiteResult {
  const log = options.log ?? ((l: string) => console.log(l));
  const tty = options.progress?.isTTY ? options.progress : null;
  const total: SuiteResult = { passed: 0, failed: 0, skipped: 0, unparsed: [], regressions: [], fixed: [] };
  files.forEach((file, i) => {
    const name = scriptName(file);
    tty?.write(`\r[${i + 1}/${files.length}] ${name}`.padEnd(60));
    let r: ScriptResult;
    try {
      r = new ScriptRunner(options.runner).run(loadScriptFile(file, options.text));
    } catch (e) {
      const msg = e instanceof TextError ? e.message : `${(e as Error).name}: ${(e as Error).message}`;
      r = { filename: file, passed: 0, failed: 1, skipped: 0, failures: [{ line: 0, command: 'parse', message: msg }], skips: [] };
      total.unparsed.push(file);
    }
    tty?.write('\r'.padEnd(61) + '\r');
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
    log(`${name.padEnd(28)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped).padStart(5)} skipped`);
    const failedLines = new Set<number>();
    let shown = 0;
    for (const f of r.failures) {
      failedLines.add(f.line);
      const listed = options.expected?.has(name, f.line) ?? false;
      if (!listed) total.regressions.push(`${name}:${f.line} ${f.command}: ${f.message}`);
      if (options.verbose || (!listed && shown < 5)) {
        log(`  line ${f.line}: ${f.command}: ${f.message}${listed ? ' (expected)' : ''}`);
        shown++;
      }
    }
    for (const line of options.expected?.linesOf(name) ?? []) if (!failedLines.has(line)) total.fixed.push(`${name}:${line}`);
  });
  log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total;
}
