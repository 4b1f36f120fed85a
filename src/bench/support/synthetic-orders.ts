import { closeSync, openSync, writeSync } from "node:fs";
import { CsvWriter } from "../../sample/csv-writer.ts";
import { Random } from "../../sample/random.ts";
import { orderDetailTable, writeIpcChunks } from "../../site/explore-data.ts";

/** Order rows shaped like the explorer's `explore-orders.arrow` loader output (same columns, types, order and chunks). */
export interface SyntheticOrders {
  rows: number;
  /** The answer the explorer's "by channel" cell must show first: the channel with most paid GMV. */
  top: { channel: string; orders: number; gmv: number };
  /** A filter the bench applies once everything has loaded, with its answer counted while writing. */
  filter: { channel: string; status: string; orders: number; users: number; gmv: number };
}

const channels = ["抖音", "小红书", "百度搜索", "知乎", "企业微信", "公众号", "社群", "(none)"];
const channelWeight = [0.26, 0.18, 0.12, 0.06, 0.14, 0.12, 0.08, 0.04];
const statuses = ["paid", "paid", "paid", "paid", "paid", "paid", "refunded", "cancelled", "pending"];

/**
 * Writes `rows` orders twice: as chunked Arrow IPC streams for the browser, newest first (the
 * explorer loader's `orderDetailTable`) and as CSV for native DuckDB. The sample
 * generator cannot reach 5 million orders (that would be ~180 million events), so these rows are
 * synthetic, with the sample's channels and statuses, spread evenly over a year.
 */
export function writeSyntheticOrders(rows: number, arrowFile: string, csvFile: string, seed = 5): SyntheticOrders {
  const rng = new Random(seed);
  const cols = { order_id: [] as string[], user_id: [] as string[], placed_at: [] as string[], date: [] as string[], amount: new Float64Array(rows), status: [] as string[], channel: [] as string[], campaign_id: [] as string[] };
  const csv = new CsvWriter(csvFile, Object.keys(cols));
  const paid = new Map<string, { orders: number; cents: number }>();
  const filter = { channel: channels[1], status: "refunded", orders: 0, users: new Set<string>(), cents: 0 };
  const end = Date.UTC(2026, 10, 20);
  const step = (365 * 86_400_000) / Math.max(rows, 1);
  for (let i = 0; i < rows; i++) {
    // Newest first, as the explorer's loader orders them.
    const t = new Date(Math.floor(end - (i + rng.next()) * step)).toISOString();
    let r = rng.next();
    let c = 0;
    while (c < channels.length - 1 && (r -= channelWeight[c]) > 0) c++;
    // Whole cents, so the expected GMV is summed exactly.
    const cents = Math.round(rng.logNormal(160, 0.55) * 100);
    const row = [`DD${String(i).padStart(10, "0")}`, `u${rng.int(1, 400_000)}`, `${t.slice(0, 10)} ${t.slice(11, 19)}`, t.slice(0, 10), cents / 100, rng.pick(statuses), channels[c], rng.chance(0.2) ? "C2026-618" : ""] as const;
    cols.order_id.push(row[0]);
    cols.user_id.push(row[1]);
    cols.placed_at.push(row[2]);
    cols.date.push(row[3]);
    cols.amount[i] = row[4];
    cols.status.push(row[5]);
    cols.channel.push(row[6]);
    cols.campaign_id.push(row[7]);
    csv.write([...row]);
    if (row[6] === filter.channel && row[5] === filter.status) {
      filter.orders++;
      filter.users.add(row[1]);
      filter.cents += cents;
    }
    if (row[5] === "paid") {
      const s = paid.get(row[6]) ?? { orders: 0, cents: 0 };
      s.orders++;
      s.cents += cents;
      paid.set(row[6], s);
    }
  }
  csv.close();
  const table = orderDetailTable(cols);
  const fd = openSync(arrowFile, "w");
  writeIpcChunks(table, (bytes) => writeSync(fd, bytes));
  closeSync(fd);
  const [channel, best] = [...paid].sort((a, b) => b[1].cents - a[1].cents)[0];
  return {
    rows,
    top: { channel, orders: best.orders, gmv: best.cents / 100 },
    filter: { channel: filter.channel, status: filter.status, orders: filter.orders, users: filter.users.size, gmv: filter.cents / 100 }
  };
}
