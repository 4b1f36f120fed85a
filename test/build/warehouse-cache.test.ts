import { mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openWarehouseCache, warehouseStamp } from "../../src/build/warehouse-cache.ts";

const dir = mkdtempSync(join(tmpdir(), "opsbook-wh-cache-"));
const dbPath = join(dir, "ops.duckdb");
const file = join(dir, "facts.json");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("warehouse facts cache", () => {
  it("keeps a fact while the file is untouched and drops every fact once it changes", async () => {
    writeFileSync(dbPath, "aaaa");
    const first = openWarehouseCache(file, dbPath);
    expect(await first.get("n", "k1", async () => 1)).toBe(1);
    first.save();
    const again = openWarehouseCache(file, dbPath);
    expect(await again.get("n", "k1", async () => 2)).toBe(1);
    // Another key for the same fact (other code or settings) computes it again.
    expect(await again.get("n", "k2", async () => 3)).toBe(3);
    // opsbook build --force: computed afresh once, whatever is stored.
    const forced = openWarehouseCache(file, dbPath, { recompute: true });
    expect(await forced.get("n", "k1", async () => 4)).toBe(4);
    expect(await forced.get("n", "k1", async () => 5)).toBe(4);

    writeFileSync(`${dbPath}.wal`, "x");
    expect(openWarehouseCache(file, dbPath).has("n", "k1")).toBe(false);
  });

  it("tells apart a file swapped in with the same size and modification time", () => {
    writeFileSync(dbPath, "aaaa");
    rmSync(`${dbPath}.wal`, { force: true });
    const before = warehouseStamp(dbPath);
    // What `cp -p other.duckdb ops.duckdb` or a restored backup does: same size, the old mtime.
    const other = join(dir, "other.duckdb");
    writeFileSync(other, "bbbb");
    const { atime, mtime } = statSync(dbPath);
    utimesSync(other, atime, mtime);
    renameSync(other, dbPath);
    expect([statSync(dbPath).size, statSync(dbPath).mtime.getTime()]).toEqual([4, mtime.getTime()]);
    expect(warehouseStamp(dbPath)).not.toBe(before);
  });
});
