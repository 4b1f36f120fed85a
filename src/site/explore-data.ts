import type { DuckDBConnection } from "@duckdb/node-api";
import { DateDay, Float64, makeData, makeVector, Table, tableToIPC, TimestampMillisecond, Utf8, vectorFromArray } from "apache-arrow";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";

/**
 * The explorer's order detail: one row per order, amounts in yuan, local times as text. Newest
 * first, so the first chunk the browser receives already holds the page's default view (the latest
 * orders) and a stakeholder sees real rows long before millions of older ones have arrived.
 */
export const orderDetailQuery: MetricQuery = {
  sql: `select order_id, user_id, strftime(ts, '%Y-%m-%d %H:%M:%S') as placed_at, cast(ts as date)::varchar as date,
      amount::double as amount, status, coalesce(channel, '(none)') as channel, coalesce(campaign_id, '') as campaign_id
    from orders order by ts desc, order_id desc`
};

/** What the explorer shows before any detail row has loaded; computed over the same rows. */
export interface ExploreSummary {
  rows: number;
  users: number;
  gmv: number;
  firstDay: string | null;
  lastDay: string | null;
  channels: string[];
  statuses: string[];
  paidByChannel: { channel: string; orders: number; gmv: number }[];
}

/**
 * Totals, filter choices and paid orders per channel over `relation` (a table name or a
 * parenthesised query with the order-detail columns). The Arrow loader and the bench's synthetic
 * rows are summarised by this same SQL, so the first view always agrees with the loaded rows.
 */
export async function exploreSummary(connection: DuckDBConnection, relation: string): Promise<ExploreSummary> {
  const run = (sql: string) => queryRows(connection, { sql: `with d as (select * from ${relation}) ${sql}` });
  const [totals] = await run(`select count(*)::bigint as rows, count(distinct user_id)::bigint as users, coalesce(sum(amount), 0)::double as gmv,
    min(date) as first_day, max(date) as last_day from d`);
  const distinct = async (column: string) => (await run(`select distinct ${column} as v from d order by v`)).map((r) => String(r.v));
  const paidByChannel = (await run(`select channel, count(*)::bigint as orders, round(sum(amount), 2)::double as gmv
    from d where status = 'paid' group by channel order by gmv desc, channel`)).map((r) => ({ channel: String(r.channel), orders: Number(r.orders), gmv: Number(r.gmv) }));
  return {
    rows: Number(totals.rows), users: Number(totals.users), gmv: Number(totals.gmv),
    firstDay: (totals.first_day as string | null) ?? null, lastDay: (totals.last_day as string | null) ?? null,
    channels: await distinct("channel"), statuses: await distinct("status"), paidByChannel
  };
}

/** The order-detail columns as the query returns them (times as local "YYYY-MM-DD HH:MM:SS" text). */
export interface OrderDetailColumns {
  order_id: string[];
  user_id: string[];
  placed_at: string[];
  date: string[];
  amount: ArrayLike<number>;
  status: string[];
  channel: string[];
  campaign_id: string[];
}

/**
 * The explorer's Arrow table: local wall-clock times as timestamp[ms] and days as date32 rather
 * than text — 8 and 4 bytes a row in DuckDB-WASM instead of about 35 and 16, so 5 million rows
 * take less of the tab's memory and date filters compare numbers, not strings.
 */
export function orderDetailTable(c: OrderDetailColumns): Table {
  const n = c.order_id.length;
  const ms = new BigInt64Array(n);
  const days = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ms[i] = BigInt(Date.parse(`${c.placed_at[i].replace(" ", "T")}Z`));
    days[i] = Date.parse(`${c.date[i]}T00:00:00Z`) / 86_400_000;
  }
  const utf8 = (values: string[]) => vectorFromArray(values, new Utf8());
  return new Table({
    order_id: utf8(c.order_id), user_id: utf8(c.user_id),
    placed_at: makeVector(makeData({ type: new TimestampMillisecond(), length: n, data: ms })),
    date: makeVector(makeData({ type: new DateDay(), length: n, data: days })),
    amount: makeVector(makeData({ type: new Float64(), length: n, data: Float64Array.from(c.amount) })),
    status: utf8(c.status), channel: utf8(c.channel), campaign_id: utf8(c.campaign_id)
  });
}

/** Rows in the first chunk (the latest orders, shown at once) and in each later one. */
export const chunkRows = { first: 25_000, rest: 125_000 };

/**
 * `table` as a run of complete Arrow IPC streams (schema, one record batch, end-of-stream marker),
 * written one after another. The browser cuts the download at each end-of-stream marker and hands
 * DuckDB-WASM one small stream at a time, so neither the whole file nor a decoded copy of it is
 * ever held at once; read as one ordinary stream, the file gives the first chunk.
 */
export function writeIpcChunks(table: Table, write: (bytes: Uint8Array) => void, { first, rest } = chunkRows): number {
  let chunks = 0;
  for (let start = 0; start < table.numRows || chunks === 0; chunks++) {
    const end = Math.min(table.numRows, start + (chunks === 0 ? first : rest));
    write(tableToIPC(table.slice(start, end), "stream"));
    start = end;
  }
  return chunks;
}
