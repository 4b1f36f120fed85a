import type { DuckDBConnection } from "@duckdb/node-api";
import { timeColumns } from "../build/fingerprint.ts";
import { quoteIdent, quoteLiteral } from "../ingest/parse-sql.ts";
import { tables, type TableName } from "../warehouse/tables.ts";
import { queryRows } from "../warehouse/query-rows.ts";
import { round, say, type GateContext, type GateResult } from "./gate-result.ts";
import { recentDays } from "./recent-days.ts";

/**
 * An export whose column was renamed or dropped still loads, with that column empty. Compare each
 * optional column's share of empty values on the newest day with the days before it.
 */
export async function schemaDriftGate(connection: DuckDBConnection, table: string, limits: { maxNullRisePoints: number; trailingDays: number }, ctx: GateContext): Promise<GateResult> {
  const spec = tables[table as TableName];
  const time = quoteIdent(timeColumns[table]);
  const columns = spec.columns.filter((c) => !spec.key.includes(c) && c !== timeColumns[table]);
  if (!columns.length) return { gate: "schema-drift", table, status: "skip", message: "-", numbers: {} };
  const recent = await recentDays(connection, table, limits.trailingDays);
  const newest = recent ? `${quoteLiteral(recent.day)}::date` : "null";
  const shares = columns.map((c) => `avg(case when ${quoteIdent(c)} is null then 1.0 else 0.0 end) filter (where ${time}::date = ${newest}) as ${quoteIdent("new_" + c)},
      avg(case when ${quoteIdent(c)} is null then 1.0 else 0.0 end) filter (where ${time}::date < ${newest}) as ${quoteIdent("old_" + c)}`);
  const [row] = await queryRows(connection, { sql: `select ${shares.join(", ")} from ${quoteIdent(table)} where ${recent?.where ?? "false"}` });
  const drifted: string[] = [];
  const numbers: Record<string, number> = {};
  for (const c of columns) {
    const now = row?.[`new_${c}`];
    const before = row?.[`old_${c}`];
    if (typeof now !== "number" || typeof before !== "number") continue;
    const rise = round((now - before) * 100);
    numbers[c] = rise;
    if (rise > limits.maxNullRisePoints) drifted.push(`${c} ${round(before * 100)}% → ${round(now * 100)}%`);
  }
  return {
    gate: "schema-drift", table, status: drifted.length ? "fail" : "pass",
    message: drifted.length
      ? say(ctx.locale, `最新一天这些列的空值占比骤升（上限 ${limits.maxNullRisePoints} 个百分点），导出列名可能变了：${drifted.join("; ")}`, `empty share jumped on the newest day (limit ${limits.maxNullRisePoints} points); an export column may have been renamed: ${drifted.join("; ")}`)
      : say(ctx.locale, `${Object.keys(numbers).length} 列的空值占比稳定`, `empty share of ${Object.keys(numbers).length} columns is stable`),
    numbers
  };
}
