import { existsSync, readFileSync } from 'node:fs';

/**
 * The checked-in list of assertions expected to fail, each with a reason: `file<TAB>line<TAB>reason` per line,
 * `#` comments allowed. The conformance gate fails on a failure not in the list (a regression) and on an entry that
 * now passes (the list must shrink as the engine improves).
 */
export class ExpectedFailures {
  private readonly entries = new Map<string, string>();

  static load(path: string): ExpectedFailures {
    const list = new ExpectedFailures();
    if (!existsSync(path)) return list;
    for (const raw of readFileSync(path, 'utf8').split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const [file, at, ...reason] = line.split('\t');
      if (!file || !at || reason.join('').trim() === '') throw new Error(`${path}: every entry needs file, line and reason: "${line}"`);
      list.entries.set(`${file}:${at}`, reason.join(' ').trim());
    }
    return list;
  }

  has(file: string, line: number): boolean {
    return this.entries.has(`${file}:${line}`);
  }

  /** Entries of `file`, as line numbers. */
  linesOf(file: string): number[] {
    const out: number[] = [];
    for (const k of this.entries.keys()) {
      const i = k.lastIndexOf(':');
      if (k.slice(0, i) === file) out.push(Number(k.slice(i + 1)));
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }
}
