import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { batchQuery } from "../../src/sources/batch-query.ts";
import { readSources, sourcePreset, type SourceDefinition } from "../../src/sources/source-definition.ts";
import { redactUrl, scrubSecret, urlDialect } from "../../src/sources/source-url.ts";

const orders: SourceDefinition = { name: "shop", table: "orders", watermark: "updated_at", target: "orders", columns: { order_id: "order_no", amount: "paid_amount", status: "state" } };

function configWith(sources: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "opsbook-sources-"));
  writeFileSync(join(dir, "opsbook.config.json"), JSON.stringify({ sources }));
  return dir;
}

describe("source definitions in opsbook.config.json", () => {
  it("names the file, the source and the field of each mistake", () => {
    const cases: [unknown, RegExp][] = [
      [{ ...orders, watermark: undefined }, /opsbook\.config\.json: sources\[0\] \(shop\)\.watermark: required/],
      [{ ...orders, query: "select 1" }, /sources\[0\] \(shop\)\.table: give either "table" or "query", not both or neither/],
      [{ ...orders, target: "sales" }, /\.target: must be one of events, users, orders/],
      [{ ...orders, columns: { price: "p" } }, /\.columns\.price: orders has no column price \(it has order_id, user_id/],
      [{ ...orders, columns: { amount: { from: "paid_amount", parse: "yuan" } } }, /\.columns\.amount\.parse: must be one of text, timestamp/],
      [{ ...orders, preset: "sensors-events" }, /\.preset: sensors-events loads events, not orders/],
      [{ ...orders, batch_size: 0 }, /\.batch_size: must be a positive integer/],
      [{ ...orders, name: "shop orders!" }, /sources\[0\]\.name: required, letters, digits/]
    ];
    for (const [source, message] of cases) expect(() => readSources(configWith([source]))).toThrow(message);
    expect(() => readSources(configWith([orders, orders]))).toThrow(/two sources are named "shop"/);
    expect(readSources(configWith([orders]))).toEqual([orders]);
  });

  it("maps a column given by name with the target column's parser, required flag and value codes", () => {
    const preset = sourcePreset(orders);
    expect(preset.table).toBe("orders");
    expect(preset.columns.order_id).toMatchObject({ from: ["order_no"], parse: "text", required: true });
    expect(preset.columns.amount).toMatchObject({ from: ["paid_amount"], parse: "money" });
    expect(preset.columns.status.from).toEqual(["state"]);
    expect(preset.columns.status.values?.["已支付"]).toBe("paid");
    // Undeclared columns keep their canonical names: a user_id column maps itself.
    expect(preset.columns.user_id.from).toEqual(["user_id"]);
  });

  it("starts from a named file preset, so Chinese column names need no mapping", () => {
    const preset = sourcePreset({ name: "cn", table: "订单", watermark: "更新时间", target: "orders", preset: "generic-orders" });
    expect(preset.columns.order_id.from).toContain("订单号");
    expect(preset.columns.amount.from).toContain("实付金额");
  });
});

describe("connection URLs", () => {
  it("hides the password when printed", () => {
    expect(redactUrl("postgres://reader:s3cret@db.internal:5432/shop")).toBe("postgres://reader:***@db.internal:5432/shop");
    expect(redactUrl("mysql://root@localhost/shop")).toBe("mysql://root@localhost/shop");
    const url = "mysql://reader:p%40ss%3Aword@db:3306/shop";
    expect(scrubSecret(`Access denied (p@ss:word) at ${url}`, url)).toBe("Access denied (***) at mysql://reader:***@db:3306/shop");
  });

  it("picks the driver from the scheme", () => {
    expect(urlDialect("postgresql://h/db")).toBe("postgres");
    expect(urlDialect("mariadb://h/db")).toBe("mysql");
    expect(() => urlDialect("sqlserver://h/db")).toThrow(/unsupported database URL scheme "sqlserver"/);
  });
});

describe("batch queries", () => {
  const pg = { quoteIdent: (n: string) => `"${n}"`, placeholder: (n: number) => `$${n}` };
  const my = { quoteIdent: (n: string) => `\`${n}\``, placeholder: () => "?" };

  it("read the first batch in (watermark, key) order, skipping rows without a watermark", () => {
    expect(batchQuery(pg, { table: "public.orders" }, ["updated_at", "id"], undefined, 500)).toEqual({
      sql: `select * from "public"."orders" as src where src."updated_at" is not null order by src."updated_at", src."id" limit $1`,
      params: [500]
    });
  });

  it("continue strictly after the last committed row, binding its values", () => {
    expect(batchQuery(my, { query: "select * from orders where shop = 7;" }, ["updated_at", "id"], ["2026-11-18 10:00:00", "42"], 100)).toEqual({
      sql: "select * from (select * from orders where shop = 7) as src where src.`updated_at` is not null and (src.`updated_at`, src.`id`) > (?, ?) order by src.`updated_at`, src.`id` limit ?",
      params: ["2026-11-18 10:00:00", "42", 100]
    });
  });
});
