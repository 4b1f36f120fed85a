import { writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { allPresets, validatePreset } from "../../src/ingest/config-presets.ts";
import { explainFile } from "../../src/ingest/explain-file.ts";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { builtinPresets } from "../../src/ingest/presets/index.ts";
import { opsbook } from "../helpers/cli.ts";
import { scratch } from "../helpers/ingest-files.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

const files = scratch();

describe("vendor presets", () => {
  it("百度统计: PV, UV, 跳出率 and 平均访问时长 become numbers and seconds", async () => {
    const w = await memoryWarehouse();
    const csv = iconv.encode(
      "日期,来源类型,受访页面,浏览量(PV),访客数(UV),访问次数,跳出率,平均访问时长\n" +
        "2026/11/18,搜索引擎,https://shop.example.com/,\"1,234\",567,600,45.2%,00:02:35\n" +
        "2026/11/18,直接访问,https://shop.example.com/item/1,89,40,42,0%,1分5秒\n",
      "gb18030"
    );
    const result = await ingestFile(w.connection, files.file("百度统计_受访页面_20261118.csv", csv), builtinPresets);
    expect(result).toMatchObject({ preset: "baidu-tongji-traffic", table: "traffic", rowsLoaded: 2, rowsRejected: 0 });
    expect(await w.rows("select channel, pv, uv, visits, bounce_rate, avg_visit_seconds from traffic order by pv desc")).toEqual([
      // 45.2% = 0.452; 00:02:35 = 155 s; 1分5秒 = 65 s
      { channel: "搜索引擎", pv: 1234, uv: 567, visits: 600, bounce_rate: 0.452, avg_visit_seconds: 155 },
      { channel: "直接访问", pv: 89, uv: 40, visits: 42, bounce_rate: 0, avg_visit_seconds: 65 }
    ]);
  });

  it("公众号 图文分析: one row per article and day, platform and type filled in", async () => {
    const w = await memoryWarehouse();
    const csv = "日期,标题,阅读次数,分享次数,点赞人数,留言次数,收藏次数,阅读后关注人数\n2026-11-18,双11 攻略,\"2.3万\",410,380,52,120,36\n2026-11-19,双11 攻略,8800,120,90,11,40,9\n";
    const result = await ingestFile(w.connection, files.file("公众号_图文分析.csv", csv), builtinPresets);
    expect(result).toMatchObject({ preset: "wechat-mp-articles", table: "content", rowsLoaded: 2 });
    expect(await w.rows("select platform, type, content_id, title, views, shares, likes, followers_gained from content order by date")).toEqual([
      { platform: "公众号", type: "图文", content_id: "双11 攻略", title: "双11 攻略", views: 23000, shares: 410, likes: 380, followers_gained: 36 },
      { platform: "公众号", type: "图文", content_id: "双11 攻略", title: "双11 攻略", views: 8800, shares: 120, likes: 90, followers_gained: 9 }
    ]);
  });

  it("巨量引擎 and 腾讯广告 reports land in spend with their channel", async () => {
    const w = await memoryWarehouse();
    await ingestFile(w.connection, files.file("巨量引擎_报表.csv", "日期,广告计划,展示数,点击数,消耗,转化数\n2026-11-18,拉新,10000,150,\"1,500.00\",12\n"), builtinPresets);
    await ingestFile(w.connection, files.file("腾讯广告_报表.csv", "日期,推广计划,曝光次数,点击次数,花费,目标转化量\n2026-11-18,拉新,8000,90,900.5,7\n"), builtinPresets);
    expect(await w.rows("select channel, cost::double as cost, clicks from spend order by channel")).toEqual([
      { channel: "抖音", cost: 1500, clicks: 150 },
      { channel: "腾讯广告", cost: 900.5, clicks: 90 }
    ]);
  });

  it("GrowingIO CSV: the device id stands in for a missing login id", async () => {
    const w = await memoryWarehouse();
    const csv = "event_key,user_id,anonymous_user,event_time,platform,path,utm_source\n浏览页面,,dev-7,1763431200000,iOS,/,知乎\n浏览页面,u7,dev-7,1763431260000,iOS,/item,知乎\n";
    await ingestFile(w.connection, files.file("export_gio.csv", csv), builtinPresets);
    expect(await w.rows("select user_id from events order by ts")).toEqual([{ user_id: "dev-7" }, { user_id: "u7" }]);
  });
});

describe("presets declared in opsbook.config.json", () => {
  const declared = {
    name: "youzan-orders",
    label: "有赞订单",
    table: "orders",
    fileName: "youzan",
    columns: {
      order_id: { from: ["订单号"], parse: "text", required: true },
      user_id: { from: ["买家手机号"], parse: "text", required: true },
      ts: { from: ["订单创建时间"], parse: "timestamp", required: true },
      amount: { from: ["订单实付金额"], parse: "money", required: true },
      status: { from: ["订单状态"], parse: "text", required: true, values: { 交易成功: "paid", 交易关闭: "cancelled" } }
    }
  };

  it("loads a new format through a declared mapping, ahead of the built-in presets", async () => {
    const project = scratch("opsbook-project-");
    writeFileSync(join(project.dir, "opsbook.config.json"), JSON.stringify({ presets: [declared] }));
    const w = await memoryWarehouse();
    const path = files.file("youzan_20261118.csv", "订单号,买家手机号,订单创建时间,订单实付金额,订单状态\nY1,138****0000,2026-11-18 10:00:00,¥66.00,交易成功\nY2,139****1111,2026-11-18 11:00:00,¥12.00,退款中\n");
    const result = await ingestFile(w.connection, path, allPresets(project.dir));
    expect(result).toMatchObject({ preset: "youzan-orders", rowsLoaded: 1, rowsRejected: 1 });
    expect(await w.rows("select line, reason from rejects")).toEqual([{ line: 3, reason: "订单状态: cannot parse 退款中" }]);
  });

  it("rejects a malformed declaration with the path of the bad field", () => {
    const bad = (patch: object) => () => validatePreset({ ...declared, ...patch }, "opsbook.config.json: presets[0]");
    expect(bad({ table: "order" })).toThrow(/^opsbook\.config\.json: presets\[0\]\.table must be one of events, users, orders, .* got "order"$/);
    expect(bad({ columns: { ...declared.columns, amount: { from: ["订单实付金额"], parse: "yuan" } } })).toThrow(/presets\[0\]\.columns\.amount\.parse must be one of text, timestamp, date, money/);
    expect(bad({ columns: { ...declared.columns, price: { from: ["单价"] } } })).toThrow(/presets\[0\]\.columns\.price is not a column of orders/);
    expect(bad({ columns: { ...declared.columns, order_id: { from: [] } } })).toThrow(/presets\[0\]\.columns\.order_id\.from must be a header name or a list/);
    expect(bad({ fileName: "youzan(" })).toThrow(/presets\[0\]\.fileName is not a valid regular expression/);
    const { order_id: _, ...withoutKey } = declared.columns;
    expect(bad({ columns: withoutKey })).toThrow(/presets\[0\]\.columns must map order_id: it identifies a row of orders/);
  });

  it("the CLI refuses to ingest with a broken config, naming the file and field", () => {
    const project = scratch("opsbook-project-");
    writeFileSync(join(project.dir, "opsbook.config.json"), JSON.stringify({ presets: [{ ...declared, table: "order" }] }));
    const run = opsbook(["ingest", "--exports", project.dir, "--db", join(project.dir, "ops.duckdb")], { OPSBOOK_ROOT: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/opsbook\.config\.json: presets\[0\]\.table must be one of/);
  });
});

describe("opsbook ingest --explain", () => {
  it("shows the matched preset and where each column goes", async () => {
    const w = await memoryWarehouse();
    const path = files.file("神策_events_x.csv", "distinct_id,event,time,$os,$url,coupon\nu1,浏览页面,2026-11-18 10:00:00,iOS,/,\n");
    const { matched, text } = await explainFile(w.connection, path, builtinPresets);
    expect(matched).toBe(true);
    expect(text).toContain("preset: sensors-events (神策 事件导出) → table events; file name matches /神策|sensors/");
    expect(text).toMatch(/user_id +← distinct_id +\[text, required\]/);
    expect(text).toMatch(/session_id +← \(absent: \$session_id \/ \$event_session_id\)/);
    expect(text).toContain("coupon → properties (JSON)");
    // Nothing was stored by explaining.
    expect(await w.rows("select (select count(*) from events) + (select count(*) from ingest_log) as n")).toEqual([{ n: 0 }]);
  });

  it("explains a file no preset takes: the closest candidate and its missing headers, exit code 1", () => {
    const path = files.file("spend_report.csv", "日期,计划,展现,点击\n2026-11-18,a,1,1\n");
    const run = opsbook(["ingest", "--explain", path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("no preset matches this header.");
    expect(run.stdout).toMatch(/closest: \S+ .*\n  missing required headers: .*cost \(/);
  });
});
