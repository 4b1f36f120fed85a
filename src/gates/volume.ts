import type { DuckDBConnection } from "@duckdb/node-api";
import { timeColumns } from "../build/fingerprint.ts";
import { quoteIdent, quoteLiteral } from "../ingest/parse-sql.ts";
import { queryRows } from "../warehouse/query-rows.ts";
import { round, say, type GateContext, type GateResult } from "./gate-result.ts";
import { recentDays } from "./recent-days.ts";

/**
 * The newest day's rows against the median of the days before it (empty days count as 0): a
 * half-exported file shows up as a day that suddenly has far fewer rows.
 */
export async function volumeGate(connection: DuckDBConnection, table: string, limits: { dropPercent: number; trailingDays: number; minMedianRows: number }, ctx: GateContext): Promise<GateResult> {
  const recent = await recentDays(connection, table, limits.trailingDays);
  if (!recent) return { gate: "volume", table, status: "skip", message: say(ctx.locale, "表中没有数据", "the table is empty"), numbers: {} };
  const { day } = recent;
  const newest = `${quoteLiteral(day)}::date`;
  const [row] = await queryRows(connection, {
    sql: `with days as (select ${quoteIdent(timeColumns[table])}::date as day, count(*) as n from ${quoteIdent(table)} where ${recent.where} group by day),
      before_newest as (
        select coalesce(d.n, 0) as n
        from generate_series(${newest} - $trailing::integer, ${newest} - 1, interval 1 day) g(day)
        left join days d on d.day = g.day::date
      )
      select (select n from days where day = ${newest}) as rows, (select median(n) from before_newest)::double as median`,
    params: { trailing: limits.trailingDays }
  });
  const rows = Number(row.rows);
  const median = Number(row.median);
  const numbers = { day, rows, median, dropPercent: null as number | null, maxDropPercent: limits.dropPercent };
  if (median < limits.minMedianRows) {
    return { gate: "volume", table, status: "skip", message: say(ctx.locale, `前 ${limits.trailingDays} 天中位数仅 ${median} 行，少于 ${limits.minMedianRows} 行，不判断`, `trailing ${limits.trailingDays}-day median is ${median} rows, under ${limits.minMedianRows}: not judged`), numbers };
  }
  const drop = round(((median - rows) / median) * 100);
  numbers.dropPercent = drop;
  return {
    gate: "volume", table, status: drop > limits.dropPercent ? "fail" : "pass",
    message: say(ctx.locale,
      `${day} 有 ${rows} 行，前 ${limits.trailingDays} 天中位数 ${median} 行，${drop > 0 ? `下降 ${drop}%` : "未下降"}（上限 ${limits.dropPercent}%）`,
      `${day} has ${rows} rows vs a trailing ${limits.trailingDays}-day median of ${median}: ${drop > 0 ? `down ${drop}%` : "no drop"} (limit ${limits.dropPercent}%)`),
    numbers
  };
}
