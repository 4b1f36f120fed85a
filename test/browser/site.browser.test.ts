import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Server } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveStatic } from "../../src/site/serve-static.ts";
import { browserAvailable, launchChromium } from "./chromium.ts";
import { projectRoot } from "../helpers/cli.ts";

const site = inject("site");
const dist = site.env.OPSBOOK_DIST;
const pages = readdirSync(dist, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".html") && !f.startsWith("_") && f !== "404.html")
  .map((f) => "/" + f.replace(/\.html$/, "").replace(/(^|\/)index$/, ""));

describe.runIf(browserAvailable())("the built site in headless Chromium", () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    ({ server, url: origin } = await serveStatic(dist));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  /** Opens a page and records every request and console error while it settles. */
  async function visit(path: string, width = 1280) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const offOrigin: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith("blob:" + origin) && !url.startsWith("data:")) offOrigin.push(url);
    });
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(origin + path, { waitUntil: "networkidle" });
    return { page, offOrigin, errors };
  }

  it("has pages to check", () => expect(pages.length).toBeGreaterThan(5));

  it.each(pages)("%s loads with no off-origin request and no console error", async (path) => {
    const { page, offOrigin, errors } = await visit(path);
    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws the weekly report: KPI cards, Chinese labels and the daily GMV chart", async () => {
    const { page } = await visit("/weekly/2026-W46");
    await page.waitForSelector(".card svg");
    expect(await page.locator("h1").first().textContent()).toContain("运营数据周报 2026-W46");
    expect(await page.locator(".kpi").count()).toBe(4);
    expect(await page.locator(".kpi .big").first().textContent()).toMatch(/\d/);
    expect(await page.locator(".card svg rect").count()).toBeGreaterThanOrEqual(7);
    mkdirSync(join(projectRoot, "test-results"), { recursive: true });
    await page.screenshot({ path: join(projectRoot, "test-results", "weekly-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(projectRoot, "test-results", "weekly-390.png"), fullPage: true });
    await page.close();
  });

  it("runs the explorer's SQL cell in DuckDB-WASM over the shipped Arrow file", async () => {
    const { page } = await visit("/explore");
    const table = page.locator("#by-channel table");
    await table.waitFor();
    const header = await table.locator("thead").textContent();
    expect(header).toContain("渠道");
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(3);
    await page.close();
  });
});
