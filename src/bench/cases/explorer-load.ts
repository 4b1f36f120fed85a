import { copyFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { vendorNpm } from "../../build/vendor-npm.ts";
import { serveStatic } from "../../site/serve-static.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { chromiumPath, launchChromium } from "../../../test/browser/chromium.ts";
import type { BenchCase } from "../bench-case.ts";
import { spawnChecked } from "../support/spawn-checked.ts";
import { writeSyntheticOrders } from "../support/synthetic-orders.ts";

/** The issue's explorer scale; independent of --events (the sample never has this many orders). */
export const explorerRows = Number(process.env.OPSBOOK_BENCH_EXPLORER_ROWS ?? 5_000_000);

/**
 * The explorer page (reports/explore.md, unchanged) over 5 million order rows in headless
 * Chromium: from navigation to the first query result on screen — download the Arrow file, insert
 * it into DuckDB-WASM, run the page's SQL cell, render the table. The page is built on its own
 * with the same Framework and the same vendored DuckDB-WASM as the site, so the row count does not
 * depend on how many orders the sample has. Also reported: the page's JS heap (CDP
 * Runtime.getHeapUsage; DuckDB-WASM's own memory lives in its worker and shows in the peak RSS
 * of the browser processes). Baseline: native DuckDB (node-api) reading the same rows from CSV
 * and running the same query — what the question costs without a browser.
 */
export const explorerLoadCase: BenchCase = {
  name: "explorer-load",
  goal: `${(explorerRows / 1e6).toLocaleString("en-US")}M rows in DuckDB-WASM: time to first result, JS heap (recorded; no target set)`,
  async setup(ctx) {
    if (!chromiumPath) return { skip: "no Chromium (apt-get install -y chromium)" };
    const site = join(ctx.workDir, "site");
    const arrow = join(site, "src", "data", "orders.arrow");
    const csv = join(ctx.workDir, "orders.csv");
    mkdirSync(join(site, "src", "data"), { recursive: true });
    ctx.log(`explorer-load: writing ${explorerRows.toLocaleString("en-US")} synthetic orders`);
    const { top } = writeSyntheticOrders(explorerRows, arrow, csv);
    const note = `first row checked: ${top.channel} ${top.orders.toLocaleString("en-US")} paid orders`;
    const baselineName = "native DuckDB, same rows from CSV";
    const baseline = {
      async run() {
        const warehouse = await openWarehouse({ dbPath: ":memory:", timezone: "Asia/Shanghai" });
        try {
          await warehouse.connection.run(`create table orders as select * from read_csv('${csv.replace(/'/g, "''")}', header = true)`);
          await warehouse.connection.runAndReadAll(`select channel, count(*), round(sum(amount), 2) as gmv from orders where status = 'paid' group by channel order by gmv desc`);
        } finally {
          warehouse.close();
        }
      }
    };
    if (ctx.side === "baseline") return { opsbook: { run: async () => {} }, baselineName, baseline, note };

    await buildExplorerSite(ctx.root, site);
    const { server, url } = await serveStatic(join(site, "dist"));
    const browser = await launchChromium();
    let metrics: Record<string, number> = {};
    return {
      note,
      baselineName,
      baseline,
      opsbook: {
        async run() {
          // A new context per run: an empty HTTP cache, as for a first visit.
          const context = await browser.newContext();
          try {
            const page = await context.newPage();
            const errors: string[] = [];
            page.on("pageerror", (e) => errors.push(e.message));
            const t0 = performance.now();
            await page.goto(`${url}/explore`);
            const firstRow = page.locator("#by-channel table tbody tr").first();
            await firstRow.waitFor({ timeout: 300_000 });
            const firstResultMs = performance.now() - t0;
            const cells = (await firstRow.locator("td").allInnerTexts()).map((s) => s.trim());
            // A fast wrong answer is not a result: the top channel and its count must match.
            if (!cells.includes(top.channel) || !cells.some((c) => Number(c.replace(/,/g, "")) === top.orders)) {
              throw new Error(`explorer's first row ${JSON.stringify(cells)} is not ${top.channel} with ${top.orders} paid orders${errors.length ? `; page errors: ${errors.join("; ")}` : ""}`);
            }
            const cdp = await context.newCDPSession(page);
            const heap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
            metrics = { first_result_ms: Math.round(firstResultMs), js_heap_mb: Math.round(heap.usedSize / 2 ** 20) };
          } finally {
            await context.close();
          }
        },
        metrics: () => metrics,
        async close() {
          await browser.close();
          server.close();
        }
      }
    };
  }
};

/** reports/explore.md alone, built by Framework with the site's vendored browser libraries. */
async function buildExplorerSite(root: string, site: string): Promise<void> {
  const src = join(site, "src");
  copyFileSync(join(root, "reports", "explore.md"), join(src, "explore.md"));
  writeFileSync(join(site, "observablehq.config.js"), `export default ${JSON.stringify({ root: "src", output: "dist", globalStylesheets: [], duckdb: { extensions: { json: null, parquet: null } } })};\n`);
  // Reuse the site's vendored bundles when they exist; vendorNpm fills in anything missing.
  const vendored = join(root, "reports", ".observablehq", "cache", "_npm");
  if (existsSync(vendored)) cpSync(vendored, join(src, ".observablehq", "cache", "_npm"), { recursive: true });
  await vendorNpm(root, src);
  const framework = join(createRequire(join(root, "package.json")).resolve("@observablehq/framework/package.json"), "..", "dist", "bin", "observable.js");
  await spawnChecked(process.execPath, [framework, "build"], { cwd: site, env: { OBSERVABLE_TELEMETRY_DISABLE: "true" } });
}
