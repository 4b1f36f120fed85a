/** A one-line progress bar on a terminal; silent when output is piped or in CI logs. */
export class Progress {
  private readonly enabled: boolean;
  private last = 0;

  constructor(private label: string, private stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY) && !process.env.CI;
  }

  update(done: number, total: number, detail = ""): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 80 && done < total) return;
    this.last = now;
    const width = 24;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const pct = total > 0 ? Math.round((done / total) * 100) : 0;
    this.stream.write(`\r\x1b[2K${this.label} ${bar} ${String(pct).padStart(3)}% ${detail}`.slice(0, (this.stream.columns ?? 100) - 1));
  }

  done(): void {
    if (this.enabled) this.stream.write("\r\x1b[2K");
  }
}
