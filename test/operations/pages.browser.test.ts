import { describe, expect, inject, it } from "vitest";
import { browserAvailable } from "../browser/chromium.ts";
import { siteBrowser } from "../browser/site-browser.ts";

const site = inject("site");

describe.runIf(browserAvailable())("user and campaign operations pages in headless Chromium", () => {
  const { visit: open } = siteBrowser(() => site.env.OPSBOOK_DIST);

  it("links every operations page from the sidebar", async () => {
    const { page } = await open("/");
    const links = await page.locator("#observablehq-sidebar a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    for (const path of ["/churn", "/profile", "/nps", "/calendar", "/live/double11-2026"]) expect(links).toContain(path);
    await page.close();
  });

  it("流失预警 shows stage counts, the flow matrix, the at-risk list and recall vs holdout", async () => {
    const { page, errors } = await open("/churn");
    await page.waitForSelector(".card svg");
    const cards = await page.locator(".grid .card h2").allTextContents();
    expect(cards).toEqual(["新客", "活跃", "沉默", "流失"]);
    // the four stages add up to every user seen so far (the test sample has 1,500, all seen by its last day)
    const counts = (await page.locator(".grid .card .big").allTextContents()).map((t) => Number(t.replace(/,/g, "")));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1500);
    expect(await page.locator(".data-table tbody tr").first().locator("td").nth(1).textContent()).toBe("沉默");
    expect(await page.getByText(/recall-2026-/).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("NPS shows survey comments as text, never as markup", async () => {
    const { page, errors } = await open("/nps");
    await page.waitForSelector(".data-table");
    const cell = page.getByText("<b>客服回复太慢</b>，希望改进", { exact: true });
    expect(await cell.count()).toBe(1);
    expect(await page.locator(".data-table td b").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the calendar gives statuses and links each campaign to its retrospective", async () => {
    const { page, errors } = await open("/calendar");
    const row = page.locator("tr", { hasText: "2026 双11全球狂欢节" });
    await row.waitFor();
    expect(await row.locator("td").first().textContent()).toContain("已结束");
    const href = await row.locator("a").getAttribute("href");
    const response = await page.request.get(new URL(href!, page.url()).href);
    expect(response.status()).toBe(200);
    expect(new URL(href!, page.url()).pathname).toBe("/retros/double11-2026");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the live page shows when its data was refreshed and the GMV pacing chart", async () => {
    const { page, errors } = await open("/live/double11-2026");
    await page.waitForSelector(".card svg");
    expect(await page.locator("h1").first().textContent()).toBe("2026 双11全球狂欢节");
    expect(await page.locator(".refreshed").textContent()).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/);
    expect(await page.locator(".card h2").allTextContents()).toEqual(["参与人数", "支付订单", "GMV", "时间进度"]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
