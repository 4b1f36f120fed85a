import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestDirectory } from "../../src/ingest/ingest-directory.ts";
import { builtinPresets } from "../../src/ingest/presets/index.ts";
import { generateSample } from "../../src/sample/generate-sample.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { scratch } from "../helpers/ingest-files.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

const work = scratch("opsbook-sample-");
const options = { users: 1500, days: 120, seed: 7, end: "2026-11-19" };
const digest = (dir: string) =>
  Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex").slice(0, 16)]));

let clean: string;
let w: Awaited<ReturnType<typeof memoryWarehouse>>;
let results: Awaited<ReturnType<typeof ingestDirectory>>;

beforeAll(async () => {
  clean = join(work.dir, "clean");
  generateSample({ outDir: clean, ...options });
  w = await memoryWarehouse();
  results = await ingestDirectory(w.connection, { exportsDir: clean, presets: builtinPresets });
});

describe("opsbook sample", () => {
  it("is deterministic: the same seed writes byte-identical files, another seed does not", () => {
    const again = join(work.dir, "again");
    generateSample({ outDir: again, ...options });
    expect(digest(again)).toEqual(digest(clean));
    const other = join(work.dir, "other");
    generateSample({ outDir: other, ...options, seed: 8 });
    expect(digest(other)["订单导出_全部.csv"]).not.toBe(digest(clean)["订单导出_全部.csv"]);
  });

  it("writes every vendor format, and every file loads through its preset without a reject", () => {
    const byFile = Object.fromEntries(results.map((r) => [r.file.replace(/_\d{4}-\d{2}\.csv$/, "_*.csv"), r.preset]));
    expect(byFile).toMatchObject({
      "神策_events_*.csv": "sensors-events",
      "GrowingIO_小程序_events_*.csv": "growingio-events",
      "订单导出_全部.csv": "generic-orders",
      "CRM_用户列表.csv": "crm-users",
      "巨量引擎_投放报表.csv": "ocean-engine-spend",
      "腾讯广告_投放报表.xlsx": "tencent-ads-spend",
      "百度统计_入口页面.csv": "baidu-tongji-traffic",
      "公众号_图文分析.csv": "wechat-mp-articles",
      "campaigns.csv": "canonical-campaigns",
      "targets.csv": "canonical-targets",
      "experiments.csv": "canonical-experiments"
    });
    expect(results.filter((r) => r.status !== "loaded" || r.rowsRejected > 0)).toEqual([]);
  });

  it("has a funnel with realistic drop-offs: 2–8 % of a week's visitors pay", async () => {
    // Computed from the raw tables, independently of Opsbook's metrics: payers ÷ visitors per full ISO week.
    const weeks = await queryRows(w.connection, {
      sql: `with uv as (select date_trunc('week', ts) as wk, count(distinct user_id) as uv from events where event = '浏览页面' group by 1),
                 payers as (select date_trunc('week', ts) as wk, count(distinct user_id) as payers from orders where status in ('paid', 'refunded') group by 1)
            select wk, payers / uv as rate from uv join payers using (wk)
            where wk > (select min(ts) from events) and wk + interval 6 day < (select max(ts) from events) order by wk`
    });
    expect(weeks.length).toBeGreaterThan(12);
    for (const { rate } of weeks) expect(Number(rate)).toBeGreaterThan(0.02), expect(Number(rate)).toBeLessThan(0.08);
    // Each funnel step loses users: 浏览商品 → 加入购物车 → 提交订单 → 支付成功.
    const steps = await queryRows(w.connection, { sql: `select event, count(*) as n from events where event in ('浏览商品', '加入购物车', '提交订单', '支付成功') group by 1` });
    const n = Object.fromEntries(steps.map((s) => [s.event, Number(s.n)]));
    expect(n["加入购物车"] / n["浏览商品"]).toBeLessThan(0.25);
    expect(n["提交订单"] / n["加入购物车"]).toBeLessThan(0.6);
    expect(n["支付成功"] / n["提交订单"]).toBeGreaterThan(0.7);
  });

  it("keeps the campaigns, the experiment, spend for every paid channel, and consistent web traffic", async () => {
    expect((await queryRows(w.connection, { sql: "select campaign_id from campaigns order by start_date" })).map((r) => r.campaign_id)).toEqual(["brand-day-2026", "double11-2026"]);
    expect(await queryRows(w.connection, { sql: "select variant, count(*) > 100 as enough from experiments group by 1 order by 1" })).toEqual([
      { variant: "A", enough: true },
      { variant: "B", enough: true }
    ]);
    expect((await queryRows(w.connection, { sql: "select distinct channel from spend order by 1" })).map((r) => r.channel)).toEqual(["小红书", "抖音", "知乎", "百度搜索", "腾讯广告"].sort());
    // 百度统计 saw the web platform's visits: its PV matches the web events the 神策 files hold
    // (the warehouse may hold a handful fewer: two identical events in the same second are one).
    const [check] = await queryRows(w.connection, { sql: `select (select sum(pv) from traffic)::bigint as pv, (select count(*) from events where platform = 'web') as web_events` });
    expect(Number(check.pv)).toBeGreaterThanOrEqual(Number(check.web_events));
    expect(Number(check.pv)).toBeLessThanOrEqual(Number(check.web_events) * 1.01);
  });

  it("--with-errors adds bad rows that land in rejects with file and line, and nothing else changes", async () => {
    const dirty = join(work.dir, "dirty");
    generateSample({ outDir: dirty, ...options, withErrors: true });
    const w2 = await memoryWarehouse();
    const dirtyResults = await ingestDirectory(w2.connection, { exportsDir: dirty, presets: builtinPresets });
    const rejected = await queryRows(w2.connection, { sql: "select file, line, reason from rejects order by file, line" });
    expect(rejected.map((r) => [r.file, String(r.reason).split(":")[0]])).toEqual([
      ["巨量引擎_投放报表.csv", "cost"],
      ["巨量引擎_投放报表.csv", "展示数"],
      ["神策_events_2026-11.csv", "time"],
      ["神策_events_2026-11.csv", "TOO MANY COLUMNS"],
      ["订单导出_全部.csv", "下单时间"],
      ["订单导出_全部.csv", "amount"],
      ["订单导出_全部.csv", "订单状态"],
      ["订单导出_全部.csv", "MISSING COLUMNS"]
    ]);
    for (const r of rejected) expect(Number(r.line)).toBeGreaterThan(1);
    // The good rows are exactly those of the clean sample.
    const loaded = (rs: typeof results) => rs.reduce((s, r) => s + r.rowsLoaded, 0);
    expect(loaded(dirtyResults)).toBe(loaded(results));
  });
});
