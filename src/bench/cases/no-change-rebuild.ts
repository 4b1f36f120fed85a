import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchCase } from "../bench-case.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * `opsbook build` when nothing changed (the daily cron on a day without new exports) versus a full
 * build of the same site (`--force`: every loader reruns, every page renders), both through the CLI.
 */
export const noChangeRebuildCase: BenchCase = {
  name: "no-change-rebuild",
  goal: "≤ 3 s and ≤ 0.2× a full build",
  maxRatio: 0.2,
  async setup(ctx) {
    const dir = join(ctx.workDir, "build-case");
    const env = { ...process.env, OPSBOOK_EXPORTS: await ctx.exportsDir(), OPSBOOK_DB: join(dir, "ops.duckdb"), OPSBOOK_DIST: join(dir, "dist"), OPSBOOK_SNAPSHOTS: join(dir, "snapshots") };
    // Closed weeks are judged against a fixed clock so every run sees the same site.
    const build = (...args: string[]) => {
      const r = spawnSync(process.execPath, ["bin/opsbook.mjs", "build", "--now", "2026-11-20T08:00+08:00", ...args], { cwd: root, env, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`opsbook build ${args.join(" ")} failed:\n${r.stderr}`);
      return r.stdout;
    };
    ctx.log("first build of the bench site");
    build();
    return {
      opsbook: { run: async () => void (build().includes("is up to date") || ctx.log("expected an unchanged build")) },
      baselineName: "full build (--force)",
      baseline: { run: async () => void build("--force", "--no-ingest") }
    };
  }
};
