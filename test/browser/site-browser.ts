import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { serveStatic } from "../../src/site/serve-static.ts";
import { launchChromium } from "./chromium.ts";

/** A page opened by `visit`, with what went wrong while it loaded. */
export interface Visit {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests that left the site's origin: an offline site makes none. */
  offOrigin: string[];
}

export interface SiteBrowser {
  /** The served site's origin, e.g. http://127.0.0.1:41234 (set once the suite's hooks have run). */
  readonly origin: string;
  readonly browser: Browser;
  /** Opens `path` at `width` px and waits until the network is idle and every cell has rendered. */
  visit(path: string, width?: number): Promise<Visit>;
}

/**
 * Serves a built site and opens headless Chromium on it for the enclosing describe block; both are
 * closed after it. `dist` is read when the suite starts, so a block may build its site in an earlier
 * beforeAll. Call it inside `describe.runIf(browserAvailable())`.
 */
export function siteBrowser(dist: () => string): SiteBrowser {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let origin: string | undefined;
  beforeAll(async () => {
    ({ server, url: origin } = await serveStatic(dist()));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("siteBrowser: the suite's beforeAll has not run yet");
    return value;
  };
  return {
    get origin() {
      return started(origin);
    },
    get browser() {
      return started(browser);
    },
    async visit(path, width = 1280) {
      const site = started(origin);
      const page = await started(browser).newPage({ viewport: { width, height: 900 } });
      const errors: string[] = [];
      const offOrigin: string[] = [];
      page.on("request", (r) => {
        const url = r.url();
        if (!url.startsWith(site) && !url.startsWith("blob:" + site) && !url.startsWith("data:")) offOrigin.push(url);
      });
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(site + path, { waitUntil: "networkidle" });
      await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, { timeout: 20_000 });
      return { page, errors, offOrigin };
    }
  };
}
