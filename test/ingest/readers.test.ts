import { gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { builtinPresets } from "../../src/ingest/presets/index.ts";
import { scratch } from "../helpers/ingest-files.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

const files = scratch();

/** A 腾讯广告 report as the web console downloads it: a notes sheet first, the data on "报表". */
async function tencentWorkbook(name: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const notes = workbook.addWorksheet("说明");
  notes.addRow(["本报表由腾讯广告导出"]);
  const sheet = workbook.addWorksheet("报表");
  sheet.addRow(["日期", "推广计划", "曝光次数", "点击次数", "花费", "目标转化量"]);
  sheet.addRow([new Date(Date.UTC(2026, 10, 16)), "双11预热", 120000, 2400, 3456.78, 31]); // row 2
  sheet.addRow([]); // row 3: an empty spacer row, skipped
  sheet.addRow(["2026-11-17", "双11预热", "9.5万", "1,900", "¥2,100.50", 25]); // row 4
  sheet.addRow(["2026-11-18", { richText: [{ text: "日常" }, { text: "拉新" }] }, 80000, 1200, "免费", 3]); // row 5: bad cost
  const path = files.file(name, Buffer.alloc(0));
  await workbook.xlsx.writeFile(path);
  return path;
}

describe("readers", () => {
  it("reads a named XLSX sheet, with rejects at the row number Excel shows", async () => {
    const w = await memoryWarehouse();
    const path = await tencentWorkbook("腾讯广告_日报.xlsx");
    const result = await ingestFile(w.connection, path, builtinPresets, { sheet: "报表" });
    expect(result).toMatchObject({ status: "loaded", preset: "tencent-ads-spend", rowsLoaded: 2, rowsRejected: 1 });
    expect(await w.rows("select strftime(date, '%Y-%m-%d') as date, channel, campaign_id, impressions, clicks, cost::double as cost, conversions from spend order by date")).toEqual([
      { date: "2026-11-16", channel: "腾讯广告", campaign_id: "双11预热", impressions: 120000, clicks: 2400, cost: 3456.78, conversions: 31 },
      // 9.5万 = 95000; "1,900" = 1900; ¥2,100.50 = 2100.5
      { date: "2026-11-17", channel: "腾讯广告", campaign_id: "双11预热", impressions: 95000, clicks: 1900, cost: 2100.5, conversions: 25 }
    ]);
    expect(await w.rows("select file, line, reason from rejects")).toEqual([{ file: "腾讯广告_日报.xlsx", line: 5, reason: "花费: cannot parse 免费" }]);
  });

  it("reads the first sheet when none is named, and names the sheets when the asked one is missing", async () => {
    const w = await memoryWarehouse();
    const path = await tencentWorkbook("腾讯广告_b.xlsx");
    // The first sheet is the notes page: one line, no data.
    await expect(ingestFile(w.connection, path, builtinPresets)).rejects.toThrow(/^腾讯广告_b\.xlsx: the file has a header but no rows \(sheet "说明"; choose another with --sheet\)/);
    await expect(ingestFile(w.connection, path, builtinPresets, { sheet: "Sheet9" })).rejects.toThrow(/^腾讯广告_b\.xlsx: no sheet named "Sheet9" \(sheets: 说明, 报表\)/);
    await expect(ingestFile(w.connection, files.file("fake.xlsx", "日期,花费\n"), builtinPresets)).rejects.toThrow(/^fake\.xlsx: cannot read the workbook/);
  });

  it("reads JSONL with typed values and line numbers", async () => {
    const w = await memoryWarehouse();
    const lines = [
      { event_key: "浏览商品", user_id: "", anonymous_user: "d-1", event_time: 1763431200000, platform: "minp", path: "/item/1", utm_source: "社群", sku: "保温杯" },
      { event_key: "加入购物车", user_id: "u9", anonymous_user: "d-1", event_time: 1763431260000, platform: "minp", path: "/cart", utm_source: "社群", sku: "保温杯" },
      { event_key: "支付成功", user_id: "u9", anonymous_user: "d-1", event_time: "yesterday", platform: "minp", path: "/pay", utm_source: "社群", sku: "保温杯" }
    ];
    const path = files.file("growingio_events.jsonl", lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const result = await ingestFile(w.connection, path, builtinPresets);
    expect(result).toMatchObject({ preset: "growingio-events", rowsLoaded: 2, rowsRejected: 1 });
    // An anonymous visitor is known by the device id; 1763431200000 ms = 2025-11-18 02:00 UTC = 10:00 Shanghai.
    expect(await w.rows("select user_id, event, strftime(ts, '%Y-%m-%d %H:%M') as ts, channel, properties->>'sku' as sku from events order by ts")).toEqual([
      { user_id: "d-1", event: "浏览商品", ts: "2025-11-18 10:00", channel: "社群", sku: "保温杯" },
      { user_id: "u9", event: "加入购物车", ts: "2025-11-18 10:01", channel: "社群", sku: "保温杯" }
    ]);
    expect(await w.rows("select line, reason from rejects")).toEqual([{ line: 3, reason: "event_time: cannot parse yesterday" }]);
  });

  it("reads Parquet written by another tool", async () => {
    const w = await memoryWarehouse();
    const path = files.file("orders.parquet", Buffer.alloc(0));
    await w.connection.run(`copy (select * from (values ('P1', 'u1', timestamp '2026-11-18 10:00:00', 88.8, 'paid'), ('P2', 'u2', timestamp '2026-11-18 11:00:00', -1.0, 'paid'))
      t(order_id, user_id, ts, amount, status)) to '${path}' (format parquet)`);
    const result = await ingestFile(w.connection, path, builtinPresets);
    expect(result).toMatchObject({ preset: "canonical-orders", rowsLoaded: 1, rowsRejected: 1 });
    expect(await w.rows("select order_id, amount::double as amount, strftime(ts, '%H:%M') as t from orders")).toEqual([{ order_id: "P1", amount: 88.8, t: "10:00" }]);
    expect(await w.rows("select line, reason from rejects")).toEqual([{ line: 2, reason: "amount: negative amount -1.00" }]);
  });

  it("detects GB18030 inside gzip and streams it, across chunk boundaries", async () => {
    const w = await memoryWarehouse();
    // ~3 MB of GB18030 text: several read chunks, so multi-byte characters straddle chunk edges.
    const rows = Array.from({ length: 40000 }, (_, i) => `O${i},用户${i},2026年11月18日 10:00,,"¥1,000.00",交易成功,小红书种草,`);
    const text = "订单编号,买家ID,创建时间,付款时间,实付款,交易状态,来源渠道,活动编号\n" + rows.join("\n") + "\n";
    const result = await ingestFile(w.connection, files.file("订单_gbk.csv.gz", gzipSync(iconv.encode(text, "gb18030"))), builtinPresets);
    expect(result).toMatchObject({ preset: "generic-orders", rowsLoaded: 40000, rowsRejected: 0 });
    expect(await w.rows("select count(*) as n, sum(amount)::double as total, min(user_id) as first, any_value(channel) as channel from orders")).toEqual([
      { n: 40000, total: 40000 * 1000, first: "用户0", channel: "小红书种草" }
    ]);
  });

  it("uses an --encoding override when detection cannot tell", async () => {
    const w = await memoryWarehouse();
    // Pure ASCII is valid UTF-8 and GB18030 alike; the override is accepted and nothing is garbled.
    const path = files.file("orders_ascii.csv", "order_id,user_id,ts,amount,status\nA1,u1,2026-11-18 10:00:00,5,paid\n");
    expect(await ingestFile(w.connection, path, builtinPresets, { encoding: "gb18030" })).toMatchObject({ rowsLoaded: 1 });
    // A UTF-8 file with a BOM: the BOM is not part of the first header.
    const bom = files.file("orders_bom.csv", "\ufefforder_id,user_id,ts,amount,status\nA2,u1,2026-11-18 10:00:00,5,paid\n");
    expect(await ingestFile(w.connection, bom, builtinPresets)).toMatchObject({ preset: "canonical-orders", rowsLoaded: 1 });
  });
});
