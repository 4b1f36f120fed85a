import { copyFileSync, cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { vendorNpm } from "../../build/vendor-npm.ts";
import { exploreSummary } from "../../site/explore-data.ts";
import { serveStatic } from "../../site/serve-static.ts";
import { strings } from "../../site/strings.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { chromiumPath, launchChromium } from "../../../test/browser/chromium.ts";
import type { BenchCase } from "../bench-case.ts";
import { treeRssBytes } from "../tree-rss.ts";
import { spawnChecked } from "../support/spawn-checked.ts";
import { writeSyntheticOrders } from "../support/synthetic-orders.ts";

/** The issue's explorer scale; independent of --events (the sample never has this many orders). */
export const explorerRows = Number(process.env.OPSBOOK_BENCH_EXPLORER_ROWS ?? 5_000_000);

/**
 * The explorer page (reports/explore.md, unchanged) over 5 million order rows in headless
 * Chromium, from navigation until every row is in DuckDB-WASM and the table shows them. Recorded
 * beside that time: the first useful result (the paid-orders-by-channel table, from the summary
 * loader; its first row is checked against the answer counted while writing the rows), the first
 * detail rows (from the first chunk), a filter's answer once loaded (checked against its own count),
 * the longest main-thread task (PerformanceObserver "longtask"), the page's JS heap (CDP) and the
 * peak resident memory of the browser's processes, worker and its WebAssembly memory included. The
 * page is built on its own with the same Framework, components and vendored DuckDB-WASM as the
 * site, so the row count does not depend on how many orders the sample has. Baseline: native DuckDB
 * (node-api) reading the same rows from CSV and running the same query — what the question costs
 * without a browser.
 */
export const explorerLoadCase: BenchCase = {
  name: "explorer-load",
  goal: `${(explorerRows / 1e6).toLocaleString("en-US")}M rows in DuckDB-WASM: time until all are loaded; first result, filter, longest task, memory (recorded; no target set)`,
  async setup(ctx) {
    if (!chromiumPath) return { skip: "no Chromium (apt-get install -y chromium)" };
    const site = join(ctx.workDir, "site");
    const data = join(site, "src", "data");
    const csv = join(ctx.workDir, "orders.csv");
    mkdirSync(data, { recursive: true });
    ctx.log(`explorer-load: writing ${explorerRows.toLocaleString("en-US")} synthetic orders`);
    const { top, filter } = writeSyntheticOrders(explorerRows, join(data, "explore-orders.arrow"), csv);
    const note = `first row checked: ${top.channel} ${top.orders.toLocaleString("en-US")} paid orders; filter ${filter.channel}/${filter.status}: ${filter.orders.toLocaleString("en-US")} orders`;
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

    // The summary loader's SQL over the same rows, as the site's loader runs it over the warehouse.
    const warehouse = await openWarehouse({ dbPath: ":memory:", timezone: "Asia/Shanghai" });
    try {
      const summary = await exploreSummary(warehouse.connection, `read_csv('${csv.replace(/'/g, "''")}', header = true, types = {'date': 'VARCHAR', 'campaign_id': 'VARCHAR'})`);
      writeFileSync(join(data, "explore-summary.json"), JSON.stringify(summary));
    } finally {
      warehouse.close();
    }
    writeFileSync(join(data, "site.json"), JSON.stringify({ locale: "zh-CN", t: strings("zh-CN") }));
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
          // The browser's processes are this process's descendants; the node process itself is not counted.
          let peakRss = 0;
          const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRssBytes(process.pid) - process.memoryUsage().rss)), 200);
          try {
            await context.addInitScript(() => {
              const w = window as unknown as { longestTask: number };
              w.longestTask = 0;
              new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.longestTask = Math.max(w.longestTask, e.duration)))).observe({ type: "longtask", buffered: true });
            });
            const page = await context.newPage();
            const errors: string[] = [];
            page.on("pageerror", (e) => errors.push(e.message));
            const failed = (what: string) => new Error(`${what}${errors.length ? `; page errors: ${errors.join("; ")}` : ""}`);
            const t0 = performance.now();
            await page.goto(`${url}/explore`);
            const firstRow = page.locator("#by-channel table tbody tr").first();
            await firstRow.waitFor({ timeout: 300_000 });
            const firstResultMs = performance.now() - t0;
            const cells = (await firstRow.locator("td").allInnerTexts()).map((s) => s.trim());
            // A fast wrong answer is not a result: the top channel and its count must match.
            if (!cells.includes(top.channel) || !cells.some((c) => Number(c.replace(/,/g, "")) === top.orders)) throw failed(`explorer's first row ${JSON.stringify(cells)} is not ${top.channel} with ${top.orders} paid orders`);
            await page.locator("#explore-detail table tbody tr").first().waitFor({ timeout: 300_000 });
            const firstRowsMs = performance.now() - t0;
            await page.locator('#explore-progress [data-phase="complete"]').waitFor({ timeout: 600_000 });
            const loadedMs = performance.now() - t0;
            const detailRows = await page.locator("#explore-detail table tbody tr").count();
            if (detailRows < 12) throw failed(`explorer shows ${detailRows} detail rows once loaded`);

            // A filter once everything is in: two selects, timed from the second choice to its answer.
            const selects = page.locator("#explore-filters select");
            await selects.nth(0).selectOption({ label: filter.channel });
            await page.locator(`#explore-summary [data-orders]:not([data-orders="${explorerRows}"])`).waitFor({ timeout: 120_000 });
            const t1 = performance.now();
            await selects.nth(1).selectOption({ label: filter.status });
            const shown = page.locator(`#explore-summary [data-orders="${filter.orders}"]`);
            await shown.waitFor({ timeout: 120_000 }).catch(async () => {
              throw failed(`explorer's filtered summary is ${await page.locator("#explore-summary").innerText()}, not ${filter.orders} orders`);
            });
            const filterMs = performance.now() - t1;
            if (Number(await shown.getAttribute("data-users")) !== filter.users || Math.abs(Number(await shown.getAttribute("data-gmv")) - filter.gmv) > 0.005) throw failed(`explorer's filtered users or amount differ from ${filter.users} users, ¥${filter.gmv}`);

            const cdp = await context.newCDPSession(page);
            const heap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
            const longestTask = await page.evaluate(() => (window as unknown as { longestTask: number }).longestTask);
            metrics = {
              first_result_ms: Math.round(firstResultMs), first_rows_ms: Math.round(firstRowsMs), loaded_ms: Math.round(loadedMs), filter_ms: Math.round(filterMs),
              longest_task_ms: Math.round(longestTask), js_heap_mb: Math.round(heap.usedSize / 2 ** 20), browser_peak_rss_mb: Math.round(peakRss / 2 ** 20)
            };
          } finally {
            clearInterval(sampler);
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

/** reports/explore.md alone, with its components, built by Framework with the site's vendored browser libraries. */
async function buildExplorerSite(root: string, site: string): Promise<void> {
  const src = join(site, "src");
  copyFileSync(join(root, "reports", "explore.md"), join(src, "explore.md"));
  cpSync(join(root, "src", "components"), join(src, "components"), { recursive: true });
  // Components import npm packages (htl); Framework resolves them from the site's own folder.
  if (!existsSync(join(site, "node_modules"))) symlinkSync(join(root, "node_modules"), join(site, "node_modules"));
  writeFileSync(join(site, "observablehq.config.js"), `export default ${JSON.stringify({ root: "src", output: "dist", globalStylesheets: [], duckdb: { extensions: { json: null, parquet: null } } })};\n`);
  // Reuse the site's vendored bundles when they exist; vendorNpm fills in anything missing.
  const vendored = join(root, "reports", ".observablehq", "cache", "_npm");
  if (existsSync(vendored)) cpSync(vendored, join(src, ".observablehq", "cache", "_npm"), { recursive: true });
  await vendorNpm(root, src);
  const framework = join(createRequire(join(root, "package.json")).resolve("@observablehq/framework/package.json"), "..", "dist", "bin", "observable.js");
  await spawnChecked(process.execPath, [framework, "build"], { cwd: site, env: { OBSERVABLE_TELEMETRY_DISABLE: "true" } });
}
