import { closeSync, openSync, writeSync } from "node:fs";
import iconv from "iconv-lite";

export type Encoding = "utf8" | "utf8-bom" | "gb18030";

/** Quotes a CSV field only when it must (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Streams CSV rows to disk in chunks, so ten million rows never sit in memory at once. */
export class CsvWriter {
  private fd: number;
  private chunk: string[] = [];
  private size = 0;
  private closed = false;
  rows = 0;

  constructor(readonly path: string, header: string[], private encoding: Encoding = "utf8") {
    this.fd = openSync(path, "w");
    if (encoding === "utf8-bom") writeSync(this.fd, "\ufeff");
    this.push(header.map(csvField).join(","));
  }

  write(values: (string | number | null | undefined)[]): void {
    this.push(values.map(csvField).join(","));
    this.rows++;
  }

  /** A line as is, for sample files that must contain malformed rows (ragged lines). */
  writeRaw(line: string): void {
    this.push(line);
    this.rows++;
  }

  private push(line: string): void {
    this.chunk.push(line);
    this.size += line.length;
    if (this.size > 1 << 22) this.flush();
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const text = this.chunk.join("\n") + "\n";
    writeSync(this.fd, this.encoding === "gb18030" ? iconv.encode(text, "gb18030") : Buffer.from(text, "utf8"));
    this.chunk = [];
    this.size = 0;
  }

  /** Idempotent: a month's file is closed when the next month starts, and again at the end. */
  close(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
  }
}
