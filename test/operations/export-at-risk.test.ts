import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse } from "../../src/warehouse/open-warehouse.ts";
import { ensureSchema } from "../../src/warehouse/schema.ts";
import { opsbook } from "../helpers/cli.ts";
import { stageFixtureSql } from "./stage-fixture.ts";

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "opsbook-export-"));
  env = { OPSBOOK_DB: join(dir, "ops.duckdb") };
  const w = await openWarehouse({ dbPath: env.OPSBOOK_DB, timezone: "Asia/Shanghai" });
  await ensureSchema(w.connection);
  await w.connection.run(stageFixtureSql);
  w.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("opsbook export at-risk", () => {
  it("writes a CSV that starts with a UTF-8 BOM and keeps Chinese intact", () => {
    const out = join(dir, "at-risk.csv");
    const r = opsbook(["export", "at-risk", "--as-of", "2026-11-20", "--out", out], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 users/);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // "用户ID" in UTF-8: 用 = E7 94 A8, 户 = E6 88 B7
    expect([...bytes.subarray(3, 9)]).toEqual([0xe7, 0x94, 0xa8, 0xe6, 0x88, 0xb7]);
    const lines = bytes.subarray(3).toString("utf8").trim().split("\n");
    expect(lines[0]).toBe("用户ID,生命周期阶段,最近活跃日期,未活跃天数,RFM分层,获客渠道,地区,累计支付订单,累计支付金额（元）");
    expect(lines.slice(1)).toEqual(["u8,沉默,2026-11-12,8,流失,企业微信,,1,300", "u30,沉默,2026-10-21,30,未购买,公众号,,0,0"]);
  });

  it("writes an XLSX that exceljs reads back, filtered by tier and stage", async () => {
    const out = join(dir, "recall.xlsx");
    const r = opsbook(["export", "at-risk", "--as-of", "2026-11-20", "--stage", "silent,churned", "--tier", "未购买", "--out", out], env);
    expect(r.code, r.stderr).toBe(0);
    const book = await new ExcelJS.Workbook().xlsx.readFile(out);
    const sheet = book.getWorksheet("流失预警名单")!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe("用户ID");
    // u30 (silent, refunded only) and u31 (churned, never paid) have no paid order: tier 未购买
    expect(sheet.rowCount).toBe(3);
    expect([values(2).slice(0, 5), values(3).slice(0, 5)]).toEqual([
      // both ¥0: the longer idle comes first
      ["u31", "流失", "2026-10-20", 31, "未购买"],
      ["u30", "沉默", "2026-10-21", 30, "未购买"]
    ]);
  });

  it("explains bad arguments and writes nothing", () => {
    const out = join(dir, "bad.csv");
    const r = opsbook(["export", "at-risk", "--as-of", "2026-11-20", "--tier", "vip", "--out", out], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown RFM tier "vip": expected one of 高价值, 流失, 潜力, 低活跃, 未购买/);
    expect(opsbook(["export", "at-risk", "--out", join(dir, "x.txt")], env).stderr).toMatch(/must end in \.csv or \.xlsx/);
    expect(existsSync(out)).toBe(false);
  });
});
