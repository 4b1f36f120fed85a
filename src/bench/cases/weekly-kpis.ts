import { queryRows } from "../../warehouse/query-rows.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { weeklyKpis } from "../../metrics/weekly-kpis.ts";
import { weekPeriod } from "../../metrics/period.ts";
import { eventNames, sqlList } from "../../metrics/event-names.ts";
import type { BenchCase } from "../bench-case.ts";

/** The weekly headline KPIs versus the same numbers written by hand in DuckDB SQL. */
export const weeklyKpisCase: BenchCase = {
  name: "weekly-kpis",
  goal: "≤ 1.5× hand-written DuckDB SQL",
  maxRatio: 1.5,
  async setup(ctx) {
    const warehouse = await openWarehouse({ dbPath: await ctx.warehousePath(), timezone: "Asia/Shanghai", readOnly: true });
    const period = weekPeriod("2026-W46");
    return {
      opsbook: { run: async () => void (await queryRows(warehouse.connection, weeklyKpis(period))) },
      baselineName: "hand-written SQL",
      baseline: {
        run: async () => {
          // The same figures as the metric (UV over every page-view name, paid orders, payers,
          // GMV, both weeks), written as an analyst would for one week: literal bounds.
          const views = sqlList(eventNames.pageView);
          await warehouse.connection.runAndReadAll(`
            select (select count(distinct user_id) from events where event in ${views} and ts >= '2026-11-09'::timestamptz and ts < '2026-11-16'::timestamptz),
                   (select count(distinct user_id) from events where event in ${views} and ts >= '2026-11-02'::timestamptz and ts < '2026-11-09'::timestamptz),
                   (select [count(*), count(distinct user_id), sum(amount)] from orders where status = 'paid' and ts >= '2026-11-09'::timestamptz and ts < '2026-11-16'::timestamptz),
                   (select [count(*), count(distinct user_id), sum(amount)] from orders where status = 'paid' and ts >= '2026-11-02'::timestamptz and ts < '2026-11-09'::timestamptz)`);
        }
      }
    };
  }
};
