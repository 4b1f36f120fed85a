import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { forbiddenHosts } from "../../src/build/verify-offline.ts";
import { opsbook } from "../helpers/cli.ts";

const site = inject("site");
const dist = site.env.OPSBOOK_DIST;
const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => join(dir, f));

describe("opsbook build (sample → ingest → static site)", () => {
  it("exits 0 and writes the home page, weekly pages and the explorer", () => {
    expect(site.build.code, site.build.stderr + site.build.stdout).toBe(0);
    expect(existsSync(join(dist, "index.html"))).toBe(true);
    expect(existsSync(join(dist, "explore.html"))).toBe(true);
    // 70 days ending Thursday 2026-11-19 touch 11 ISO weeks (W37 … W47).
    const weeks = readdirSync(join(dist, "weekly")).filter((f) => f.endsWith(".html")).sort();
    expect(weeks[0]).toBe("2026-W37.html");
    expect(weeks.at(-1)).toBe("2026-W47.html");
    expect(weeks).toHaveLength(11);
  });

  it("refers to no other origin from any HTML or CSS file", () => {
    const offenders = files(dist).filter((f) => /\.(html|css)$/.test(f) && forbiddenHosts.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
    const html = readFileSync(join(dist, "weekly", "2026-W46.html"), "utf8");
    expect(html).not.toMatch(/fonts\.googleapis|fonts\.gstatic/);
  });

  it("ships DuckDB-WASM and every library from the site itself", () => {
    const all = files(dist).map((f) => f.slice(dist.length));
    expect(all.some((f) => /_npm\/@duckdb\/duckdb-wasm@1\.29\.0\/dist\/duckdb-eh\.wasm$/.test(f))).toBe(true);
    expect(all.some((f) => /\.arrow$/.test(f))).toBe(true);
  });

  it("marks every page as Chinese", () => {
    for (const f of files(dist).filter((f) => f.endsWith(".html"))) {
      expect(readFileSync(f, "utf8"), f).toMatch(/^<!DOCTYPE html>\s*<html lang="zh-CN">/);
    }
  });

  it("leaves the previous site untouched when an export cannot be read", () => {
    const hash = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");
    const before = hash(join(dist, "weekly", "2026-W46.html"));
    // A copy of the exports with one truncated gzip added: the build must refuse to publish.
    const exports = mkdtempSync(join(tmpdir(), "opsbook-bad-exports-"));
    cpSync(site.env.OPSBOOK_EXPORTS, exports, { recursive: true });
    writeFileSync(join(exports, "订单导出_补充.csv.gz"), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00]));
    const result = opsbook(["build"], { ...site.env, OPSBOOK_EXPORTS: exports });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/订单导出_补充\.csv\.gz: cannot decompress/);
    expect(result.stderr).toMatch(/the site was not rebuilt/);
    expect(hash(join(dist, "weekly", "2026-W46.html"))).toBe(before);
  });
});
