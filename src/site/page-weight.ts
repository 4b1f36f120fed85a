import { gzipSync } from "node:zlib";
import { launchChromium } from "./chromium.ts";
import { serveStatic } from "./serve-static.ts";

export interface PageWeight {
  /** Bytes after gzip of everything the page loaded, DuckDB-WASM excluded. */
  gzipBytes: number;
  rawBytes: number;
  files: { url: string; gzipBytes: number }[];
}

/** DuckDB-WASM is loaded only by pages that query in the browser (the explorer). */
const excluded = /duckdb/i;

/**
 * What a reader downloads to see a page: every response Chromium receives while it loads and
 * renders, measured gzip-compressed (what a static host serves), DuckDB-WASM excluded.
 */
export async function pageWeight(distDir: string, path: string): Promise<PageWeight> {
  const { server, url } = await serveStatic(distDir);
  const browser = await launchChromium();
  const files: { url: string; gzipBytes: number; rawBytes: number }[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pending: Promise<void>[] = [];
    page.on("response", (response) => {
      if (excluded.test(response.url()) || response.status() !== 200) return;
      pending.push(response.body().then((body) => void files.push({ url: response.url().slice(url.length), gzipBytes: gzipSync(body).length, rawBytes: body.length })).catch(() => {}));
    });
    await page.goto(url + path, { waitUntil: "networkidle" });
    await page.waitForFunction(() => !document.querySelector("observablehq-loading"), null, { timeout: 30_000 });
    await Promise.all(pending);
  } finally {
    await browser.close();
    server.close();
  }
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
    rawBytes: files.reduce((s, f) => s + f.rawBytes, 0),
    files: files.map(({ url, gzipBytes }) => ({ url, gzipBytes }))
  };
}
