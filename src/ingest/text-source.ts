import { closeSync, createReadStream, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { ExportFileError } from "./export-file-error.ts";

export type TextEncoding = "utf8" | "gb18030";

/** UTF-8 unless the bytes say otherwise; Excel on Chinese Windows saves CSV as GBK/GB18030. */
export function detectEncoding(sample: Uint8Array): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf8";
  // A sample may end mid-character: drop up to 3 trailing bytes of an incomplete sequence.
  for (let cut = 0; cut <= 3; cut++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return "utf8";
    } catch {}
  }
  return "gb18030";
}

/**
 * Lines (0-based) into a chunk before the first one that does not decode. The chunk's first and last
 * pieces may hold characters cut at chunk edges, so they count as good unless nothing else fails.
 */
function firstBadLine(bytes: Uint8Array, encoding: TextEncoding): number {
  const pieces: Uint8Array[] = [];
  for (let start = 0, i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      pieces.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  const bad = pieces.findIndex((piece, i) => {
    if (i === pieces.length - 1 && pieces.length > 1) return false;
    try {
      new TextDecoder(encoding === "utf8" ? "utf-8" : "gb18030", { fatal: true }).decode(piece);
      return false;
    } catch {
      return true;
    }
  });
  return Math.max(bad, 0);
}

const hasMultibyte = (sample: Uint8Array) => sample.some((b) => b >= 0x80);

/** The first `bytes` of a file (fewer when it is shorter): enough to sniff an encoding. */
export function readHead(file: string, bytes: number): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

const headBytes = 1 << 20;

/**
 * A UTF-8 file DuckDB can read. Plain UTF-8 is used in place; gzip and GB18030 are converted
 * chunk by chunk into a temporary file, so a multi-gigabyte export never sits in memory.
 */
export async function utf8Source(file: string, declared?: TextEncoding, label = file): Promise<{ source: string; encoding: TextEncoding; temp?: string }> {
  const gz = file.toLowerCase().endsWith(".gz");
  if (!gz) {
    const head = readHead(file, headBytes);
    const detected = detectEncoding(head);
    checkDeclared(label, declared, detected, head);
    if ((declared ?? detected) === "utf8") return { source: file, encoding: "utf8" };
  }
  const dir = mkdtempSync(join(tmpdir(), "opsbook-"));
  const source = join(dir, basename(file).replace(/\.gz$/i, ""));
  const fd = openSync(source, "w");
  let encoding: TextEncoding | undefined = gz ? undefined : declared ?? "gb18030";
  let decoder: TextDecoder | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1;
  let first = true;
  const write = (bytes: Buffer, last: boolean) => {
    decoder ??= new TextDecoder(encoding === "utf8" ? "utf-8" : "gb18030", { fatal: true });
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: !last });
    } catch {
      throw new ExportFileError(label, `the bytes are not valid ${encoding === "utf8" ? "UTF-8" : "GB18030"}${declared ? " (is the declared --encoding wrong?)" : ""}`, line + firstBadLine(bytes, encoding ?? "utf8"));
    }
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
    writeSync(fd, text);
  };
  try {
    const input = createReadStream(file);
    let stream: AsyncIterable<Buffer> = input;
    if (gz) {
      const gunzip = createGunzip();
      pipeline(input, gunzip, () => {});
      stream = gunzip;
    }
    for await (const chunk of stream) {
      if (!encoding) {
        // Detect on the first megabyte of the decompressed text.
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < headBytes) continue;
        const head = Buffer.concat(pending);
        encoding = declared ?? detectEncoding(head);
        checkDeclared(label, declared, detectEncoding(head), head);
        pending = [];
        write(head, false);
        continue;
      }
      write(chunk, false);
    }
    if (!encoding) {
      const head = Buffer.concat(pending);
      encoding = declared ?? detectEncoding(head);
      checkDeclared(label, declared, detectEncoding(head), head);
      write(head, false);
    }
    write(Buffer.alloc(0), true);
  } catch (error) {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
    if (error instanceof ExportFileError) throw error;
    // Lines still held back for encoding detection were read whole before the damage.
    for (const chunk of pending) for (const byte of chunk) if (byte === 0x0a) line++;
    // The message keeps the "file: cannot decompress" shape; the last whole line is in the text.
    const where = line > 1 ? ` after line ${line - 1}` : "";
    throw new ExportFileError(label, `cannot decompress${where}: ${(error as Error).message} (the gzip file is truncated or corrupt; nothing of it was loaded)`);
  }
  closeSync(fd);
  return { source, encoding: encoding ?? "utf8", temp: dir };
}

/**
 * GB18030 decodes almost any byte sequence, so a wrong "--encoding gb18030" on a UTF-8 file would
 * load mojibake silently; refuse it instead. Valid multi-byte UTF-8 is never plausible GBK text.
 */
function checkDeclared(label: string, declared: TextEncoding | undefined, detected: TextEncoding, head: Uint8Array): void {
  if (declared === "utf8" && detected === "gb18030") {
    throw new ExportFileError(label, "declared --encoding utf8, but this line is not valid UTF-8 (GBK/GB18030, as Excel saves on Chinese Windows?); drop --encoding to detect it or use --encoding gb18030", 1 + firstBadLine(head, "utf8"));
  }
  if (declared === "gb18030" && detected === "utf8" && hasMultibyte(head)) {
    throw new ExportFileError(label, "declared --encoding gb18030, but the file is valid UTF-8 (its Chinese text would turn into mojibake); drop --encoding or use --encoding utf8", 1);
  }
}
