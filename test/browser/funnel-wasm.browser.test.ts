import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseFunnelDefinition } from "../../src/metrics/definitions.ts";
import { funnel } from "../../src/metrics/funnel.ts";
import { positionalQuery } from "../../src/metrics/positional-query.ts";
import { serveStatic } from "../../src/site/serve-static.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { projectRoot } from "../helpers/cli.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";
import { browserAvailable, launchChromium } from "./chromium.ts";

/**
 * The funnel SQL is written once for node DuckDB 1.5 and DuckDB-WASM 1.29 (DuckDB 1.1.1, no ICU):
 * this runs the very same generated SQL in both, over the same events, and compares every row.
 */

// Deterministic events: 60 users, 5 event kinds, over two days, with channel and platform columns.
function sampleEvents() {
  const rows: { user_id: string; event: string; ts: string; channel: string | null; platform: string }[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const kinds = ["浏览商品", "加入购物车", "提交订单", "支付成功", "浏览页面"];
  const channels = ["抖音", "公众号", "小红书", null];
  for (let u = 0; u < 60; u++) {
    let t = Date.UTC(2026, 10, 1, 16) + Math.floor(next() * 86400) * 1000;
    for (let i = 0, n = 2 + Math.floor(next() * 10); i < n; i++) {
      rows.push({ user_id: `u${u}`, event: kinds[Math.floor(next() * kinds.length)], ts: new Date(t).toISOString(), channel: channels[Math.floor(next() * 4)], platform: next() < 0.5 ? "ios" : "android" });
      t += Math.floor(next() * 3 * 3600) * 1000;
    }
  }
  return rows;
}

const definitions = (["ordered", "strict", "unordered"] as const).map((order) =>
  parseFunnelDefinition({
    steps: ["浏览商品", { event: "加入购物车", where: { platform: ["ios", "android"] } }, "提交订单", "支付成功"],
    window: "6h",
    order,
    breakdown: "channel",
    from: "2026-11-02",
    to: "2026-11-03T12:00:00"
  })
);

const entry = `
import * as duckdb from "@duckdb/duckdb-wasm";
window.runQueries = async (events, queries) => {
  const worker = new Worker(new URL("./duckdb-browser-eh.worker.js", location.href));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL("./duckdb-eh.wasm", location.href).href);
  const c = await db.connect();
  await c.query("create table events (user_id varchar, event varchar, ts timestamptz, session_id varchar, platform varchar, channel varchar, page varchar, properties varchar)");
  const insert = await c.prepare("insert into events (user_id, event, ts, platform, channel) values (?, ?, ?::timestamptz, ?, ?)");
  for (const e of events) await insert.query(e.user_id, e.event, e.ts, e.platform, e.channel);
  const version = (await c.query("select version() as v")).toArray()[0].v;
  const results = [];
  for (const q of queries) {
    const statement = await c.prepare(q.sql);
    const table = await statement.query(...q.values);
    results.push(table.toArray().map((row) => Object.fromEntries(Object.entries(row.toJSON()).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]))));
  }
  return { version, results };
};
window.ready = true;
`;

describe.runIf(browserAvailable())("funnel SQL in DuckDB-WASM and node DuckDB", () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  const offOrigin: string[] = [];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "opsbook-wasm-"));
    const dist = join(projectRoot, "node_modules/@duckdb/duckdb-wasm/dist");
    for (const f of ["duckdb-browser-eh.worker.js", "duckdb-eh.wasm"]) copyFileSync(join(dist, f), join(dir, f));
    writeFileSync(join(dir, "entry.js"), entry);
    await build({ entryPoints: [join(dir, "entry.js")], bundle: true, format: "esm", outfile: join(dir, "app.js"), nodePaths: [join(projectRoot, "node_modules")], logLevel: "silent" });
    writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><script type="module" src="./app.js"></script>`);
    let origin: string;
    ({ server, url: origin } = await serveStatic(dir));
    browser = await launchChromium();
    page = await browser.newPage();
    page.on("request", (r) => !r.url().startsWith(origin) && !r.url().startsWith("blob:") && offOrigin.push(r.url()));
    await page.goto(origin + "/");
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  test("ordered, strict and unordered funnels give identical rows in both engines", async () => {
    const events = sampleEvents();
    const queries = definitions.map((def) => funnel(def));
    const inBrowser = (await page.evaluate(
      ([events, queries]) => (window as unknown as { runQueries: (e: unknown, q: unknown) => Promise<unknown> }).runQueries(events, queries),
      [events, queries.map(positionalQuery)] as const
    )) as { version: string; results: Record<string, unknown>[][] };
    expect(inBrowser.version).toBe("v1.1.1");

    const w = await memoryWarehouse();
    try {
      for (const e of events) {
        await w.connection.run("insert into events (user_id, event, ts, platform, channel) values ($u, $e, $t::timestamptz, $p, $c)", { u: e.user_id, e: e.event, t: e.ts, p: e.platform, c: e.channel });
      }
      for (const [i, query] of queries.entries()) {
        const inNode = await queryRows(w.connection, query);
        // Something to compare: a total and at least two channel groups, and some users converting.
        expect(inNode.filter((r) => r.breakdown === null)).toHaveLength(4);
        expect(new Set(inNode.map((r) => r.breakdown)).size).toBeGreaterThan(2);
        expect(inNode.find((r) => r.breakdown === null && r.step === 1)?.count).toBeGreaterThan(0);
        expect(inBrowser.results[i]).toEqual(inNode);
      }
    } finally {
      w.close();
    }
    expect(offOrigin).toEqual([]);
  });
});
