import { describe, expect, inject, it } from "vitest";
import { pageBudgetBytes } from "../../src/bench/cases/page-weight.ts";
import { pageWeight } from "../../src/site/page-weight.ts";
import { browserAvailable } from "./chromium.ts";

const site = inject("site");

describe.runIf(browserAvailable())("page weight", () => {
  it("a weekly report downloads at most 300 KB gzip-compressed, DuckDB-WASM excluded", async () => {
    const weight = await pageWeight(site.env.OPSBOOK_DIST, "/weekly/2026-W46");
    // It loaded the page, its modules and its data: not an empty measurement.
    expect(weight.files.some((f) => f.url.startsWith("/weekly/2026-W46"))).toBe(true);
    expect(weight.files.some((f) => /weekly-2026-W46\.[0-9a-f]+\.json$/.test(f.url))).toBe(true);
    expect(weight.gzipBytes, JSON.stringify(weight.files.slice(0, 8))).toBeLessThanOrEqual(pageBudgetBytes);
  });
});
