import { runSuite } from '../wast/suite_run.js';
import { UsageError, type Command } from './command.js';

function scriptCommand(name: string, summary: string, what: string, textModules: boolean): Command {
  return {
    name,
    summary,
    help: `Usage: k23 ${name} [options] <script>...

Runs ${what} against the engine, with the spec's \`spectest\` module, and prints per-file
counts and then "N passed, N failed, N skipped" (the format of \`npm run spec\`).
Exit status 1 when any assertion failed or a script did not parse.

Options:
  --v2        parse with the 2.0 text grammar (32-bit limits and offsets)
  --verbose   print every failure
  --help      show this help`,
    run(args: string[]): number {
      const files: string[] = [];
      let verbose = false;
      let v2 = false;
      for (const a of args) {
        if (a === '--verbose') verbose = true;
        else if (a === '--v2') v2 = true;
        else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        else files.push(a);
      }
      if (files.length === 0) throw new UsageError('missing script path');
      const r = runSuite(files, { runner: { textModules }, text: { wasmVersion: v2 ? 2 : 3 }, verbose, progress: process.stderr });
      return r.failed > 0 ? 1 : 0;
    },
  };
}

/** `k23 wast`: run `.wast` spec scripts. */
export const wastCommand = scriptCommand('wast', 'run .wast spec test scripts', 'WebAssembly script (.wast) files', true);

/** `k23 spec-json`: run scripts in wabt's wast2json form (text-form modules skipped). */
export const specJsonCommand = scriptCommand(
  'spec-json',
  'run spec test scripts in wast2json (JSON + .wasm) form',
  'scripts in wabt\'s wast2json form (JSON + .wasm; text-form modules are skipped)',
  false,
);
