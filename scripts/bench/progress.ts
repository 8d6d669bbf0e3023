/** A one-line progress indicator on stderr, drawn only when stderr is a terminal (never in logs or CI). */
export class Progress {
  private readonly tty: boolean;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = stream.isTTY === true;
  }

  /** Replaces the line with `text` (cut to the terminal width). */
  update(text: string): void {
    if (!this.tty) return;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    this.stream.write(`\r\x1b[K${text.length > width ? text.slice(0, width) : text}`);
    this.shown = true;
  }

  /** Erases the line. */
  clear(): void {
    if (!this.tty || !this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
