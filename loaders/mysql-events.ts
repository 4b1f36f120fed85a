// Tracking events from a MySQL/MariaDB table into the warehouse's `events` table, incrementally:
//
//   OPSBOOK_SOURCE_URL=mysql://reader:password@db.internal:3306/tracking npx tsx loaders/mysql-events.ts
//
// Events never change once written, so the auto-increment id is the watermark. Columns not mapped
// below (product, price …) are kept in the event's properties as JSON, as file exports are.
import { runLoader } from "../src/sources/run-sources.ts";

process.exitCode = await runLoader(
  {
    name: "mysql-events",
    url_env: "OPSBOOK_SOURCE_URL",
    table: "events",
    watermark: "id",
    key: [],
    target: "events",
    columns: {
      user_id: "user_id",
      event: "event_name",
      ts: "event_time",
      session_id: "session_id",
      platform: "platform",
      channel: "utm_source",
      page: "page_url"
    }
  },
  "loaders/mysql-events.ts"
);
