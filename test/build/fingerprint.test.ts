import { describe, expect, it } from "vitest";
import { warehouseFingerprints } from "../../src/build/fingerprint.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

const rows = [
  ["a", "2026-11-15 23:30:00+08"], // Sunday night in Shanghai: 2026-W46
  ["b", "2026-11-16 00:10:00+08"], // Monday 00:10 in Shanghai (still Sunday in UTC): 2026-W47
  ["c", "2026-11-18 12:00:00+08"]
];

async function fingerprints(order: string[][], amountOfC = 30) {
  const w = await memoryWarehouse();
  try {
    for (const [id, ts] of order) {
      await w.connection.run(`insert into orders (order_id, user_id, ts, amount, status) values ($id, 'u', $ts::timestamptz, $amount, 'paid')`, { id, ts, amount: id === "c" ? amountOfC : 10 });
    }
    return await warehouseFingerprints(w.connection);
  } finally {
    w.close();
  }
}

describe("warehouse fingerprints", () => {
  it("cut weeks in the report's time zone and ignore load order", async () => {
    const a = await fingerprints(rows);
    expect(Object.keys(a.weeks).sort()).toEqual(["2026-W46", "2026-W47"]);
    expect(a.weeks["2026-W46"].orders).toMatch(/^1:/);
    expect(a.weeks["2026-W47"].orders).toMatch(/^2:/);
    expect(a.tables.orders).toMatch(/^3:/);
    expect(await fingerprints([...rows].reverse())).toEqual(a);
  });

  it("change with any value of a row, and only in that row's week", async () => {
    const a = await fingerprints(rows);
    const b = await fingerprints(rows, 31);
    expect(b.tables.orders).not.toBe(a.tables.orders);
    expect(b.weeks["2026-W47"].orders).not.toBe(a.weeks["2026-W47"].orders);
    expect(b.weeks["2026-W46"]).toEqual(a.weeks["2026-W46"]);
    expect(b.tables.events).toBe(a.tables.events);
  });
});
