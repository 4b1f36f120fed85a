import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { judge, sideResult } from "../../src/bench/bench-result.ts";
import { resultsTable } from "../../src/bench/results-page.ts";
import { treeRssBytes } from "../../src/bench/tree-rss.ts";

describe("benchmark results", () => {
  it("takes the median of an even number of runs as the mean of the middle two", () => {
    // sorted 1, 2, 3, 4 → (2 + 3) / 2 = 2.5; min 1, max 4
    const side = sideResult([4, 1, 3, 2], 2048, 0);
    expect(side).toMatchObject({ median_ms: 2.5, min_ms: 1, max_ms: 4, runs: 4, peak_rss_mb: 2, peak_tree_rss_mb: 2 });
  });

  it("says by how much a ratio goal is missed", () => {
    // 238 / 100 = 2.38×; 2.38 / 1.5 = 1.587 → 59 % over
    const verdict = judge({ maxRatio: 1.5 }, sideResult([238], 0, 0), sideResult([100], 0, 0));
    expect(verdict).toEqual({ ratio: 2.38, status: "miss", miss_by: "2.38× > 1.5× allowed, 59 % over" });
  });

  it("says by how much a time budget is missed, and passes within it", () => {
    // 75 s against 60 s: 15 s over
    expect(judge({ maxMs: 60_000 }, sideResult([75_000], 0, 0), null)).toEqual({ ratio: null, status: "miss", miss_by: "75 s > 60 s budget, 15 s over" });
    expect(judge({ maxMs: 60_000, maxRatio: 2 }, sideResult([59_000], 0, 0), sideResult([30_000], 0, 0))).toEqual({ ratio: 1.97, status: "ok" });
  });

  it("keeps notes with pipes and ${…} from breaking the Markdown page", () => {
    const table = resultsTable([{ case: "x", goal: "a | b", opsbook: null, baseline_name: null, baseline: null, ratio: null, status: "skipped", note: "costs ${price}" }], "en-US");
    const row = table.split("\n")[2];
    expect(row).toContain("a \\| b");
    expect(row).not.toContain("${");
    // 8 columns → 9 unescaped pipes
    expect(row.replace(/\\\|/g, "").split("|").length - 1).toBe(9);
  });

  it("counts the memory of subprocesses in the process tree", async () => {
    // A child holding 300 MB of touched memory must show up in this process's tree.
    const child = spawn(process.execPath, ["-e", "const b = Buffer.alloc(300 * 2 ** 20, 1); console.log('ready'); setTimeout(() => b, 60_000)"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
      expect(treeRssBytes(process.pid) - process.memoryUsage().rss).toBeGreaterThan(280 * 2 ** 20);
    } finally {
      child.kill();
    }
  });
});
