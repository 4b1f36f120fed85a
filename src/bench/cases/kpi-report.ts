import { existsSync } from "node:fs";
import { join } from "node:path";
import { addDays, isoWeek } from "../../calendar.ts";
import { ingestDirectory } from "../../ingest/ingest-directory.ts";
import { builtinPresets } from "../../ingest/presets/index.ts";
import { computeKpiReport, type KpiReport } from "../../metrics/kpi-report.ts";
import { dataSpan } from "../../metrics/data-span.ts";
import { parsePeriod, previousOf, yearAgoOf } from "../../metrics/grain.ts";
import { generateSample } from "../../sample/generate-sample.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import type { BenchCase } from "../bench-case.ts";
import { sampleUsers } from "../sample-cache.ts";

/**
 * The weekly KPI report with 环比 and 同比 (18 KPIs, three periods) on a year and a bit of sample
 * events, against one hand-written DuckDB query computing the same numbers: periods assigned with
 * CASE on literal timestamps instead of a join, as an analyst would write it for one week.
 */
export const kpiReportCase: BenchCase = {
  name: "kpi-report",
  goal: "≤ 1.5× hand-written DuckDB SQL",
  maxRatio: 1.5,
  async setup(ctx) {
    const dir = join(ctx.workDir, "year");
    const dbPath = join(dir, "ops.duckdb");
    if (!existsSync(dbPath)) {
      ctx.log("generating 380 days of sample exports for the KPI report case");
      generateSample({ outDir: join(dir, "exports"), users: sampleUsers(ctx.events), days: 380 });
      const loading = await openWarehouse({ dbPath, timezone: "Asia/Shanghai" });
      try {
        await ingestDirectory(loading.connection, { exportsDir: join(dir, "exports"), presets: builtinPresets });
      } finally {
        loading.close();
      }
    }
    const warehouse = await openWarehouse({ dbPath, timezone: "Asia/Shanghai", readOnly: true });
    const { connection } = warehouse;
    const { last } = await dataSpan(connection);
    if (!last) return { skip: "empty warehouse" };
    // The last full ISO week: a Monday-morning weekly report.
    const weekday = (new Date(last + "T00:00:00Z").getUTCDay() + 6) % 7; // 0 = Monday
    const week = isoWeek(weekday === 6 ? last : addDays(last, -weekday - 1));
    const current = parsePeriod("week", week);
    const previous = previousOf(current);
    const yearAgo = yearAgoOf(current);
    if (!yearAgo) return { skip: `${week} has no same week last year` };
    const report = await computeKpiReport(connection, { grain: "week", period: week, asOf: addDays(current.end, -1) });
    if (!report.compared.yearAgo) return { skip: "the sample does not reach back a year" };
    const handSql = handWritten([current, previous, yearAgo]);
    const [check] = (await connection.runAndReadAll(handSql)).getRowObjectsJS().filter((r) => r.period === "current");
    crossCheck(report, check as Record<string, unknown>);
    const [{ events }] = (await connection.runAndReadAll(`select count(*)::double as events from events`)).getRowObjectsJS() as { events: number }[];
    return {
      opsbook: { run: async () => void (await computeKpiReport(connection, { grain: "week", period: week, asOf: addDays(current.end, -1) })) },
      baselineName: "hand-written SQL",
      baseline: { run: async () => void (await connection.runAndReadAll(handSql)) },
      note: `${week} vs ${previous.label} and ${yearAgo.label}, ${events.toLocaleString("en-US")} events`
    };
  }
};

/** The benchmark is only fair if both sides compute the same numbers. */
function crossCheck(report: KpiReport, hand: Record<string, unknown>): void {
  for (const key of ["uv", "pv", "sessions", "new_users", "mau", "orders", "gmv"]) {
    const ours = report.kpis.find((k) => k.key === key)!.value;
    const theirs = Number(hand[key]);
    if (ours === null || Math.abs(ours - theirs) > 1e-6 * Math.max(1, Math.abs(theirs))) throw new Error(`kpi-report bench: ${key} differs, opsbook ${ours} vs hand-written ${theirs}`);
  }
}

function handWritten(periods: { label: string; start: string; end: string }[]): string {
  const names = ["current", "previous", "yearAgo"];
  const ts = (d: string) => `TIMESTAMPTZ '${d} 00:00:00+08'`;
  const caseOf = (column: string) => `case ${periods.map((p, i) => `when ${column} >= ${ts(p.start)} and ${column} < ${ts(p.end)} then '${names[i]}'`).join(" ")} end`;
  const within = (column: string) => periods.map((p) => `(${column} >= ${ts(p.start)} and ${column} < ${ts(p.end)})`).join(" or ");
  const views = `('浏览页面', '$pageview', 'page_view', '$AppViewScreen', '$MPViewScreen')`;
  return `with ev as (select ${caseOf("ts")} as period, user_id, event, ts, session_id from events where ${within("ts")}),
    t as (select period, count(distinct user_id) filter (where event in ${views}) as uv, count(*) filter (where event in ${views}) as pv,
            count(distinct user_id) as active from ev group by period),
    d as (select period, sum(n) / 7.0 as dau from (select period, ts::date, count(distinct user_id) as n from ev group by all) group by period),
    m as (select unnest([${names.map((n) => `'${n}'`).join(", ")}]) as period, unnest([${periods.map((p) => `count(distinct user_id) filter (where ts >= ${ts(addDays(p.end, -7))} and ts < ${ts(p.end)})`).join(", ")}]) as wau,
            unnest([${periods.map((p) => `count(distinct user_id) filter (where ts >= ${ts(addDays(p.end, -30))} and ts < ${ts(p.end)})`).join(", ")}]) as mau
          from events where ${periods.map((p) => `(ts >= ${ts(addDays(p.end, -30))} and ts < ${ts(p.end)})`).join(" or ")}),
    v as (select period, count(*) as sessions, count(*) filter (where n = 1) as bounces, sum(epoch(b) - epoch(a)) as secs from (
            select period, session_id, count(*) as n, min(ts) as a, max(ts) as b from ev where session_id is not null group by all
            union all
            select period, null, count(*), min(ts), max(ts) from (
              select period, user_id, ts, sum(gap) over (partition by period, user_id order by ts) as visit from (
                select period, user_id, ts, coalesce((ts - lag(ts) over (partition by period, user_id order by ts)) > interval 30 minute, true)::int as gap
                from ev where session_id is null)) group by period, user_id, visit) group by period),
    n as (select ${caseOf("first_ts")} as period, count(*) as new_users from (
            select user_id, min(f) as first_ts from (select user_id, first_seen as f from users where first_seen is not null union all select user_id, min(ts) from events group by user_id) group by user_id)
          where ${within("first_ts")} group by 1),
    o as (select period, sum(k) as orders, count(*) as payers, sum(amt)::double as gmv, count(*) filter (where k >= 2) as repeaters from (
            select ${caseOf("ts")} as period, user_id, count(*) as k, sum(amount) as amt from orders where status = 'paid' and (${within("ts")}) group by all) group by period)
    select period, uv, pv, new_users, dau, wau, mau, dau / nullif(mau, 0) as stickiness, sessions, bounces / nullif(sessions, 0) as bounce_rate,
      secs / nullif(sessions, 0) as avg_session_seconds, coalesce(payers, 0) / nullif(uv, 0) as conversion_rate, orders, payers, gmv,
      gmv / nullif(payers, 0) as aov, gmv / nullif(active, 0) as arpu, repeaters / nullif(payers, 0) as repurchase_rate
    from t left join d using (period) left join m using (period) left join v using (period) left join n using (period) left join o using (period)`;
}
