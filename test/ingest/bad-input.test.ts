import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { beforeEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { builtinPresets } from "../../src/ingest/presets/index.ts";
import { scratch, snapshot } from "../helpers/ingest-files.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

const header = "订单号,用户ID,下单时间,支付时间,实付金额,订单状态,渠道,活动ID";
const order = (id: string, amount = "10.00", placed = "2026-11-18 10:00:00") => `${id},u1,${placed},${placed},${amount},已支付,抖音,`;

let files: ReturnType<typeof scratch>;
let w: Awaited<ReturnType<typeof memoryWarehouse>>;
let before: Record<string, string[]>;

/** Every case starts from a warehouse holding two good orders, and checks they survive the bad file. */
beforeEach(async () => {
  files = scratch();
  w = await memoryWarehouse();
  await ingestFile(w.connection, files.file("订单_基线.csv", [header, order("K1"), order("K2", "20.00")].join("\n") + "\n"), builtinPresets);
  before = await snapshot(w);
});

const rejects = () => w.rows("select file, line, reason from rejects order by line");
const keptOrders = async () => expect(await w.rows("select order_id, amount::double as amount from orders where order_id in ('K1', 'K2') order by 1")).toEqual([
  { order_id: "K1", amount: 10 },
  { order_id: "K2", amount: 20 }
]);

describe("bad export files: a clear message naming file and line, and nothing stored lost", () => {
  it("a GB18030 file declared as UTF-8 fails at the first line that is not UTF-8", async () => {
    // Lines 1–2 are ASCII-only apart from the header… so put the Chinese on line 3.
    const text = ["order_id,user_id,ts,paid_at,amount,status,channel,campaign_id", "Q1,u1,2026-11-18 10:00:00,,1.00,paid,web,", "Q2,u1,2026-11-18 10:00:00,,1.00,paid,抖音,"].join("\n") + "\n";
    const path = files.file("orders_gbk.csv", iconv.encode(text, "gb18030"));
    await expect(ingestFile(w.connection, path, builtinPresets, { encoding: "utf8" })).rejects.toThrow(/^orders_gbk\.csv:3: declared --encoding utf8, but this line is not valid UTF-8/);
    expect(await snapshot(w)).toEqual(before);
  });

  it("a UTF-8 file declared as GB18030 is refused instead of loading mojibake", async () => {
    const path = files.file("订单_utf8.csv", [header, order("Q3")].join("\n") + "\n");
    await expect(ingestFile(w.connection, path, builtinPresets, { encoding: "gb18030" })).rejects.toThrow(/^订单_utf8\.csv:1: declared --encoding gb18030, but the file is valid UTF-8/);
    expect(await snapshot(w)).toEqual(before);
  });

  it("ragged rows go to rejects with their line; the rest loads", async () => {
    const path = files.file("订单_ragged.csv", [header, order("R1"), "R2,u1,2026-11-18 10:00:00", order("R3"), `${order("R4")},extra,cells`].join("\n") + "\n");
    const result = await ingestFile(w.connection, path, builtinPresets);
    expect(result).toMatchObject({ status: "loaded", rowsLoaded: 2, rowsRejected: 2 });
    const bad = await rejects();
    expect(bad.map((r) => [r.file, r.line])).toEqual([["订单_ragged.csv", 3], ["订单_ragged.csv", 5]]);
    expect(String(bad[0].reason)).toMatch(/MISSING COLUMNS/);
    expect(String(bad[1].reason)).toMatch(/TOO MANY COLUMNS/);
    await keptOrders();
  });

  it("unparseable dates and amounts are rejected naming the column and the value", async () => {
    const path = files.file("订单_formats.csv", [header, order("F1", "12.5元", "2026年11月18日 09:30"), order("F2", "abc"), order("F3", "10.00", "2026-13-45 10:00:00"), order("F4", "1.2万")].join("\n") + "\n");
    const result = await ingestFile(w.connection, path, builtinPresets);
    expect(result).toMatchObject({ rowsLoaded: 2, rowsRejected: 2 });
    const bad = await rejects();
    expect(bad.map((r) => r.line)).toEqual([3, 4]);
    expect(String(bad[0].reason)).toMatch(/实付金额: cannot parse abc/);
    expect(String(bad[1].reason)).toMatch(/下单时间: cannot parse 2026-13-45 10:00:00/);
    // 12.5元 → 12.50, 1.2万 → 12000.00
    expect(await w.rows("select order_id, amount::double as amount from orders where order_id like 'F%' order by 1")).toEqual([
      { order_id: "F1", amount: 12.5 },
      { order_id: "F4", amount: 12000 }
    ]);
    await keptOrders();
  });

  it("negative and absurd amounts are rejected, not stored", async () => {
    const path = files.file("订单_amounts.csv", [header, order("N1", "¥-5"), order("N2", "3亿"), order("N3", "99.90")].join("\n") + "\n");
    expect(await ingestFile(w.connection, path, builtinPresets)).toMatchObject({ rowsLoaded: 1, rowsRejected: 2 });
    const bad = await rejects();
    expect(bad.map((r) => [r.line, String(r.reason)])).toEqual([
      [2, "amount: negative amount -5.00"],
      [3, "amount: implausible amount 300000000.00"]
    ]);
    await keptOrders();
  });

  it("a header no preset knows names the closest preset and the headers it lacks", async () => {
    const path = files.file("orders_export.csv", "订单号,用户ID,金额\nX1,u1,10\n");
    await expect(ingestFile(w.connection, path, builtinPresets)).rejects.toThrow(
      /^orders_export\.csv:1: no preset matches its header \(订单号, 用户ID, 金额\); closest is generic-orders .* lacks ts \(下单时间 \/ 创建时间\), amount \(实付金额/
    );
    expect(await snapshot(w)).toEqual(before);
  });

  it("an empty file and a header-only file fail without storing anything", async () => {
    await expect(ingestFile(w.connection, files.file("订单_empty.csv", ""), builtinPresets)).rejects.toThrow(/^订单_empty\.csv: the file is empty/);
    await expect(ingestFile(w.connection, files.file("订单_header.csv", header + "\n"), builtinPresets)).rejects.toThrow(/^订单_header\.csv: the file has a header but no rows/);
    expect(await snapshot(w)).toEqual(before);
  });

  it("a truncated gzip names the last complete line and loads nothing of it", async () => {
    const lines = [header, ...Array.from({ length: 5000 }, (_, i) => order(`G${i}`))].join("\n") + "\n";
    const gz = gzipSync(lines);
    const path = files.file("订单_cut.csv.gz", gz.subarray(0, gz.length >> 1));
    await expect(ingestFile(w.connection, path, builtinPresets)).rejects.toThrow(/^订单_cut\.csv\.gz: cannot decompress after line \d+: .*truncated/);
    expect(await snapshot(w)).toEqual(before);
  });

  it("a 10 MB single field loads intact, next to ordinary rows", async () => {
    const big = "好".repeat(10 * 1024 * 1024 / 3); // 3 bytes each in UTF-8: 10 MB
    const path = files.file("神策_big.csv", `distinct_id,event,time,note\nu1,浏览页面,2026-11-18 10:00:00,${big}\nu2,浏览页面,2026-11-18 10:01:00,short\n`);
    expect(await ingestFile(w.connection, path, builtinPresets)).toMatchObject({ status: "loaded", rowsLoaded: 2, rowsRejected: 0 });
    expect(await w.rows("select user_id, length(properties->>'note') as n from events order by 1")).toEqual([{ user_id: "u1", n: big.length }, { user_id: "u2", n: 5 }]);
    await keptOrders();
  });

  it("the same file under another name is recognised and not loaded twice", async () => {
    const content = [header, order("K1"), order("K2", "20.00")].join("\n") + "\n";
    const again = await ingestFile(w.connection, files.file("订单_副本(1).csv", content), builtinPresets);
    expect(again).toMatchObject({ status: "unchanged", message: "same content as 订单_基线.csv, already loaded" });
    expect(await snapshot(w)).toEqual(before);
  });

  it("a file whose columns changed since the last one of its preset is loaded and the drift reported", async () => {
    const changed = "订单号,用户ID,下单时间,支付时间,实付金额,订单状态,优惠券\nD1,u1,2026-11-18 10:00:00,2026-11-18 10:00:00,10.00,已支付,满100减10\n";
    const result = await ingestFile(w.connection, files.file("订单_新版.csv", changed), builtinPresets);
    expect(result).toMatchObject({ status: "loaded", rowsLoaded: 1, drift: { previousFile: "订单_基线.csv", added: ["优惠券"], removed: ["渠道", "活动ID"] } });
    expect(await w.rows("select drift from ingest_log where file = '订单_新版.csv'")).toEqual([{ drift: "columns changed since 订单_基线.csv: added 优惠券; removed 渠道, 活动ID" }]);
    await keptOrders();
  });
});
