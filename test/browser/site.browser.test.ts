import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { browserAvailable } from "./chromium.ts";
import { siteBrowser } from "./site-browser.ts";
import { projectRoot } from "../helpers/cli.ts";

const site = inject("site");
const dist = site.env.OPSBOOK_DIST;
const pages = readdirSync(dist, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".html") && !f.startsWith("_") && f !== "404.html")
  .map((f) => "/" + f.replace(/\.html$/, "").replace(/(^|\/)index$/, ""));
const weeklyPages = pages.filter((p) => p.startsWith("/weekly/")).sort().reverse();

describe.runIf(browserAvailable())("the built site in headless Chromium", () => {
  const { visit } = siteBrowser(() => dist);

  async function screenshot(page: import("playwright-core").Page, name: string) {
    mkdirSync(join(projectRoot, "test-results"), { recursive: true });
    await page.screenshot({ path: join(projectRoot, "test-results", `${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(projectRoot, "test-results", `${name}-390.png`), fullPage: true });
  }

  it("has every kind of page: weekly, monthly, retrospectives and the analysis pages", () => {
    expect(weeklyPages.length).toBeGreaterThanOrEqual(10);
    expect(pages.filter((p) => p.startsWith("/monthly/")).length).toBeGreaterThanOrEqual(2);
    expect(pages.filter((p) => p.startsWith("/retros/")).length).toBeGreaterThanOrEqual(1);
    for (const p of ["/", "/channels", "/content", "/users", "/funnels", "/experiments", "/explore"]) expect(pages).toContain(p);
  });

  it.each(pages)("%s loads with no off-origin request, no console error and no horizontal overflow at 390 px", async (path) => {
    const { page, offOrigin, errors } = await visit(path);
    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300); // resize() redraws charts at the new width
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("lists the generated weeks in the sidebar, newest first, the current one marked as in progress", async () => {
    const { page } = await visit("/");
    const links = await page.locator('#observablehq-sidebar a[href*="weekly/"]').allTextContents();
    expect(links.map((t) => t.replace(/（进行中）$/, ""))).toEqual(weeklyPages.map((p) => p.slice("/weekly/".length)));
    expect(links.filter((t) => t.endsWith("（进行中）")).length).toBeLessThanOrEqual(1);
    await page.close();
  });

  it("draws the weekly report: KPI cards with sparklines, daily GMV, the funnel and its largest drop-off in words", async () => {
    const week = weeklyPages[1]; // the newest complete week
    const { page } = await visit(week);
    expect(await page.locator("h1").first().textContent()).toContain(`运营数据周报 ${week.slice(8)}`);
    expect(await page.locator(".kpi").count()).toBe(8);
    expect(await page.locator(".kpi .big").first().textContent()).toMatch(/\d/);
    expect(await page.locator(".kpi-spark svg").count()).toBeGreaterThan(0);
    expect(await page.locator(".card svg rect").count()).toBeGreaterThanOrEqual(7);
    const dropOff = await page.locator(".drop-off").textContent();
    expect(dropOff).toMatch(/→.+ 转化率 \d+\.\d%，环比 [+−±]\d+\.\dpp/);
    await screenshot(page, "weekly");
    // On a phone the title breaks at its space, never inside the word 周报.
    await page.setViewportSize({ width: 390, height: 844 });
    const title = page.locator("h1").first();
    const unbroken = await title.evaluate((h1) => {
      const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
      let text = walker.nextNode();
      while (text && !text.textContent?.includes("周报")) text = walker.nextNode();
      if (!text) return false;
      const at = (text.textContent ?? "").indexOf("周报");
      const range = document.createRange();
      const tops = [at, at + 1].map((i) => {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return Math.round(range.getBoundingClientRect().top);
      });
      return tops[0] === tops[1];
    });
    expect(unbroken).toBe(true);
    await page.close();
  });

  it("renders the Markdown-only funnel page: funnel bars, breakdown table and KPI cards from ```funnel and ```kpi blocks", async () => {
    const { page } = await visit("/funnels");
    const funnel = page.locator(".funnel-block").first();
    expect(await funnel.locator("svg rect").count()).toBeGreaterThanOrEqual(4);
    expect(await funnel.textContent()).toContain("总转化率");
    expect(await page.locator(".funnel-block table").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator(".kpi").count()).toBe(4);
    await screenshot(page, "funnel");
    await page.close();
  });

  it("renders a campaign retrospective", async () => {
    const retro = pages.find((p) => p.startsWith("/retros/"))!;
    const { page } = await visit(retro);
    expect(await page.locator("h1").first().textContent()).toMatch(/^活动复盘：\S/);
    // Every header of the targets table lines up with its column's cells: numbers right, names left.
    const alignments = await page.locator(".data-table table").first().evaluate((table) => {
      const cells = [...table.querySelectorAll("tbody tr:first-child td")];
      return [...table.querySelectorAll("th")].map((th, i) => [getComputedStyle(th).textAlign, getComputedStyle(cells[i]).textAlign]);
    });
    expect(alignments.length).toBe(4);
    for (const [th, td] of alignments) expect(th === "right").toBe(td === "right");
    expect(alignments.slice(1).every(([th]) => th === "right")).toBe(true);
    await screenshot(page, "retro");
    await page.close();
  });

  it("sorts a data table by a clicked header and offers its rows as CSV", async () => {
    const { page } = await visit("/funnels");
    const table = page.locator(".funnel-block .data-table").nth(1);
    const firstColumn = () => table.locator("tbody tr td:first-child").allTextContents();
    const before = await firstColumn();
    await table.locator("th").first().click();
    const sorted = await firstColumn();
    expect(sorted).toEqual([...before].sort((a, b) => a.localeCompare(b, "zh-CN")));
    const link = table.locator("a.csv-download");
    await link.click();
    const href = await link.getAttribute("href");
    const csv = decodeURIComponent(href!.slice("data:text/csv;charset=utf-8,".length));
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(before.length + 1);
    await page.close();
  });

  it.each([
    ["留存", "/users"],
    // Only ever inside a longer run of Chinese (各平台内容的阅读量): found through segmentation.
    ["阅读量", "/content"]
  ])("searching %s finds %s", async (query, expected) => {
    const { page } = await visit("/");
    await page.locator("#observablehq-search input").fill(query);
    const results = page.locator("#observablehq-search-results li a");
    await results.first().waitFor();
    const hrefs = await results.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs.map((h) => h.replace(/\.html$/, ""))).toContain(expected);
    await page.close();
  });

  it("runs the explorer's queries in DuckDB-WASM over the shipped Arrow chunks", async () => {
    const { page } = await visit("/explore");
    await page.locator("#explore-detail table tbody tr").first().waitFor();
    const table = page.locator("#by-channel table");
    await table.waitFor();
    const header = await table.locator("thead").textContent();
    expect(header).toContain("渠道");
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(3);
    await page.close();
  });

  it("serves pages in Chinese", () => {
    expect(readFileSync(join(dist, "index.html"), "utf8")).toContain('<html lang="zh-CN"');
  });
});
