import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "opsbook-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The harness as `npm run bench` runs it, in a child process. */
function bench(args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/bench/run-bench.ts", ...args], {
    cwd: projectRoot,
    env: { ...process.env, CI: "true" },
    encoding: "utf8",
    timeout: 900_000
  });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

// The smoke run checks the shape of what the harness writes, never the timings.
describe("npm run bench (smoke run at 100,000 events)", () => {
  const cases = ["weekly-kpis", "weekly-from-exports"];
  const out = join(dir, "out");
  let run: ReturnType<typeof bench>;

  it("runs the named cases on a cached sample and writes JSON and a page", { timeout: 900_000 }, () => {
    run = bench(["--events", "100000", "--repeats", "2", "--only", cases.join(","), "--cache", join(dir, "cache"), "--out", out]);
    const report = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(report).toMatchObject({ events: 100_000, repeats: 2, seed: 20261119 });
    // The sample is sized by a measured users-per-event rate: within a third of the request.
    expect(report.sample.events).toBeGreaterThan(66_000);
    expect(report.sample.events).toBeLessThan(133_000);
    expect(report.sample.sample_ms).toBeGreaterThan(0);
    expect(report.results.map((r: { case: string }) => r.case)).toEqual(cases);
    for (const r of report.results) {
      expect(["ok", "miss", "skipped"]).toContain(r.status);
      if (r.status === "skipped") continue;
      for (const side of [r.opsbook, r.baseline]) {
        expect(side.runs).toBe(2);
        expect(side.min_ms).toBeLessThanOrEqual(side.median_ms);
        expect(side.median_ms).toBeLessThanOrEqual(side.max_ms);
        expect(side.peak_rss_mb).toBeGreaterThan(0);
        expect(side.peak_tree_rss_mb).toBeGreaterThanOrEqual(side.peak_rss_mb);
      }
      // The ratio, recomputed from the two medians.
      expect(r.ratio).toBeCloseTo(r.opsbook.median_ms / r.baseline.median_ms, 1);
      expect(r.status === "miss").toBe(Boolean(r.miss_by));
    }
    // Exit 1 exactly when a case missed its goal, with a line saying by how much.
    const misses = report.results.filter((r: { status: string }) => r.status === "miss");
    expect(run.code).toBe(misses.length ? 1 : 0);
    for (const m of misses) expect(run.stderr).toContain(`bench: ${m.case} missed its goal`);
  });

  it("prints the table and renders it as an Opsbook page", () => {
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^\| 用例 \| 目标 \|/);
    expect(lines).toHaveLength(2 + cases.length);
    const page = readFileSync(join(out, "benchmarks.md"), "utf8");
    expect(page).toMatch(/^---\ntitle: 性能基准\n/);
    expect(page).toContain('<div class="grid grid-cols-4">');
    for (const name of cases) expect(page).toContain(`| ${name} |`);
    expect(page).toContain("npm run bench -- --events 100000 --seed 20261119 --repeats 2");
  });

  it("reuses the cached sample on the next run", { timeout: 900_000 }, () => {
    const again = bench(["--events", "100000", "--repeats", "1", "--only", "weekly-kpis", "--cache", join(dir, "cache"), "--out", out]);
    expect(again.stderr).toContain("(cached)");
    expect(JSON.parse(readFileSync(join(out, "results.json"), "utf8")).sample).toMatchObject({ sample_ms: null, ingest_ms: null });
  });

  it("rejects unknown cases and bad numbers with the list of cases", () => {
    const unknown = bench(["--only", "weekly-kpis,nope", "--out", join(dir, "never")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no case named "nope"; cases: ');
    expect(unknown.stderr).toMatch(/cases: .*weekly-kpis/);
    const bad = bench(["--events", "lots"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--events must be a positive whole number, got "lots"');
    expect(existsSync(join(dir, "never"))).toBe(false);
  });
});
