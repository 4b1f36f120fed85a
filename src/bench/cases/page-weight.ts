import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../config.ts";
import { pageWeight } from "../../site/page-weight.ts";
import type { BenchCase } from "../bench-case.ts";

/** Bytes a reader may download for a weekly report, DuckDB-WASM excluded. */
export const pageBudgetBytes = 300 * 1024;

/**
 * The weekly report's weight in the built site (dist/): everything Chromium downloads to render
 * the newest complete week, gzip-compressed. The time column is one page load; the weight and
 * whether it fits the budget are in the note (test/browser/page-weight.test.ts fails past it).
 */
export const pageWeightCase: BenchCase = {
  name: "page-weight",
  goal: "weekly report ≤ 300 KB gzip, DuckDB-WASM excluded (weight in note)",
  async setup() {
    const { distDir } = loadConfig();
    const weekly = join(distDir, "weekly");
    if (!existsSync(weekly)) return { skip: "no built site: run `npm run build` first" };
    const weeks = readdirSync(weekly).filter((f) => f.endsWith(".html")).sort().reverse();
    const path = `/weekly/${(weeks[1] ?? weeks[0]).replace(/\.html$/, "")}`;
    let weight = await pageWeight(distDir, path);
    return {
      opsbook: { run: async () => void (weight = await pageWeight(distDir, path)) },
      note: `${weight.gzipBytes <= pageBudgetBytes ? "within budget" : "OVER BUDGET"}: ${path} ${(weight.gzipBytes / 1024).toFixed(0)} KB gzip (${(weight.rawBytes / 1024).toFixed(0)} KB raw) in ${weight.files.length} files; largest ${weight.files.slice(0, 3).map((f) => `${f.url} ${(f.gzipBytes / 1024).toFixed(0)} KB`).join(", ")}`
    };
  }
};
