import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** What one streaming read of an export's bytes tells, before or while DuckDB reads it. */
export interface FileFacts {
  /** sha256 of the bytes: the file's identity in the ingest log. */
  hash: string;
  /**
   * No cell can start or end with a space character (trim() would change nothing): no space byte
   * next to a delimiter, quote or line break, nor at either end of the file, and no other Unicode
   * space separator anywhere. False means "maybe": the load then trims as the careful path does.
   */
  unpadded: boolean;
}

// Bytes a cell's text can meet at its edges: the delimiters DuckDB's sniffer may choose, quotes, line breaks.
const edge = new Set([0x2c, 0x09, 0x3b, 0x7c, 0x22, 0x27, 0x0a, 0x0d]);
// The other characters trim() removes (Unicode category Zs) in UTF-8; any of them anywhere means "maybe".
const wideSpaces = [[0xc2, 0xa0], [0xe1, 0x9a, 0x80], [0xe2, 0x81, 0x9f], [0xe3, 0x80, 0x80]].map((b) => Buffer.from(b));
const generalPunctuation = Buffer.from([0xe2, 0x80]); // U+2000–U+200A and U+202F are spaces, the rest of the block is not

/** Hashes the file and checks whether its cells may be padded, in one streaming read. */
export async function fileFacts(file: string): Promise<FileFacts> {
  const hash = createHash("sha256");
  const padding = paddingCheck();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    padding.push(chunk as Buffer);
  }
  return { hash: hash.digest("hex"), unpadded: !padding.end() };
}

/** A byte-level check fed chunk by chunk: true at the end when some cell may start or end with a space. */
export function paddingCheck(): { push(chunk: Buffer): void; end(): boolean } {
  let padded = false;
  let before = -1; // the byte before this chunk; -1 at the start of the file, which is an edge too
  let spaceAtEnd = false; // the previous chunk ended in a space: its next byte is this chunk's first
  let tail = Buffer.alloc(0); // the previous chunk's last bytes, for characters split across chunks
  const isEdge = (byte: number) => byte === -1 || edge.has(byte);
  return {
    push(chunk) {
      if (padded || chunk.length === 0) return;
      if (spaceAtEnd && isEdge(chunk[0])) return void (padded = true);
      for (let i = chunk.indexOf(0x20); i !== -1; i = chunk.indexOf(0x20, i + 1)) {
        if (isEdge(i > 0 ? chunk[i - 1] : before) || (i + 1 < chunk.length && edge.has(chunk[i + 1]))) return void (padded = true);
      }
      spaceAtEnd = chunk[chunk.length - 1] === 0x20;
      before = chunk[chunk.length - 1];
      const data = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      tail = Buffer.from(data.subarray(Math.max(0, data.length - 2)));
      if (wideSpaces.some((s) => data.includes(s))) return void (padded = true);
      for (let i = data.indexOf(generalPunctuation); i !== -1 && i + 2 < data.length; i = data.indexOf(generalPunctuation, i + 1)) {
        const third = data[i + 2];
        if ((third >= 0x80 && third <= 0x8a) || third === 0xaf) return void (padded = true);
      }
    },
    end: () => padded || spaceAtEnd
  };
}
