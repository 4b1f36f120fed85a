import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse } from "../../src/warehouse/open-warehouse.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { opsbook, projectRoot } from "../helpers/cli.ts";
import { browserAvailable } from "./chromium.ts";
import { siteBrowser } from "./site-browser.ts";

/** Chinese characters and full-width punctuation (，。：（）…): none may be left on an en-US page but data. */
const cjk = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * A second, smaller site built with `OPSBOOK_LOCALE=en-US` (as `"locale": "en-US"` in
 * opsbook.config.json would): five weeks of a 400-user sample still hold a campaign (双11).
 */
describe.runIf(browserAvailable())("the en-US site in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "opsbook-en-"));
  const env = { OPSBOOK_EXPORTS: join(dir, "exports"), OPSBOOK_DB: join(dir, "ops.duckdb"), OPSBOOK_DIST: join(dir, "dist"), OPSBOOK_LOCALE: "en-US" };
  let pages: string[] = [];
  /** The vendor data the sample writes in Chinese (event, channel, platform, content and campaign names). */
  let dataValues: string[] = [];

  beforeAll(async () => {
    const sample = opsbook(["sample", "--users", "400", "--days", "35"], env);
    expect(sample.code, sample.stderr).toBe(0);
    const build = opsbook(["build"], env);
    expect(build.code, build.stderr).toBe(0);
    pages = readdirSync(env.OPSBOOK_DIST, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".html") && !f.startsWith("_") && f !== "404.html")
      .map((f) => "/" + f.replace(/\.html$/, "").replace(/(^|\/)index$/, ""));
    const warehouse = await openWarehouse({ dbPath: env.OPSBOOK_DB, timezone: "Asia/Shanghai", readOnly: true });
    try {
      const rows = await queryRows(warehouse.connection, {
        sql: `select distinct v from (
          select unnest([event, channel, platform, page]) as v from events
          union all select unnest([title, platform, type, content_id]) from content
          union all select unnest([name, type]) from campaigns
          union all select channel from channels
          union all select unnest([region, channel, platform]) from users
          union all select experiment from experiments
          union all select unnest([survey, comment, channel]) from nps
          union all select touch from recall
        ) where v is not null`
      });
      // Longest first, so 2026 双11全球狂欢节 goes before any shorter value inside it.
      dataValues = rows.map((r) => String(r.v)).filter((v) => cjk.test(v)).sort((a, b) => b.length - a.length);
    } finally {
      warehouse.close();
    }
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { visit } = siteBrowser(() => env.OPSBOOK_DIST);

  /**
   * Every piece of text a reader can see or hear: the tab title, the body (sidebar, headings,
   * cards, tables), chart text, callout labels and tooltips. The analyst's own note is left out:
   * it is content in whatever language the analyst wrote it.
   */
  async function visibleText(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const body = document.body.cloneNode(true) as HTMLElement;
      body.querySelectorAll(".notes").forEach((n) => n.remove());
      document.body.append(body); // innerText needs a rendered element
      body.style.position = "absolute";
      const text = body.innerText;
      body.remove();
      const svg = [...document.querySelectorAll("svg text, svg title")].filter((n) => !n.closest(".notes")).map((n) => n.textContent ?? "");
      const attributes = [...document.querySelectorAll("[label], [title], [aria-label], [placeholder]")].flatMap((n) => ["label", "title", "aria-label", "placeholder"].map((a) => n.getAttribute(a) ?? ""));
      return [document.title, ...text.split("\n"), ...svg, ...attributes];
    });
  }

  /** The text left once the data values are taken out, line by line: Chinese here is untranslated UI. */
  function untranslated(lines: string[]): string[] {
    return lines
      .map((line) => dataValues.reduce((rest, value) => rest.split(value).join(" "), line))
      .filter((line) => cjk.test(line));
  }

  async function checkPage(path: string, headings: (string | RegExp)[]) {
    const { page, errors } = await visit(path);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^en\b/);
    const shown = (await page.locator("h1, h2").allTextContents()).join("\n");
    for (const heading of headings) expect(shown).toMatch(heading);
    expect(untranslated(await visibleText(page))).toEqual([]);
    return page;
  }

  it("allow-lists only real vendor data", () => {
    expect(dataValues).toContain("浏览商品");
    expect(dataValues).toContain("抖音");
    expect(dataValues.some((v) => v.includes("双11"))).toBe(true);
    // UI words must never hide behind the allow-list.
    for (const ui of ["周报", "环比", "转化率", "目标", "公域", "私域"]) expect(dataValues).not.toContain(ui);
  });

  it("shows the weekly report in English: headings, KPI cards, generated sentences, en-US numbers and dates", async () => {
    const week = pages.filter((p) => p.startsWith("/weekly/")).sort().reverse()[1]; // the newest complete week
    const page = await checkPage(week, [`Weekly operations report ${week.slice(8)}`, "Key metrics", "What changed since last week", "Purchase funnel", "Retention", "Anomalies"]);
    expect(await page.title()).toBe("Weekly operations report | Opsbook reports");
    expect(await page.locator(".kpi").count()).toBe(8);
    expect(await page.locator(".kpi h2").first().textContent()).toBe("Visitors (UV)");
    expect(await page.locator(".kpi-deltas").first().textContent()).toMatch(/^vs prev\. [+−±]\d+\.\d%/);
    // "Mon, Nov 16, 2026 to Sun, Nov 22, 2026 (Asia/Shanghai)"
    expect(await page.locator(".period-header").textContent()).toMatch(/^Mon, [A-Z][a-z]{2} \d{1,2}, \d{4} to Sun, [A-Z][a-z]{2} \d{1,2}, \d{4} \(Asia\/Shanghai\)/);
    expect(await page.locator(".drop-off").textContent()).toMatch(/→.+ conversion \d+\.\d%, vs prev\. [+−±]\d+\.\dpp; .+ overall conversion \d+\.\d%/);
    expect(await page.locator(".movers li").first().textContent()).toMatch(/ (up|down) [+−±]\d+\.\d(%|pp) \(.+ → .+\) (improving|watch)$/);
    mkdirSync(join(projectRoot, "test-results"), { recursive: true });
    await page.screenshot({ path: join(projectRoot, "test-results", "weekly-en-US-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300); // resize() redraws charts at the new width
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(projectRoot, "test-results", "weekly-en-US-390.png"), fullPage: true });
    await page.close();
  });

  it("shows a campaign review in English, the campaign's name as data", async () => {
    const retro = pages.find((p) => p.startsWith("/retros/"))!;
    const page = await checkPage(retro, [/^Campaign review: \S/m, "Target vs actual", "Exposure → participation → conversion", "Lift over the baseline", "Lessons learned"]);
    expect(await page.locator("svg text").allTextContents()).toContain("Impressions");
    await page.close();
  });

  it("leaves no Chinese interface text on any page but data", async () => {
    const leftovers: Record<string, string[]> = {};
    // Analysts' notes pages are their own writing, in whatever language they wrote them.
    for (const path of pages.filter((p) => !p.startsWith("/notes/"))) {
      const { page, errors } = await visit(path);
      expect(errors, path).toEqual([]);
      const lines = untranslated(await visibleText(page));
      if (lines.length) leftovers[path] = lines.slice(0, 5);
      await page.close();
    }
    expect(leftovers).toEqual({});
  }, 300_000);

  it("shows the home page in English, the sidebar included", async () => {
    const page = await checkPage("/", ["Opsbook reports", "Weekly reports", "Campaign reviews", "Analysis"]);
    expect(await page.locator("#observablehq-sidebar").textContent()).toContain("Weekly reports");
    await page.close();
  });
});
