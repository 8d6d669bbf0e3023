import { writeFileSync } from 'node:fs';
import { watToBinary } from '../text/wat.js';
import { UsageError, type Command } from './command.js';
import { readBytes } from './load_module.js';

/** `k23 wat2wasm`: encode a text module as binary. */
export const wat2wasmCommand: Command = {
  name: 'wat2wasm',
  summary: 'translate a WebAssembly text module to binary',
  help: `Usage: k23 wat2wasm <input.wat> [-o <output.wasm>]

Parses the text module and writes its binary encoding (the bytes wabt's wat2wasm
writes for the same text). Without -o the output goes next to the input, with the
extension .wasm. Errors are reported as file:line:col.

Options:
  -o <file>        output path ("-" for standard output)
  --debug-names    add a name section with the module's and functions' $names
  --help      show this help`,
  run(args: string[]): number {
    let input: string | undefined;
    let output: string | undefined;
    let names = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-o') {
        output = args[++i];
        if (output === undefined) throw new UsageError('-o needs a path');
      } else if (a === '--debug-names') names = true;
      else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
      else if (input === undefined) input = a;
      else throw new UsageError(`unexpected argument ${a}`);
    }
    if (input === undefined) throw new UsageError('missing input path');
    const bytes = watToBinary(readBytes(input), input, { names });
    const out = output ?? input.replace(/\.wat$/, '') + '.wasm';
    if (out === '-') process.stdout.write(bytes);
    else writeFileSync(out, bytes);
    return 0;
  },
};
