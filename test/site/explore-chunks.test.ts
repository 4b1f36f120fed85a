import { Float64, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { ipcStreams } from "../../src/components/ipc-streams.ts";
import { orderDetailTable, writeIpcChunks } from "../../src/site/explore-data.ts";

const rows = Array.from({ length: 1003 }, (_, i) => ({
  order_id: `DD${String(i).padStart(6, "0")}`,
  // Strings of different lengths, some non-ASCII, so value offsets differ from chunk to chunk.
  channel: ["抖音", "小红书", "(none)", "百度搜索推广"][i % 4].repeat(1 + (i % 3)),
  amount: i % 7 === 0 ? null : i * 1.25
}));

/** The fixture as an Arrow table: numbers (with nulls) as Float64, the rest as Utf8. */
function tableFromRows(list: typeof rows): Table {
  return new Table({
    order_id: vectorFromArray(list.map((r) => r.order_id), new Utf8()),
    channel: vectorFromArray(list.map((r) => r.channel), new Utf8()),
    amount: vectorFromArray(list.map((r) => r.amount), new Float64())
  });
}

function chunkedFile(first: number, rest: number): { bytes: Uint8Array; chunks: number } {
  const parts: Uint8Array[] = [];
  const chunks = writeIpcChunks(tableFromRows(rows), (b) => parts.push(b), { first, rest });
  return { bytes: Buffer.concat(parts), chunks };
}

/** The bytes as a network would deliver them: in pieces of `size`, cutting through headers and bodies. */
function body(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += size)));
    }
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const { bytes, rows } of ipcStreams(stream)) {
    // The row count read from the batch header must be the count the batch decodes to.
    expect(rows).toBe(tableFromIPC(bytes).numRows);
    out.push(bytes);
  }
  return out;
}

describe("the explorer's chunked Arrow download", () => {
  it.each([1, 7, 1000, 1 << 20])("splits into the streams written, whatever the network piece size (%i bytes)", async (size) => {
    const { bytes, chunks } = chunkedFile(100, 300);
    expect(chunks).toBe(5); // 100 + 300 + 300 + 300 + 3
    // Any Arrow reader taking the file for one stream sees the first chunk: the newest rows.
    expect(tableFromIPC(bytes).numRows).toBe(100);
    const streams = await collect(body(bytes, size));
    expect(streams.map((s) => tableFromIPC(s).numRows)).toEqual([100, 300, 300, 300, 3]);
    const decoded = streams.flatMap((s) => tableFromIPC(s).toArray().map((r) => ({ ...r.toJSON() })));
    expect(decoded).toEqual(rows);
    // Each stream is a buffer of its own, so handing it to the worker detaches nothing else.
    expect(streams.every((s) => s.byteOffset === 0 && s.byteLength === s.buffer.byteLength)).toBe(true);
  });

  it("writes one stream with the columns for a table without rows", async () => {
    const empty = tableFromRows(rows).slice(0, 0);
    const parts: Uint8Array[] = [];
    expect(writeIpcChunks(empty, (b) => parts.push(b))).toBe(1);
    const streams = await collect(body(Buffer.concat(parts), 64));
    expect(streams).toHaveLength(1);
    expect(tableFromIPC(streams[0]).schema.fields.map((f) => f.name)).toEqual(["order_id", "channel", "amount"]);
  });

  it("says so when the download stops inside a stream", async () => {
    const { bytes } = chunkedFile(100, 300);
    await expect(collect(body(bytes.subarray(0, bytes.length - 20), 4096))).rejects.toThrow(/ends inside a stream/);
  });

  it("rejects bytes that are not an Arrow stream", async () => {
    await expect(collect(body(new TextEncoder().encode("order_id,amount\nDD1,12.5\n"), 8))).rejects.toThrow(/not an Arrow IPC stream/);
  });
});

describe("the explorer's order table", () => {
  it("keeps local wall-clock times and days as numbers that read back as the same text", () => {
    const table = orderDetailTable({
      order_id: ["DD1", "DD2"], user_id: ["u1", "u2"], placed_at: ["2026-11-19 23:15:40", "2025-01-01 00:00:00"], date: ["2026-11-19", "2025-01-01"],
      amount: [240.66, 0], status: ["paid", "refunded"], channel: ["公众号", "(none)"], campaign_id: ["", "C2026-618"]
    });
    const back = tableFromIPC(tableToIPC(table, "stream"));
    expect(back.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      "order_id:Utf8", "user_id:Utf8", "placed_at:Timestamp<MILLISECOND>", "date:Date32<DAY>", "amount:Float64", "status:Utf8", "channel:Utf8", "campaign_id:Utf8"
    ]);
    const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
    expect(Array.from(back.getChild("placed_at")!, (ms: unknown) => iso(ms).slice(0, 19).replace("T", " "))).toEqual(["2026-11-19 23:15:40", "2025-01-01 00:00:00"]);
    expect([...back.getChild("date")!].map((d) => iso(d).slice(0, 10))).toEqual(["2026-11-19", "2025-01-01"]);
    expect(back.get(1)!.toJSON()).toMatchObject({ amount: 0, channel: "(none)", campaign_id: "C2026-618" });
  });
});
