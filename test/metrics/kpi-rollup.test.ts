import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { localDateSql, localTime } from "../../src/metrics/calendar-index.ts";
import { Params } from "../../src/metrics/event-filter.ts";
import { namedKpiRows } from "../../src/metrics/kpi-report.ts";
import { kpiRollupQueries, type KpiRollup } from "../../src/metrics/kpi-rollup.ts";
import { kpiSeries } from "../../src/metrics/kpi-series.ts";
import type { Grain } from "../../src/metrics/grain.ts";
import { openWarehouse, type Warehouse } from "../../src/warehouse/open-warehouse.ts";
import { queryRows, type Row } from "../../src/warehouse/query-rows.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

/** The rollups as a build stores them: temp tables over all events, local days by the session's zone. */
async function rollupTables(connection: DuckDBConnection, zone = "Asia/Shanghai"): Promise<KpiRollup> {
  const params = new Params();
  const local = localTime(params, zone);
  const names: KpiRollup = { userDays: "t_user_days", steps: "t_steps", sessionParts: "t_session_parts" };
  const queries = kpiRollupQueries((column) => localDateSql(column, local), params.values, names);
  for (const key of ["userDays", "steps", "sessionParts"] as const) {
    await connection.run(`create or replace temp table ${names[key]} as ${queries[key].sql}`, queries[key].params as Record<string, string> | undefined);
  }
  return names;
}

/** { period: { key: value } } of a kpiSeries result. */
function byPeriod(rows: Row[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of rows) (out[String(r.start)] ??= {})[String(r.key)] = r.value;
  return out;
}

/*
 * Sessions and 30-minute visits that cross midnight (Shanghai). W47 = Mon 11-16 … Sun 11-22, W48 from Mon 11-23.
 * - s1 (session id, u1): 11-17 23:50, 11-18 00:05, 00:20 → one session of 3 events, 30 min, in W47 and November;
 *   in days, 11-17 has a bounce and 11-18 a 2-event session of 15 min.
 * - u2 (no session id): 11-19 23:45, 11-20 00:10 (25 min later: same visit, 25 min), 00:50 (40 min: a new visit).
 * - u3 (no session id): Sun 11-22 23:50, Mon 11-23 00:05: two weeks, so a bounce in each; one 15-minute visit in November.
 * - u4 (no session id): 11-18 10:00, 10:29:59 (one visit, 1799 s), 10:59:59 (exactly 30 min: a new visit).
 * - s2 (session id, u5): Sun 11-22 23:55, Mon 11-23 00:01: a bounce in each week; one 6-minute session in November.
 * By hand, W47: 7 sessions (s1 3, u2 2+1, u3 1, u4 2+1, s2 1), 4 bounces, 1800 + 1500 + 1799 = 5099 s.
 * W48: 2 sessions, 2 bounces, 0 s. November: u3's two and s2's two join: 7 sessions, 2 bounces, 5099 + 900 + 360 = 6359 s.
 */
async function midnightFixture() {
  const w = await memoryWarehouse();
  await w.connection.run(`insert into events (user_id, event, ts, session_id) values
    ('u1', '浏览页面', '2026-11-17 23:50:00+08', 's1'), ('u1', '浏览页面', '2026-11-18 00:05:00+08', 's1'), ('u1', '浏览页面', '2026-11-18 00:20:00+08', 's1'),
    ('u2', '浏览页面', '2026-11-19 23:45:00+08', null), ('u2', '浏览页面', '2026-11-20 00:10:00+08', null), ('u2', '浏览页面', '2026-11-20 00:50:00+08', null),
    ('u3', '浏览页面', '2026-11-22 23:50:00+08', null), ('u3', '浏览页面', '2026-11-23 00:05:00+08', null),
    ('u4', '浏览页面', '2026-11-18 10:00:00+08', null), ('u4', '浏览页面', '2026-11-18 10:29:59+08', null), ('u4', '浏览页面', '2026-11-18 10:59:59+08', null),
    ('u5', '浏览页面', '2026-11-22 23:55:00+08', 's2'), ('u5', '浏览页面', '2026-11-23 00:01:00+08', 's2')`);
  return w;
}

const sessionKpis = (p: Record<string, unknown>) => ({ sessions: p.sessions, bounce_rate: p.bounce_rate, avg_session_seconds: p.avg_session_seconds });

