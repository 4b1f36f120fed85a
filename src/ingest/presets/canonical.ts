import type { Preset } from "../preset.ts";
import type { ParseKind } from "../parse-sql.ts";
import { tables, type TableName } from "../../warehouse/tables.ts";
import { orderStatus } from "./order-status.ts";

const kinds: Record<string, ParseKind> = {
  ts: "timestamp", paid_at: "timestamp", first_seen: "timestamp", assigned_at: "timestamp",
  date: "date", start_date: "date", end_date: "date",
  amount: "money", cost: "money", budget: "money",
  impressions: "integer", clicks: "integer", conversions: "integer", views: "integer", likes: "integer",
  shares: "integer", comments: "integer", saves: "integer", followers_gained: "integer",
  pv: "integer", uv: "integer", visits: "integer", bounce_rate: "number", avg_visit_seconds: "number",
  value: "number", intended_share: "number", properties: "json", attributes: "json", targets: "json"
};
Object.assign(kinds, { sent_at: "timestamp", score: "integer", satisfaction: "integer" });

/** Files already in the warehouse's own English column names, one preset per table. */
export const canonicalPresets: Preset[] = (Object.keys(tables) as TableName[]).map((table) => ({
  name: `canonical-${table}`,
  label: `标准格式 ${table}`,
  table,
  fileName: `^${table}`,
  columns: Object.fromEntries(
    tables[table].columns.map((column) => [
      column,
      {
        from: [column],
        parse: kinds[column] ?? "text",
        required: tables[table].key.includes(column) && column !== "properties" && column !== "campaign_id" && column !== "page",
        ...(table === "orders" && column === "status" ? { values: orderStatus } : {})
      }
    ])
  ),
  ...(table === "events" ? { rest: "properties" } : {})
}));
