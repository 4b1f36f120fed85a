import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { judge, sideResult } from "../../src/bench/bench-result.ts";
import { resultsPage, resultsTable, type BenchReport } from "../../src/bench/results-page.ts";
import { selectLocale } from "../../src/markdown/locale-lines.ts";
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

  it("writes one page holding both languages, each a whole page with its own table", () => {
    const report: BenchReport = {
      events: 1000, seed: 1, repeats: 1, date: "2026-11-23T10:00:00.000Z", machine: { cpus: 2, memory_gib: 24, node: "20", platform: "linux-x64" }, sample: null,
      results: [{ case: "a", goal: "g", opsbook: sideResult([10], 0, 0), baseline_name: "b", baseline: sideResult([5], 0, 0), ratio: 2, status: "miss", miss_by: "2× > 1.5× allowed" }],
      note: { "zh-CN": "两次运行合并。", "en-US": "Two runs merged." }
    };
    const zh = selectLocale(resultsPage(report), "zh-CN");
    const en = selectLocale(resultsPage(report), "en-US");
    expect(zh).toMatch(/^# 性能基准$/m);
    expect(zh).toContain("两次运行合并。");
    expect(zh).not.toContain("Benchmarks");
    expect(en).toMatch(/^# Benchmarks$/m);
    expect(en).toContain("Two runs merged.");
    expect(en).toMatch(/^title: Benchmarks$/m);
    expect(en.replace(/^title: .*$/m, "")).not.toMatch(/[\u4e00-\u9fff]/);
    // Each table is contiguous (header, rule, one row) in its own language.
    expect(en).toMatch(/^\| Case \|.*\n\| --- .*\n\| a \| g \|.*❌ missed: 2× > 1\.5× allowed \|$/m);
    expect(zh).toMatch(/^\| 用例 \|.*\n\| --- .*\n\| a \| g \|.*❌ 未达标: 2× > 1\.5× allowed \|$/m);
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
