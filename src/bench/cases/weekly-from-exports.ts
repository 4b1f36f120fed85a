import { mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ingestDirectory } from "../../ingest/ingest-directory.ts";
import { builtinPresets } from "../../ingest/presets/index.ts";
import { weekPeriod, type Period } from "../../metrics/period.ts";
import { addDays, isoWeek, isoWeekday } from "../../calendar.ts";
import { weeklyKpis } from "../../metrics/weekly-kpis.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { queryRows, type Row } from "../../warehouse/query-rows.ts";
import type { BenchCase } from "../bench-case.ts";
import { pandasVersion, python } from "../support/pandas.ts";
import { spawnChecked } from "../support/spawn-checked.ts";

const script = fileURLToPath(new URL("../support/pandas-weekly.py", import.meta.url));

/**
 * The whole path from a year of raw exports to one week's UV, paid orders and GMV: Opsbook ingests
 * the event and order exports into a fresh warehouse and runs the weekly KPI metric; the baseline
 * is the pandas notebook doing the same (read_csv every month, filter, nunique, sum). Both answers
 * must agree, so neither side can win by computing something easier.
 */
export const weeklyFromExportsCase: BenchCase = {
  name: "weekly-from-exports",
  goal: "exports → one week's KPIs, vs pandas (recorded; issue 5 asks ≥ 4× faster than pandas end to end)",
  async setup(ctx) {
    const pandas = pandasVersion();
    if ("missing" in pandas) return { skip: pandas.missing };
    const exportsDir = await ctx.exportsDir();
    // Only the files pandas reads, so both sides load the same bytes.
    const subset = join(ctx.workDir, "exports");
    mkdirSync(subset, { recursive: true });
    for (const name of readdirSync(exportsDir)) {
      if (/^(神策_events_|订单导出_)/.test(name)) symlinkSync(join(exportsDir, name), join(subset, name));
    }
    // The reference answer comes from a warehouse of exactly these files, loaded once (the full
    // sample also has GrowingIO mini-program events, which pandas does not read); each side must
    // reproduce it, so neither can win by computing something easier.
    const referenceDb = join(ctx.workDir, "reference.duckdb");
    rmSync(referenceDb, { force: true });
    rmSync(`${referenceDb}.wal`, { force: true });
    const warehouse = await openWarehouse({ dbPath: referenceDb, timezone: "Asia/Shanghai" });
    await ingestDirectory(warehouse.connection, { exportsDir: subset, presets: builtinPresets });
    let period: Period;
    let expected: Answer;
    try {
      const [range] = await queryRows(warehouse.connection, { sql: "select max(ts)::date::varchar as last_day from events" });
      const lastDay = String(range.last_day);
      // The last complete ISO week: the one ending on the Sunday on or before the last day.
      period = weekPeriod(isoWeek(addDays(lastDay, -(isoWeekday(lastDay) % 7))));
      expected = answer((await queryRows(warehouse.connection, weeklyKpis(period)))[0]);
    } finally {
      warehouse.close();
    }
    const check = (side: string, got: Answer) => {
      if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`${side} answered ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    };
    const db = join(ctx.workDir, "ops.duckdb");
    return {
      note: `week ${period.start}, answers checked`,
      opsbook: {
        async run() {
          rmSync(db, { force: true });
          rmSync(`${db}.wal`, { force: true });
          const fresh = await openWarehouse({ dbPath: db, timezone: "Asia/Shanghai" });
          try {
            await ingestDirectory(fresh.connection, { exportsDir: subset, presets: builtinPresets });
            check("Opsbook", answer((await queryRows(fresh.connection, weeklyKpis(period)))[0]));
          } finally {
            fresh.close();
          }
        }
      },
      baselineName: `pandas ${pandas.version}`,
      baseline: {
        async run() {
          check("pandas", JSON.parse(await spawnChecked(python, [script, subset, period.start, period.end], { cwd: ctx.workDir })));
        }
      }
    };
  }
};

interface Answer {
  uv: number;
  orders: number;
  gmv: number;
}

const answer = (row: Row): Answer => ({ uv: Number(row.uv), orders: Number(row.orders), gmv: Math.round(Number(row.gmv) * 100) / 100 });