describe("KPIs from the per-day rollups", () => {
  for (const path of ["inline", "rollup tables"] as const) {
    it(`joins sessions and visits across midnight inside a period, not across its boundary (${path})`, async () => {
      const w = await midnightFixture();
      const rollup = path === "inline" ? undefined : await rollupTables(w.connection);
      const series = async (grain: Grain) => byPeriod(await w.rows(kpiSeries({ grain, start: "2026-11-16", end: "2026-12-01", timezone: "Asia/Shanghai", rollup })));
      const weeks = await series("week");
      expect(sessionKpis(weeks["2026-11-16"])).toEqual({ sessions: 7, bounce_rate: 4 / 7, avg_session_seconds: 5099 / 7 });
      expect(sessionKpis(weeks["2026-11-23"])).toEqual({ sessions: 2, bounce_rate: 1, avg_session_seconds: 0 });
      const months = await series("month");
      expect(sessionKpis(months["2026-11-01"])).toEqual({ sessions: 7, bounce_rate: 2 / 7, avg_session_seconds: 6359 / 7 });
      const days = await series("day");
      expect(sessionKpis(days["2026-11-17"])).toEqual({ sessions: 1, bounce_rate: 1, avg_session_seconds: 0 });
      expect(sessionKpis(days["2026-11-18"])).toEqual({ sessions: 3, bounce_rate: 1 / 3, avg_session_seconds: (900 + 1799) / 3 });
      expect(sessionKpis(days["2026-11-20"])).toEqual({ sessions: 2, bounce_rate: 1, avg_session_seconds: 0 });
      expect(sessionKpis(days["2026-11-22"])).toEqual({ sessions: 2, bounce_rate: 1, avg_session_seconds: 0 });
      expect(days["2026-11-21"]).toMatchObject({ sessions: 0, uv: 0, pv: 0 });
      // Named ranges (a KPI report's current and previous period) read the same rollups: 11-19 … 11-22 holds u2's two
      // visits (one across midnight), u3's bounce and s2's first part; 11-16 … 11-18 s1 and u4's two.
      const named = await namedKpiRows(w.connection, undefined, rollup)([["current", { start: "2026-11-19", end: "2026-11-23" }], ["previous", { start: "2026-11-16", end: "2026-11-19" }]]);
      expect(sessionKpis(named.find((r) => r.period === "current")!)).toEqual({ sessions: 4, bounce_rate: 3 / 4, avg_session_seconds: 1500 / 4 });
      expect(sessionKpis(named.find((r) => r.period === "previous")!)).toEqual({ sessions: 3, bounce_rate: 1 / 3, avg_session_seconds: (1800 + 1799) / 3 });
      // Users: W47 has u1…u5 on 0 + 1 + 2 + 1 + 1 + 0 + 2 (Mon…Sun) user-days; the 7 days before W48's end
      // (11-23 … 11-29) hold u3 and u5, the 30 days all five.
      expect(weeks["2026-11-16"]).toMatchObject({ uv: 5, pv: 11, dau: 7 / 7 });
      expect(weeks["2026-11-23"]).toMatchObject({ uv: 2, pv: 2, wau: 2, mau: 5 });
      w.close();
    });
  }
});

/* The build's path (rollup tables) against the CLI's (CTEs over the scan) on the test site's sample. */
describe("rollup tables and inline rollups on the sample", () => {
  const site = inject("site");
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse({ dbPath: site.env.OPSBOOK_DB, timezone: "Asia/Shanghai", readOnly: true });
  });
  afterAll(() => warehouse.close());

  it("gives the same series at every grain and the same named-range rows", async () => {
    const connection = warehouse.connection;
    const rollup = await rollupTables(connection);
    const [span] = await queryRows(connection, { sql: "select min(ts)::date::varchar as first, max(ts)::date::varchar as last from events" });
    const start = String(span.first);
    const end = String(span.last);
    for (const grain of ["day", "week", "month", "quarter"] as const) {
      const request = { grain, start, end, timezone: "Asia/Shanghai" };
      const inline = await queryRows(connection, kpiSeries(request));
      expect(inline.length, grain).toBeGreaterThan(20);
      expect(await queryRows(connection, kpiSeries({ ...request, rollup })), grain).toEqual(inline);
    }
    const mid = new Date(Date.parse(start) + (Date.parse(end) - Date.parse(start)) / 2).toISOString().slice(0, 10);
    const ranges: [string, { start: string; end: string }][] = [["current", { start: mid, end }], ["previous", { start, end: mid }]];
    const inline = await namedKpiRows(connection)(ranges);
    expect(inline.find((r) => r.period === "current")!.sessions).toBeGreaterThan(0);
    expect(await namedKpiRows(connection, undefined, rollup)(ranges)).toEqual(inline);
  }, 120_000);
});
