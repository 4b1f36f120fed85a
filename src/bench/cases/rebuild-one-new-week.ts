import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { addDays } from "../../calendar.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import type { BenchCase, BenchContext } from "../bench-case.ts";

/**
 * The weekly cron: a week of new events arrives and `opsbook build` ingests it and rebuilds what it
 * changed (closed weeks come from their snapshots, loader outputs over unchanged tables are
 * reused). Baseline: a full build (`--force`) of the same warehouse in the same run; the ratio
 * says how much of a full build the incremental one saves. Each repeat
 * adds the next week, as successive Mondays would: week k copies the sample's last 7 days of
 * events k × 7 days later, and the build runs as of the morning after it.
 */
export const rebuildOneNewWeekCase: BenchCase = {
  name: "rebuild-one-new-week",
  // The issues set no goal of its own; a build with new data must at least fit the full build's.
  goal: "≤ 60 s (issue 9's full-build budget, at 10M events)",
  maxMs: 60_000,
  async setup(ctx) {
    const project = await newProject(ctx);
    let week = 0;
    if (ctx.side === "baseline") {
      // The warehouse the Opsbook side's first repeat builds: the sample plus its first new week.
      await project.addWeek(1);
      project.cli(["ingest"]);
      return {
        opsbook: { run: async () => {} },
        baselineName: "full build (--force) of the same warehouse",
        baseline: { run: async () => void project.build(["--force", "--no-ingest"], 1) }
      };
    }
    ctx.log("first build of the bench site");
    project.build([], 0);
    return {
      baselineName: "full build (--force) of the same warehouse",
      opsbook: {
        async run() {
          week += 1;
          await project.addWeek(week);
          const out = project.build([], week);
          if (!/site ready/.test(out)) throw new Error(`expected a rebuild after week ${week}, got:\n${out}`);
        }
      }
    };
  }
};

async function newProject(ctx: BenchContext) {
  const dir = join(ctx.workDir, "project");
  const exportsDir = join(dir, "exports");
  mkdirSync(exportsDir, { recursive: true });
  // The sample's exports by link: same names, sizes and times, so ingest knows them all as loaded.
  const source = await ctx.exportsDir();
  for (const name of readdirSync(source)) symlinkSync(join(source, name), join(exportsDir, name));
  const db = join(dir, "ops.duckdb");
  copyFileSync(await ctx.warehousePath(), db);
  const env = { ...process.env, OPSBOOK_EXPORTS: exportsDir, OPSBOOK_DB: db, OPSBOOK_DIST: join(dir, "dist"), OPSBOOK_SNAPSHOTS: join(dir, "snapshots") };
  const w = await openWarehouse({ dbPath: db, timezone: "Asia/Shanghai", readOnly: true });
  const [range] = await queryRows(w.connection, { sql: `select max(ts)::date::varchar as last_day from events` });
  w.close();
  const lastDay = String(range.last_day);
  return {
    /** Week k: the last sample week's events, k × 7 days later, as a canonical events export. */
    async addWeek(k: number) {
      const file = join(exportsDir, `events_new_week_${k}.csv`);
      const source = await openWarehouse({ dbPath: ":memory:", timezone: "Asia/Shanghai" });
      try {
        await source.connection.run(`attach '${db.replace(/'/g, "''")}' as wh (read_only)`);
        await source.connection.run(`copy (select user_id, event, ts + interval (${7 * k}) day as ts, channel, page from wh.events
          where ts >= '${addDays(lastDay, -6)}'::timestamptz order by ts) to '${file.replace(/'/g, "''")}' (header, delimiter ',')`);
      } finally {
        source.close();
      }
    },
    cli(args: string[]): string {
      const r = spawnSync(process.execPath, ["bin/opsbook.mjs", ...args], { cwd: ctx.root, env, encoding: "utf8", maxBuffer: 64 << 20 });
      if (r.status !== 0) throw new Error(`opsbook ${args.join(" ")} failed:\n${r.stderr}`);
      return r.stdout;
    },
    /** `opsbook build` as of 08:00 the morning after week k's last day. */
    build(args: string[], k: number): string {
      return this.cli(["build", "--now", `${addDays(lastDay, 7 * k + 1)}T08:00+08:00`, ...args]);
    }
  };
}
