#!/usr/bin/env node
/**
 * The `k23` command line. Every subcommand has `--help`; bad input ends with a one-line error and a non-zero exit.
 */
import { CompileError } from '../core/compile_error.js';
import { LinkError } from '../core/link_error.js';
import { bootCommand } from './boot_command.js';
import { UsageError, type Command } from './command.js';
import { runCommand } from './run_command.js';
import { specJsonCommand, wastCommand } from './script_commands.js';
import { wat2wasmCommand } from './wat2wasm_command.js';
import { TextError } from '../text/text_error.js';

const commands = new Map<string, Command>();
for (const c of [bootCommand(dispatch), runCommand, wat2wasmCommand, wastCommand, specJsonCommand]) commands.set(c.name, c);

function usage(): string {
  const lines = [...commands.values()].map((c) => `  ${c.name.padEnd(12)} ${c.summary}`);
  return `Usage: k23 <command> [args]\n\nCommands:\n${lines.join('\n')}\n\nRun "k23 <command> --help" for a command's options.`;
}

/** Runs one command line (without the program name); returns the exit status. */
async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const sub = name === 'help' ? commands.get(rest[0] ?? '') : undefined;
    console.log(sub ? sub.help : usage());
    return 0;
  }
  const cmd = commands.get(name);
  if (!cmd) {
    console.error(`k23: unknown command "${name}" (try k23 --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`k23 ${name}: ${e.message}`);
      return 2;
    }
    if (e instanceof TextError) console.error(`k23 ${name}: ${e.message}`);
    else if (e instanceof CompileError) console.error(`k23 ${name}: ${e.kind} module: ${e.message}`);
    else if (e instanceof LinkError) console.error(`k23 ${name}: link error: ${e.message}`);
    else if (e instanceof Error) console.error(`k23 ${name}: ${e.message}`);
    else console.error(`k23 ${name}: ${String(e)}`);
    return 1;
  }
}

process.exitCode = await dispatch(process.argv.slice(2));
