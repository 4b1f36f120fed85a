import type { DuckDBConnection } from "@duckdb/node-api";
import { timeColumns } from "../build/fingerprint.ts";
import { quoteIdent } from "../ingest/parse-sql.ts";
import { queryRows } from "../warehouse/query-rows.ts";
import { round, say, type GateContext, type GateResult } from "./gate-result.ts";

/** The newest row may be at most N hours old; a day-keyed row counts as of the end of its day. */
export async function freshnessGate(connection: DuckDBConnection, table: string, maxHours: number, ctx: GateContext): Promise<GateResult> {
  const column = quoteIdent(timeColumns[table]);
  const newestSql = table === "events" || table === "orders" ? `max(${column})` : `(max(${column}) + 1)::timestamptz`;
  const [row] = await queryRows(connection, { sql: `select ${newestSql} as newest from ${quoteIdent(table)}` });
  return freshnessVerdict(table, row?.newest ? new Date(String(row.newest)) : null, maxHours, ctx);
}

/** The clock's half of the gate: the newest row is a fact of the warehouse, its age depends on --now. */
export function freshnessVerdict(table: string, newest: Date | null, maxHours: number, ctx: GateContext): GateResult {
  if (!newest) return { gate: "freshness", table, status: "fail", message: say(ctx.locale, "表中没有数据", "the table is empty"), numbers: { newest: null, maxHours } };
  const hours = round((ctx.now.getTime() - newest.getTime()) / 3_600_000);
  const status = hours > maxHours ? "fail" : "pass";
  return {
    gate: "freshness", table, status,
    message: say(ctx.locale, `最新数据 ${newest.toISOString()}，距今 ${hours} 小时（上限 ${maxHours} 小时）`, `newest row ${newest.toISOString()}, ${hours} h old (limit ${maxHours} h)`),
    numbers: { newest: newest.toISOString(), hours, maxHours }
  };
}
