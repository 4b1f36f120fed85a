import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultGates, loadGateConfig, type GateConfig } from "../../src/gates/gate-config.ts";
import type { GateContext } from "../../src/gates/gate-result.ts";
import { runGates } from "../../src/gates/run-gates.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

type W = Awaited<ReturnType<typeof memoryWarehouse>>;
let w: W;
const ctx: GateContext = { locale: "zh-CN", timezone: "Asia/Shanghai", now: new Date("2026-11-23T08:00:00+08:00"), since: null };

/** `perDay[i]` page views on 2026-11-(15 + i) at 10:00 Shanghai, each by its own user, channel set. */
async function events(perDay: number[], { channelOnLastDay = true } = {}) {
  for (const [i, n] of perDay.entries()) {
    const day = `2026-11-${String(15 + i).padStart(2, "0")}`;
    const last = i === perDay.length - 1;
    await w.connection.run(
      `insert into events (user_id, event, ts, channel) select 'u' || g, '浏览页面', $ts::timestamptz, case when $channel then '抖音' end from range($n) t(g)`,
      { ts: `${day} 10:00:00+08`, n, channel: !last || channelOnLastDay }
    );
  }
}

const only = (config: Partial<GateConfig["tables"]>, metrics: GateConfig["metrics"] = {}): GateConfig => ({ tables: config as GateConfig["tables"], metrics });
const gate = (results: Awaited<ReturnType<typeof runGates>>, name: string) => results.find((r) => r.gate === name)!;

beforeEach(async () => {
  w = await memoryWarehouse();
});
afterEach(() => w.close());

describe("data gates", () => {
  it("volume: fails when the newest day falls more than the limit below the trailing median", async () => {
    // Seven days of 30, 40, 30, 50, 30, 20, 30 rows → median 30; the newest day has 9: (30 − 9) ÷ 30 = 70 % drop.
    await events([30, 40, 30, 50, 30, 20, 30, 9]);
    const [result] = await runGates(w.connection, only({ events: { volumeDropPercent: 50, trailingDays: 7, minMedianRows: 20 } }), ctx);
    expect(result).toMatchObject({ gate: "volume", table: "events", status: "fail", numbers: { day: "2026-11-22", rows: 9, median: 30, dropPercent: 70 } });
    expect(result.message).toBe("2026-11-22 有 9 行，前 7 天中位数 30 行，下降 70%（上限 50%）");
  });

  it("volume: passes a 40 % dip under a 50 % limit, and counts missing days as empty", async () => {
    // Days 1–7: 30, 30, 30, 0 (no rows), 30, 30, 30 → median 30; newest 18 → 40 % drop.
    await events([30, 30, 30, 0, 30, 30, 30, 18]);
    const result = gate(await runGates(w.connection, only({ events: { volumeDropPercent: 50, trailingDays: 7, minMedianRows: 20 } }), ctx), "volume");
    expect(result.status).toBe("pass");
    expect(result.numbers.dropPercent).toBe(40);
  });

  it("volume and schema drift: the trailing days are cut at local midnight, not UTC", async () => {
    // Trailing 3 days before 2026-11-22. 11-19 has 40 rows at 00:30 Shanghai (11-18 16:30 UTC), 11-20
    // has 10, 11-21 has 40, the newest day 20; 11-18 (outside the window) 50 rows at 23:30.
    // Median of 40, 10, 40 = 40 → 20 rows is a 50 % drop. Cut on UTC days, 11-19 would be empty
    // (median 10, no drop).
    for (const [ts, n, channel] of [["2026-11-18 23:30:00+08", 50, null], ["2026-11-19 00:30:00+08", 40, "抖音"], ["2026-11-20 10:00:00+08", 10, "抖音"], ["2026-11-21 10:00:00+08", 40, "抖音"], ["2026-11-22 10:00:00+08", 20, null]] as const) {
      await w.connection.run(`insert into events (user_id, event, ts, channel) select 'u' || g, '浏览页面', $ts::timestamptz, $channel from range($n) t(g)`, { ts, n, channel });
    }
    const results = await runGates(w.connection, only({ events: { volumeDropPercent: 40, trailingDays: 3, minMedianRows: 0, maxNullRisePoints: 50 } }), ctx);
    expect(gate(results, "volume")).toMatchObject({ status: "fail", numbers: { day: "2026-11-22", rows: 20, median: 40, dropPercent: 50 } });
    // channel: empty on the newest day only among 11-19 … 11-22 (11-18's empty rows are older than the window).
    expect(gate(results, "schema-drift")).toMatchObject({ status: "fail", numbers: { channel: 100 } });
  });

  it("freshness: the newest row 46 hours before --now fails a 36-hour limit", async () => {
    // Newest event 2026-11-21 10:00 +08; now 2026-11-23 08:00 +08 → 46 h.
    await events([25, 25, 25, 25, 25, 25, 25]);
    const result = gate(await runGates(w.connection, only({ events: { freshnessHours: 36 } }), ctx), "freshness");
    expect(result).toMatchObject({ status: "fail", numbers: { hours: 46, maxHours: 36 } });
    const later = gate(await runGates(w.connection, only({ events: { freshnessHours: 48 } }), ctx), "freshness");
    expect(later.status).toBe("pass");
  });

  it("schema drift: a column that empties on the newest day fails", async () => {
    // channel is filled on every earlier day (0 % empty) and empty on the newest (100 %): +100 points.
    await events([30, 30, 30, 30, 30, 30, 30, 30], { channelOnLastDay: false });
    const result = gate(await runGates(w.connection, only({ events: { maxNullRisePoints: 50, trailingDays: 7 } }), ctx), "schema-drift");
    expect(result.status).toBe("fail");
    expect(result.message).toMatch(/channel 0% → 100%/);
    expect(result.numbers.channel).toBe(100);
  });

  it("rejected rows: counts only files loaded since the last publication", async () => {
    await w.connection.run(`insert into ingest_log (file, content_hash, table_name, rows_loaded, rows_rejected, loaded_at) values
      ('old.csv', 'a', 'orders', 100, 50, '2026-11-01 00:00:00+08'),
      ('new.csv', 'b', 'orders', 194, 6, '2026-11-22 00:00:00+08')`);
    // Since 2026-11-20 only new.csv counts: 6 ÷ (194 + 6) = 3 % — over a 2 % budget.
    const since = { ...ctx, since: new Date("2026-11-20T00:00:00+08:00") };
    const result = gate(await runGates(w.connection, only({ orders: { maxRejectedPercent: 2 } }), since), "rejected-rows");
    expect(result).toMatchObject({ status: "fail", numbers: { files: 1, loaded: 194, rejected: 6, percent: 3 } });
    expect(result.message).toMatch(/new\.csv \(6\)/);
    // All files: 56 ÷ 350 = 16 %.
    expect(gate(await runGates(w.connection, only({ orders: { maxRejectedPercent: 20 } }), ctx), "rejected-rows").numbers.percent).toBe(16);
  });

  it("metric sanity: a conversion rate above 100 % fails", async () => {
    // One visitor in W47, two paying users → 2 ÷ 1 = 200 %.
    await w.connection.run(`insert into events (user_id, event, ts) values ('a', '浏览页面', '2026-11-20 10:00:00+08')`);
    await w.connection.run(`insert into orders (order_id, user_id, ts, amount, status) values ('o1', 'a', '2026-11-20 11:00:00+08', 10, 'paid'), ('o2', 'b', '2026-11-20 12:00:00+08', 10, 'paid')`);
    const results = await runGates(w.connection, only({}, { conversion_rate: { min: 0, max: 1 }, gmv: { min: 0 } }), ctx);
    expect(results.map((r) => [r.table, r.status, r.numbers.value])).toEqual([["kpi", "fail", 2], ["kpi", "pass", 20]]);
  });

  it("reads per-table settings over the defaults and names a mistyped one", () => {
    const dir = mkdtempSync(join(tmpdir(), "opsbook-gates-"));
    writeFileSync(join(dir, "opsbook.config.json"), JSON.stringify({ gates: { orders: { freshnessHours: 36 }, events: false, metrics: { conversion_rate: { max: 0.5 } } } }));
    const config = loadGateConfig(dir);
    expect(config.tables.events).toBeUndefined();
    expect(config.tables.orders).toEqual({ ...defaultGates.tables.orders, freshnessHours: 36 });
    expect(config.metrics.conversion_rate).toEqual({ max: 0.5 });
    writeFileSync(join(dir, "opsbook.config.json"), JSON.stringify({ gates: { orders: { freshnesHours: 36 } } }));
    expect(() => loadGateConfig(dir)).toThrow(/gates\.orders\.freshnesHours is not a gate setting/);
  });
});

