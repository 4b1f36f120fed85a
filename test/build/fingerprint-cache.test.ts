import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cachedFingerprints } from "../../src/build/fingerprint-cache.ts";
import { warehouseFingerprints } from "../../src/build/fingerprint.ts";
import { openWarehouseCache } from "../../src/build/warehouse-cache.ts";
import { openWarehouse } from "../../src/warehouse/open-warehouse.ts";
import { ensureSchema } from "../../src/warehouse/schema.ts";

const dir = mkdtempSync(join(tmpdir(), "opsbook-fp-cache-"));
const dbPath = join(dir, "ops.duckdb");
const cacheFile = join(dir, "cache", "fingerprints.json");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withDb<T>(readOnly: boolean, fn: (w: Awaited<ReturnType<typeof openWarehouse>>) => Promise<T>): Promise<T> {
  const w = await openWarehouse({ dbPath, timezone: "Asia/Shanghai", readOnly });
  try {
    return await fn(w);
  } finally {
    w.close();
  }
}

const insertOrder = (id: string) => withDb(false, (w) => w.connection.run(`insert into orders (order_id, user_id, ts, amount, status) values ($id, 'u', '2026-11-18 12:00:00+08'::timestamptz, 10, 'paid')`, { id }));

/** What a build does: open the cache for the warehouse as it is, read or compute, save. */
async function fingerprints({ timezone = "Asia/Shanghai", recompute = false } = {}) {
  const cache = openWarehouseCache(cacheFile, dbPath, { recompute });
  let opened = 0;
  const result = await withDb(true, (w) => cachedFingerprints(cache, async () => (opened++, w.connection), timezone));
  cache.save();
  return { ...result, opened };
}

function plant(value: string) {
  const stored = JSON.parse(readFileSync(cacheFile, "utf8"));
  stored.facts.fingerprints.value.tables.orders = value;
  writeFileSync(cacheFile, JSON.stringify(stored));
}

describe("fingerprints kept between builds", () => {
  it("are reused while the warehouse file is untouched, and recomputed once it is written", async () => {
    await withDb(false, (w) => ensureSchema(w.connection));
    await insertOrder("o1");
    const first = await fingerprints();
    expect(first.tables.orders).toMatch(/^1:/);
    expect(first.opened).toBe(1);

    // Plant a marker in the cache: a read-only open leaves the file as it was, so the marker comes
    // back, and the warehouse is not even asked.
    plant("planted");
    expect(await fingerprints()).toMatchObject({ tables: { orders: "planted" }, opened: 0 });
    // …unless the caller asks for a recomputation (opsbook build --force).
    expect((await fingerprints({ recompute: true })).tables.orders).toBe(first.tables.orders);

    plant("planted");
    await insertOrder("o2");
    const { opened, ...after } = await fingerprints();
    expect(opened).toBe(1);
    expect(after.tables.orders).toMatch(/^2:/);
    expect(after).toEqual(await withDb(true, (w) => warehouseFingerprints(w.connection)));
    // Another time zone cuts other weeks: never served from a cache made in Shanghai.
    plant("planted");
    expect((await fingerprints({ timezone: "UTC" })).tables.orders).toBe(after.tables.orders);
  });
});
