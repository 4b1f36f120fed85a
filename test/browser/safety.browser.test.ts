import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { opsbook } from "../helpers/cli.ts";
import { browserAvailable } from "./chromium.ts";
import { siteBrowser } from "./site-browser.ts";

const evil = "<img src=x onerror=alert(1)>";

/**
 * A small extra site whose exports carry markup in a campaign name: every page must show it as
 * text, and no script from it may run.
 */
describe.runIf(browserAvailable())("strings from exports are text, never HTML", () => {
  const dir = mkdtempSync(join(tmpdir(), "opsbook-xss-"));
  const env = { OPSBOOK_EXPORTS: join(dir, "exports"), OPSBOOK_DB: join(dir, "ops.duckdb"), OPSBOOK_DIST: join(dir, "dist") };
  beforeAll(async () => {
    const sample = opsbook(["sample", "--users", "80", "--days", "10", "--end", "2026-11-20"], env);
    expect(sample.code, sample.stderr).toBe(0);
    // Ten days hold no experiment; ingest rightly rejects a header-only export, so leave it out.
    const experiments = join(env.OPSBOOK_EXPORTS, "experiments.csv");
    if (existsSync(experiments) && readFileSync(experiments, "utf8").trim().split("\n").length < 2) rmSync(experiments);
    const campaigns = join(env.OPSBOOK_EXPORTS, "campaigns.csv");
    if (!readFileSync(campaigns, "utf8").endsWith("\n")) appendFileSync(campaigns, "\n");
    appendFileSync(campaigns, `xss-test,${evil},大促,2026-11-12,2026-11-18,1000,"{""gmv"":1000}"\n`);
    const build = opsbook(["build"], env);
    expect(build.code, build.stderr + build.stdout.slice(-2000)).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const site = siteBrowser(() => env.OPSBOOK_DIST);

  it.each(["/retros/xss-test", "/"])("%s shows the campaign name as text and runs no script from it", async (path) => {
    const page = await site.browser.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(site.origin + path, { waitUntil: "networkidle" });
    await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, { timeout: 20_000 });
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    // No element was made from the name, and its text is there verbatim.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("#observablehq-sidebar").textContent()).toContain(evil);
    expect(await page.locator("#observablehq-main").textContent()).toContain(evil);
    await page.close();
  });
});
