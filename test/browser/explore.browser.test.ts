import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { openWarehouse } from "../../src/warehouse/open-warehouse.ts";
import { queryRows, type Row } from "../../src/warehouse/query-rows.ts";
import { projectRoot } from "../helpers/cli.ts";
import { browserAvailable } from "./chromium.ts";
import { siteBrowser } from "./site-browser.ts";

const site = inject("site");

/** Counted straight from the warehouse's orders table, not through the explorer's loaders. */
async function count(where = "true"): Promise<{ orders: number; users: number; gmv: number }> {
  const warehouse = await openWarehouse({ dbPath: site.env.OPSBOOK_DB, timezone: "Asia/Shanghai", readOnly: true });
  try {
    const [r] = await queryRows(warehouse.connection, { sql: `select count(*) as orders, count(distinct user_id) as users, coalesce(sum(amount), 0)::double as gmv from orders where ${where}` });
    return { orders: Number(r.orders), users: Number(r.users), gmv: Number(r.gmv) };
  } finally {
    warehouse.close();
  }
}

async function warehouseRows(sql: string): Promise<Row[]> {
  const warehouse = await openWarehouse({ dbPath: site.env.OPSBOOK_DB, timezone: "Asia/Shanghai", readOnly: true });
  try {
    return await queryRows(warehouse.connection, { sql });
  } finally {
    warehouse.close();
  }
}

/** The figures the summary line carries (the visible text rounds to 万). */
async function shown(page: Page) {
  const line = page.locator("#explore-summary [data-orders]");
  return { orders: Number(await line.getAttribute("data-orders")), users: Number(await line.getAttribute("data-users")), gmv: Number(await line.getAttribute("data-gmv")) };
}

describe.runIf(browserAvailable())("the explorer in headless Chromium", () => {
  const served = siteBrowser(() => site.env.OPSBOOK_DIST);

  it("shows the totals and paid orders by channel before any detail row has arrived, then the progress and the rows", async () => {
    const page = await served.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Hold the detail download back: what the page shows meanwhile is what a slow network shows.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/explore-orders\.[^/]*\.arrow$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(served.origin + "/explore");
    const all = await count();
    expect(all.orders).toBeGreaterThan(100);
    await page.locator("#by-channel table tbody tr").first().waitFor();
    expect(await shown(page)).toEqual({ ...all, gmv: expect.closeTo(all.gmv, 2) });
    const [top] = await warehouseRows(`select coalesce(channel, '(none)') as channel, count(*) as orders from orders where status = 'paid' group by all order by sum(amount) desc limit 1`);
    const firstCells = (await page.locator("#by-channel table tbody tr").first().locator("td").allInnerTexts()).map((s) => s.trim());
    expect(firstCells).toContain(top.channel);
    expect(firstCells).toContain(String(top.orders));
    await expect.poll(() => page.locator("#explore-progress").innerText()).toContain("正在载入明细");
    expect(await page.locator("#explore-detail table").count()).toBe(0);

    release();
    await page.locator('#explore-progress [data-phase="complete"]').waitFor({ timeout: 30_000 });
    expect(await page.locator("#explore-progress").innerText()).toContain(`已加载全部 ${all.orders.toLocaleString("zh-CN")} 行`);
    // The newest order first, as the page promises.
    const [newest] = await warehouseRows(`select order_id from orders order by ts desc, order_id desc limit 1`);
    const firstDetail = page.locator("#explore-detail table tbody tr").first();
    await firstDetail.waitFor();
    expect(await firstDetail.innerText()).toContain(String(newest.order_id));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters by channel, status and user in DuckDB-WASM, with the warehouse's own counts", async () => {
    const page = await served.browser.newPage();
    await page.goto(served.origin + "/explore");
    await page.locator('#explore-progress [data-phase="complete"]').waitFor({ timeout: 30_000 });
    const [{ channel }] = await warehouseRows(`select channel from orders where channel is not null group by channel order by count(*) desc, channel limit 1`);
    const selects = page.locator("#explore-filters select");
    await selects.nth(0).selectOption({ label: String(channel) });
    await selects.nth(1).selectOption({ label: "paid" });
    const expected = await count(`channel = '${channel}' and status = 'paid'`);
    expect(expected.orders).toBeGreaterThan(0);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual({ ...expected, gmv: expect.closeTo(expected.gmv, 2) });
    const channels = await page.locator("#explore-detail table tbody tr td:nth-child(7)").allInnerTexts();
    expect(channels.length).toBeGreaterThan(0);
    expect(new Set(channels.map((c) => c.trim()))).toEqual(new Set([channel]));

    // A part of one buyer's id, and a date range: both narrow the same query.
    const [{ user_id, day }] = await warehouseRows(`select user_id, cast(max(ts) as date)::varchar as day from orders where channel = '${channel}' and status = 'paid' group by user_id order by count(*) desc, user_id limit 1`);
    const part = String(user_id).slice(-4);
    await page.locator("#explore-filters input[type=text]").nth(0).fill(String(day));
    await page.locator("#explore-filters input[type=text]").nth(2).fill(part);
    const narrowed = await count(`channel = '${channel}' and status = 'paid' and contains(user_id, '${part}') and cast(ts as date) >= '${day}'`);
    expect(narrowed.orders).toBeGreaterThan(0);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual({ ...narrowed, gmv: expect.closeTo(narrowed.gmv, 2) });
    const users = await page.locator("#explore-detail table tbody tr td:nth-child(3)").allInnerTexts();
    expect(users.every((u) => u.includes(part))).toBe(true);

    // At 390 px the form and tables fit the screen (the table scrolls inside its card).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    mkdirSync(join(projectRoot, "test-results"), { recursive: true });
    await page.screenshot({ path: join(projectRoot, "test-results", "explore-filtered-390.png"), fullPage: true });
    await page.close();
  });
});
