import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { beforeEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { builtinPresets } from "../../src/ingest/presets/index.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

const ordersHeader = "订单号,用户ID,下单时间,支付时间,实付金额,订单状态,渠道,活动ID";
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "opsbook-ingest-"));
});
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe("ingesting an orders export", () => {
  it("reads GB18030 with Chinese headers, ¥ amounts and Chinese dates", async () => {
    const w = await memoryWarehouse();
    const path = file("订单.csv", iconv.encode(`${ordersHeader}\nA1,u1,2026年11月18日 10:00,2026-11-18 10:01:00,"¥1,234.50",已支付,抖音,\nA2,u2,2026/11/18 23:30:00,,1.2万,已取消,公众号,double11\n`, "gb18030"));
    const result = await ingestFile(w.connection, path, builtinPresets);
    expect(result).toMatchObject({ status: "loaded", preset: "generic-orders", rowsLoaded: 2, rowsRejected: 0 });
    const rows = await w.rows("select order_id, user_id, strftime(ts, '%Y-%m-%d %H:%M') as ts, amount::double as amount, status, campaign_id from orders order by order_id");
    expect(rows).toEqual([
      { order_id: "A1", user_id: "u1", ts: "2026-11-18 10:00", amount: 1234.5, status: "paid", campaign_id: null },
      { order_id: "A2", user_id: "u2", ts: "2026-11-18 23:30", amount: 12000, status: "cancelled", campaign_id: "double11" }
    ]);
    // Naive times are Shanghai time: 23:30 local is 15:30 UTC.
    const [utc] = await w.rows("select strftime(timezone('UTC', ts), '%H:%M') as t from orders where order_id = 'A2'");
    expect(utc.t).toBe("15:30");
  });

  it("sends bad rows to rejects with their line and reason, and loads the rest", async () => {
    const w = await memoryWarehouse();
    const path = file("orders_bad.csv", [
      ordersHeader,
      "B1,u1,2026-11-18 10:00:00,,100.00,已支付,,", // line 2: fine
      "B2,u2,2026-13-45 10:00:00,,100.00,已支付,,", // line 3: impossible date
      "B3,u3,2026-11-18 10:00:00,,abc,已支付,,", // line 4: amount
      "B4,u4,2026-11-18 10:00:00,,-5.00,已支付,,", // line 5: negative
      "B5,u5,2026-11-18", // line 6: ragged
      "B6,u6,2026-11-18 11:00:00,,50.00,外星状态,,", // line 7: unknown status
      "B7,u7,2026-11-18 12:00:00,,60.00,已退款,," // line 8: fine
    ].join("\n") + "\n");
    const result = await ingestFile(w.connection, path, builtinPresets);
    expect(result).toMatchObject({ status: "loaded", rowsLoaded: 2, rowsRejected: 5 });
    const rejects = await w.rows("select line, reason from rejects order by line");
    expect(rejects.map((r) => r.line)).toEqual([3, 4, 5, 6, 7]);
    expect(rejects[0].reason).toMatch(/下单时间: cannot parse 2026-13-45/);
    expect(rejects[1].reason).toMatch(/实付金额: cannot parse abc/);
    expect(rejects[2].reason).toMatch(/negative amount/);
    expect(rejects[3].reason).toMatch(/MISSING COLUMNS/);
    expect(rejects[4].reason).toMatch(/订单状态: cannot parse 外星状态/);
    expect((await w.rows("select order_id from orders order by 1")).map((r) => r.order_id)).toEqual(["B1", "B7"]);
  });

  it("loads the same file once, even under another name", async () => {
    const w = await memoryWarehouse();
    const content = `${ordersHeader}\nC1,u1,2026-11-18 10:00:00,,10.00,已支付,,\n`;
    expect((await ingestFile(w.connection, file("orders_a.csv", content), builtinPresets)).status).toBe("loaded");
    const again = await ingestFile(w.connection, file("orders_copy.csv", content), builtinPresets);
    expect(again).toMatchObject({ status: "unchanged", message: "same content as orders_copy.csv, already loaded".replace("orders_copy", "orders_a") });
    expect(await w.rows("select count(*) as n from orders")).toEqual([{ n: 1 }]);
  });

  it("lets a newer re-export of an order replace the old one (refund after payment)", async () => {
    const w = await memoryWarehouse();
    await ingestFile(w.connection, file("orders_w1.csv", `${ordersHeader}\nD1,u1,2026-11-18 10:00:00,,10.00,已支付,,\nD2,u2,2026-11-18 10:00:00,,20.00,已支付,,\n`), builtinPresets);
    await ingestFile(w.connection, file("orders_w2.csv", `${ordersHeader}\nD2,u2,2026-11-18 10:00:00,,20.00,已退款,,\nD3,u3,2026-11-19 10:00:00,,30.00,已支付,,\n`), builtinPresets);
    const rows = await w.rows("select order_id, status from orders order by order_id");
    expect(rows).toEqual([{ order_id: "D1", status: "paid" }, { order_id: "D2", status: "refunded" }, { order_id: "D3", status: "paid" }]);
  });

  it("fails clearly on an empty file, a truncated gzip and an unknown header, storing nothing", async () => {
    const w = await memoryWarehouse();
    await expect(ingestFile(w.connection, file("empty.csv", ""), builtinPresets)).rejects.toThrow(/empty\.csv: the file is empty/);
    const gz = gzipSync(Buffer.from(`${ordersHeader}\n` + "E1,u1,2026-11-18 10:00:00,,10.00,已支付,,\n".repeat(2000)));
    await expect(ingestFile(w.connection, file("orders.csv.gz", gz.subarray(0, gz.length >> 1)), builtinPresets)).rejects.toThrow(/orders\.csv\.gz: cannot decompress/);
    await expect(ingestFile(w.connection, file("mystery.csv", "foo,bar\n1,2\n"), builtinPresets)).rejects.toThrow(/mystery\.csv:1: no preset matches its header \(foo, bar\)/);
    expect(await w.rows("select (select count(*) from orders) + (select count(*) from ingest_log) + (select count(*) from rejects) as n")).toEqual([{ n: 0 }]);
  });

  it("reads a whole gzip file and keeps event properties as JSON", async () => {
    const w = await memoryWarehouse();
    const csv = "distinct_id,event,time,$os,product\nu1,浏览商品,2026-11-18 10:00:00,ios,保温杯\nu1,浏览商品,2026-11-18 10:00:00,ios,保温杯\nu1,加入购物车,1763431260000,ios,保温杯\n";
    const result = await ingestFile(w.connection, file("神策_events.csv.gz", gzipSync(csv)), builtinPresets);
    // The repeated line is one event: the same user, event, time and properties.
    expect(result).toMatchObject({ status: "loaded", table: "events", rowsLoaded: 3 });
    const rows = await w.rows("select event, strftime(ts, '%Y-%m-%d %H:%M') as ts, platform, properties->>'product' as product from events order by ts");
    expect(rows).toEqual([
      { event: "浏览商品", ts: "2026-11-18 10:00", platform: "ios", product: "保温杯" },
      // 1763431260000 ms = 2025-11-18T02:01:00Z = 10:01 in Shanghai
      { event: "加入购物车", ts: "2025-11-18 10:01", platform: "ios", product: "保温杯" }
    ].sort((a, b) => a.ts.localeCompare(b.ts)));
  });
});
