import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openWarehouseCache } from "../../src/build/warehouse-cache.ts";
import { cachedGates } from "../../src/gates/cached-gates.ts";
import type { GateConfig } from "../../src/gates/gate-config.ts";
import type { GateContext, GateResult } from "../../src/gates/gate-result.ts";
import { openWarehouse } from "../../src/warehouse/open-warehouse.ts";
import { ensureSchema } from "../../src/warehouse/schema.ts";

const dir = mkdtempSync(join(tmpdir(), "opsbook-gate-cache-"));
const dbPath = join(dir, "ops.duckdb");
const cacheFile = join(dir, "facts.json");
const root = join(import.meta.dirname, "..", "..");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config: GateConfig = { tables: { events: { volumeDropPercent: 50, trailingDays: 7, minMedianRows: 20, freshnessHours: 36, maxRejectedPercent: 5 } }, metrics: {} };
const ctx: GateContext = { locale: "zh-CN", timezone: "Asia/Shanghai", now: new Date("2026-11-23T08:00:00+08:00"), since: null };

async function write(sql: string) {
  const w = await openWarehouse({ dbPath, timezone: "Asia/Shanghai" });
  try {
    await ensureSchema(w.connection);
    await w.connection.run(sql);
  } finally {
    w.close();
  }
}
/** `n` page views on each day from 2026-11-(15 + from) on, at 10:00 Shanghai. */
const pageViews = (days: number[], n: number) =>
  write(`insert into events (user_id, event, ts) select 'u' || g, '浏览页面', ('2026-11-' || (15 + d) || ' 10:00:00+08')::timestamptz from range(${n}) t(g), unnest([${days.join(",")}]) u(d)`);

/** What a build does: the cache for the warehouse as it is, the gates through it, saved. */
async function gates(options: { config?: GateConfig; ctx?: GateContext } = {}) {
  const cache = openWarehouseCache(cacheFile, dbPath);
  let opened = 0;
  const w = await openWarehouse({ dbPath, timezone: "Asia/Shanghai", readOnly: true });
  try {
    const results = await cachedGates(cache, async () => (opened++, w.connection), options.config ?? config, options.ctx ?? ctx, root);
    cache.save();
    return { opened, results };
  } finally {
    w.close();
  }
}
const find = (results: GateResult[], gate: string) => results.find((r) => r.gate === gate)!;

describe("gate findings kept between builds", () => {
  it("are reused while the warehouse is untouched, with freshness judged against the new clock", async () => {
    // Eight days of 30 page views, the newest 2026-11-22 10:00 +08, from a file loaded 2026-11-22 12:00 +08.
    await pageViews([0, 1, 2, 3, 4, 5, 6, 7], 30);
    await write(`insert into ingest_log (file, content_hash, table_name, rows_loaded, rows_rejected, loaded_at) values ('events.csv', 'h', 'events', 240, 0, '2026-11-22 12:00:00+08')`);
    const first = await gates();
    expect(first.opened).toBe(1);
    expect(find(first.results, "volume")).toMatchObject({ status: "pass", numbers: { rows: 30, median: 30 } });
    expect(find(first.results, "freshness")).toMatchObject({ status: "pass", numbers: { hours: 22 } });

    const again = await gates();
    expect(again.opened).toBe(0);
    expect(again.results).toEqual(first.results);
    // A day later the same newest row is 46 h old: over the 36 h limit, without asking the warehouse.
    const later = await gates({ ctx: { ...ctx, now: new Date("2026-11-24T08:00:00+08:00") } });
    expect(later.opened).toBe(0);
    expect(find(later.results, "freshness")).toMatchObject({ status: "fail", numbers: { hours: 46, maxHours: 36 } });
    // Other settings are asked again.
    expect((await gates({ config: { ...config, tables: { events: { ...config.tables.events, volumeDropPercent: 10 } } } })).opened).toBe(1);
  });

  it("are asked again for a last publication that changes which files count against the rejected-row budget", async () => {
    const since = (iso: string) => gates({ ctx: { ...ctx, since: new Date(iso) } });
    expect(find((await gates()).results, "rejected-rows")).toMatchObject({ status: "pass", numbers: { files: 1 } });
    // Published before the file was loaded: it still counts, as it did with no publication.
    const before = await since("2026-11-22T11:59:59+08:00");
    expect(before.opened).toBe(1);
    expect(find(before.results, "rejected-rows").numbers.files).toBe(1);
    // Published after it: nothing counts.
    const after = await since("2026-11-22T12:00:00+08:00");
    expect(after.opened).toBe(1);
    expect(find(after.results, "rejected-rows")).toMatchObject({ status: "skip", numbers: { files: 0 } });
    // A later publication with no load in between counts nothing either: the findings stand.
    const later = await since("2026-11-23T08:00:00+08:00");
    expect(later.opened).toBe(0);
    expect(later.results).toEqual(after.results);
  });

  it("are recomputed once the warehouse is written: a truncated new day fails the volume gate", async () => {
    await gates();
    // 2026-11-23 with 3 of its 30 rows: median 30 → a 90 % drop.
    await write(`insert into events (user_id, event, ts) select 'u' || g, '浏览页面', '2026-11-23 10:00:00+08'::timestamptz from range(3) t(g)`);
    const after = await gates();
    expect(after.opened).toBe(1);
    expect(find(after.results, "volume")).toMatchObject({ status: "fail", numbers: { day: "2026-11-23", rows: 3, median: 30, dropPercent: 90 } });
    // …and the failure is not forgotten: the next build over the same data fails too.
    expect(find((await gates()).results, "volume").status).toBe("fail");
  });
});
