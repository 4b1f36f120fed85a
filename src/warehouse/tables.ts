/** How each canonical table de-duplicates overlapping re-exports. */
export interface TableSpec {
  /** Columns that identify the same fact in two exports. */
  key: string[];
  /** "replace": the newest export wins (an order's status changes); "keep": the first copy stays (an event is immutable). */
  onConflict: "replace" | "keep";
  columns: string[];
}

export const tables = {
  events: { key: ["user_id", "event", "ts", "properties"], onConflict: "keep", columns: ["user_id", "event", "ts", "session_id", "platform", "channel", "page", "properties"] },
  users: { key: ["user_id"], onConflict: "replace", columns: ["user_id", "first_seen", "channel", "platform", "region", "attributes"] },
  orders: { key: ["order_id"], onConflict: "replace", columns: ["order_id", "user_id", "ts", "paid_at", "amount", "status", "channel", "campaign_id"] },
  spend: { key: ["date", "channel", "campaign_id"], onConflict: "replace", columns: ["date", "channel", "campaign_id", "impressions", "clicks", "cost", "conversions"] },
  content: { key: ["date", "platform", "content_id"], onConflict: "replace", columns: ["date", "platform", "content_id", "title", "type", "views", "likes", "shares", "comments", "saves", "followers_gained"] },
  campaigns: { key: ["campaign_id"], onConflict: "replace", columns: ["campaign_id", "name", "type", "start_date", "end_date", "budget", "targets"] },
  targets: { key: ["metric", "period"], onConflict: "replace", columns: ["metric", "period", "value"] },
  traffic: { key: ["date", "channel", "page"], onConflict: "replace", columns: ["date", "channel", "page", "pv", "uv", "visits", "bounce_rate", "avg_visit_seconds"] },
  experiments: { key: ["experiment", "user_id"], onConflict: "replace", columns: ["experiment", "variant", "user_id", "assigned_at", "intended_share"] },
  recall: { key: ["campaign_id", "user_id"], onConflict: "replace", columns: ["campaign_id", "user_id", "variant", "sent_at", "touch"] },
  nps: { key: ["user_id", "ts"], onConflict: "replace", columns: ["survey", "user_id", "ts", "score", "satisfaction", "comment", "channel"] }
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof tables;
