import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import type { ReportSource } from "../site/report-source-types.ts";
import { activityRuns } from "./stage-sql.ts";

/** A temporary table of the session: the build's connection is read-only, its temp schema is not. */
const table = "opsbook_activity_runs";

/**
 * The name of a temporary table holding every user's activity runs (stageCtes), computed once per
 * build for all its stage queries (churn counts, flows and recall list, the profile's four periods:
 * each otherwise reads every event again), or undefined for a single loader, whose queries compute
 * their own.
 */
export async function sharedActivityRuns(connection: DuckDBConnection, source: ReportSource | undefined, timezone: string): Promise<string | undefined> {
  if (!source) return undefined;
  return source.once(`activity-runs:${timezone}`, async () => {
    const { sql, params } = activityRuns(timezone);
    await connection.run(`create or replace temp table ${table} as ${sql}`, params as Record<string, DuckDBValue>);
    return table;
  });
}
