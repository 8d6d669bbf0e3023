/** A `k23` subcommand. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text. */
  readonly help: string;
  /** Runs the command; returns the process exit code. */
  run(args: string[]): number | Promise<number>;
}

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Splits `args` into flags (`--name value` / `--flag`) and positionals, given which flags take a value. */
export function parseArgs(args: string[], valued: readonly string[], booleans: readonly string[]): { flags: Map<string, string | true>; rest: string[] } {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && rest.length === 0) {
      const name = a.slice(2);
      if (valued.includes(name)) {
        const v = args[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
      } else if (booleans.includes(name)) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option ${a}`);
      }
    } else {
      rest.push(a);
    }
  }
  return { flags, rest };
}
