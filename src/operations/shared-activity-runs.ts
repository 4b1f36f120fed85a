import type { DuckDBConnection } from "@duckdb/node-api";
import type { ReportSource } from "../site/report-source-types.ts";
import { sharedTable } from "../site/shared-table.ts";
import { activityRuns } from "./stage-sql.ts";

/**
 * The name of a temporary table holding every user's activity runs (stageCtes), computed once per
 * build for all its stage queries (churn counts, flows and recall list, the profile's four periods:
 * each otherwise reads every event again), or undefined for a single loader, whose queries compute
 * their own.
 */
export async function sharedActivityRuns(connection: DuckDBConnection, source: ReportSource | undefined, timezone: string): Promise<string | undefined> {
  return source && sharedTable(connection, source.once, "opsbook_activity_runs", activityRuns(timezone));
}
