import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./chromium.ts";
import { resolveStaticPath, serveStatic } from "./serve-static.ts";

export interface RenderOptions {
  distDir: string;
  outDir: string;
  png?: boolean;
  /** Viewport width of PNG screenshots. */
  width?: number;
}

/** "/weekly/2026-W47" → "weekly-2026-W47"; the home page → "index". */
export function pageFileName(page: string): string {
  return page.replace(/^\/+|\/+$/g, "").replace(/\.html$/, "").replace(/\//g, "-") || "index";
}

/** Normalises what a user types (weekly/2026-W47, /weekly/2026-W47.html) and checks the page was built. */
export function resolvePage(distDir: string, page: string): string {
  const path = "/" + page.replace(/^\/+/, "").replace(/\.html$/, "");
  if (!resolveStaticPath(distDir, path) || path.startsWith("/_")) throw new Error(`no page ${JSON.stringify(page)} in ${distDir} (e.g. weekly/2026-W47, monthly/2026-11, retros/<campaign>)`);
  return path;
}

/**
 * Prints built pages to A4 PDF (and optionally full-page PNG) with the system Chromium, after
 * every cell has rendered. Returns the files written.
 */
export async function renderPages(pages: string[], { distDir, outDir, png = false, width = 1280 }: RenderOptions): Promise<string[]> {
  const paths = pages.map((p) => resolvePage(distDir, p));
  mkdirSync(outDir, { recursive: true });
  const { server, url } = await serveStatic(distDir);
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    for (const path of paths) {
      const page = await browser.newPage({ viewport: { width, height: 1000 } });
      await page.goto(url + path, { waitUntil: "networkidle" });
      // Cells render after the data files arrive; print once nothing is still loading.
      await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, { timeout: 30_000 });
      const base = join(outDir, pageFileName(path));
      if (png) {
        await page.screenshot({ path: `${base}.png`, fullPage: true });
        written.push(`${base}.png`);
      }
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: `${base}.pdf`, format: "A4", printBackground: true, preferCSSPageSize: true });
      written.push(`${base}.pdf`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return written;
}
