import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../warehouse/query-rows.ts";
import { round, say, type GateContext, type GateResult } from "./gate-result.ts";

/** Rows ingest rejected, as a share of the rows read from the table's files loaded since the last publication. */
export async function rejectedRowsGate(connection: DuckDBConnection, table: string, maxPercent: number, ctx: GateContext): Promise<GateResult> {
  const [row] = await queryRows(connection, {
    sql: `select count(*) as files, coalesce(sum(rows_loaded), 0) as loaded, coalesce(sum(rows_rejected), 0) as rejected,
        string_agg(case when rows_rejected > 0 then file || ' (' || rows_rejected || ')' end, ', ' order by file) as worst
      from ingest_log where table_name = $table and ($since::timestamptz is null or loaded_at > $since::timestamptz)`,
    params: { table, since: ctx.since?.toISOString() ?? null }
  });
  const loaded = Number(row?.loaded ?? 0);
  const rejected = Number(row?.rejected ?? 0);
  const files = Number(row?.files ?? 0);
  if (files === 0) return { gate: "rejected-rows", table, status: "skip", message: say(ctx.locale, "上次发布后没有新加载的文件", "no files loaded since the last publication"), numbers: { files } };
  const percent = loaded + rejected ? round((rejected / (loaded + rejected)) * 100, 2) : 0;
  return {
    gate: "rejected-rows", table, status: percent > maxPercent ? "fail" : "pass",
    message: say(ctx.locale,
      `${files} 个文件读入 ${loaded + rejected} 行，拒收 ${rejected} 行（${percent}%，上限 ${maxPercent}%）${row?.worst ? `：${row.worst}；明细见 rejects 表` : ""}`,
      `${files} file(s), ${loaded + rejected} rows read, ${rejected} rejected (${percent}%, limit ${maxPercent}%)${row?.worst ? `: ${row.worst}; see table rejects` : ""}`),
    numbers: { files, loaded, rejected, percent, maxPercent }
  };
}
