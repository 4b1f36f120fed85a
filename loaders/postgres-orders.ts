// Orders from the shop's PostgreSQL database into the warehouse's `orders` table, incrementally:
//
//   OPSBOOK_SOURCE_URL=postgres://reader:password@db.internal:5432/shop npx tsx loaders/postgres-orders.ts
//
// Each run reads only rows whose updated_at moved past the last committed batch, so an order that
// is refunded after payment arrives again and replaces its earlier version. The same source can
// instead be declared under "sources" in opsbook.config.json and run with `opsbook load-db`.
import { runLoader } from "../src/sources/run-sources.ts";

process.exitCode = await runLoader(
  {
    name: "postgres-orders",
    url_env: "OPSBOOK_SOURCE_URL",
    table: "public.orders",
    watermark: "updated_at",
    key: "id",
    target: "orders",
    columns: {
      order_id: "order_no",
      user_id: "user_id",
      ts: "created_at",
      paid_at: "paid_at",
      amount: "paid_amount",
      status: "status",
      channel: "channel",
      campaign_id: "campaign_id"
    }
  },
  "loaders/postgres-orders.ts"
);