describe("opsbook gates", () => {
  it("runs the gates on the warehouse alone and exits 1 on a failure", async () => {
    const { opsbook } = await import("../helpers/cli.ts");
    const dir = mkdtempSync(join(tmpdir(), "opsbook-gates-cli-"));
    const env = { OPSBOOK_EXPORTS: join(dir, "exports"), OPSBOOK_DB: join(dir, "ops.duckdb"), OPSBOOK_DIST: join(dir, "dist") };
    // 2026-11-15 … 21 with 25 page views each, then 2026-11-22 with 5: median 25 → an 80 % drop.
    const rows = [25, 25, 25, 25, 25, 25, 25, 5].flatMap((n, i) => Array.from({ length: n }, (_, u) => `u${u},浏览页面,2026-11-${15 + i} 10:00:00`));
    const { mkdirSync } = await import("node:fs");
    mkdirSync(env.OPSBOOK_EXPORTS);
    writeFileSync(join(env.OPSBOOK_EXPORTS, "events.csv"), "user_id,event,ts\n" + rows.join("\n") + "\n");
    expect(opsbook(["ingest"], env).code).toBe(0);
    const run = opsbook(["gates", "--now", "2026-11-23T08:00+08:00"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ volume · events: 2026-11-22 有 5 行，前 7 天中位数 25 行，下降 80%（上限 50%）/);
    expect(run.stdout).toMatch(/1 gate\(s\) failed: the site would not be published/);
    const json = JSON.parse(opsbook(["gates", "--json"], env).stdout);
    expect(json.find((r: { gate: string; table: string }) => r.gate === "volume" && r.table === "events").status).toBe("fail");
  });
});
