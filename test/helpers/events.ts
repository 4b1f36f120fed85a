import type { DuckDBConnection } from "@duckdb/node-api";

/** [user, event, local time (session zone unless it has an offset), columns/properties…] */
export type EventRow = [string, string, string, Record<string, string | null>?];

const columns = ["session_id", "platform", "channel", "page"];

/** Inserts hand-written events; extra keys that are not columns go into properties. */
export async function insertEvents(connection: DuckDBConnection, rows: EventRow[]): Promise<void> {
  for (const [user, event, ts, extra = {}] of rows) {
    const props = Object.fromEntries(Object.entries(extra).filter(([k]) => !columns.includes(k)));
    await connection.run(
      `insert into events (user_id, event, ts, platform, channel, properties) values ($user, $event, $ts::timestamptz, $platform, $channel, $props::json)`,
      { user, event, ts, platform: extra.platform ?? null, channel: extra.channel ?? null, props: Object.keys(props).length ? JSON.stringify(props) : null }
    );
  }
}
