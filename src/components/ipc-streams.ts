/**
 * Cuts a download made of Arrow IPC streams written one after another (as the explorer's loader
 * writes them) into those streams, as the bytes arrive. Only the framing is read — continuation
 * marker, metadata length, the body length inside the flatbuffer metadata — so no row is decoded
 * here: each stream goes to DuckDB-WASM's worker as it is, and the main thread stays free.
 */
export async function* ipcStreams(body: ReadableStream<Uint8Array>): AsyncGenerator<IpcStream> {
  const queue = new ByteQueue();
  const reader = body.getReader();
  let pos = 0; // where the next message of the current stream starts, from the queue's head
  let rows = 0;
  for (;;) {
    // Step over messages while their headers are there (a body may still be on its way).
    const next = nextMessage(queue, pos);
    if (next === "eos") {
      yield { bytes: queue.take(pos + 8), rows };
      pos = rows = 0;
      continue;
    }
    if (next !== null) {
      pos = next.end;
      rows += next.rows;
      continue;
    }
    const { done, value } = await reader.read();
    if (done) {
      if (queue.length) throw new Error(`Arrow download ends inside a stream (${queue.length} bytes after the last end-of-stream marker)`);
      return;
    }
    queue.push(value);
  }
}

/** One complete IPC stream (a buffer of its own, so it can be transferred) and its row count. */
export interface IpcStream {
  bytes: Uint8Array;
  /** Known before decoding: DuckDB-WASM gets the bytes, the page only reports progress. */
  rows: number;
}

/**
 * The end of the message starting at `pos` and the rows it carries (or "eos" for the
 * end-of-stream marker), or null when its header has not fully arrived yet.
 */
function nextMessage(queue: ByteQueue, pos: number): { end: number; rows: number } | "eos" | null {
  if (queue.length < pos + 8) return null;
  const head = new DataView(queue.peek(pos, 8).buffer);
  if (head.getUint32(0, true) !== 0xffffffff) throw new Error(`not an Arrow IPC stream: no continuation marker at byte ${pos}`);
  const metaLength = head.getInt32(4, true);
  if (metaLength === 0) return "eos";
  if (queue.length < pos + 8 + metaLength) return null;
  const { bodyLength, rows } = messageHeader(new DataView(queue.peek(pos + 8, metaLength).buffer));
  return { end: pos + 8 + metaLength + bodyLength, rows };
}

/**
 * From the flatbuffer metadata (Arrow's Message.fbs): Message.bodyLength (field 3) and, when the
 * header (field 2) is a RecordBatch (header_type, field 1, = 3), its length (field 0).
 */
function messageHeader(meta: DataView): { bodyLength: number; rows: number } {
  const message = meta.getUint32(0, true);
  const field = (table: number, index: number) => {
    const vtable = table - meta.getInt32(table, true);
    const slot = 4 + 2 * index;
    return slot < meta.getUint16(vtable, true) ? meta.getUint16(vtable + slot, true) : 0;
  };
  const at = (table: number, index: number) => table + field(table, index);
  const bodyLength = field(message, 3) ? Number(meta.getBigInt64(at(message, 3), true)) : 0;
  if (!field(message, 1) || meta.getUint8(at(message, 1)) !== 3 || !field(message, 2)) return { bodyLength, rows: 0 };
  const batch = at(message, 2) + meta.getUint32(at(message, 2), true);
  return { bodyLength, rows: field(batch, 0) ? Number(meta.getBigInt64(at(batch, 0), true)) : 0 };
}

/** Received pieces, kept as they came: copied once, into the stream they belong to. */
class ByteQueue {
  private pieces: Uint8Array[] = [];
  length = 0;

  push(piece: Uint8Array): void {
    this.pieces.push(piece);
    this.length += piece.length;
  }

  /** A copy of `n` bytes at `offset` (small: headers). */
  peek(offset: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    let skip = offset;
    let filled = 0;
    for (const piece of this.pieces) {
      if (filled === n) break;
      if (skip >= piece.length) {
        skip -= piece.length;
        continue;
      }
      const part = piece.subarray(skip, skip + n - filled);
      out.set(part, filled);
      filled += part.length;
      skip = 0;
    }
    return out;
  }

  /** Removes the first `n` bytes into a buffer of their own (one that can be transferred). */
  take(n: number): Uint8Array {
    const out = this.peek(0, n);
    let left = n;
    while (left > 0) {
      const piece = this.pieces[0];
      if (piece.length <= left) {
        this.pieces.shift();
        left -= piece.length;
      } else {
        this.pieces[0] = piece.subarray(left);
        left = 0;
      }
    }
    this.length -= n;
    return out;
  }
}
